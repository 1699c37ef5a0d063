//! Prometheus metrics (the `metrics` facade, rendered by `metrics-exporter-prometheus`):
//! requests by route template, status and latency; the job queue and webhook backlog,
//! read from the database at scrape time (shared by every instance, so each reports the
//! same numbers); and counters the service increments — SMS sent or refused by purpose,
//! throttled sign-ins, rate-limited requests, failed and retried jobs.
//!
//! Served on a listener of its own (`QY_METRICS_ADDR`), never on the public port: the
//! numbers describe the business (how many contracts wait, how many codes are sent).

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{MatchedPath, State};
use axum::http::{header, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::request_id::RequestSpan;
use service::billing::webhooks::Webhooks;
use service::Db;

/// Request latency buckets, seconds: pages answer in milliseconds, a signed PDF in
/// about a second.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The process's recorder, installed on first use (the facade takes one per process).
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_duration_seconds".into()), LATENCY_BUCKETS)
            .expect("the bucket list is not empty");
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        // Fails only if another recorder was installed first; ours then renders nothing
        // the facade records, which the tests would show.
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("a metrics recorder was already installed");
        }
        handle
    })
}

/// Keeps the recorder's histograms compact; run every few seconds by the server.
pub async fn upkeep() {
    let mut tick = tokio::time::interval(Duration::from_secs(5));
    loop {
        tick.tick().await;
        handle().run_upkeep();
    }
}

/// The outermost layer: counts and times every request, labelled with the route
/// template that `mark_route` found and the method from a closed set (never the raw
/// path or method: a client that sends a new contract number or a made-up method with
/// every request would add a series each time, and once grew `/metrics` to 102 MB).
pub async fn track(req: Request<Body>, next: Next) -> Response {
    let started = Instant::now();
    let method = method_label(req.method());
    let response = next.run(req).await;
    let route = response
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let status = response.status().as_u16().to_string();
    metrics::counter!(
        "qianyue_http_requests_total",
        "method" => method,
        "route" => route.clone(),
        "status" => status
    )
    .increment(1);
    metrics::histogram!(
        "qianyue_http_request_duration_seconds",
        "method" => method,
        "route" => route
    )
    .record(started.elapsed().as_secs_f64());
    response
}

/// The method as a label: the ones the app answers, every other one as `other`.
/// Proxies pass any token as a method, so what a client sends never becomes a label.
pub fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// A route layer (it runs after routing, where the template is known): names the
/// route in the request's span (`crate::request_id`) and hands the matched template out
/// to `track` on the response.
pub async fn mark_route(matched: Option<MatchedPath>, req: Request<Body>, next: Next) -> Response {
    if let (Some(matched), Some(RequestSpan(span))) = (&matched, req.extensions().get()) {
        span.record("route", tracing::field::display(matched.as_str()));
    }
    let mut response = next.run(req).await;
    if let Some(matched) = matched {
        response.extensions_mut().insert(matched);
    }
    response
}

/// What the scrape reads from the database.
#[derive(Clone)]
pub struct Scrape {
    pub db: Db,
    /// The webhook deliverer, when webhooks are configured.
    pub webhooks: Option<Webhooks>,
    /// When the signer's and the TSA's certificates expire.
    pub certificates: Option<crate::certificates::CertificateWatch>,
}

/// `GET /metrics` in the Prometheus text format.
pub fn router(scrape: Scrape) -> Router {
    handle();
    Router::new()
        .route("/metrics", get(render))
        .with_state(scrape)
}

async fn render(State(scrape): State<Scrape>) -> Response {
    match scrape.gauges().await {
        Ok(()) => (
            [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
            handle().render(),
        )
            .into_response(),
        Err(e) => {
            tracing::warn!("metrics: {e}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}

impl Scrape {
    async fn gauges(&self) -> Result<(), String> {
        let now = service::platform::clock::wall_clock_ms();
        let queue = service::platform::jobs::stats(&self.db, now)
            .await
            .map_err(|e| e.to_string())?;
        metrics::gauge!("qianyue_jobs", "state" => "queued").set(queue.queued as f64);
        metrics::gauge!("qianyue_jobs", "state" => "running").set(queue.running as f64);
        metrics::gauge!("qianyue_jobs_oldest_due_age_seconds")
            .set(queue.oldest_due_ms as f64 / 1000.0);
        if let Some(certificates) = &self.certificates {
            certificates.set_gauges(now);
        }
        if let Some(webhooks) = &self.webhooks {
            let pending = webhooks.pending().await.map_err(|e| e.to_string())?;
            metrics::gauge!("qianyue_webhook_events_pending").set(pending as f64);
        }
        Ok(())
    }
}
