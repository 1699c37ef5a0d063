-- Login throttling keyed by login *and* client (service/src/throttle.rs). The per-login
-- table this replaces let anyone lock a known login out by typing five wrong passwords.
-- One row per (login, client address) and one per login across all clients; a row is
-- one counting window. Counts of the old table are not carried over (they expire in
-- fifteen minutes anyway).
DROP TABLE login_throttle;
CREATE TABLE login_attempts (
    subject TEXT PRIMARY KEY,
    attempts BIGINT NOT NULL,
    window_started_at BIGINT NOT NULL
);
CREATE INDEX login_attempts_by_window ON login_attempts (window_started_at);
