//! Login throttling. Every attempt is charged *before* its password is checked, in one
//! atomic statement per counter, so a burst of parallel guesses cannot slip past the
//! count while the slow hashes run (and no increment is lost on PostgreSQL). A stranger's
//! attempt (a browser without a device cookie for the login) is charged to two counters:
//!
//! - the login from one client (an IPv4 address, an IPv6 /64): at most [`PER_CLIENT`]
//!   attempts in a window;
//! - the login from anywhere: at most [`PER_LOGIN`], looser, charged only by attempts a
//!   client is still allowed — one address alone can never lock a customer (or the only
//!   operator) out; it takes many addresses together.
//!
//! A browser that signed in to the login before carries a device cookie for it
//! ([`crate::identity::devices`]); its attempts are charged to that device alone, at most
//! [`PER_DEVICE`] in a window, and never meet the per-login cap that strangers fill.
//!
//! A correct password counts only while its counter stayed within the cap: the right
//! password hidden in a burst of wrong ones does not sign in. Strings that are not valid
//! logins are refused before any of this and never reach the table. An attempt refused
//! because the server was busy ([`crate::identity::passwords`]) is never charged: the caller takes
//! a hashing slot before it is charged.

use std::net::{IpAddr, Ipv6Addr};

use sqlx::Row;

use crate::error::ServiceError;
use crate::identity::devices::Device;
use crate::platform::db::Db;

/// Attempts one client may make on one login in a window.
pub const PER_CLIENT: i64 = 5;
/// Attempts on one login from all clients together in a window.
pub const PER_LOGIN: i64 = 50;
/// Attempts one recognised device may make on its login in a window.
pub const PER_DEVICE: i64 = 5;
pub const WINDOW_MS: i64 = 15 * 60 * 1000;

/// Who makes a sign-in attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// A browser whose device cookie was issued for this login.
    Device(Device),
    /// Anyone else, known by the address (when there is one: not from the command line).
    Stranger(Option<IpAddr>),
}

impl Caller {
    /// A stranger at no known address (commands, tests).
    pub const UNKNOWN: Caller = Caller::Stranger(None);

    /// Whether this caller is recognised (which also entitles it to a reserved hashing
    /// slot under a flood of strangers: `passwords::Priority`).
    pub fn is_known(&self) -> bool {
        matches!(self, Caller::Device(_))
    }
}

/// The client an address counts as for per-client limits: an IPv4 address itself; an
/// IPv6 address by its /64, the smallest prefix a customer's line or a cloud host is
/// given (every address of which one holder can use).
pub fn client_bucket(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let prefix = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(Ipv6Addr::from(prefix))
        }
        v4 => v4,
    }
}

/// The counters one attempt was charged to.
#[derive(Debug)]
pub struct Attempt {
    /// The caller's own counter (the login from this client, or this device).
    own: String,
    /// The login's counter, for strangers.
    login: Option<String>,
}

impl Attempt {
    fn new(login: &str, caller: &Caller) -> Self {
        match caller {
            Caller::Device(device) => Attempt {
                own: device.subject(),
                login: None,
            },
            Caller::Stranger(address) => Attempt {
                own: match address {
                    Some(ip) => format!("{login}|{}", client_bucket(*ip)),
                    None => format!("{login}|-"),
                },
                login: Some(login.to_string()),
            },
        }
    }

    fn own_cap(&self) -> i64 {
        if self.login.is_some() {
            PER_CLIENT
        } else {
            PER_DEVICE
        }
    }
}

/// Charges one attempt on `login` (normalised) by `caller`; `Throttled` when the caller,
/// or (for strangers) all strangers together, are over their cap for the current window.
pub async fn charge(
    db: &Db,
    login: &str,
    caller: &Caller,
    now: i64,
) -> Result<Attempt, ServiceError> {
    let attempt = Attempt::new(login, caller);
    let (count, started) = bump(db, &attempt.own, now).await?;
    if count > attempt.own_cap() {
        return Err(throttled(started, now));
    }
    if let Some(login) = &attempt.login {
        let (count, started) = bump(db, login, now).await?;
        if count > PER_LOGIN {
            return Err(throttled(started, now));
        }
    }
    Ok(attempt)
}

/// After the right password: the sign-in stands only if the caller's attempts are still
/// within the cap (other attempts of a burst were charged while this one was hashed).
/// Then the caller's count starts afresh and a stranger's attempt is refunded to the
/// login's.
pub async fn succeeded(db: &Db, attempt: Attempt, now: i64) -> Result<(), ServiceError> {
    let row =
        sqlx::query("SELECT attempts, window_started_at FROM login_attempts WHERE subject = $1")
            .bind(&attempt.own)
            .fetch_optional(&db.pool)
            .await?;
    if let Some(row) = row {
        let (count, started): (i64, i64) = (row.try_get(0)?, row.try_get(1)?);
        if count > attempt.own_cap() && started > now - WINDOW_MS {
            return Err(throttled(started, now));
        }
    }
    sqlx::query("DELETE FROM login_attempts WHERE subject = $1")
        .bind(&attempt.own)
        .execute(&db.pool)
        .await?;
    if let Some(login) = &attempt.login {
        sqlx::query(
            "UPDATE login_attempts SET attempts = attempts - 1 \
             WHERE subject = $1 AND attempts > 0",
        )
        .bind(login)
        .execute(&db.pool)
        .await?;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn an_ipv6_client_is_its_64_and_an_ipv4_client_its_address() {
        assert_eq!(client_bucket(ip("203.0.113.9")), ip("203.0.113.9"));
        assert_eq!(client_bucket(ip("::ffff:203.0.113.9")), ip("203.0.113.9"));
        let bucket = client_bucket(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assert_eq!(bucket, ip("2001:db8:1:2::"));
        assert_eq!(client_bucket(ip("2001:db8:1:2::1")), bucket);
        assert_ne!(client_bucket(ip("2001:db8:1:3::1")), bucket);
    }

    #[test]
    fn a_stranger_is_charged_by_client_and_login_a_device_by_itself() {
        let stranger = Attempt::new("victim", &Caller::Stranger(Some(ip("2001:db8::7"))));
        assert_eq!(stranger.own, "victim|2001:db8::");
        assert_eq!(stranger.login.as_deref(), Some("victim"));
        assert_eq!(stranger.own_cap(), PER_CLIENT);
        let key = crate::identity::devices::DeviceKey::derive(&[1; 32]);
        let cookie = key.renew("victim", None);
        let device = key.recognise("victim", &cookie).unwrap();
        let known = Attempt::new("victim", &Caller::Device(device));
        assert!(known.own.starts_with("device|"), "{}", known.own);
        assert_eq!(known.login, None);
        assert_eq!(known.own_cap(), PER_DEVICE);
    }
}
