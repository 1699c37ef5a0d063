-- Every SMS sent (codes and reminders, whatever the sender), for the caps per phone
-- number and per account (service/src/sms.rs). Purged with the other SMS records.
CREATE TABLE sms_sends (
    id {{ID}},
    account_id BIGINT NOT NULL,
    phone TEXT NOT NULL,
    purpose TEXT NOT NULL,
    sent_at BIGINT NOT NULL
);
CREATE INDEX sms_sends_by_phone ON sms_sends (phone, sent_at);
CREATE INDEX sms_sends_by_account ON sms_sends (account_id, sent_at);
