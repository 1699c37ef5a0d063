-- The creation gate's facts (R1) count an account's framework contracts by status on
-- every view of the contract home and the wizard. With only (account_id, created_at, id)
-- to go by, the count read every contract of the account: 13 ms of the home's 15 at
-- 100,000 contracts (issue 33's growth table, scripts/bench-scale.sh). An account has a
-- handful of framework contracts; this index holds just those.
CREATE INDEX contracts_account_frameworks ON contracts (account_id, status)
    WHERE kind = 'framework';
