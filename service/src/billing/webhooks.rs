//! Webhooks: contract status changes (the event feed) POSTed to the billing system,
//! signed with HMAC-SHA256, delivered in order and at least once. The cursor of the last
//! delivered event is stored, so deliveries survive restarts; a failing receiver is
//! retried with exponential backoff (1 s doubling to a minute) and never skipped. With
//! several instances on PostgreSQL, one delivers at a time (a transaction-scoped advisory
//! lock around each delivery; the others find it taken and wait their turn), so a batch
//! is not posted twice at once and the receiver sees the events in order.

use std::sync::Arc;
use std::time::Duration;

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use sqlx::Row;

use crate::billing::{events, Event};
use crate::error::{ServiceError, ServiceResult};
use crate::platform::db::Db;

/// Sends one POST; returns the HTTP status. The server crate implements it with hyper.
#[async_trait::async_trait]
pub trait WebhookTransport: Send + Sync + 'static {
    async fn post(&self, url: &str, body: Vec<u8>, signature: String) -> Result<u16, String>;
}

/// The signature header's name.
pub const SIGNATURE_HEADER: &str = "x-qianyue-signature";

/// `t=<ms>,v1=<hex HMAC-SHA256(secret, "<ms>." + body)>`: the timestamp is signed too, so
/// a captured delivery cannot be replayed later as a fresh one.
pub fn sign(secret: &str, timestamp_ms: i64, body: &[u8]) -> String {
    let hex =
        crate::platform::storage::hex(&mac(secret, timestamp_ms, body).finalize().into_bytes());
    format!("t={timestamp_ms},v1={hex}")
}

/// HMAC-SHA256 of `"<ms>." + body`.
fn mac(secret: &str, timestamp_ms: i64, body: &[u8]) -> Hmac<Sha256> {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any size");
    mac.update(format!("{timestamp_ms}.").as_bytes());
    mac.update(body);
    mac
}

/// How old a delivery a receiver should still accept; older ones are replays.
pub const TOLERANCE_MS: i64 = 5 * 60_000;

/// Checks a signature header the way a receiver should: the HMAC over timestamp and body,
/// and a timestamp within `tolerance_ms` of `now_ms` (so a captured delivery cannot be
/// replayed later).
pub fn verify(secret: &str, header: &str, body: &[u8], now_ms: i64, tolerance_ms: i64) -> bool {
    let mut timestamp = None;
    let mut v1 = None;
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok(),
            Some(("v1", s)) => v1 = Some(s),
            _ => {}
        }
    }
    let (Some(timestamp), Some(v1)) = (timestamp, v1) else {
        return false;
    };
    if (now_ms - timestamp).abs() > tolerance_ms {
        return false;
    }
    let Ok(expected) = (0..v1.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(v1.get(i..i + 2).unwrap_or("zz"), 16))
        .collect::<Result<Vec<u8>, _>>()
    else {
        return false;
    };
    mac(secret, timestamp, body).verify_slice(&expected).is_ok()
}

/// The JSON body of a delivery.
#[derive(Debug, Serialize)]
pub struct Payload {
    pub events: Vec<EventJson>,
}

#[derive(Debug, Serialize)]
pub struct EventJson {
    pub id: i64,
    pub contract_number: String,
    pub account_external_id: Option<String>,
    pub action: String,
    pub status: Option<String>,
    pub sub_status: Option<String>,
    /// `contract.expiring`: the days left when the notice was sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i64>,
    /// `contract.renewed`: the renewal's number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renewal_number: Option<String>,
    pub at: i64,
}

impl From<Event> for EventJson {
    fn from(e: Event) -> Self {
        Self {
            id: e.id,
            contract_number: e.number,
            account_external_id: e.account_external_id,
            action: e.action,
            status: e.state.map(|s| s.status.as_str().to_string()),
            sub_status: e.state.map(|s| s.sub_status.as_str().to_string()),
            days_left: e.days_left,
            renewal_number: e.renewal_number,
            at: e.at,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Nothing new.
    Idle,
    /// This many events were accepted.
    Delivered(usize),
    /// The receiver refused or could not be reached; retry later.
    Failed,
    /// Another instance is delivering.
    Elsewhere,
}

/// The advisory lock one delivering instance holds (PostgreSQL).
const DELIVERY_LOCK: i64 = 0x7179_686f_6f6b; // "qyhook"

const CURSOR: &str = "webhook_cursor";
const BATCH: i64 = 100;

/// The receiver's URL as logs show it: without user info or query, where a receiver's
/// token is often put (`https://user:token@host/hooks?key=…` → `https://host/hooks`).
pub fn shown_url(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    format!("{scheme}://{host}{path}")
}

#[derive(Clone)]
pub struct Webhooks {
    pub db: Db,
    pub url: String,
    pub secret: crate::platform::secret::Secret,
    pub transport: Arc<dyn WebhookTransport>,
}

impl Webhooks {
    async fn cursor(&self) -> ServiceResult<i64> {
        sqlx::query(
            "INSERT INTO sequences (name, value) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING",
        )
        .bind(CURSOR)
        .execute(&self.db.pool)
        .await?;
        Ok(sqlx::query("SELECT value FROM sequences WHERE name = $1")
            .bind(CURSOR)
            .fetch_one(&self.db.pool)
            .await?
            .try_get(0)?)
    }

    /// Events not yet accepted by the receiver (`/metrics`).
    pub async fn pending(&self) -> ServiceResult<i64> {
        let after = self.cursor().await?;
        // Events waiting for a feed position (`billing::sequence`) are pending too.
        let later = match self.db.dialect {
            crate::platform::db::Dialect::Sqlite => "id > $1",
            crate::platform::db::Dialect::Postgres => {
                "(feed_position IS NULL OR feed_position > $1)"
            }
        };
        Ok(sqlx::query(&format!(
            "SELECT COUNT(*) FROM audit_events WHERE {later} AND state_after IS NOT NULL"
        ))
        .bind(after)
        .fetch_one(&self.db.pool)
        .await?
        .try_get(0)?)
    }

    /// Delivers the next batch of events, if any.
    pub async fn deliver_once(&self) -> ServiceResult<Delivery> {
        // Held until this delivery ends (ending the transaction releases it). It writes
        // nothing, so it takes no transaction id and never holds the feed back. SQLite
        // serves one instance (`instance_lock`): no turn to take.
        let turn = match self.db.dialect {
            crate::platform::db::Dialect::Sqlite => None,
            crate::platform::db::Dialect::Postgres => {
                let mut turn = self.db.pool.begin().await?;
                let mine: bool = sqlx::query_scalar("SELECT pg_try_advisory_xact_lock($1)")
                    .bind(DELIVERY_LOCK)
                    .fetch_one(&mut *turn)
                    .await?;
                if !mine {
                    return Ok(Delivery::Elsewhere);
                }
                Some(turn)
            }
        };
        let delivery = self.deliver_batch().await;
        if let Some(turn) = turn {
            turn.rollback().await?;
        }
        delivery
    }

    async fn deliver_batch(&self) -> ServiceResult<Delivery> {
        let after = self.cursor().await?;
        let batch = events(&self.db, after, BATCH).await?;
        let Some(last) = batch.last().map(|e| e.id) else {
            return Ok(Delivery::Idle);
        };
        let count = batch.len();
        let payload = Payload {
            events: batch.into_iter().map(EventJson::from).collect(),
        };
        let body =
            serde_json::to_vec(&payload).map_err(|e| ServiceError::Internal(e.to_string()))?;
        let signature = sign(
            self.secret.expose(),
            crate::platform::clock::wall_clock_ms(),
            &body,
        );
        match self.transport.post(&self.url, body, signature).await {
            Ok(status) if (200..300).contains(&status) => {
                // Guarded: two deliverers never move the cursor backwards.
                sqlx::query("UPDATE sequences SET value = $1 WHERE name = $2 AND value = $3")
                    .bind(last)
                    .bind(CURSOR)
                    .bind(after)
                    .execute(&self.db.pool)
                    .await?;
                Ok(Delivery::Delivered(count))
            }
            Ok(status) => {
                tracing::warn!(status, "webhook refused by {}", shown_url(&self.url));
                Ok(Delivery::Failed)
            }
            Err(e) => {
                tracing::warn!("webhook to {} failed: {e}", shown_url(&self.url));
                Ok(Delivery::Failed)
            }
        }
    }

    /// Delivers until `stop`, backing off while the receiver fails.
    pub async fn run(self, mut stop: tokio::sync::watch::Receiver<bool>) {
        let mut backoff = Duration::from_secs(1);
        loop {
            if *stop.borrow() {
                return;
            }
            let wait = match self.deliver_once().await {
                Ok(Delivery::Delivered(_)) => {
                    backoff = Duration::from_secs(1);
                    continue;
                }
                Ok(Delivery::Idle | Delivery::Elsewhere) => Duration::from_secs(1),
                Ok(Delivery::Failed) | Err(_) => {
                    let wait = backoff;
                    backoff = (backoff * 2).min(Duration::from_secs(60));
                    wait
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = stop.changed() => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_logged_without_its_user_info_or_query() {
        for (url, shown) in [
            (
                "https://billing.example/hooks",
                "https://billing.example/hooks",
            ),
            (
                "https://u:tok@billing.example:8443/h?key=k#x",
                "https://billing.example:8443/h",
            ),
            (
                "http://127.0.0.1:9/hooks?token=abc",
                "http://127.0.0.1:9/hooks",
            ),
            ("https://billing.example", "https://billing.example"),
        ] {
            assert_eq!(shown_url(url), shown, "{url}");
        }
    }

    #[test]
    fn signatures_verify_and_any_change_breaks_them() {
        const T: i64 = 1_800_000_000_000;
        let body = b"{\"events\":[]}";
        let header = sign("s3cret", T, body);
        assert!(header.starts_with("t=1800000000000,v1="));
        assert!(verify("s3cret", &header, body, T + 1_000, TOLERANCE_MS));
        assert!(!verify("other", &header, body, T, TOLERANCE_MS));
        assert!(!verify(
            "s3cret",
            &header,
            b"{\"events\":[1]}",
            T,
            TOLERANCE_MS
        ));
        let shifted = header.replace("t=1800000000000", "t=1800000000001");
        assert!(!verify("s3cret", &shifted, body, T, TOLERANCE_MS));
        // A genuine but old delivery is a replay.
        assert!(!verify(
            "s3cret",
            &header,
            body,
            T + TOLERANCE_MS + 1,
            TOLERANCE_MS
        ));
        assert!(!verify("s3cret", "garbage", b"", T, TOLERANCE_MS));
    }
}
