-- When a session began (service/src/session_store.rs), for its absolute lifetime beside
-- the inactivity one. Sessions from before this migration count as ended: their holders
-- sign in once more.
ALTER TABLE sessions ADD COLUMN started_at BIGINT NOT NULL DEFAULT 0;
