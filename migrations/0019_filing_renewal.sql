-- Renewal of filing contracts (R25, issue 31). A renewal names the contract it renews
-- and the moment its own term begins: the renewed contract's end, so the year runs on
-- without a gap or an overlap whenever the renewal is signed.
ALTER TABLE contracts ADD COLUMN renews_id BIGINT REFERENCES contracts (id);
ALTER TABLE contracts ADD COLUMN term_starts_at BIGINT;
-- A contract is renewed at most once at a time, enforced by the database: a second
-- renewal racing the first fails here. A deleted renewal no longer counts; a voided one
-- still holds the filings (R7) and so still counts, until it is deleted.
CREATE UNIQUE INDEX contracts_one_renewal ON contracts (renews_id)
    WHERE renews_id IS NOT NULL AND status <> 'deleted';
