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
use service::platform::storage::DocumentKey;

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
    /// While set, the responder holds each request (counted in `held`) until it is
    /// cleared: a server can be killed in the middle of its step.
    ocsp_hold: AtomicBool,
    held: AtomicUsize,
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
    if server.ocsp_hold.load(Ordering::SeqCst) {
        server.held.fetch_add(1, Ordering::SeqCst);
        while server.ocsp_hold.load(Ordering::SeqCst) {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }
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
        ocsp_hold: AtomicBool::new(false),
        held: AtomicUsize::new(0),
    });
    let app = Router::new()
        .route("/tsa", post(timestamp))
        .route("/ocsp", post(status))
        .with_state(server.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (server, base)
}

/// The server as a provider runs it: its own certificate (the loopback PKI's, in
/// `pki_dir`), sealing at B-LTA with the TSAs at `tsa_urls`.
fn own_certificate(config: &mut server::Config, pki_dir: &std::path::Path, tsa_urls: Vec<String>) {
    config.signing = Some((
        pki_dir.join("signing-chain.pem"),
        pki_dir.join("signing-key.pem"),
    ));
    config.pades = server::config::PadesSetting {
        level: pdf::Level::BLTA,
        tsa_urls,
        timeout_ms: 5_000,
        renewal_window_ms: 60 * 86_400_000,
    };
}

/// A worker that retries a failed step at once, five attempts in all.
fn eager_worker(ctx: &service::Ctx) -> service::worker::Worker {
    service::worker::Worker::new(
        ctx.clone(),
        service::worker::WorkerConfig {
            backoff_ms: 0,
            max_attempts: 5,
            ..Default::default()
        },
    )
}

/// A framework contract of the signed-in customer, its draft made and converted to
/// formal: provider signing is due.
async fn converted(app: &Router, worker: &service::worker::Worker, cookie: &str) -> String {
    let number = create_framework(app, cookie).await;
    assert!(worker.run_once().await.unwrap(), "the draft");
    let op = serde_json::json!({ "number": number, "operation": "convert_to_formal" });
    assert_eq!(
        send(app, json("/fn/contracts/operate", op, cookie))
            .await
            .status(),
        StatusCode::OK
    );
    number
}

/// A contract's state and formal document key, as stored.
async fn stored(ctx: &service::Ctx, number: &str) -> (String, Option<String>, Option<String>) {
    sqlx::query_as("SELECT sub_status, formal_pdf_key, last_error FROM contracts WHERE number = $1")
        .bind(number)
        .fetch_one(&ctx.db.pool)
        .await
        .unwrap()
}

/// The contract is in effect, its formal document stored.
async fn assert_effective(ctx: &service::Ctx, number: &str) {
    let (sub_status, key, last_error) = stored(ctx, number).await;
    assert_eq!(
        sub_status,
        domain::SubStatus::EContractEffective.as_str(),
        "{last_error:?}"
    );
    assert!(key.is_some());
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
        // The first TSA is down for good: every time-stamp comes from the second.
        let tsa_urls = vec!["http://127.0.0.1:9/tsa".into(), format!("{base}/tsa")];
        own_certificate(config, &pki_dir, tsa_urls);
    })
    .await;
    let worker = eager_worker(&ctx);
    // The recorder is installed with the first metrics router.
    let metrics = server::metrics::router(server::metrics::Scrape {
        db: ctx.db.clone(),
        webhooks: None,
        certificates: None,
    });
    let ent = login(&app, "ent_demo").await;
    let number = converted(&app, &worker, &ent).await;

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
    assert_effective(&ctx, &number).await;
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
    let second = converted(&app, &worker, &ind).await;
    assert!(worker.run_once().await.unwrap());
    let (sub_status, key, last_error) = stored(&ctx, &second).await;
    assert_eq!(sub_status, domain::SubStatus::SigningFailed.as_str());
    assert_eq!(key, None);
    assert!(
        last_error.as_deref().is_some_and(|e| e.contains("revoked")),
        "{last_error:?}"
    );
    assert_eq!(
        kept(&ctx).await,
        0,
        "nothing kept for a signing that failed"
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

/// The server process killed (SIGKILL) after the signature's time-stamp was kept and
/// while it waits for the responder: after a restart the step finishes with the kept
/// token — the TSA is asked once for that signature — and exactly one document.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_seal_reuses_the_kept_time_stamp_after_restart() {
    use std::time::Duration;

    let dir = crate::tools::temp_dir("sealing-kill");
    let pki_dir = dir.join("pki");
    let (trust, base) = trust_server(&pki_dir).await;
    let binary = RealServer::set_up(&dir, &pki_dir, &base, &[]).await;
    let (db, ctx) = (binary.db.clone(), binary.ctx.clone());
    let account = service::identity::accounts::find_by_login(&db, "ent_demo")
        .await
        .unwrap()
        .unwrap()
        .id;
    let start = || binary.start();

    let server = start();
    let new = domain::new_contract::NewContract {
        kind: domain::ContractType::Framework,
        channel: domain::Channel::Single,
        item_ids: vec![],
        party_a: service::identity::party_a::get(&db, account)
            .await
            .unwrap()
            .profile
            .unwrap(),
        confirmed: true,
    };
    let actor = service::platform::audit::Actor::customer(account, None);
    let number = service::contracts::create_contract(&ctx, account, &new, &actor)
        .await
        .unwrap();
    wait_for_draft(&ctx, number.as_str()).await;
    trust.ocsp_hold.store(true, Ordering::SeqCst);
    service::contracts::perform(
        &ctx,
        account,
        &number,
        domain::Operation::ConvertToFormal,
        &actor,
    )
    .await
    .unwrap();
    // The token is kept, and the responder holds the first status request: kill.
    let check = deadline("the responder asked", 60);
    while trust.held.load(Ordering::SeqCst) == 0 {
        check();
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(
        kept(&ctx).await,
        1,
        "the signature's time-stamp is kept first"
    );
    let token: String = sqlx::query_scalar("SELECT bytes_hex FROM signing_evidence")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    drop(server); // SIGKILL
    trust.ocsp_hold.store(false, Ordering::SeqCst);
    assert_eq!(trust.timestamps.load(Ordering::SeqCst), 1);

    let _server = start();
    let key = wait_for_effective(&ctx, number.as_str()).await;
    // The signature's time-stamp once, the document's once.
    assert_eq!(trust.timestamps.load(Ordering::SeqCst), 2);
    let formal = ctx.storage.get(&key).await.unwrap();
    let stamp = pdf::signature_timestamp(&formal).expect("time-stamped");
    let kept_token: String = stamp.token.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        kept_token, token,
        "the document carries the token kept before the kill"
    );
    let signed: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events e JOIN contracts c ON c.id = e.contract_id \
         WHERE c.number = $1 AND e.action = $2",
    )
    .bind(number.as_str())
    .bind(domain::AuditAction::ProviderSigned.as_str())
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(signed, 1, "one transition");
    std::fs::write(dir.join("formal.pdf"), &formal).unwrap();
    let verdict =
        crate::tools::pyhanko_adesverify_now(&dir.join("formal.pdf"), &pki_dir.join("ca.pem"));
    assert!(
        verdict.contains(":VALID") && !verdict.contains(":INVALID"),
        "{verdict}"
    );
}

/// The worker renews a demo contract's document when its newest time-stamp falls
/// within the window: a second revision, an incremental update of the first that
/// downloads then serve, which pyHanko judges VALID; `/verify` still accepts the first.
#[tokio::test]
async fn the_worker_renews_a_document_into_a_second_revision() {
    let (app, ctx) = app_with_config("qy_renewal", true, |_| {}).await;
    let worker = service::worker::Worker::new(
        ctx.clone(),
        service::worker::WorkerConfig {
            backoff_ms: 0,
            ..Default::default()
        },
    );
    let ent = login(&app, "ent_demo").await;
    let number = converted(&app, &worker, &ent).await;
    assert!(worker.run_once().await.unwrap(), "signed");
    let download = || async {
        let res = send(
            &app,
            get(&format!("/contracts/{number}/pdf/formal"), Some(&ent)),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        axum::body::to_bytes(res.into_body(), 1 << 24)
            .await
            .unwrap()
            .to_vec()
    };
    let first = download().await;
    let horizon = pdf::pades::archive_expires_at_ms(&first).expect("B-LTA");
    assert_eq!(worker.queue_renewals().await.unwrap(), 0, "years away");

    // As if the TSA certificate under it expired within the window.
    sqlx::query("UPDATE document_revisions SET archive_expires_at = $1")
        .bind(now_ms() + 86_400_000)
        .execute(&ctx.db.pool)
        .await
        .unwrap();
    assert_eq!(worker.queue_renewals().await.unwrap(), 1);
    assert!(worker.run_once().await.unwrap(), "renewed");
    let second = download().await;
    assert!(second.len() > first.len() && second.starts_with(&first));
    assert_eq!(pdf::pades::archive_expires_at_ms(&second), Some(horizon));
    assert_eq!(
        pdf::seal_summary(&second).map(|s| s.level),
        Some(pdf::Level::BLTA)
    );
    let dir = crate::tools::temp_dir("renewed");
    std::fs::write(dir.join("renewed.pdf"), &second).unwrap();
    let ca = body_text(send(&app, get("/verify/ca.pem", None)).await).await;
    std::fs::write(dir.join("ca.pem"), ca).unwrap();
    let verdict =
        crate::tools::pyhanko_adesverify_now(&dir.join("renewed.pdf"), &dir.join("ca.pem"));
    assert!(
        verdict.contains(":VALID") && !verdict.contains(":INVALID"),
        "{verdict}"
    );
    // Both revisions are genuine, and the result page says which one a file is.
    for (seq, document) in [(1, &first), (2, &second)] {
        let sha = service::platform::storage::sha256_hex(document);
        let token = &sha[..32];
        service::esign::verify::record(&ctx.db, token, &number, &sha, None, None)
            .await
            .unwrap();
        let report = service::esign::verify::report(&ctx.db, token, "示例云计算有限公司")
            .await
            .unwrap();
        assert_eq!(report.verdict, domain::verification::HashVerdict::Genuine);
        assert_eq!(
            report.revision,
            Some(domain::verification::DocumentRevision { seq, of: 2 })
        );
        let page = body_text(send(&app, get(&format!("/verify/result/{token}"), None)).await).await;
        assert!(
            page.contains(&format!("第 {seq} 版，共 2 版")),
            "revision {seq} named: {page}"
        );
    }
}

/// The code in the newest SMS to `phone` (the test servers' outbox).
async fn code_sent_to(ctx: &service::Ctx, phone: &str) -> String {
    let body: String =
        sqlx::query_scalar("SELECT body FROM sms_outbox WHERE phone = $1 ORDER BY id DESC LIMIT 1")
            .bind(phone)
            .fetch_one(&ctx.db.pool)
            .await
            .unwrap();
    let start = body.find("验证码 ").expect("a code in the message") + "验证码 ".len();
    body[start..start + 6].to_string()
}

/// A dual-channel framework contract of ind_demo, signed by its signer with the SMS
/// code: provider signing is due.
async fn signed_by_the_customer(
    app: &Router,
    ctx: &service::Ctx,
    worker: &service::worker::Worker,
    cookie: &str,
) -> String {
    let body = serde_json::json!({ "contract": {
        "kind": "framework", "channel": "dual", "item_ids": [], "confirmed": false,
        "party_a": { "address": "", "contact": "", "phone": "", "email": "", "postcode": "" } } });
    let res = send(app, json("/fn/contracts/create", body, cookie)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let number: String = crate::common::answer(res).await;
    let party_a = serde_json::json!({ "number": number, "confirmed": true, "party_a": {
        "address": "北京市海淀区示例路 1 号", "contact": "王小明", "phone": "13800138001",
        "email": "wang@example.cn", "postcode": "100080" } });
    let res = send(app, json("/fn/dual/party_a", party_a, cookie)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(worker.run_once().await.unwrap(), "the draft");
    let confirm = serde_json::json!({ "number": number, "operation": "confirm_text" });
    let res = send(app, json("/fn/contracts/operate", confirm, cookie)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let phone = "13900000021";
    let choice =
        serde_json::json!({ "number": number, "choice": { "kind": "myself", "phone": phone } });
    let res = send(app, json("/fn/dual/signer", choice, cookie)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let code = code_sent_to(ctx, phone).await;
    let sign = serde_json::json!({ "number": number, "code": code,
        "strokes": [[[0.1, 0.5], [0.5, 0.2], [0.9, 0.8]]] });
    let res = send(app, json("/fn/dual/sign", sign, cookie)).await;
    if res.status() != StatusCode::OK {
        let error: app::error::AppError = crate::common::answer(res).await;
        panic!("signing refused: {error:?}");
    }
    number
}

/// With a provider's certificate and an event CA configured, the customer's signature
/// on the dual channel comes first, made with an event certificate the CA issues to the
/// verified name. The certificate and its key are kept before the first time-stamp is
/// asked for, so an attempt cut short by an outage is finished with the same key and
/// no time-stamp asked twice; pyHanko judges both signatures valid.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_customer_signs_with_an_event_certificate_kept_across_attempts() {
    let dir = crate::tools::temp_dir("event-sealing");
    let pki_dir = dir.join("pki");
    let (trust, base) = trust_server(&pki_dir).await;
    let (app, ctx) = app_with_config("qy_event", false, |config| {
        own_certificate(config, &pki_dir, vec![format!("{base}/tsa")]);
        // The CA that issued the provider's certificate issues the event certificates
        // too (a provider would use an intermediate CA of its own), naming a responder
        // of their own, which the server answers for in-process; the provider's
        // certificate is still answered for by its responder.
        config.event_ca = Some(server::config::EventCaSetting {
            chain: pki_dir.join("ca.pem"),
            key: pki_dir.join("ca-key.pem"),
            ocsp_url: format!("{base}/event-ocsp"),
        });
    })
    .await;
    let worker = eager_worker(&ctx);
    let ind = login(&app, "ind_demo").await;
    let number = signed_by_the_customer(&app, &ctx, &worker, &ind).await;

    // The responder is down: the event certificate and both signatures' time-stamps
    // are kept, nothing is stored.
    trust.ocsp_down.store(true, Ordering::SeqCst);
    assert!(worker.run_once().await.unwrap());
    let (sub_status, key, _) = stored(&ctx, &number).await;
    assert_eq!(sub_status, domain::SubStatus::ProviderSigning.as_str());
    assert_eq!(key, None);
    assert_eq!(trust.timestamps.load(Ordering::SeqCst), 2);
    let bundle: String =
        sqlx::query_scalar("SELECT bytes_hex FROM signing_evidence WHERE key = $1")
            .bind(format!("event:{number}"))
            .fetch_one(&ctx.db.pool)
            .await
            .unwrap();
    let bundle: Vec<u8> = (0..bundle.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&bundle[i..i + 2], 16).unwrap())
        .collect();
    let event = pdf::SigningIdentity::from_pem_bundle(std::str::from_utf8(&bundle).unwrap())
        .expect("the kept event certificate and key");

    trust.ocsp_down.store(false, Ordering::SeqCst);
    assert!(worker.run_once().await.unwrap());
    assert_effective(&ctx, &number).await;
    // The customer's and the provider's signature, then the document.
    assert_eq!(trust.timestamps.load(Ordering::SeqCst), 3);
    assert_eq!(
        kept(&ctx).await,
        0,
        "the event key is forgotten with the rest"
    );

    let res = send(
        &app,
        get(&format!("/contracts/{number}/pdf/formal"), Some(&ind)),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let formal = axum::body::to_bytes(res.into_body(), 1 << 24)
        .await
        .unwrap();
    // The kept certificate is the one that signed (its DER in the signature, as hex).
    let certificate_hex: String = event
        .certificate_der()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(String::from_utf8_lossy(&formal)
        .to_ascii_lowercase()
        .contains(&certificate_hex));
    let file = dir.join("formal.pdf");
    std::fs::write(&file, &formal).unwrap();
    crate::tools::assert_ades_valid(
        &file,
        &pki_dir.join("ca.pem"),
        &["PartyASignature", "Signature1"],
        &[0],
    );
    let pdfsig = crate::tools::pdfsig(&file, None);
    assert!(pdfsig.contains(&format!("OU={number}")), "{pdfsig}");
}

/// A CA whose responder is down (503) and whose CRL is served beside it.
struct CrlServer {
    authority: pdf::LocalAuthority,
    /// While set, the CRL served is one whose next update has passed.
    stale: AtomicBool,
}

async fn crl(State(server): State<Arc<CrlServer>>) -> impl IntoResponse {
    let week = 7 * 86_400_000;
    let at = if server.stale.load(Ordering::SeqCst) {
        now_ms() - 2 * week
    } else {
        now_ms()
    };
    (
        [(header::CONTENT_TYPE, "application/pkix-crl")],
        server.authority.crl(at, &[]).unwrap(),
    )
}

/// The revocation status falls back to the issuer's CRL where the responder a
/// certificate names does not answer, or where it names none; a stale CRL is refused,
/// as a TSA outage is: the step is retried.
#[tokio::test]
async fn the_status_falls_back_to_the_crl_when_the_responder_fails() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let authority = pdf::LocalAuthority::development("示例云计算有限公司", &format!("{base}/ocsp"))
        .unwrap()
        .publishing_crl_at(&format!("{base}/ca.crl"));
    let with_responder = authority
        .issue_signer("示例云计算有限公司", std::time::Duration::from_secs(86_400))
        .unwrap();
    let authority = authority.without_ocsp();
    let without_responder = authority
        .issue_signer("示例云计算有限公司", std::time::Duration::from_secs(86_400))
        .unwrap();
    let issuer = authority.certificate_der().unwrap();
    let server = Arc::new(CrlServer {
        authority,
        stale: AtomicBool::new(false),
    });
    let app = Router::new()
        .route("/ocsp", post(|| async { StatusCode::SERVICE_UNAVAILABLE }))
        .route("/ca.crl", axum::routing::get(crl))
        .with_state(server.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let trust = server::trust_client::HttpTrustServices::new(
        vec![],
        std::time::Duration::from_secs(5),
        server::certificates::CertificateWatch::new(now_ms() + 86_400_000, None),
        None,
    )
    .unwrap();
    use service::esign::sealing::{Need, TrustServices};
    for identity in [&with_responder, &without_responder] {
        let need = Need::Revocation {
            certificate: identity.certificate_der().to_vec(),
            issuer: issuer.clone(),
        };
        let status = trust.fetch(&need).await.expect("the CRL");
        assert!(pdf::crl::is_crl(&status));
        let answer = pdf::crl::check(&status, identity.certificate_der(), &issuer).unwrap();
        assert_eq!(answer.status, pdf::ocsp::CertStatus::Good);
    }
    server.stale.store(true, Ordering::SeqCst);
    let need = Need::Revocation {
        certificate: with_responder.certificate_der().to_vec(),
        issuer,
    };
    let refused = trust.fetch(&need).await.unwrap_err();
    assert_eq!(refused.service, service::esign::sealing::TrustService::Ocsp);
    assert!(refused.detail.contains("HTTP 503"), "{}", refused.detail);
    assert!(refused.detail.contains("next update"), "{}", refused.detail);
}

/// The real binary, configured as a provider runs it: its own certificate from the
/// loopback PKI in `pki_dir`, the TSA at `base`, SQLite and documents under `dir`;
/// and, in the test's process, a context on the same database and documents (the
/// customer's steps are taken there, the background steps by the binary).
struct RealServer {
    vars: Vec<(&'static str, String)>,
    db: service::Db,
    ctx: service::Ctx,
}

impl RealServer {
    async fn set_up(
        dir: &std::path::Path,
        pki_dir: &std::path::Path,
        base: &str,
        extra: &[(&'static str, String)],
    ) -> RealServer {
        let port = crate::cluster::free_port();
        let key = dir.join("sms-code.key");
        crate::common::write_key(&key);
        let path = |p: std::path::PathBuf| p.display().to_string();
        let mut vars: Vec<(&'static str, String)> = vec![
            (
                "DATABASE_URL",
                format!("sqlite://{}/real.db", dir.display()),
            ),
            ("QY_ADDR", format!("127.0.0.1:{port}")),
            ("QY_DATA_DIR", path(dir.join("data"))),
            ("QY_FONT_DIR", crate::common::font_dir()),
            ("QY_SIGNING_CERT", path(pki_dir.join("signing-chain.pem"))),
            ("QY_SIGNING_KEY", path(pki_dir.join("signing-key.pem"))),
            ("QY_SMS_CODE_KEY_FILE", path(key)),
            ("QY_TSA_URLS", format!("{base}/tsa")),
            ("QY_TSA_TIMEOUT_SECS", "60".into()),
            ("QY_DRAFT_DELAY_SECS", "0".into()),
            ("QY_SIGN_DELAY_SECS", "0".into()),
            ("QY_JOB_LEASE_SECS", "1".into()),
            ("RUST_LOG", "warn".into()),
        ];
        vars.extend(extra.iter().cloned());
        let config = server::Config::from_lookup(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone())
        })
        .unwrap();
        let db = service::Db::connect(config.database_url.expose())
            .await
            .unwrap();
        service::seed::seed_demo(&db).await.unwrap();
        sqlx::query("UPDATE accounts SET demo = 0")
            .execute(&db.pool)
            .await
            .unwrap();
        let mut ctx = server::build_state(&config, db.clone()).unwrap().state.ctx;
        // The customer's codes, read back from the outbox.
        ctx.sms = server::sms::sender(&server::sms::SmsSetting::Outbox, &db);
        RealServer { vars, db, ctx }
    }

    /// Starts the binary; dropping the process kills it.
    fn start(&self) -> crate::common::Process {
        use std::process::{Command, Stdio};
        crate::common::Process(
            Command::new(crate::operations::server_bin())
                .arg("serve")
                .envs(self.vars.iter().cloned())
                .stdout(Stdio::null())
                .stderr(Stdio::inherit())
                .spawn()
                .expect("server starts"),
        )
    }
}

/// A check that fails the test naming `what` once `secs` have passed.
fn deadline(what: &'static str, secs: u64) -> impl Fn() {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    move || {
        assert!(
            std::time::Instant::now() < deadline,
            "{what} within {secs} s"
        )
    }
}

/// Waits (at most a minute) until the contract's draft is stored.
async fn wait_for_draft(ctx: &service::Ctx, number: &str) {
    let check = deadline("the draft", 60);
    loop {
        let draft: Option<String> =
            sqlx::query_scalar("SELECT draft_pdf_key FROM contracts WHERE number = $1")
                .bind(number)
                .fetch_one(&ctx.db.pool)
                .await
                .unwrap();
        if draft.is_some() {
            return;
        }
        check();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Waits (at most 90 s) until the contract is in effect; its formal document's key.
async fn wait_for_effective(ctx: &service::Ctx, number: &str) -> DocumentKey {
    let check = deadline("in effect", 90);
    loop {
        let (sub_status, key, last_error) = stored(ctx, number).await;
        if sub_status == domain::SubStatus::EContractEffective.as_str() {
            return DocumentKey::parse(&key.unwrap()).unwrap();
        }
        assert_ne!(
            sub_status,
            domain::SubStatus::SigningFailed.as_str(),
            "{last_error:?}"
        );
        check();
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The release-like flow (issue 30): the real binary, configured as a provider runs it
/// (its own certificate, a TSA and an OCSP responder over HTTP, an event CA), makes a
/// single-channel framework contract and a dual-channel order contract effective.
/// Then the PKI stops answering, and pyHanko, offline and trusting the root alone,
/// judges every signature of both documents valid at B-LTA — the order's customer
/// signature first; pdfsig agrees.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_real_binary_seals_both_channels_into_documents_valid_offline() {
    let dir = crate::tools::temp_dir("sealing-release");
    let pki_dir = dir.join("pki");
    let (trust, base) = trust_server(&pki_dir).await;
    let event_ca = [
        (
            "QY_EVENT_CA_CERT",
            pki_dir.join("ca.pem").display().to_string(),
        ),
        (
            "QY_EVENT_CA_KEY",
            pki_dir.join("ca-key.pem").display().to_string(),
        ),
        ("QY_EVENT_OCSP_URL", format!("{base}/event-ocsp")),
    ];
    let binary = RealServer::set_up(&dir, &pki_dir, &base, &event_ca).await;
    let (db, ctx) = (binary.db.clone(), binary.ctx.clone());
    let _server = binary.start();
    let account = service::identity::accounts::find_by_login(&db, "ind_demo")
        .await
        .unwrap()
        .unwrap()
        .id;
    let actor = service::platform::audit::Actor::customer(account, None);
    let party_a = domain::PartyAInput {
        address: "北京市海淀区示例路 1 号".into(),
        contact: "王小明".into(),
        phone: "13800138001".into(),
        email: "wang@example.cn".into(),
        postcode: "100080".into(),
    };
    let new = |kind, channel, item_ids| domain::new_contract::NewContract {
        kind,
        channel,
        item_ids,
        party_a: party_a.clone(),
        confirmed: true,
    };

    // Single channel: the framework contract (the order's prerequisite).
    let framework = service::contracts::create_contract(
        &ctx,
        account,
        &new(
            domain::ContractType::Framework,
            domain::Channel::Single,
            vec![],
        ),
        &actor,
    )
    .await
    .unwrap();
    wait_for_draft(&ctx, framework.as_str()).await;
    let convert = domain::Operation::ConvertToFormal;
    service::contracts::perform(&ctx, account, &framework, convert, &actor)
        .await
        .unwrap();
    let framework_key = wait_for_effective(&ctx, framework.as_str()).await;

    // Dual channel: an order contract the customer's signer signs with an SMS code.
    let order: i64 = sqlx::query_scalar(
        "SELECT id FROM orders WHERE account_id = $1 AND billing_mode = 'prepaid' ORDER BY id LIMIT 1",
    )
    .bind(account)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    let dual = new(
        domain::ContractType::Order,
        domain::Channel::Dual,
        vec![order],
    );
    let number = service::contracts::create_contract(&ctx, account, &dual, &actor)
        .await
        .unwrap();
    service::contracts::save_party_a(&ctx, account, &number, &party_a, true, &actor)
        .await
        .unwrap();
    wait_for_draft(&ctx, number.as_str()).await;
    let confirm = domain::Operation::ConfirmText;
    service::contracts::perform(&ctx, account, &number, confirm, &actor)
        .await
        .unwrap();
    let phone = "13900000021";
    let myself = domain::esign::SignerChoice::Myself {
        phone: phone.into(),
    };
    service::contracts::confirm_signer(&ctx, account, &number, &myself, &actor)
        .await
        .unwrap();
    let code = code_sent_to(&ctx, phone).await;
    let strokes = vec![vec![(0.1, 0.5), (0.5, 0.2), (0.9, 0.8)]];
    service::contracts::customer_sign(&ctx, account, &number, &code, Some(strokes), &actor)
        .await
        .unwrap();
    let order_key = wait_for_effective(&ctx, number.as_str()).await;
    // The customer's signature, the provider's, the document's: time-stamped once each.
    assert_eq!(trust.timestamps.load(Ordering::SeqCst), 2 + 3);

    // The PKI stops answering: what follows is offline.
    trust.tsa_down.store(true, Ordering::SeqCst);
    trust.ocsp_down.store(true, Ordering::SeqCst);
    let nss = crate::tools::nss_db_trusting(&pki_dir.join("ca.pem"));
    for (key, fields) in [
        (framework_key, &["Signature1"][..]),
        (order_key, &["PartyASignature", "Signature1"][..]),
    ] {
        let document = ctx.storage.get(&key).await.unwrap();
        assert_eq!(
            pdf::seal_summary(&document).map(|s| s.level),
            Some(pdf::Level::BLTA)
        );
        let file = dir.join(format!("{key}.pdf"));
        std::fs::write(&file, &document).unwrap();
        crate::tools::assert_ades_valid(&file, &pki_dir.join("ca.pem"), fields, &[0]);
        let pdfsig = crate::tools::pdfsig(&file, Some(&nss));
        assert_eq!(
            pdfsig.matches("Signature is Valid").count(),
            fields.len(),
            "{pdfsig}"
        );
    }
}
