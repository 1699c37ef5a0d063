//! The Tencent Cloud SMS adapter against a local stub of the provider: the stub checks
//! each request's TC3-HMAC-SHA256 signature from what it received (the algorithm itself
//! is pinned to Tencent's SDK by a known-answer test in `server::sms::tc3`) and answers as
//! the provider does — success, the number's rate limit, a number it cannot deliver to,
//! a signature failure.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json as value, Value};
use server::sms::{SmsSetting, Templates, TencentSender, TencentSms};
use service::sms::{SmsError, SmsMessage, SmsSender, SmsText};
use sqlx::Row;
use tokio::sync::Notify;

use crate::common::{app_with_config, body_text, json, login, send};

const SECRET_ID: &str = "AKIDstub";
const SECRET_KEY: &str = "stub-secret-key";
const LIMITED: &str = "13900000009";
const UNDELIVERABLE: &str = "13900000008";
/// The stub answers this number only when the test releases it.
const HELD: &str = "13900000007";

#[derive(Default)]
struct Stub {
    /// The bodies of requests whose signature held.
    accepted: Mutex<Vec<Value>>,
    release: Notify,
}

fn error(code: &str) -> Json<Value> {
    Json(
        value!({ "Response": { "Error": { "Code": code, "Message": code }, "RequestId": "stub" } }),
    )
}

async fn send_sms(State(stub): State<Arc<Stub>>, headers: HeaderMap, body: Bytes) -> Json<Value> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    if header("x-tc-action") != "SendSms" || header("x-tc-version") != "2021-01-11" {
        return error("InvalidAction");
    }
    let timestamp: i64 = header("x-tc-timestamp").parse().unwrap_or_default();
    let (y, m, d) = domain::calendar::civil_from_days(timestamp.div_euclid(86_400));
    let signature = server::sms::tc3_signature(
        SECRET_KEY,
        &server::sms::Tc3Request {
            service: "sms",
            host: &header("host"),
            content_type: &header("content-type"),
            body: &body,
            timestamp,
        },
    );
    let expected = format!(
        "TC3-HMAC-SHA256 Credential={SECRET_ID}/{y:04}-{m:02}-{d:02}/sms/tc3_request, \
         SignedHeaders=content-type;host, Signature={signature}"
    );
    if header("authorization") != expected || header("x-tc-region") != "ap-guangzhou" {
        return error("AuthFailure.SignatureFailure");
    }
    let request: Value = serde_json::from_slice(&body).unwrap_or_default();
    let number = request["PhoneNumberSet"][0]
        .as_str()
        .unwrap_or_default()
        .to_string();
    stub.accepted.lock().unwrap().push(request);
    if number == format!("+86{HELD}") {
        stub.release.notified().await;
    }
    let code = match number.trim_start_matches("+86") {
        LIMITED => "LimitExceeded.PhoneNumberOneHourLimit",
        UNDELIVERABLE => "InvalidParameterValue.IncorrectPhoneNumber",
        _ => "Ok",
    };
    Json(value!({ "Response": {
        "SendStatusSet": [{ "SerialNo": "s-1", "PhoneNumber": number, "Fee": 1,
            "SessionContext": "", "Code": code, "Message": code, "IsoCode": "CN" }],
        "RequestId": "stub" } }))
}

/// The stub on a loopback port, and settings that point at it.
async fn stub() -> (Arc<Stub>, TencentSms) {
    let stub = Arc::new(Stub::default());
    let app = Router::new()
        .route("/", post(send_sms))
        .with_state(stub.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let settings = TencentSms {
        endpoint: format!("http://127.0.0.1:{port}").parse().unwrap(),
        region: "ap-guangzhou".into(),
        secret_id: SECRET_ID.into(),
        secret_key: server::sms::Secret::from(SECRET_KEY),
        sdk_app_id: "1400000001".into(),
        sign_name: "签约".into(),
        templates: Templates {
            signing_code: "101".into(),
            activation_code: "102".into(),
            approval_code: "103".into(),
            reminder: "104".into(),
            expiry_notice: None,
            english: server::sms::EnglishTemplates {
                activation_code: Some("202".into()),
                ..Default::default()
            },
        },
    };
    (stub, settings)
}

fn activation(phone: &str) -> SmsMessage {
    SmsMessage {
        account_id: 1,
        phone: phone.into(),
        text: SmsText::ActivationCode {
            code: "246810".into(),
        },
        lang: domain::Lang::ZhCn,
    }
}

/// Bounded: the adapter has its own 10 s timeout; this only keeps a broken test finite.
async fn within<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(30), future)
        .await
        .expect("the SMS call finished")
}

#[tokio::test]
async fn the_adapter_signs_its_requests_and_reads_each_answer() {
    let (stub, settings) = stub().await;
    let sender = TencentSender::new(settings.clone());

    within(sender.send(&activation("13900000001")))
        .await
        .unwrap();
    let sent = stub.accepted.lock().unwrap()[0].clone();
    assert_eq!(
        sent,
        value!({ "PhoneNumberSet": ["+8613900000001"], "SmsSdkAppId": "1400000001",
            "SignName": "签约", "TemplateId": "102", "TemplateParamSet": ["246810"] })
    );
    let reminder = SmsMessage {
        text: SmsText::Reminder {
            contract_number: "QY-2026-000001".into(),
        },
        ..activation("13900000001")
    };
    within(sender.send(&reminder)).await.unwrap();
    assert_eq!(stub.accepted.lock().unwrap()[1]["TemplateId"], "104");
    // To an English reader: the English template where one is registered, with the
    // same variables; else the Chinese one.
    let english = SmsMessage {
        lang: domain::Lang::En,
        ..activation("13900000001")
    };
    within(sender.send(&english)).await.unwrap();
    let sent = stub.accepted.lock().unwrap()[2].clone();
    assert_eq!(sent["TemplateId"], "202");
    assert_eq!(sent["TemplateParamSet"], value!(["246810"]));
    let english_reminder = SmsMessage {
        lang: domain::Lang::En,
        ..reminder
    };
    within(sender.send(&english_reminder)).await.unwrap();
    assert_eq!(stub.accepted.lock().unwrap()[3]["TemplateId"], "104");
    // Expiry notices by SMS need a template of their own, which is optional: without
    // it nothing is asked of the provider.
    let expiry = SmsMessage {
        text: SmsText::ExpiryNotice {
            contract_number: "QY-2026-000002".into(),
            days_left: "7".into(),
        },
        ..activation("13900000001")
    };
    assert!(matches!(
        within(sender.send(&expiry)).await,
        Err(SmsError::NotConfigured)
    ));
    assert_eq!(stub.accepted.lock().unwrap().len(), 4);
    let with_expiry = TencentSender::new(TencentSms {
        templates: Templates {
            expiry_notice: Some("105".into()),
            ..settings.templates.clone()
        },
        ..settings.clone()
    });
    within(with_expiry.send(&expiry)).await.unwrap();
    let sent = stub.accepted.lock().unwrap()[4].clone();
    assert_eq!(sent["TemplateId"], "105");
    assert_eq!(sent["TemplateParamSet"], value!(["QY-2026-000002", "7"]));

    assert!(matches!(
        within(sender.send(&activation(LIMITED))).await,
        Err(SmsError::RateLimited(_))
    ));
    assert!(matches!(
        within(sender.send(&activation(UNDELIVERABLE))).await,
        Err(SmsError::BadNumber(_))
    ));

    // A wrong secret: the stub's check fails, and the provider's refusal is ours to fix.
    let wrong = TencentSender::new(TencentSms {
        secret_key: server::sms::Secret::from("not-the-key"),
        ..settings
    });
    match within(wrong.send(&activation("13900000001"))).await {
        Err(SmsError::Unavailable(detail)) => {
            assert!(detail.contains("AuthFailure.SignatureFailure"), "{detail}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(stub.accepted.lock().unwrap().len(), 7);
}

async fn rows(db: &service::Db, table: &str) -> i64 {
    sqlx::query(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .get(0)
}

/// The server (production mode) sending through the stub, and ent_demo signed in.
async fn app_sending_through_the_stub() -> (Arc<Stub>, Router, service::Ctx, String) {
    let (stub, settings) = stub().await;
    let (app, ctx) = app_with_config("qy_tencent", false, |config| {
        config.sms = SmsSetting::Tencent(Box::new(settings))
    })
    .await;
    let ent = login(&app, "ent_demo").await;
    (stub, app, ctx, ent)
}

#[tokio::test]
async fn a_code_the_provider_refuses_is_withdrawn_and_the_customer_told_why() {
    let (stub, app, ctx, ent) = app_sending_through_the_stub().await;
    let start = |phone: &str| {
        json(
            "/fn/esign/start",
            value!({ "name": "李管理", "phone": phone }),
            &ent,
        )
    };
    for (phone, reason) in [
        (LIMITED, domain::Refused::SmsProviderLimit),
        (UNDELIVERABLE, domain::Refused::SmsBadNumber),
    ] {
        let res = send(&app, start(phone)).await;
        assert_eq!(res.status(), StatusCode::CONFLICT, "{phone}");
        let body = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap();
        // The typed reason, never the provider's own words.
        let answered: app::error::AppError = postcard::from_bytes(&body).unwrap();
        let body = String::from_utf8_lossy(&body);
        assert_eq!(answered, app::error::AppError::Refused(reason), "{phone}");
        assert!(
            !body.contains("LimitExceeded") && !body.contains("Invalid"),
            "{body}"
        );
        // Nothing left behind: no live code, and the failed send is not counted.
        assert_eq!(rows(&ctx.db, "sms_codes").await, 0, "{phone}");
        assert_eq!(rows(&ctx.db, "sms_sends").await, 0, "{phone}");
    }

    // At once (no resend wait, since nothing was sent), a deliverable number: the code
    // the provider was given is the one that activates.
    let res = send(&app, start("13900000001")).await;
    assert_eq!(res.status(), StatusCode::OK, "{}", body_text(res).await);
    let code = {
        let accepted = stub.accepted.lock().unwrap();
        let last = accepted.last().unwrap();
        assert_eq!(last["TemplateId"], "102");
        last["TemplateParamSet"][0].as_str().unwrap().to_string()
    };
    assert_eq!(
        rows(&ctx.db, "sms_outbox").await,
        0,
        "codes never rest in plain text"
    );
    let res = send(
        &app,
        json("/fn/esign/activate", value!({ "code": code }), &ent),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK, "{}", body_text(res).await);
}

#[tokio::test]
async fn a_slow_provider_holds_no_database_lock() {
    let (stub, app, ctx, ent) = app_sending_through_the_stub().await;
    let request = json(
        "/fn/esign/start",
        value!({ "name": "李管理", "phone": HELD }),
        &ent,
    );
    let pending = tokio::spawn({
        let app = app.clone();
        async move { send(&app, request).await.status() }
    });
    // Wait until the provider has the request (its code is recorded by then) …
    within(async {
        while stub.accepted.lock().unwrap().is_empty() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
    // … and write meanwhile: on SQLite a transaction still open would block this.
    let mut tx = within(ctx.db.begin_write()).await.unwrap();
    sqlx::query("UPDATE accounts SET updated_at = updated_at")
        .execute(&mut *tx)
        .await
        .unwrap();
    within(tx.commit()).await.unwrap();
    stub.release.notify_one();
    assert_eq!(within(pending).await.unwrap(), StatusCode::OK);
}
