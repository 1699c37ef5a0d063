//! Server-side sessions in our own database: a `tower_sessions::SessionStore` over the
//! shared pool, so sessions work on SQLite and PostgreSQL alike and survive restarts.
//! The cookie only carries the random 128-bit session id, and the table only its SHA-256
//! ([`stored_id`]): a copy of the database (a backup, a replica, a leaked dump) holds no
//! session anyone could present as a cookie.

use async_trait::async_trait;
use sqlx::Row;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

use crate::platform::db::Db;

/// The session key that holds the signed-in account's id.
pub const ACCOUNT_KEY: &str = "account_id";

/// The session key that holds when the session's expiry was last pushed back (ms).
pub const TOUCHED_KEY: &str = "touched_at";

/// An active session's inactivity expiry is pushed back at most this often: a page view
/// reads the session and writes nothing, except once in this long (a write takes the
/// database's write lock, on SQLite the only one).
pub const TOUCH_EVERY_MS: i64 = 5 * 60 * 1000;

/// Whether a session last touched at `touched` (if ever) is due a touch at `now`.
pub fn touch_due(touched: Option<i64>, now: i64) -> bool {
    touched.is_none_or(|at| now - at >= TOUCH_EVERY_MS || at > now)
}

/// A session ends this long after it began, however active (the cookie's inactivity
/// expiry is shorter and renewed on use): a stolen session id is not good forever. Signing
/// in starts a new session (a new id), so this counts from the sign-in.
pub const MAX_SESSION_MS: i64 = 24 * 60 * 60 * 1000;

/// The key a session is stored under: the SHA-256 of its id, hex.
pub fn stored_id(id: &Id) -> String {
    crate::platform::storage::sha256_hex(id.to_string().as_bytes())
}

/// The account signed in on a session, read with the session in one query
/// ([`DbSessionStore::signed_in`]).
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub account: crate::identity::accounts::Account,
    /// When the session's expiry was last pushed back (ms; [`TOUCHED_KEY`]).
    pub touched_at: Option<i64>,
}

#[derive(Debug, Clone)]
/// Sessions keep the machine's clock (`clock::wall_clock_ms`), not the use cases' one:
/// their expiry comes from the session layer, which reads the machine's clock.
pub struct DbSessionStore {
    db: Db,
}

impl DbSessionStore {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// The account signed in on session `id`, if the session is live and the account
    /// exists: what a console page starts from, in one query. Reading the session through
    /// the session layer and then the account took two, and on SQLite each pooled query
    /// is two hand-offs to the connection's thread (the query, then the pool's check on
    /// release), a large part of a page view's cost.
    pub async fn signed_in(&self, id: &Id) -> Result<Option<SignedIn>, crate::ServiceError> {
        use crate::identity::accounts::{from_row, COLUMNS};
        let now = crate::platform::clock::wall_clock_ms();
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS}, session_data FROM accounts JOIN \
               (SELECT account_id, data AS session_data FROM sessions \
                WHERE id = $1 AND expires_at > $2 AND started_at > $3) live \
             ON accounts.id = live.account_id"
        ))
        .bind(stored_id(id))
        .bind(now)
        .bind(now - MAX_SESSION_MS)
        .fetch_optional(&self.db.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let data: String = row.try_get("session_data")?;
        let data: std::collections::HashMap<String, serde_json::Value> =
            serde_json::from_str(&data)
                .map_err(|e| crate::ServiceError::Internal(format!("bad session data: {e}")))?;
        Ok(Some(SignedIn {
            account: from_row(&row)?,
            touched_at: data.get(TOUCHED_KEY).and_then(|v| v.as_i64()),
        }))
    }

    /// Deletes expired sessions; the server calls this periodically.
    pub async fn delete_expired(&self) -> Result<u64, sqlx::Error> {
        let now = crate::platform::clock::wall_clock_ms();
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at < $1 OR started_at <= $2")
            .bind(now)
            .bind(now - MAX_SESSION_MS)
            .execute(&self.db.pool)
            .await?;
        Ok(done.rows_affected())
    }
}

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

fn encode(record: &Record) -> session_store::Result<(String, Option<i64>, i64)> {
    let data = serde_json::to_string(&record.data)
        .map_err(|e| session_store::Error::Encode(e.to_string()))?;
    let account_id = record.data.get(ACCOUNT_KEY).and_then(|v| v.as_i64());
    let expires_at = (record.expiry_date.unix_timestamp_nanos() / 1_000_000) as i64;
    Ok((data, account_id, expires_at))
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let (data, account_id, expires_at) = encode(record)?;
        // A collision of 128-bit random ids is astronomically unlikely; still, never
        // overwrite someone else's session: retry with a fresh id.
        loop {
            let inserted = sqlx::query(
                "INSERT INTO sessions (id, account_id, data, expires_at, started_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
            )
            .bind(stored_id(&record.id))
            .bind(account_id)
            .bind(&data)
            .bind(expires_at)
            .bind(crate::platform::clock::wall_clock_ms())
            .execute(&self.db.pool)
            .await
            .map_err(backend)?;
            if inserted.rows_affected() == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let (data, account_id, expires_at) = encode(record)?;
        sqlx::query(
            "INSERT INTO sessions (id, account_id, data, expires_at, started_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (id) DO UPDATE SET account_id = $2, data = $3, expires_at = $4",
        )
        .bind(stored_id(&record.id))
        .bind(account_id)
        .bind(&data)
        .bind(expires_at)
        .bind(crate::platform::clock::wall_clock_ms())
        .execute(&self.db.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = crate::platform::clock::wall_clock_ms();
        let row = sqlx::query(
            "SELECT data, expires_at FROM sessions \
             WHERE id = $1 AND expires_at > $2 AND started_at > $3",
        )
        .bind(stored_id(id))
        .bind(now)
        .bind(now - MAX_SESSION_MS)
        .fetch_optional(&self.db.pool)
        .await
        .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let data: String = row.try_get(0).map_err(backend)?;
        let expires_at: i64 = row.try_get(1).map_err(backend)?;
        let data =
            serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date =
            time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(expires_at) * 1_000_000)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(stored_id(id))
            .execute(&self.db.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_touched_at_most_every_few_minutes() {
        let now = 1_800_000_000_000;
        assert!(touch_due(None, now));
        assert!(!touch_due(Some(now), now));
        assert!(!touch_due(Some(now - TOUCH_EVERY_MS + 1), now));
        assert!(touch_due(Some(now - TOUCH_EVERY_MS), now));
        // A touch from the future (a clock step back) is redone rather than trusted.
        assert!(touch_due(Some(now + 60_000), now));
    }
}
