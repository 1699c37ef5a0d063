-- Signing reminders and the signing deadline (R23, issue 31). While a dual-channel
-- contract waits for its signer (signing/customer_signing): when signing began, the
-- reminders sent so far (automatic and manual 催签 together, at most 3), when the next
-- automatic one is due (NULL: none), and when the signing is cancelled for want of a
-- signature (each resent code starts the deadline anew).
ALTER TABLE contracts ADD COLUMN signing_started_at BIGINT;
ALTER TABLE contracts ADD COLUMN reminders_sent BIGINT NOT NULL DEFAULT 0;
ALTER TABLE contracts ADD COLUMN next_reminder_at BIGINT;
ALTER TABLE contracts ADD COLUMN signing_deadline_at BIGINT;
-- Contracts already waiting keep the default schedule from their last change.
UPDATE contracts SET signing_started_at = updated_at,
    reminders_sent = CASE WHEN reminded_at IS NULL THEN 0 ELSE 1 END,
    next_reminder_at = updated_at + 86400000,
    signing_deadline_at = updated_at + 604800000
    WHERE status = 'signing' AND sub_status = 'customer_signing';
-- Each sweep is one range read of its own partial index.
CREATE INDEX contracts_reminder_due ON contracts (next_reminder_at)
    WHERE status = 'signing' AND sub_status = 'customer_signing';
CREATE INDEX contracts_signing_deadline ON contracts (signing_deadline_at)
    WHERE status = 'signing' AND sub_status = 'customer_signing';
