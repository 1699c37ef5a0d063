//! Sealing with a provider's own certificate (issue 30): the formal PDF gets its
//! time-stamps from the configured TSAs over HTTP (the first one down, the next one
//! answering) and its revocation data from the responder the certificates name — here a
//! CA, a TSA and an OCSP responder on loopback that count what they are asked. A service
//! outage leaves the contract in 服务商签署 with nothing stored and is retried; what was
//! fetched before the outage is kept and never asked for again; a revoked signer
//! certificate fails the step at once. pyHanko judges the result valid offline.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use axum::Router;

use crate::common::{app_with_config, body_text, get, json, login, send};
use crate::http::create_framework;

/// A development CA with its TSA and OCSP responder, on loopback.
struct TrustServer {
    pki: pdf::DevelopmentPki,
    timestamps: AtomicUsize,
    statuses: AtomicUsize,
    /// While set, the TSA answers 503.
    tsa_down: AtomicBool,
    /// While set, the responder answers 503.
    ocsp_down: AtomicBool,
    /// While set, the responder says the signer's certificate is revoked.
    signer_revoked: AtomicBool,
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

async fn timestamp(State(server): State<Arc<TrustServer>>, body: Bytes) -> impl IntoResponse {
    if server.tsa_down.load(Ordering::SeqCst) {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    server.timestamps.fetch_add(1, Ordering::SeqCst);
    let reply = server.pki.tsa.respond(&body, now_ms()).unwrap();
    (
        [(header::CONTENT_TYPE, "application/timestamp-reply")],
        reply,
    )
        .into_response()
}

async fn status(State(server): State<Arc<TrustServer>>, body: Bytes) -> impl IntoResponse {
    if server.ocsp_down.load(Ordering::SeqCst) {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    server.statuses.fetch_add(1, Ordering::SeqCst);
    let ca = server.pki.authority.certificate_der().unwrap();
    let signer = server.pki.identity.certificate_der().to_vec();
    let tsa = server.pki.tsa.certificate_der().to_vec();
    // The request names the certificate as our own request would.
    let Some(certificate) = [signer.clone(), tsa]
        .into_iter()
        .find(|c| pdf::ocsp::request(c, &ca).unwrap() == body.as_ref())
    else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let revoked = (server.signer_revoked.load(Ordering::SeqCst) && certificate == signer)
        .then(|| now_ms() - 3_600_000);
    let response = server
        .pki
        .authority
        .ocsp_status(&certificate, now_ms(), revoked)
        .unwrap();
    (
        [(header::CONTENT_TYPE, "application/ocsp-response")],
        response,
    )
        .into_response()
}

/// Starts the services on a port of their own; the PKI (under `dir`) names its
/// responder there.
async fn trust_server(dir: &std::path::Path) -> (Arc<TrustServer>, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (pki, _) =
        pdf::DevelopmentPki::load_or_create(dir, "示例云计算有限公司", &format!("{base}/ocsp"))
            .unwrap();
    let server = Arc::new(TrustServer {
        pki,
        timestamps: AtomicUsize::new(0),
        statuses: AtomicUsize::new(0),
        tsa_down: AtomicBool::new(false),
        ocsp_down: AtomicBool::new(false),
        signer_revoked: AtomicBool::new(false),
    });
    let app = Router::new()
        .route("/tsa", post(timestamp))
        .route("/ocsp", post(status))
        .with_state(server.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (server, base)
}

/// A contract's state and formal document key, as stored.
async fn stored(ctx: &service::Ctx, number: &str) -> (String, Option<String>, Option<String>) {
    sqlx::query_as("SELECT sub_status, formal_pdf_key, last_error FROM contracts WHERE number = $1")
        .bind(number)
        .fetch_one(&ctx.db.pool)
        .await
        .unwrap()
}

async fn kept(ctx: &service::Ctx) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM signing_evidence")
        .fetch_one(&ctx.db.pool)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_providers_certificate_is_sealed_at_b_lta_through_outages_and_never_asks_twice() {
    let dir = crate::tools::temp_dir("sealing");
    let (trust, base) = trust_server(&dir.join("pki")).await;
    let pki_dir = dir.join("pki");
    let (app, ctx) = app_with_config("qy_sealing", false, |config| {
        config.signing = Some((
            pki_dir.join("signing-chain.pem"),
            pki_dir.join("signing-key.pem"),
        ));
        config.pades = server::config::PadesSetting {
            level: pdf::Level::BLTA,
            // The first TSA is down for good: every time-stamp comes from the second.
            tsa_urls: vec!["http://127.0.0.1:9/tsa".into(), format!("{base}/tsa")],
            timeout_ms: 5_000,
        };
    })
    .await;
    let worker = service::worker::Worker::new(
        ctx.clone(),
        service::worker::WorkerConfig {
            backoff_ms: 0,
            max_attempts: 5,
            ..Default::default()
        },
    );
    // The recorder is installed with the first metrics router.
    let metrics = server::metrics::router(server::metrics::Scrape {
        db: ctx.db.clone(),
        webhooks: None,
        certificates: None,
    });
    let ent = login(&app, "ent_demo").await;
    let number = create_framework(&app, &ent).await;
    assert!(worker.run_once().await.unwrap(), "the draft");
    let op = serde_json::json!({ "number": number, "operation": "convert_to_formal" });
    assert_eq!(
        send(&app, json("/fn/contracts/operate", op, &ent))
            .await
            .status(),
        StatusCode::OK
    );

    // The TSA is down: nothing is stored, the contract waits in provider signing.
    trust.tsa_down.store(true, Ordering::SeqCst);
    assert!(worker.run_once().await.unwrap());
    let (sub_status, key, _) = stored(&ctx, &number).await;
    assert_eq!(sub_status, domain::SubStatus::ProviderSigning.as_str());
    assert_eq!(key, None);
    assert_eq!(kept(&ctx).await, 0);

    // The TSA answers, the responder is down: the signature's time-stamp is kept.
    trust.tsa_down.store(false, Ordering::SeqCst);
    trust.ocsp_down.store(true, Ordering::SeqCst);
    assert!(worker.run_once().await.unwrap());
    let (sub_status, key, _) = stored(&ctx, &number).await;
    assert_eq!(sub_status, domain::SubStatus::ProviderSigning.as_str());
    assert_eq!(key, None);
    assert_eq!(kept(&ctx).await, 1);
    assert_eq!(trust.timestamps.load(Ordering::SeqCst), 1);

    let text = body_text(send(&metrics, get("/metrics", None)).await).await;
    for service in ["tsa", "ocsp"] {
        let series = format!("qianyue_pades_failures_total{{service=\"{service}\"}} 1");
        assert!(text.contains(&series), "{series} in {text}");
    }

    // Both answer: the signature's time-stamp is not asked for again; the document's is.
    trust.ocsp_down.store(false, Ordering::SeqCst);
    assert!(worker.run_once().await.unwrap());
    let (sub_status, key, last_error) = stored(&ctx, &number).await;
    assert_eq!(
        sub_status,
        domain::SubStatus::EContractEffective.as_str(),
        "{last_error:?}"
    );
    assert!(key.is_some());
    assert_eq!(trust.timestamps.load(Ordering::SeqCst), 2);
    // The signer's and the TSA's status after the signature, the TSA's after the
    // document time-stamp.
    assert_eq!(trust.statuses.load(Ordering::SeqCst), 3);
    assert_eq!(kept(&ctx).await, 0, "forgotten once inside the document");

    let res = send(
        &app,
        get(&format!("/contracts/{number}/pdf/formal"), Some(&ent)),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let formal = axum::body::to_bytes(res.into_body(), 1 << 24)
        .await
        .unwrap();
    std::fs::write(dir.join("formal.pdf"), &formal).unwrap();
    let stamp = pdf::signature_timestamp(&formal).expect("a signature time-stamp");
    assert!(stamp.tsa_name.contains("TSA"), "{}", stamp.tsa_name);
    let verdict =
        crate::tools::pyhanko_adesverify_now(&dir.join("formal.pdf"), &pki_dir.join("ca.pem"));
    assert!(
        verdict.contains("Signature1:")
            && verdict.contains(":VALID")
            && !verdict.contains(":INVALID"),
        "{verdict}"
    );
    let verify_page = body_text(send(&app, get("/verify", None)).await).await;
    assert!(!verify_page.is_empty());

    // A revoked signer certificate: the step fails at once, visibly, nothing stored.
    // (Another account: ent_demo's framework contract is in effect.)
    trust.signer_revoked.store(true, Ordering::SeqCst);
    let ind = login(&app, "ind_demo").await;
    let second = create_framework(&app, &ind).await;
    assert!(worker.run_once().await.unwrap(), "the draft");
    let op = serde_json::json!({ "number": second, "operation": "convert_to_formal" });
    assert_eq!(
        send(&app, json("/fn/contracts/operate", op, &ind))
            .await
            .status(),
        StatusCode::OK
    );
    assert!(worker.run_once().await.unwrap());
    let (sub_status, key, last_error) = stored(&ctx, &second).await;
    assert_eq!(sub_status, domain::SubStatus::SigningFailed.as_str());
    assert_eq!(key, None);
    assert!(
        last_error.as_deref().is_some_and(|e| e.contains("revoked")),
        "{last_error:?}"
    );
    let failed_events: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events e JOIN contracts c ON c.id = e.contract_id \
         WHERE c.number = $1 AND e.action = $2",
    )
    .bind(&second)
    .bind(domain::AuditAction::ProviderSigningFailed.as_str())
    .fetch_one(&ctx.db.pool)
    .await
    .unwrap();
    assert_eq!(failed_events, 1);
}

/// `/readyz` warns 30 days before the signer's certificate expires, still ready;
/// `/metrics` shows the seconds left for the signer and the TSA.
#[tokio::test]
async fn certificate_expiry_is_a_warning_and_a_gauge() {
    let (_, ctx) = app_with_config("qy_cert_watch", true, |_| {}).await;
    let now = now_ms();
    let day = 86_400_000;
    let watch = server::certificates::CertificateWatch::new(now + 10 * day, None);
    let readiness = server::health::Readiness {
        db: ctx.db.clone(),
        storage: ctx.storage.clone(),
        heartbeat: Arc::default(),
        draining: Arc::default(),
        certificates: watch.clone(),
    };
    readiness.heartbeat.beat(now);
    let report = readiness.report(now).await;
    assert!(report.ready, "{report:?}");
    assert_eq!(report.signer_certificate, "expires_soon");
    let later = server::health::Readiness {
        certificates: server::certificates::CertificateWatch::new(now + 40 * day, None),
        ..readiness.clone()
    };
    assert_eq!(later.report(now).await.signer_certificate, "ok");

    watch.saw_tsa(now + 365 * day);
    let metrics = server::metrics::router(server::metrics::Scrape {
        db: ctx.db.clone(),
        webhooks: None,
        certificates: Some(watch),
    });
    let text = body_text(send(&metrics, get("/metrics", None)).await).await;
    let seconds = |label: &str| -> f64 {
        let prefix = format!("qianyue_certificate_expiry_seconds{{certificate=\"{label}\"}} ");
        text.lines()
            .find_map(|l| l.strip_prefix(&prefix))
            .unwrap_or_else(|| panic!("no {label} gauge in {text}"))
            .parse()
            .unwrap()
    };
    let signer = seconds("signer");
    assert!((signer - 10.0 * 86_400.0).abs() < 120.0, "{signer}");
    let tsa = seconds("tsa");
    assert!((tsa - 365.0 * 86_400.0).abs() < 120.0, "{tsa}");
}
