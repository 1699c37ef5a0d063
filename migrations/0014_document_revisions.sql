-- Every stored revision of a contract's formal document (issue 30): 1 the signed one,
-- 2, 3, … each archive renewal (a fresh document time-stamp before the previous one's
-- TSA certificate expires). Downloads serve the newest (contracts.formal_pdf_key);
-- /verify accepts every one. The SHA-256 is also the storage key (content-addressed).
-- archive_expires_at: when the newest time-stamp in that revision stops being provable
-- (its TSA certificate's expiry), NULL when it has none or it was stored before this
-- table (those are not renewed).
CREATE TABLE document_revisions (
    contract_id BIGINT NOT NULL REFERENCES contracts (id),
    seq BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    archive_expires_at BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (contract_id, seq)
);
CREATE INDEX document_revisions_expiry ON document_revisions (archive_expires_at);
CREATE INDEX document_revisions_sha256 ON document_revisions (sha256);
INSERT INTO document_revisions (contract_id, seq, sha256, archive_expires_at, created_at)
SELECT id, 1, formal_pdf_sha256, NULL, COALESCE(effective_at, updated_at)
FROM contracts WHERE formal_pdf_sha256 IS NOT NULL;
