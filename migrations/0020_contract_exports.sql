-- Operators' exports (issue 31): the documents of the contracts matching a search, up to
-- 10,000, as one archive written by a background step into the document store. The
-- filter is kept as asked for (the same three fields as the search); the count is the
-- number of documents when it was asked for. The file is named by a random token and
-- downloadable for 24 hours, then removed.
CREATE TABLE contract_exports (
    id {{ID}},
    requested_by BIGINT NOT NULL REFERENCES accounts (id),
    filter_number TEXT NOT NULL,
    filter_login TEXT NOT NULL,
    filter_status TEXT NOT NULL,             -- '' = every status
    lang TEXT NOT NULL,                      -- the manifest's language
    status TEXT NOT NULL,                    -- queued | running | done | failed
    documents BIGINT NOT NULL,
    file_name TEXT,
    size_bytes BIGINT,
    sha256 TEXT,
    locked_by TEXT,                          -- the instance writing it, until locked_until
    locked_until BIGINT,
    attempts BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    finished_at BIGINT,
    expires_at BIGINT                        -- the link's end (finished + 24 h)
);
-- The export step's claim: the oldest queued (or abandoned) export.
CREATE INDEX contract_exports_pending ON contract_exports (status, created_at, id);
