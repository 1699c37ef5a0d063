//! Login throttling. Every attempt is charged *before* its password is checked, in one
//! atomic statement per counter, so a burst of parallel guesses cannot slip past the
//! count while the slow hashes run (and no increment is lost on PostgreSQL). Two counters:
//!
//! - the login from one client address: at most [`PER_CLIENT`] attempts in a window;
//! - the login from anywhere: at most [`PER_LOGIN`], looser, charged only by attempts a
//!   client is still allowed — one address alone can never lock a customer (or the only
//!   operator) out; it takes many addresses together.
//!
//! A correct password counts only while its client stayed within the cap: the right
//! password hidden in a burst of wrong ones does not sign in. Strings that are not valid
//! logins are refused before any of this and never reach the table.

use sqlx::Row;

use crate::db::Db;
use crate::error::ServiceError;

/// Attempts one client may make on one login in a window.
pub const PER_CLIENT: i64 = 5;
/// Attempts on one login from all clients together in a window.
pub const PER_LOGIN: i64 = 50;
pub const WINDOW_MS: i64 = 15 * 60 * 1000;

/// The counters one attempt was charged to.
#[derive(Debug)]
pub struct Attempt {
    client: String,
    login: String,
}

impl Attempt {
    fn new(login: &str, client: Option<&str>) -> Self {
        Attempt {
            client: format!("{login}|{}", client.unwrap_or("-")),
            login: login.to_string(),
        }
    }
}

/// Charges one attempt on `login` (normalised) from `client`; `Throttled` when this
/// client, or all clients together, are over their cap for the current window.
pub async fn charge(
    db: &Db,
    login: &str,
    client: Option<&str>,
    now: i64,
) -> Result<Attempt, ServiceError> {
    let attempt = Attempt::new(login, client);
    let (count, started) = bump(db, &attempt.client, now).await?;
    if count > PER_CLIENT {
        return Err(throttled(started, now));
    }
    let (count, started) = bump(db, &attempt.login, now).await?;
    if count > PER_LOGIN {
        return Err(throttled(started, now));
    }
    Ok(attempt)
}

/// After the right password: the sign-in stands only if the client's attempts are still
/// within the cap (other attempts of a burst were charged while this one was hashed).
/// Then the client's count starts afresh and this attempt is refunded to the login's.
pub async fn succeeded(db: &Db, attempt: Attempt, now: i64) -> Result<(), ServiceError> {
    let row =
        sqlx::query("SELECT attempts, window_started_at FROM login_attempts WHERE subject = $1")
            .bind(&attempt.client)
            .fetch_optional(&db.pool)
            .await?;
    if let Some(row) = row {
        let (count, started): (i64, i64) = (row.try_get(0)?, row.try_get(1)?);
        if count > PER_CLIENT && started > now - WINDOW_MS {
            return Err(throttled(started, now));
        }
    }
    sqlx::query("DELETE FROM login_attempts WHERE subject = $1")
        .bind(&attempt.client)
        .execute(&db.pool)
        .await?;
    sqlx::query(
        "UPDATE login_attempts SET attempts = attempts - 1 WHERE subject = $1 AND attempts > 0",
    )
    .bind(&attempt.login)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Forgets windows that have ended (the server runs this periodically).
pub async fn purge(db: &Db, now: i64) -> Result<u64, ServiceError> {
    let done = sqlx::query("DELETE FROM login_attempts WHERE window_started_at <= $1")
        .bind(now - WINDOW_MS)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected())
}

/// One more attempt on `subject`, in a new window if the last one has ended; the count
/// and the window's start after it. One statement: concurrent charges never lose one.
async fn bump(db: &Db, subject: &str, now: i64) -> Result<(i64, i64), ServiceError> {
    let row = sqlx::query(
        "INSERT INTO login_attempts (subject, attempts, window_started_at) VALUES ($1, 1, $2) \
         ON CONFLICT (subject) DO UPDATE SET \
           attempts = CASE WHEN login_attempts.window_started_at <= $3 THEN 1 \
                           ELSE login_attempts.attempts + 1 END, \
           window_started_at = CASE WHEN login_attempts.window_started_at <= $3 THEN $2 \
                                    ELSE login_attempts.window_started_at END \
         RETURNING attempts, window_started_at",
    )
    .bind(subject)
    .bind(now)
    .bind(now - WINDOW_MS)
    .fetch_one(&db.pool)
    .await?;
    Ok((row.try_get(0)?, row.try_get(1)?))
}

fn throttled(window_started_at: i64, now: i64) -> ServiceError {
    metrics::counter!("qianyue_logins_throttled_total").increment(1);
    let retry_after_ms = (window_started_at + WINDOW_MS - now).max(1000);
    ServiceError::Throttled {
        retry_after_secs: (retry_after_ms + 999) / 1000,
    }
}
