//! `/metrics` as Prometheus reads it: requests labelled with their route template (not
//! the raw path), status and a latency histogram; the job queue from the database; the
//! counters the service and the middleware increment. The recorder is per process and
//! other tests add to it, so counts are compared before and after, never absolute.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use axum::Router;
use tower::ServiceExt;

use crate::common::{app_with_config, body_text, call, get, login, send};

async fn scrape(metrics: &Router) -> String {
    let res = metrics
        .clone()
        .oneshot(Request::get("/metrics").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    body_text(res).await
}

/// The value of the series whose line starts with `series` (name and labels), 0 if absent.
fn value(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.trim().parse().ok())
        .unwrap_or(0.0)
}

fn from(peer: &str, mut req: Request<Body>) -> Request<Body> {
    let addr: SocketAddr = format!("{peer}:40000").parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(addr));
    req
}

#[tokio::test]
async fn requests_jobs_and_throttling_are_measured_by_route_template() {
    let (app, ctx) = app_with_config("qy_metrics", true, |config| {
        config.rates.sign_in = std::num::NonZeroU32::new(2).unwrap();
    })
    .await;
    let metrics = server::metrics::router(server::metrics::Scrape {
        db: ctx.db.clone(),
        webhooks: None,
        certificates: None,
    });
    let before = scrape(&metrics).await;
    let landing = r#"qianyue_http_requests_total{method="GET",route="/",status="200"}"#;
    let contract =
        r#"qianyue_http_requests_total{method="GET",route="/contracts/{number}",status="404"}"#;
    let unmatched = r#"qianyue_http_requests_total{method="GET",route="unmatched",status="404"}"#;
    let limited = r#"qianyue_rate_limited_total{kind="sign_in"}"#;

    assert_eq!(send(&app, get("/", None)).await.status(), StatusCode::OK);
    let cookie = login(&app, "ent_demo").await;
    for number in ["QY-NOPE-1", "QY-NOPE-2"] {
        let res = send(&app, get(&format!("/contracts/{number}"), Some(&cookie))).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
    }
    let res = send(&app, get("/no/such/page", None)).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let wrong = || call("/fn/login", "login=ent_demo&password=Wrong-pass-1", None);
    let mut statuses = Vec::new();
    for _ in 0..3 {
        statuses.push(send(&app, from("198.51.100.7", wrong())).await.status());
    }
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS));

    let after = scrape(&metrics).await;
    assert!(
        value(&after, landing) >= value(&before, landing) + 1.0,
        "{after}"
    );
    assert!(
        value(&after, contract) >= value(&before, contract) + 2.0,
        "one series for every contract number: {after}"
    );
    assert!(!after.contains("QY-NOPE"), "raw paths never become labels");
    assert!(
        value(&after, unmatched) >= value(&before, unmatched) + 1.0,
        "{after}"
    );
    assert!(
        value(&after, limited) >= value(&before, limited) + 1.0,
        "{after}"
    );
    assert!(
        after.contains(
            r#"qianyue_http_request_duration_seconds_bucket{method="GET",route="/",le="0.005"}"#
        ),
        "latency is a histogram with buckets: {after}"
    );
    // The demo data has contracts waiting for their background steps.
    let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE done_at IS NULL")
        .fetch_one(&ctx.db.pool)
        .await
        .unwrap();
    assert_eq!(
        value(&after, r#"qianyue_jobs{state="queued"}"#),
        queued as f64,
        "{after}"
    );
    assert!(
        after.contains("qianyue_jobs_oldest_due_age_seconds"),
        "{after}"
    );
}

/// Issue 29: a client that sends made-up methods (proxies pass any token) adds no series:
/// the method is a label from a closed set, every unknown one `other`.
#[tokio::test]
async fn made_up_methods_add_no_series() {
    let (app, ctx) = app_with_config("qy_metrics_methods", true, |_| {}).await;
    let metrics = server::metrics::router(server::metrics::Scrape {
        db: ctx.db.clone(),
        webhooks: None,
        certificates: None,
    });
    let made_up = |n: u64| {
        // A different token each time, letters only, up to 20 KB (what was measured).
        let mut state = n
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let len = if n.is_multiple_of(100) {
            20_000
        } else {
            1 + (state % 64) as usize
        };
        let method: String = (0..len)
            .map(|_| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                char::from(b'A' + ((state >> 33) % 26) as u8)
            })
            .collect();
        let method = axum::http::Method::from_bytes(method.as_bytes()).unwrap();
        Request::builder()
            .method(method)
            .uri("/")
            .header(axum::http::header::HOST, crate::common::HOST)
            .body(Body::empty())
            .unwrap()
    };
    // The first made-up method makes the `other` series; the rest may not add any.
    send(&app, made_up(0)).await;
    let before = scrape(&metrics).await;
    for n in 1..=1000 {
        send(&app, made_up(n)).await;
    }
    let after = scrape(&metrics).await;
    assert!(
        after.len() < before.len() + 2048,
        "/metrics grew from {} to {} bytes",
        before.len(),
        after.len()
    );
    let other: Vec<&str> = after
        .lines()
        .filter(|l| l.starts_with("qianyue_http_requests_total{") && l.contains("method=\"other\""))
        .collect();
    assert_eq!(other.len(), 1, "{other:?}");
    assert!(
        value(&after, other[0].rsplit_once(' ').unwrap().0) >= 1001.0,
        "{other:?}"
    );
}
