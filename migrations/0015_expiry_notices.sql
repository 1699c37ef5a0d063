-- Expiry notices (issue 31): one row per contract and threshold (30, 7 and 1 days before
-- a filing contract expires, domain::expiry), written in the transaction of the notice's
-- audit event. The key makes each notice exactly-once, whatever instances sweep at the
-- same moment or restart in between.
CREATE TABLE contract_notices (
    contract_id BIGINT NOT NULL REFERENCES contracts (id),
    threshold_days BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (contract_id, threshold_days)
);
-- The expiry sweep's one range read: running filing contracts by their expiry; and one
-- account's, for the banner on its contract home.
CREATE INDEX contracts_filing_expiry ON contracts (expires_at)
    WHERE kind = 'filing' AND status = 'effective';
CREATE INDEX contracts_account_filing_expiry ON contracts (account_id, expires_at)
    WHERE kind = 'filing' AND status = 'effective';
