-- What a formal document's seal fetched from outside (time-stamp tokens, OCSP
-- responses), kept before the document is assembled: a step run again after a crash
-- reuses them, producing the same bytes without asking the TSA twice (issue 30). Hex,
-- one column type on both databases. Forgotten once the document is stored.
CREATE TABLE signing_evidence (
    contract_id BIGINT NOT NULL REFERENCES contracts (id),
    key TEXT NOT NULL,
    bytes_hex TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (contract_id, key)
);
