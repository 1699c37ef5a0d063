//! Login throttling: after `MAX_FAILURES` failed logins for one login name within
//! `WINDOW_MS`, that login is locked for `LOCK_MS`. Keyed by the normalised login whether
//! or not it exists, so the lock reveals nothing about which accounts exist.

use sqlx::Row;

use crate::db::Db;
use crate::error::ServiceError;

pub const MAX_FAILURES: i64 = 5;
pub const WINDOW_MS: i64 = 15 * 60 * 1000;
pub const LOCK_MS: i64 = 15 * 60 * 1000;

/// Refuses with `Throttled` while the login is locked.
pub async fn check(db: &Db, login: &str, now: i64) -> Result<(), ServiceError> {
    let row = sqlx::query("SELECT locked_until FROM login_throttle WHERE login = $1")
        .bind(login)
        .fetch_optional(&db.pool)
        .await?;
    if let Some(row) = row {
        let locked_until: i64 = row.try_get(0)?;
        if locked_until > now {
            let retry_after_secs = (locked_until - now + 999) / 1000;
            return Err(ServiceError::Throttled { retry_after_secs });
        }
    }
    Ok(())
}

/// Counts one failure; locks the login when the window holds too many.
pub async fn record_failure(db: &Db, login: &str, now: i64) -> Result<(), ServiceError> {
    let mut tx = db.begin_write().await?;
    let row =
        sqlx::query("SELECT failures, window_started_at FROM login_throttle WHERE login = $1")
            .bind(login)
            .fetch_optional(&mut *tx)
            .await?;
    let (failures, window_started_at) = match row {
        Some(row) => (row.try_get::<i64, _>(0)?, row.try_get::<i64, _>(1)?),
        None => (0, now),
    };
    let (failures, window_started_at) = if now - window_started_at > WINDOW_MS {
        (1, now)
    } else {
        (failures + 1, window_started_at)
    };
    let locked_until = if failures >= MAX_FAILURES {
        now + LOCK_MS
    } else {
        0
    };
    sqlx::query(
        "INSERT INTO login_throttle (login, failures, window_started_at, locked_until) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (login) DO UPDATE SET failures = $2, window_started_at = $3, locked_until = $4",
    )
    .bind(login)
    .bind(failures)
    .bind(window_started_at)
    .bind(locked_until)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn clear(db: &Db, login: &str) -> Result<(), ServiceError> {
    sqlx::query("DELETE FROM login_throttle WHERE login = $1")
        .bind(login)
        .execute(&db.pool)
        .await?;
    Ok(())
}
