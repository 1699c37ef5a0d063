-- The dual-party e-signature channel (R11, R12): the customer's mark and signing time,
-- the last 催签 reminder, the enterprise's e-seal (fixed at activation), and whose
-- messages the SMS outbox holds.
ALTER TABLE contracts ADD COLUMN customer_mark TEXT;        -- JSON of domain::mark::CustomerMark
ALTER TABLE contracts ADD COLUMN customer_signed_at BIGINT;
ALTER TABLE contracts ADD COLUMN reminded_at BIGINT;
ALTER TABLE accounts ADD COLUMN esign_seal_text TEXT;
ALTER TABLE sms_outbox ADD COLUMN account_id BIGINT;
ALTER TABLE sms_outbox ADD COLUMN purpose TEXT;
-- One signer per phone number and account, unless a request for it was rejected.
CREATE UNIQUE INDEX signers_account_phone ON signers (account_id, phone) WHERE status <> 'rejected';
