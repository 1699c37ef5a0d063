-- API keys get a scope (service/src/api_keys.rs: 'full' or 'read': events and contracts
-- only) and an optional expiry. Keys from before keep full access and never expire.
ALTER TABLE api_keys ADD COLUMN scope TEXT NOT NULL DEFAULT 'full';
ALTER TABLE api_keys ADD COLUMN expires_at BIGINT;
