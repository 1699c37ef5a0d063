-- Qianyue schema, one source for SQLite and PostgreSQL.
-- `{{ID}}` is the only dialect token: service/src/migrate.rs replaces it with the
-- auto-increment primary key of the database at hand. Everything else is portable:
-- times are UTC epoch milliseconds in BIGINT, flags and counts are BIGINT (0/1 for flags: the Any driver decodes
-- BIGINT as i64 on both databases; INTEGER would be i32 on PostgreSQL) (R16).

CREATE TABLE accounts (
    id {{ID}},
    login TEXT NOT NULL UNIQUE,              -- stored lower-case
    password_hash TEXT NOT NULL,             -- argon2id PHC string
    role TEXT NOT NULL DEFAULT 'customer',   -- customer | operator
    kind TEXT NOT NULL,                      -- enterprise | individual
    external_id TEXT UNIQUE,                 -- the billing system's account id
    realname_status TEXT NOT NULL DEFAULT 'unverified', -- unverified | verified
    subject_name TEXT,                       -- verified subject (party A name, R1)
    id_number_masked TEXT,                   -- USCC or resident ID, masked
    verified_at BIGINT,
    esign_activated_at BIGINT,               -- R11, enterprises
    esign_admin_name TEXT,
    esign_admin_phone TEXT,
    subject_hold BIGINT NOT NULL DEFAULT 0, -- R2: 1 while a subject change awaits an operator
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Server-side sessions (tower-sessions records, JSON data).
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    account_id BIGINT,
    data TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_account ON sessions (account_id);

-- Login throttling, keyed by the normalised login (known or not, so it reveals nothing).
CREATE TABLE login_throttle (
    login TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    window_started_at BIGINT NOT NULL,
    locked_until BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE party_a_profiles (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    address TEXT NOT NULL,
    contact TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    postcode TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Items fed by the billing system.
CREATE TABLE orders (
    id {{ID}},
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    order_no TEXT NOT NULL UNIQUE,
    product TEXT NOT NULL,
    billing_mode TEXT NOT NULL,              -- prepaid | postpaid | refund | monthly_bill | marketplace
    amount_fen BIGINT NOT NULL,              -- negative for refunds (R15)
    created_at BIGINT NOT NULL
);
CREATE INDEX orders_account_created ON orders (account_id, created_at, id);

CREATE TABLE icp_filings (
    id {{ID}},
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    filing_no TEXT NOT NULL UNIQUE,          -- e.g. 京ICP备12345678号
    site_name TEXT NOT NULL,
    domain TEXT NOT NULL,
    order_no TEXT,                           -- linked order
    created_at BIGINT NOT NULL
);
CREATE INDEX icp_filings_account_created ON icp_filings (account_id, created_at, id);

CREATE TABLE recharge_records (
    id {{ID}},
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    record_no TEXT NOT NULL UNIQUE,
    amount_fen BIGINT NOT NULL,
    channel TEXT NOT NULL,
    paid_at BIGINT NOT NULL
);
CREATE INDEX recharge_records_account_paid ON recharge_records (account_id, paid_at, id);

-- Named counters (contract numbers QY-YYYYMMDD-NNNNNN).
CREATE TABLE sequences (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO sequences (name, value) VALUES ('contract_number', 0);

CREATE TABLE signers (
    id {{ID}},
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    status TEXT NOT NULL,                    -- pending | approved | rejected
    created_at BIGINT NOT NULL,
    decided_at BIGINT
);
CREATE INDEX signers_account ON signers (account_id);

CREATE TABLE contracts (
    id {{ID}},
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    number TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,                      -- framework | order | filing | recharge
    channel TEXT NOT NULL,                   -- single | dual (R9: never updated)
    status TEXT NOT NULL,
    sub_status TEXT NOT NULL,
    party_a_name TEXT NOT NULL,              -- snapshot at creation
    party_a_address TEXT NOT NULL,
    party_a_contact TEXT NOT NULL,
    party_a_phone TEXT NOT NULL,
    party_a_email TEXT NOT NULL,
    party_a_postcode TEXT NOT NULL,
    total_fen BIGINT NOT NULL DEFAULT 0,
    template_version TEXT NOT NULL,
    signer_id BIGINT REFERENCES signers (id),
    signer_name TEXT,
    signer_phone TEXT,
    last_error TEXT,                         -- why a background step failed
    draft_pdf_key TEXT,
    draft_pdf_sha256 TEXT,
    formal_pdf_key TEXT,
    formal_pdf_sha256 TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    effective_at BIGINT,
    expires_at BIGINT,                       -- filing contracts: one year after effective (R8)
    voided_at BIGINT,
    deleted_at BIGINT
);
CREATE INDEX contracts_account_created ON contracts (account_id, created_at, id);
-- R3, enforced by the database: one valid (neither voided nor deleted) framework contract per account.
CREATE UNIQUE INDEX contracts_one_valid_framework ON contracts (account_id)
    WHERE kind = 'framework' AND status <> 'voided' AND status <> 'deleted';

CREATE TABLE contract_items (
    id {{ID}},
    contract_id BIGINT NOT NULL REFERENCES contracts (id),
    item_kind TEXT NOT NULL,                 -- order | filing | recharge
    item_id BIGINT NOT NULL,
    item_ref TEXT NOT NULL,                  -- order no / filing no / record no, as printed
    description TEXT NOT NULL,               -- product / site and domain / payment channel
    detail TEXT NOT NULL DEFAULT '',         -- billing mode etc., as printed
    amount_fen BIGINT NOT NULL DEFAULT 0,
    occurred_at BIGINT NOT NULL,
    released_at BIGINT                       -- set when the contract is deleted or a filing term ends
);
CREATE INDEX contract_items_contract ON contract_items (contract_id);
-- R7, enforced by the database: an item is held by at most one contract at a time.
CREATE UNIQUE INDEX contract_items_occupied ON contract_items (item_kind, item_id)
    WHERE released_at IS NULL;

-- Every state change (who, when, from where, what, before -> after).
CREATE TABLE audit_events (
    id {{ID}},
    account_id BIGINT,                       -- the customer account concerned
    actor_kind TEXT NOT NULL,                -- customer | operator | system | api
    actor_id BIGINT,
    contract_id BIGINT,
    action TEXT NOT NULL,
    state_before TEXT,
    state_after TEXT,
    ip TEXT,
    detail TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX audit_events_contract ON audit_events (contract_id, id);
CREATE INDEX audit_events_account ON audit_events (account_id, id);

-- Durable background work (ARCHITECTURE.md "Background work").
CREATE TABLE jobs (
    id {{ID}},
    kind TEXT NOT NULL,
    contract_id BIGINT,
    dedupe_key TEXT NOT NULL UNIQUE,         -- one job per contract and step
    run_at BIGINT NOT NULL,                  -- next attempt (moves with retries)
    scheduled_at BIGINT NOT NULL,            -- first planned run: the step's deterministic timestamp
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    locked_until BIGINT NOT NULL DEFAULT 0,
    locked_by TEXT,
    done_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs (done_at, run_at);

CREATE TABLE sms_codes (
    id {{ID}},
    purpose TEXT NOT NULL,                   -- signing | esign_activation | signer_approval
    subject_id BIGINT NOT NULL,
    phone TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    sent_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX sms_codes_subject ON sms_codes (purpose, subject_id, id);

CREATE TABLE sms_outbox (
    id {{ID}},
    phone TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE paper_requests (
    id {{ID}},
    contract_id BIGINT NOT NULL UNIQUE REFERENCES contracts (id),
    recipient TEXT NOT NULL,
    phone TEXT NOT NULL,
    address TEXT NOT NULL,                   -- immutable once submitted (R13)
    postcode TEXT NOT NULL,
    copies BIGINT NOT NULL,
    status TEXT NOT NULL,                    -- requested | shipped
    carrier TEXT,
    tracking_no TEXT,
    created_at BIGINT NOT NULL,
    shipped_at BIGINT
);

CREATE TABLE offline_stampings (
    id {{ID}},
    contract_id BIGINT NOT NULL REFERENCES contracts (id),
    copies BIGINT NOT NULL,
    courier TEXT NOT NULL,
    tracking_no TEXT NOT NULL,
    return_recipient TEXT NOT NULL,
    return_phone TEXT NOT NULL,
    return_address TEXT NOT NULL,            -- immutable once submitted (R14)
    return_postcode TEXT NOT NULL,
    status TEXT NOT NULL,                    -- submitted | received | stamped | returned
    return_carrier TEXT,
    return_tracking_no TEXT,
    created_at BIGINT NOT NULL,
    received_at BIGINT,
    stamped_at BIGINT,
    returned_at BIGINT
);
CREATE INDEX offline_stampings_contract ON offline_stampings (contract_id);

CREATE TABLE subject_changes (
    id {{ID}},
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    old_name TEXT NOT NULL,
    new_name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    resolution TEXT,                         -- transfer_supplement | rename_letter
    note TEXT,
    resolved_by BIGINT,
    resolved_at BIGINT
);

CREATE TABLE api_keys (
    id {{ID}},
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,           -- SHA-256 of the key; the key is shown once
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

-- Public document verification (/verify): one row per check, shown at an unguessable URL.
CREATE TABLE verifications (
    token TEXT PRIMARY KEY,
    number TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    signature TEXT,                          -- valid | altered | not_signed | wrong_signer | malformed; NULL when only a hash was given
    created_at BIGINT NOT NULL
);
