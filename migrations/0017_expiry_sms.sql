-- Expiry notices by SMS (issue 31, R24): where the customer opted in on the party A page,
-- the phone a filing contract names for party A is told too, 30, 7 and 1 days before it
-- ends. Off (0) unless chosen.
ALTER TABLE accounts ADD COLUMN expiry_sms BIGINT NOT NULL DEFAULT 0;
