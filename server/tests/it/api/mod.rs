//! `/api/v1`, the billing system's API, over HTTP, by subject: keys, upserts, contracts
//! and documents, the OpenAPI document and error shapes, webhooks.

use std::sync::{Arc, Mutex};

use crate::common::{app_with_config, send};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use serde_json::{json, Value};
use sqlx::Row;

mod errors;
mod keys;
mod reads;
mod upserts;
mod webhooks;

/// The API on a fresh seeded database (not in demo mode) and a key for it.
async fn app() -> (Router, service::Ctx, String) {
    let (router, ctx) = app_with_config("qy_api", false, |_| {}).await;
    let (_, key) = service::billing::api_keys::create(
        &ctx.db,
        &service::billing::api_keys::NewApiKey {
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
    let actor = service::platform::audit::Actor::customer(account, None);
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
    number.into()
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

/// A delivery as received: (body, signature header).
type Delivered = (Vec<u8>, String);
