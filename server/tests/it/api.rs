//! `/api/v1`, the billing system's API, over HTTP: keys, idempotent and all-or-nothing
//! upserts, contracts, the event feed, the subject-change hold (R2), the OpenAPI document
//! covering every route, and webhooks signed and retried.

use std::sync::{Arc, Mutex};

use crate::common::{app_with_config, send};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use serde_json::{json, Value};
use sqlx::Row;

/// The API on a fresh seeded database (not in demo mode) and a key for it.
async fn app() -> (Router, service::Ctx, String) {
    let (router, ctx) = app_with_config("qy_api", false, |_| {}).await;
    let (_, key) = service::api_keys::create(
        &ctx.db,
        &service::api_keys::NewApiKey {
            name: "tests".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    (router, ctx, key)
}

async fn call(
    app: &Router,
    method: Method,
    path: &str,
    key: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, "127.0.0.1:3000");
    if let Some(key) = key {
        req = req.header(header::AUTHORIZATION, format!("Bearer {key}"));
    }
    let req = match body {
        Some(body) => req
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string())),
        None => req.body(Body::empty()),
    }
    .unwrap();
    let res = send(app, req).await;
    let status = res.status();
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 24)
        .await
        .unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn order(no: &str, account: &str, amount: i64) -> Value {
    json!({ "order_no": no, "account": account, "product": "云服务器 CVM", "billing_mode": "prepaid",
            "amount_fen": amount, "created_at": 1_795_400_000_000_i64 })
}

fn framework() -> domain::new_contract::NewContract {
    domain::new_contract::NewContract {
        kind: domain::ContractType::Framework,
        channel: domain::Channel::Single,
        item_ids: vec![],
        party_a: domain::PartyAInput {
            address: "上海市浦东新区示例路 88 号".into(),
            contact: "张三".into(),
            phone: "13800138000".into(),
            email: "a@example.cn".into(),
            postcode: "200120".into(),
        },
        confirmed: true,
    }
}

/// Creates `account`'s framework contract and takes it to effective; returns its number.
async fn effective_framework(ctx: &service::Ctx, account: i64) -> String {
    let actor = service::audit::Actor::customer(account, None);
    let number = service::contracts::create_contract(ctx, account, &framework(), &actor)
        .await
        .unwrap();
    let worker = service::worker::Worker::new(ctx.clone(), Default::default());
    while worker.run_once().await.unwrap() {}
    service::contracts::perform(
        ctx,
        account,
        &number,
        domain::Operation::ConvertToFormal,
        &actor,
    )
    .await
    .unwrap();
    while worker.run_once().await.unwrap() {}
    number
}

/// Links ent_demo to an external id, as the billing system's first call would.
async fn link_ent_demo(app: &Router, key: &str) {
    let body = json!({ "login": "ent_demo", "kind": "enterprise", "verified": true,
        "subject_name": "星河示例数字科技（上海）有限公司", "id_number": "91350100M000100Y43" });
    let (status, result) = call(
        app,
        Method::PUT,
        "/api/v1/accounts/ext-ent-1",
        Some(key),
        Some(body),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(result["subject_hold"], false);
}

#[tokio::test]
async fn every_call_needs_a_valid_key_and_is_audited() {
    let (app, ctx, key) = app().await;
    for (method, path) in [
        (Method::GET, "/api/v1/events"),
        (Method::GET, "/api/v1/contracts/QY-1"),
    ] {
        let (status, body) = call(&app, method.clone(), path, None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(body["error"], "unauthorized");
        let (status, _) = call(&app, method, path, Some("qy_not-a-key"), None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
    }
    let (status, _) = call(&app, Method::GET, "/api/v1/events", Some(&key), None).await;
    assert_eq!(status, StatusCode::OK);
    let audited: i64 = sqlx::query(
        "SELECT COUNT(*) FROM audit_events WHERE actor_kind = 'api' AND action = 'api.call'",
    )
    .fetch_one(&ctx.db.pool)
    .await
    .unwrap()
    .get(0);
    assert_eq!(audited, 1);
    // A revoked key stops working.
    let id: i64 = sqlx::query("SELECT id FROM api_keys")
        .fetch_one(&ctx.db.pool)
        .await
        .unwrap()
        .get(0);
    assert!(service::api_keys::revoke(&ctx.db, id).await.unwrap());
    let (status, _) = call(&app, Method::GET, "/api/v1/events", Some(&key), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_read_only_key_reads_and_an_expired_key_is_refused() {
    use service::api_keys::{ApiScope, NewApiKey};
    let (app, ctx, _) = app().await;
    let read = NewApiKey {
        name: "reporting".into(),
        scope: ApiScope::Read,
        valid_days: Some(30),
    };
    let (read_id, read_key) = service::api_keys::create(&ctx.db, &read).await.unwrap();
    let (status, _) = call(&app, Method::GET, "/api/v1/events", Some(&read_key), None).await;
    assert_eq!(status, StatusCode::OK);
    let orders = json!({ "items": [order("API-RO-1", "ent_demo", 100)] });
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/orders",
        Some(&read_key),
        Some(orders),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"], "forbidden");
    let written: i64 = sqlx::query("SELECT COUNT(*) FROM orders WHERE order_no = 'API-RO-1'")
        .fetch_one(&ctx.db.pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(written, 0);
    // The refused call is audited like any other, its status typed.
    let details: Vec<String> =
        sqlx::query("SELECT detail FROM audit_events WHERE action = 'api.call' AND actor_id = $1")
            .bind(read_id)
            .fetch_all(&ctx.db.pool)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
    let refused = details
        .iter()
        .filter(|d| {
            matches!(
                domain::AuditDetail::from_stored(d),
                domain::AuditDetail::ApiCall { status: 403, .. }
            )
        })
        .count();
    assert_eq!(refused, 1, "{details:?}");

    // Thirty days later the key has expired.
    sqlx::query("UPDATE api_keys SET expires_at = $1 WHERE id = $2")
        .bind(service::clock::wall_clock_ms() - 1)
        .bind(read_id)
        .execute(&ctx.db.pool)
        .await
        .unwrap();
    let (status, _) = call(&app, Method::GET, "/api/v1/events", Some(&read_key), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn upserts_are_idempotent_and_a_bad_item_writes_nothing() {
    let (app, ctx, key) = app().await;
    link_ent_demo(&app, &key).await;
    let count = || async {
        sqlx::query("SELECT COUNT(*) FROM orders WHERE order_no LIKE 'API-%'")
            .fetch_one(&ctx.db.pool)
            .await
            .unwrap()
            .get::<i64, _>(0)
    };
    let batch =
        json!({ "items": [order("API-1", "ext-ent-1", 1000), order("API-2", "ext-ent-1", 2000)] });
    for _ in 0..2 {
        let (status, body) = call(
            &app,
            Method::POST,
            "/api/v1/orders",
            Some(&key),
            Some(batch.clone()),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["upserted"], 2);
    }
    assert_eq!(count().await, 2);
    // An update changes the row in place.
    let changed = json!({ "items": [order("API-1", "ext-ent-1", 1500)] });
    call(
        &app,
        Method::POST,
        "/api/v1/orders",
        Some(&key),
        Some(changed),
    )
    .await;
    let amount: i64 = sqlx::query("SELECT amount_fen FROM orders WHERE order_no = 'API-1'")
        .fetch_one(&ctx.db.pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(amount, 1500);

    // One bad item among good ones: 422 naming it, and nothing written.
    let mut items: Vec<Value> = (3..10)
        .map(|i| order(&format!("API-{i}"), "ext-ent-1", 100))
        .collect();
    items[4]["product"] = json!(" ");
    items.push(order("API-99", "no-such-account", 100));
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/orders",
        Some(&key),
        Some(json!({ "items": items })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let problems = body["items"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{body}");
    assert_eq!(
        (
            problems[0]["index"].clone(),
            problems[0]["reference"].clone(),
            problems[0]["field"].clone()
        ),
        (json!(4), json!("API-7"), json!("product"))
    );
    assert_eq!(problems[1]["reference"], "API-99");
    assert_eq!(problems[1]["field"], "account");
    assert_eq!(count().await, 2);

    // Well-formed items that refer to what is not here (an account billing has not
    // created yet), or name one reference twice: 409, listing them; nothing written.
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/orders",
        Some(&key),
        Some(json!({ "items": [order("API-98", "no-such-account", 100)] })),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("conflict"))
    );
    assert_eq!(body["items"][0]["code"], "unknown_account");
    let twice = order("API-97", "ext-ent-1", 100);
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/orders",
        Some(&key),
        Some(json!({ "items": [twice.clone(), twice] })),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["items"][0]["index"], 1);
    // A billing mode outside the documented enum is refused with the body.
    let mut barter = order("API-96", "ext-ent-1", 100);
    barter["billing_mode"] = json!("barter");
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/orders",
        Some(&key),
        Some(json!({ "items": [barter] })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["message"].as_str().unwrap().contains("billing_mode"),
        "{body}"
    );
    // Integers written with a zero fraction are integers (JSON Schema says so).
    let mut decimal = order("API-95", "ext-ent-1", 100);
    decimal["amount_fen"] = json!(250.0);
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/orders",
        Some(&key),
        Some(json!({ "items": [decimal] })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(count().await, 3);

    // The batch limit, and references that belong to another account.
    let too_many: Vec<Value> = (0..1001)
        .map(|i| order(&format!("BIG-{i}"), "ext-ent-1", 1))
        .collect();
    let (status, _) = call(
        &app,
        Method::POST,
        "/api/v1/orders",
        Some(&key),
        Some(json!({ "items": too_many })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let seeded: String = sqlx::query("SELECT o.order_no FROM orders o JOIN accounts a ON a.id = o.account_id WHERE a.login = 'ind_demo' LIMIT 1")
        .fetch_one(&ctx.db.pool).await.unwrap().get(0);
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/orders",
        Some(&key),
        Some(json!({ "items": [order(&seeded, "ext-ent-1", 1)] })),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["items"][0]["code"], "other_account");

    // Filings and recharge records go the same way.
    let filings = json!({ "items": [{ "filing_no": "浙ICP备20260001号", "account": "ext-ent-1", "site_name": "云帆官网",
        "domain": "yunfan.example.cn", "order_no": null, "created_at": 1_795_400_000_000_i64 }] });
    assert_eq!(
        call(
            &app,
            Method::POST,
            "/api/v1/filings",
            Some(&key),
            Some(filings)
        )
        .await
        .0,
        StatusCode::OK
    );
    let recharges = json!({ "items": [{ "record_no": "RC-API-1", "account": "ext-ent-1", "amount_fen": 50000,
        "channel": "对公转账", "paid_at": 1_795_400_000_000_i64 }] });
    assert_eq!(
        call(
            &app,
            Method::POST,
            "/api/v1/recharges",
            Some(&key),
            Some(recharges)
        )
        .await
        .0,
        StatusCode::OK
    );
    let bad = json!({ "items": [{ "record_no": "RC-API-2", "account": "ext-ent-1", "amount_fen": -5,
        "channel": "对公转账", "paid_at": 1_795_400_000 }] });
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/recharges",
        Some(&key),
        Some(bad),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["items"].as_array().unwrap().len(), 2, "{body}");
}

#[tokio::test]
async fn contracts_and_the_event_feed_page_by_cursor() {
    let (app, ctx, key) = app().await;
    link_ent_demo(&app, &key).await;
    let ent = service::accounts::find_by_login(&ctx.db, "ent_demo")
        .await
        .unwrap()
        .unwrap()
        .id;
    let number = effective_framework(&ctx, ent).await;

    let (status, contract) = call(
        &app,
        Method::GET,
        &format!("/api/v1/contracts/{number}"),
        Some(&key),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(contract["status"], "effective");
    assert_eq!(contract["sub_status"], "e_contract_effective");
    assert_eq!(contract["account_external_id"], "ext-ent-1");
    assert_eq!(
        call(
            &app,
            Method::GET,
            "/api/v1/contracts/QY-00000000-000000",
            Some(&key),
            None
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );

    // created → generated → converted → effective: four changes, read two at a time.
    let mut seen = Vec::new();
    let mut after = 0;
    loop {
        let (status, page) = call(
            &app,
            Method::GET,
            &format!("/api/v1/events?after={after}&limit=2"),
            Some(&key),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let events = page["events"].as_array().unwrap().clone();
        if events.is_empty() {
            assert_eq!(page["next_after"], after);
            break;
        }
        assert!(events.len() <= 2);
        after = page["next_after"].as_i64().unwrap();
        seen.extend(events);
    }
    let statuses: Vec<&str> = seen
        .iter()
        .map(|e| e["sub_status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        [
            "generating",
            "generated",
            "provider_signing",
            "e_contract_effective"
        ]
    );
    assert!(seen.iter().all(|e| e["contract_number"] == number.as_str()));
    let ids: Vec<i64> = seen.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
}

/// A GET as the billing system makes it, answered whole: status, headers, bytes.
async fn fetch(app: &Router, path: &str, key: &str) -> axum::response::Response<Vec<u8>> {
    let req = Request::get(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::AUTHORIZATION, format!("Bearer {key}"))
        .body(Body::empty())
        .unwrap();
    let (parts, body) = send(app, req).await.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 26).await.unwrap();
    axum::response::Response::from_parts(parts, bytes.to_vec())
}

#[tokio::test]
async fn the_billing_system_reads_documents_and_an_accounts_contracts_page_by_page() {
    let (app, ctx, key) = app().await;
    link_ent_demo(&app, &key).await;
    let ent = service::accounts::find_by_login(&ctx.db, "ent_demo")
        .await
        .unwrap()
        .unwrap()
        .id;
    // Made two minutes ago (a clock set back): pages list contracts once a minute old.
    let ctx = service::Ctx {
        db: ctx
            .db
            .clone()
            .with_clock(std::sync::Arc::new(service::clock::ManualClock::at(
                service::clock::wall_clock_ms() - 120_000,
            ))),
        ..ctx
    };
    let first = effective_framework(&ctx, ent).await;

    // The formal PDF, with the SHA-256 it was recorded with.
    let res = fetch(
        &app,
        &format!("/api/v1/contracts/{first}/document?kind=formal"),
        &key,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/pdf");
    let sha = res.headers()["x-content-sha256"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(sha, service::storage::sha256_hex(res.body()));
    assert_eq!(res.headers()[header::ETAG], format!("\"{sha}\""));
    assert!(res.body().starts_with(b"%PDF-"));
    let contract = service::contracts::find_any(&ctx.db, &first).await.unwrap();
    assert_eq!(Some(sha), contract.formal_pdf.map(|p| p.sha256));
    // The draft too; a kind that is not one, a missing one, an unknown contract.
    let res = fetch(
        &app,
        &format!("/api/v1/contracts/{first}/document?kind=draft"),
        &key,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    for (query, status) in [
        ("kind=signed", StatusCode::BAD_REQUEST),
        ("", StatusCode::BAD_REQUEST),
        ("kind=formal&x=1", StatusCode::BAD_REQUEST),
    ] {
        let res = fetch(
            &app,
            &format!("/api/v1/contracts/{first}/document?{query}"),
            &key,
        )
        .await;
        assert_eq!(res.status(), status, "{query}");
        let error: Value = serde_json::from_slice(res.body()).unwrap();
        assert_eq!(error["error"], "invalid", "{query}");
    }
    let res = fetch(
        &app,
        "/api/v1/contracts/QY-00000000-000000/document?kind=formal",
        &key,
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // Order contracts over the seeded orders, one a step: three contracts in all.
    let orders: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM orders WHERE account_id = $1 AND billing_mode = 'prepaid' ORDER BY id LIMIT 2",
    )
    .bind(ent)
    .fetch_all(&ctx.db.pool)
    .await
    .unwrap();
    let actor = service::audit::Actor::customer(ent, None);
    let mut numbers = vec![first.clone()];
    for id in &orders {
        let new = domain::new_contract::NewContract {
            kind: domain::ContractType::Order,
            item_ids: vec![*id],
            ..framework()
        };
        numbers.push(
            service::contracts::create_contract(&ctx, ent, &new, &actor)
                .await
                .unwrap(),
        );
    }
    // A draft not made yet: no document.
    let res = fetch(
        &app,
        &format!("/api/v1/contracts/{}/document?kind=draft", numbers[1]),
        &key,
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // Two a page, oldest first, with items and the template version.
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..5 {
        let path = match &after {
            Some(a) => format!("/api/v1/accounts/ext-ent-1/contracts?limit=2&after={a}"),
            None => "/api/v1/accounts/ext-ent-1/contracts?limit=2".to_string(),
        };
        let (status, page) = call(&app, Method::GET, &path, Some(&key), None).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let contracts = page["contracts"].as_array().unwrap();
        assert!(contracts.len() <= 2);
        seen.extend(contracts.iter().cloned());
        after = page["next_after"].as_str().map(str::to_string);
        if page["more"] == false {
            break;
        }
    }
    let listed: Vec<&str> = seen.iter().map(|c| c["number"].as_str().unwrap()).collect();
    // Polling later with the last cursor: nothing new, the same cursor back.
    let (_, again) = call(
        &app,
        Method::GET,
        &format!(
            "/api/v1/accounts/ext-ent-1/contracts?after={}",
            after.clone().unwrap()
        ),
        Some(&key),
        None,
    )
    .await;
    assert_eq!(again["contracts"], json!([]));
    assert_eq!(again["next_after"].as_str(), after.as_deref());

    assert_eq!(
        listed,
        numbers.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert_eq!(seen[0]["items"], json!([]));
    assert_eq!(seen[0]["has_formal"], true);
    assert!(!seen[0]["template_version"].as_str().unwrap().is_empty());
    assert_eq!(seen[1]["kind"], "order");
    assert_eq!(seen[1]["items"].as_array().unwrap().len(), 1);
    assert_eq!(seen[1]["items"][0]["amount_fen"], seen[1]["total_fen"]);
    assert_eq!(seen[1]["has_draft"], false);

    // An unknown account; a cursor this API did not give; a limit out of range.
    let (status, _) = call(
        &app,
        Method::GET,
        "/api/v1/accounts/ext-none/contracts",
        Some(&key),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for query in ["after=yesterday", "limit=0", "limit=201"] {
        let (status, error) = call(
            &app,
            Method::GET,
            &format!("/api/v1/accounts/ext-ent-1/contracts?{query}"),
            Some(&key),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(error["error"], "invalid", "{query}");
    }
}

#[tokio::test]
async fn r2_a_new_subject_name_from_billing_holds_creation() {
    let (app, ctx, key) = app().await;
    link_ent_demo(&app, &key).await;
    let ent = service::accounts::find_by_login(&ctx.db, "ent_demo")
        .await
        .unwrap()
        .unwrap();
    let number = effective_framework(&ctx, ent.id).await;

    let renamed = json!({ "login": "ent_demo", "kind": "enterprise", "verified": true,
        "subject_name": "星河数字科技（上海）股份有限公司", "id_number": "91350100M000100Y43" });
    let (status, body) = call(
        &app,
        Method::PUT,
        "/api/v1/accounts/ext-ent-1",
        Some(&key),
        Some(renamed),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["subject_hold"], true);
    let account = service::accounts::find(&ctx.db, ent.id).await.unwrap();
    assert!(account.subject_hold);
    // The existing contract is untouched and still readable.
    let (status, contract) = call(
        &app,
        Method::GET,
        &format!("/api/v1/contracts/{number}"),
        Some(&key),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(contract["status"], "effective");
    // A bad identifier is a field error, not a 500.
    let bad = json!({ "kind": "enterprise", "verified": true, "subject_name": "x公司", "id_number": "123" });
    let (status, body) = call(
        &app,
        Method::PUT,
        "/api/v1/accounts/ext-ent-1",
        Some(&key),
        Some(bad),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["field"] == "id_number"));
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let (app, _, key) = app().await;
    // Readable without a key.
    let (status, doc) = call(&app, Method::GET, "/api/v1/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    let mut documented: Vec<(String, String)> = paths
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.to_uppercase(), path.clone()))
        })
        .collect();
    documented.sort();
    let expected = [
        ("GET", "/api/v1/accounts/{external_id}/contracts"),
        ("GET", "/api/v1/contracts/{number}"),
        ("GET", "/api/v1/contracts/{number}/document"),
        ("GET", "/api/v1/events"),
        ("POST", "/api/v1/filings"),
        ("POST", "/api/v1/orders"),
        ("POST", "/api/v1/recharges"),
        ("PUT", "/api/v1/accounts/{external_id}"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(documented, expected);
    // Every documented route is served (a route without a handler would be 404/405).
    for (method, path) in &documented {
        let concrete = path
            .replace("{number}", "QY-20261130-000001")
            .replace("{external_id}", "ext-x")
            .replace("/document", "/document?kind=formal");
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let body = (method != Method::GET).then(|| json!({}));
        let (status, _) = call(&app, method.clone(), &concrete, Some(&key), body).await;
        assert!(
            status != StatusCode::METHOD_NOT_ALLOWED
                && !(status == StatusCode::NOT_FOUND && method != Method::GET),
            "{method} {path}: {status}"
        );
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

/// A delivery as received: (body, signature header).
type Delivered = (Vec<u8>, String);

/// A receiver that refuses the first delivery and records every one.
#[derive(Clone, Default)]
struct Receiver {
    calls: Arc<Mutex<Vec<Delivered>>>,
}

#[async_trait::async_trait]
impl service::webhooks::WebhookTransport for Receiver {
    async fn post(&self, _url: &str, body: Vec<u8>, signature: String) -> Result<u16, String> {
        let mut calls = self.calls.lock().unwrap();
        calls.push((body, signature));
        Ok(if calls.len() == 1 { 500 } else { 204 })
    }
}

#[tokio::test]
async fn webhooks_are_signed_and_retried_after_a_failing_receiver() {
    let (_app, ctx, _key) = app().await;
    let ent = service::accounts::find_by_login(&ctx.db, "ent_demo")
        .await
        .unwrap()
        .unwrap()
        .id;
    service::contracts::create_contract(
        &ctx,
        ent,
        &framework(),
        &service::audit::Actor::customer(ent, None),
    )
    .await
    .unwrap();
    let receiver = Receiver::default();
    let hooks = service::webhooks::Webhooks {
        db: ctx.db.clone(),
        url: "http://127.0.0.1:9/hooks".into(),
        secret: "whsec-test".into(),
        transport: Arc::new(receiver.clone()),
    };
    use service::webhooks::Delivery;
    assert_eq!(hooks.deliver_once().await.unwrap(), Delivery::Failed);
    // Not skipped: the same event is delivered again, and then accepted.
    assert_eq!(hooks.deliver_once().await.unwrap(), Delivery::Delivered(1));
    assert_eq!(hooks.deliver_once().await.unwrap(), Delivery::Idle);
    let calls = receiver.calls.lock().unwrap().clone();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].0, calls[1].0);
    for (body, signature) in &calls {
        assert!(service::webhooks::verify(
            "whsec-test",
            signature,
            body,
            service::clock::wall_clock_ms(),
            service::webhooks::TOLERANCE_MS
        ));
        assert!(!service::webhooks::verify(
            "wrong-secret",
            signature,
            body,
            service::clock::wall_clock_ms(),
            service::webhooks::TOLERANCE_MS
        ));
    }
    let payload: Value = serde_json::from_slice(&calls[1].0).unwrap();
    assert_eq!(payload["events"][0]["sub_status"], "generating");
}

/// The production transport against a real local receiver: the request arrives with its
/// signature header and body.
#[tokio::test]
async fn the_http_transport_posts_the_signed_body() {
    use service::webhooks::WebhookTransport;
    let got: Arc<Mutex<Option<Delivered>>> = Arc::default();
    let sink = got.clone();
    let receiver = Router::new().route(
        "/hooks",
        axum::routing::post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                let sink = sink.clone();
                async move {
                    let signature = headers[service::webhooks::SIGNATURE_HEADER]
                        .to_str()
                        .unwrap()
                        .to_string();
                    *sink.lock().unwrap() = Some((body.to_vec(), signature));
                    StatusCode::NO_CONTENT
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, receiver).await.unwrap() });
    let transport = server::webhook_client::HyperTransport::new(None).unwrap();
    let status = transport
        .post(
            &format!("http://{addr}/hooks"),
            b"{\"events\":[]}".to_vec(),
            "t=1,v1=ab".into(),
        )
        .await
        .unwrap();
    assert_eq!(status, 204);
    let (body, signature) = got.lock().unwrap().clone().unwrap();
    assert_eq!(signature, "t=1,v1=ab");
    assert_eq!(body, b"{\"events\":[]}");
    // Nobody listening: an error, not a panic.
    assert!(transport
        .post("http://127.0.0.1:9/hooks", vec![], String::new())
        .await
        .is_err());
}

/// A certificate authority and a certificate for 127.0.0.1 it issued, made with the
/// `openssl` command (P-256): `(ca.pem, cert.pem, key.pem)` under `dir`.
fn tls_receiver_certificates(dir: &std::path::Path) -> [std::path::PathBuf; 3] {
    std::fs::create_dir_all(dir).unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("the openssl command (scripts/setup.sh installs it)");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
    ];
    run(&[
        &["req", "-x509"][..],
        &ec,
        &[
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=Qianyue test receiver CA",
        ],
    ]
    .concat());
    run(&[
        &["req"][..],
        &ec,
        &[
            "-keyout",
            "key.pem",
            "-out",
            "cert.csr",
            "-subj",
            "/CN=127.0.0.1",
        ],
    ]
    .concat());
    std::fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        "cert.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "cert.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    ]);
    ["ca.pem", "cert.pem", "key.pem"].map(|f| dir.join(f))
}

/// Issue 29: `https://` receivers are reached over TLS with their certificate checked:
/// a certificate of an unknown CA is refused (never delivered to), and one the operator
/// trusts (`QY_WEBHOOK_CA_FILE`) is delivered to.
#[tokio::test]
async fn webhooks_are_delivered_over_https_with_the_certificate_checked() {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    use service::webhooks::WebhookTransport;

    let dir = crate::common::scratch_path("qy_tls_receiver");
    let [ca, cert, key] = tls_receiver_certificates(&dir);
    let tls = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(
        CertificateDer::pem_file_iter(&cert)
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap(),
        PrivateKeyDer::from_pem_file(&key).unwrap(),
    )
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(tls));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let received: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let (acceptor, sink) = (acceptor.clone(), sink.clone());
            tokio::spawn(async move {
                // A client that refuses our certificate ends the handshake: nothing served.
                let Ok(stream) = acceptor.accept(tcp).await else {
                    return;
                };
                let service = hyper::service::service_fn(
                    move |req: hyper::Request<hyper::body::Incoming>| {
                        let sink = sink.clone();
                        async move {
                            let signature = req.headers()[service::webhooks::SIGNATURE_HEADER]
                                .to_str()
                                .unwrap()
                                .to_string();
                            sink.lock().unwrap().push(signature);
                            let mut ok =
                                hyper::Response::new(http_body_util::Empty::<bytes::Bytes>::new());
                            *ok.status_mut() = StatusCode::NO_CONTENT;
                            Ok::<_, std::convert::Infallible>(ok)
                        }
                    },
                );
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    let url = format!("https://{addr}/hooks");

    let public_roots_only = server::webhook_client::HyperTransport::new(None).unwrap();
    let refused = public_roots_only
        .post(&url, b"{}".to_vec(), "t=1,v1=aa".into())
        .await
        .unwrap_err();
    assert!(refused.to_lowercase().contains("certificate"), "{refused}");
    assert!(
        received.lock().unwrap().is_empty(),
        "nothing reached a receiver we cannot trust"
    );

    let trusting = server::webhook_client::HyperTransport::new(Some(&ca)).unwrap();
    let status = trusting
        .post(&url, b"{}".to_vec(), "t=2,v1=bb".into())
        .await
        .unwrap();
    assert_eq!(status, 204);
    assert_eq!(*received.lock().unwrap(), vec!["t=2,v1=bb".to_string()]);
    // A file without certificates is a configuration error, said at start.
    std::fs::write(dir.join("empty.pem"), "").unwrap();
    assert!(server::webhook_client::HyperTransport::new(Some(&dir.join("empty.pem"))).is_err());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 29: the billing system retrying `PUT /accounts/{id}` of a new account while the
/// first request runs: twenty at once all answer 2xx and leave exactly one account.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_puts_of_one_new_account_all_succeed_and_create_it_once() {
    let (app, ctx, key) = app().await;
    let body = json!({ "login": "put_race", "kind": "individual", "verified": false });
    let mut puts = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (app, key, body) = (app.clone(), key.clone(), body.clone());
        puts.spawn(async move {
            call(
                &app,
                Method::PUT,
                "/api/v1/accounts/ext-put-race",
                Some(&key),
                Some(body),
            )
            .await
        });
    }
    while let Some(answer) = puts.join_next().await {
        let (status, result) = answer.unwrap();
        assert!(status.is_success(), "{status}: {result}");
    }
    let accounts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE login = 'put_race'")
            .fetch_one(&ctx.db.pool)
            .await
            .unwrap();
    assert_eq!(accounts, 1);
}

/// The billing system links an existing console login only when it is the same verified
/// subject; a look-alike login never receives another's identity.
#[tokio::test]
async fn an_account_is_linked_only_to_the_same_verified_subject() {
    let (app, ctx, key) = app().await;
    // ind_demo is an individual with another ID: no link, and the login is taken.
    let body = json!({ "login": "ind_demo", "kind": "enterprise", "verified": true,
        "subject_name": "星河示例数字科技（上海）有限公司", "id_number": "91350100M000100Y43" });
    let (status, result) = call(
        &app,
        Method::PUT,
        "/api/v1/accounts/ext-x",
        Some(&key),
        Some(body),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{result}");
    let linked: Option<String> =
        sqlx::query("SELECT external_id FROM accounts WHERE login = 'ind_demo'")
            .fetch_one(&ctx.db.pool)
            .await
            .unwrap()
            .get(0);
    assert_eq!(linked, None);
    // The same subject links.
    link_ent_demo(&app, &key).await;
}

/// Every refusal is JSON in the `ApiError` shape with a stable code — a body without
/// `application/json`, one that is not JSON, JSON of the wrong shape, a query parameter
/// the operation does not take — and the OpenAPI document lists each status.
#[tokio::test]
async fn bad_requests_get_the_api_error_shape_and_are_documented() {
    let (app, _, key) = app().await;
    let raw = |content_type: Option<&str>, body: &'static str| {
        let mut req = Request::post("/api/v1/orders")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::AUTHORIZATION, format!("Bearer {key}"));
        if let Some(content_type) = content_type {
            req = req.header(header::CONTENT_TYPE, content_type);
        }
        req.body(Body::from(body)).unwrap()
    };
    let cases = [
        (
            raw(None, r#"{"items": []}"#),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            raw(Some("application/json"), "{items"),
            StatusCode::BAD_REQUEST,
            "malformed",
        ),
        (
            raw(Some("application/json"), r#"{"items": [{"order_no": 1}]}"#),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
        ),
    ];
    for (req, status, code) in cases {
        let res = send(&app, req).await;
        assert_eq!(res.status(), status);
        assert_eq!(res.headers()[header::CONTENT_TYPE], "application/json");
        let body: Value = serde_json::from_slice(
            &axum::body::to_bytes(res.into_body(), 1 << 16)
                .await
                .unwrap(),
        )
        .unwrap();
        assert_eq!(body["error"], code, "{body}");
        assert!(
            body["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{body}"
        );
    }
    // A parameter the operation does not take, and a value of the wrong type.
    // Out of the documented ranges: refused, not clamped.
    for query in [
        "after=0&bogus=1",
        "after=soon",
        "after=-1",
        "limit=0",
        "limit=501",
    ] {
        let path = format!("/api/v1/events?{query}");
        let (status, body) = call(&app, Method::GET, &path, Some(&key), None).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::BAD_REQUEST, Some("invalid")),
            "{body}"
        );
    }

    let (_, doc) = call(&app, Method::GET, "/api/v1/openapi.json", None, None).await;
    let orders = &doc["paths"]["/api/v1/orders"]["post"]["responses"];
    for status in ["200", "400", "401", "415", "422"] {
        assert!(
            orders.get(status).is_some(),
            "POST /orders documents {status}: {orders}"
        );
    }
    assert!(doc["paths"]["/api/v1/events"]["get"]["responses"]
        .get("400")
        .is_some());
    let batch = doc["components"]["schemas"].to_string();
    assert!(
        batch.contains("\"minItems\":1") && batch.contains("\"maxItems\":1000"),
        "{batch}"
    );
    let events = doc["paths"]["/api/v1/events"]["get"]["parameters"].to_string();
    assert!(!events.contains("\"path\""), "query parameters: {events}");

    // The document's constraints are the domain's (attribute literals there, constants
    // here): each item schema names them.
    use domain::billing::{
        AMOUNT_MAX_FEN, REFERENCE_PATTERN, TEXT_PATTERN, TIME_MAX_MS, TIME_MIN_MS,
    };
    let schemas = &doc["components"]["schemas"];
    for (schema, reference, text, time) in [
        ("Filing", "filing_no", "site_name", "created_at"),
        ("Recharge", "record_no", "channel", "paid_at"),
    ] {
        let properties = &schemas[schema]["properties"];
        assert_eq!(
            properties[reference]["pattern"], REFERENCE_PATTERN,
            "{schema}"
        );
        assert_eq!(
            properties["account"]["pattern"], REFERENCE_PATTERN,
            "{schema}"
        );
        assert_eq!(properties[text]["pattern"], TEXT_PATTERN, "{schema}");
        assert_eq!(properties[time]["minimum"], TIME_MIN_MS, "{schema}");
        assert_eq!(properties[time]["maximum"], TIME_MAX_MS, "{schema}");
    }
    assert_eq!(
        schemas["Recharge"]["properties"]["amount_fen"]["maximum"],
        AMOUNT_MAX_FEN
    );
    // R15 in the Order schema: a refund at most 0, anything else at least 0.
    let cases = schemas["Order"]["oneOf"].as_array().unwrap();
    let bound = |mode: &str, side: &str| {
        cases
            .iter()
            .find(|c| {
                c["properties"]["billing_mode"]["enum"]
                    .as_array()
                    .unwrap()
                    .contains(&json!(mode))
            })
            .map(|c| c["properties"]["amount_fen"][side].clone())
    };
    assert_eq!(bound("refund", "maximum"), Some(json!(0)));
    assert_eq!(bound("refund", "minimum"), Some(json!(-AMOUNT_MAX_FEN)));
    assert_eq!(bound("prepaid", "minimum"), Some(json!(0)));
    assert_eq!(bound("prepaid", "maximum"), Some(json!(AMOUNT_MAX_FEN)));
    assert_eq!(
        schemas["Batch_Order"]["properties"]["items"]["items"]["oneOf"],
        schemas["Order"]["oneOf"]
    );
    // Refusals answer a stable code; the document lists every one.
    let codes = &schemas["ApiError"]["properties"]["code"]["enum"];
    assert_eq!(codes, &json!(domain::Refused::all_codes()));
    // So do an item's and a field's problems.
    let billing = domain::billing::Problem::ALL.map(|p| p.code());
    let documented = |schema: &str| -> Vec<String> {
        serde_json::from_value(schemas[schema]["properties"]["code"]["enum"].clone()).unwrap()
    };
    assert_eq!(documented("ItemProblem"), documented("FieldProblem"));
    let fields = documented("FieldProblem");
    for code in billing.into_iter().chain(domain::FieldProblem::all_codes()) {
        assert!(fields.iter().any(|c| c == code), "{code} is not documented");
    }
    let mut unique = fields.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), fields.len(), "each code once");
    assert!(codes
        .as_array()
        .unwrap()
        .contains(&json!("framework_exists")));
}

/// Accept-Language: English or Chinese messages (Chinese without the header), the same
/// status and the same stable tokens either way; the answer names its language.
#[tokio::test]
async fn messages_follow_accept_language_with_the_same_status_and_codes() {
    let (app, _, key) = app().await;
    link_ent_demo(&app, &key).await;
    let ask = |accept: Option<&'static str>, method: Method, path: &str, auth: bool, body: &str| {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/json");
        if auth {
            req = req.header(header::AUTHORIZATION, format!("Bearer {key}"));
        }
        if let Some(accept) = accept {
            req = req.header(header::ACCEPT_LANGUAGE, accept);
        }
        req.body(Body::from(body.to_string())).unwrap()
    };
    let refund_up = json!({ "items": [order("API-LANG-1", "ext-ent-1", 100)] });
    let mut refund_up_body = refund_up.clone();
    refund_up_body["items"][0]["billing_mode"] = json!("refund");
    let refund_up_body = refund_up_body.to_string();
    // (method, path, with key, body, status, the English and the Chinese message start)
    let cases = [
        (
            Method::GET,
            "/api/v1/events",
            false,
            "",
            StatusCode::UNAUTHORIZED,
            "a valid API key",
            "需要有效的 API 密钥",
        ),
        (
            Method::GET,
            "/api/v1/contracts/QY-NONE",
            true,
            "",
            StatusCode::NOT_FOUND,
            "not found",
            "不存在",
        ),
        (
            Method::POST,
            "/api/v1/orders",
            true,
            "{items",
            StatusCode::BAD_REQUEST,
            "the body is not valid JSON",
            "请求体不是合法的 JSON",
        ),
        (
            Method::GET,
            "/api/v1/events?limit=0",
            true,
            "",
            StatusCode::BAD_REQUEST,
            "the query parameters",
            "查询参数",
        ),
        (
            Method::POST,
            "/api/v1/orders",
            true,
            r#"{"items": []}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
            "the request has invalid fields",
            "请求中有不符合要求的字段",
        ),
        (
            Method::POST,
            "/api/v1/orders",
            true,
            refund_up_body.as_str(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "1 item problem(s)",
            "1 项有问题",
        ),
    ];
    for (method, path, auth, body, status, english, chinese) in cases {
        let mut seen = Vec::new();
        for (accept, lang, start) in [
            (Some("en-GB,en;q=0.9,zh;q=0.5"), "en", english),
            (Some("zh-CN,zh;q=0.9"), "zh-CN", chinese),
            (None, "zh-CN", chinese),
            // A language the API does not speak: the default.
            (Some("fr-FR"), "zh-CN", chinese),
        ] {
            let res = send(&app, ask(accept, method.clone(), path, auth, body)).await;
            assert_eq!(res.status(), status, "{path} {accept:?}");
            assert_eq!(res.headers()[header::CONTENT_LANGUAGE], lang, "{path}");
            assert!(res.headers().get_all(header::VARY).iter().any(|v| v
                .to_str()
                .unwrap()
                .to_ascii_lowercase()
                .contains("accept-language")));
            let answer: Value = serde_json::from_slice(
                &axum::body::to_bytes(res.into_body(), 1 << 16)
                    .await
                    .unwrap(),
            )
            .unwrap();
            let message = answer["message"].as_str().unwrap_or_default();
            assert!(message.starts_with(start), "{path} {accept:?}: {answer}");
            // The tokens are the language's business no more than the status is.
            let mut tokens = answer.clone();
            tokens["message"] = Value::Null;
            for list in ["items", "fields"] {
                if let Some(entries) = tokens[list].as_array_mut() {
                    for entry in entries {
                        entry["message"] = Value::Null;
                    }
                }
            }
            seen.push(tokens);
        }
        assert!(seen.windows(2).all(|w| w[0] == w[1]), "{path}: {seen:?}");
    }

    // The item's and the field's own problem, typed: one code, a sentence per language.
    let item = |accept: &'static str| {
        let req = ask(
            Some(accept),
            Method::POST,
            "/api/v1/orders",
            true,
            &refund_up_body,
        );
        async { send(&app, req).await }
    };
    for (accept, words) in [
        ("en", "refunds must be negative"),
        ("zh", "退款金额须为负数"),
    ] {
        let res = item(accept).await;
        let answer: Value = serde_json::from_slice(
            &axum::body::to_bytes(res.into_body(), 1 << 16)
                .await
                .unwrap(),
        )
        .unwrap();
        assert_eq!(answer["items"][0]["code"], "amount_sign", "{answer}");
        assert!(
            answer["items"][0]["message"]
                .as_str()
                .unwrap()
                .contains(words),
            "{answer}"
        );
    }
    for (accept, words) in [
        ("en", "a batch holds 1 to 1000 items"),
        ("zh", "每批 1 至 1000 项"),
    ] {
        let res = send(
            &app,
            ask(
                Some(accept),
                Method::POST,
                "/api/v1/orders",
                true,
                r#"{"items": []}"#,
            ),
        )
        .await;
        let answer: Value = serde_json::from_slice(
            &axum::body::to_bytes(res.into_body(), 1 << 16)
                .await
                .unwrap(),
        )
        .unwrap();
        assert_eq!(answer["fields"][0]["field"], "items", "{answer}");
        assert_eq!(answer["fields"][0]["code"], "batch_size", "{answer}");
        assert_eq!(answer["fields"][0]["message"], words, "{answer}");
    }
    // An account's problems too: every field at once, typed.
    let bad = json!({ "login": "ent_demo", "kind": "enterprise", "verified": true, "subject_name": "x", "id_number": "123" });
    for (accept, name, id) in [
        (
            "en",
            "2-100 characters expected",
            "an identifier has 18 characters",
        ),
        ("zh-CN", "认证主体名称为 2–100 个字", "证件号码应为 18 位"),
    ] {
        let res = send(
            &app,
            ask(
                Some(accept),
                Method::PUT,
                "/api/v1/accounts/ext-new",
                true,
                &bad.to_string(),
            ),
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let answer: Value = serde_json::from_slice(
            &axum::body::to_bytes(res.into_body(), 1 << 16)
                .await
                .unwrap(),
        )
        .unwrap();
        assert_eq!(
            answer["fields"],
            json!([
                { "field": "subject_name", "code": "subject_name_length", "message": name },
                { "field": "id_number", "code": "id_wrong_length", "message": id },
            ]),
            "{answer}"
        );
    }
    let taken = json!({ "login": "ent_demo", "kind": "individual", "verified": false });
    let res = send(
        &app,
        ask(
            Some("en"),
            Method::PUT,
            "/api/v1/accounts/ext-new-2",
            true,
            &taken.to_string(),
        ),
    )
    .await;
    // Well-formed, but another account holds the login: a conflict.
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let answer: Value = serde_json::from_slice(
        &axum::body::to_bytes(res.into_body(), 1 << 16)
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(answer["fields"][0]["code"], "login_taken", "{answer}");
}
