//! Health checks for load balancers and orchestrators. `/healthz` answers while the
//! process can serve at all (liveness: restart it if not); `/readyz` answers 200 only
//! when this instance can do its work — the database reachable and migrated to this
//! build's schema, documents writable, the background worker going round its loop — and
//! 503 once the server is shutting down, so traffic moves elsewhere before it stops.
//! It also warns, without failing, when the signing certificate expires within 30 days.
//! The report names each check with a word, never an error's text (it is public); the
//! details go to the log.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use service::platform::storage::Storage;
use service::worker::Heartbeat;
use service::Db;

/// A worker that has not gone round its loop for this long is stuck or gone (a step
/// takes a few seconds; an idle worker beats four times a second).
pub const WORKER_STALE_MS: i64 = 60_000;

#[derive(Clone)]
pub struct Readiness {
    pub db: Db,
    pub storage: Storage,
    /// Beaten by the worker of this process (`WorkerConfig::heartbeat`).
    pub heartbeat: Arc<Heartbeat>,
    /// Set when shutdown begins.
    pub draining: Arc<AtomicBool>,
    /// The signer's expiry: a warning, never a failure.
    pub certificates: crate::certificates::CertificateWatch,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Report {
    pub ready: bool,
    pub database: &'static str,
    pub storage: &'static str,
    pub worker: &'static str,
    /// `ok`, `expires_soon` (30 days or less: order the next certificate) or `expired`;
    /// a warning, not counted in `ready`.
    pub signer_certificate: &'static str,
    pub shutting_down: bool,
}

pub fn router<S: Clone + Send + Sync + 'static>(readiness: Readiness) -> Router<S> {
    Router::new()
        .route("/healthz", get(|| async { ([no_store()], "ok") }))
        .route("/readyz", get(readyz))
        .with_state(readiness)
}

fn no_store() -> (header::HeaderName, &'static str) {
    (header::CACHE_CONTROL, "no-store")
}

async fn readyz(State(readiness): State<Readiness>) -> impl IntoResponse {
    let report = readiness
        .report(service::platform::clock::wall_clock_ms())
        .await;
    let status = if report.ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, [no_store()], Json(report))
}

/// How long each check may take: a load balancer's probe gives up after a second or
/// two, and an answer late is no answer.
pub const CHECK_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(500);

impl Readiness {
    /// The checks run side by side, each bounded by [`CHECK_TIMEOUT`]: the report comes
    /// within a second whatever is down.
    pub async fn report(&self, now: i64) -> Report {
        let (database, storage) = tokio::join!(
            tokio::time::timeout(
                CHECK_TIMEOUT,
                service::platform::migrate::is_current(&self.db.pool)
            ),
            tokio::time::timeout(CHECK_TIMEOUT, self.storage.check())
        );
        let database = match database {
            Ok(Ok(true)) => "ok",
            Ok(Ok(false)) => "schema_mismatch",
            Ok(Err(e)) => {
                tracing::warn!("readiness: database: {e}");
                "unreachable"
            }
            Err(_) => {
                tracing::warn!("readiness: database: no answer within {CHECK_TIMEOUT:?}");
                "unreachable"
            }
        };
        let storage = match storage {
            Ok(Ok(())) => "ok",
            Ok(Err(e)) => {
                tracing::warn!("readiness: storage: {e}");
                "unwritable"
            }
            Err(_) => {
                tracing::warn!("readiness: storage: no answer within {CHECK_TIMEOUT:?}");
                "unwritable"
            }
        };
        let beat = self.heartbeat.last();
        let worker = if beat == 0 {
            "not_started"
        } else if now - beat > WORKER_STALE_MS {
            "stalled"
        } else {
            "ok"
        };
        let shutting_down = self.draining.load(Ordering::Relaxed);
        Report {
            ready: !shutting_down && [database, storage, worker].iter().all(|c| *c == "ok"),
            database,
            storage,
            worker,
            signer_certificate: self.certificates.signer_status(now),
            shutting_down,
        }
    }
}
