//! HTTP-level tests of the real router (no socket), by subject: the public pages,
//! sessions and CSRF, scoping to the signed-in account, /verify, the console's rendering.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use domain::Check;
use server::{build_state, Config};
use service::Db;

use crate::common::{
    answer, app_with_config, body_text, call, font_dir, get, json, login, refused, send, HOST,
};

mod public_pages;
mod rendering;
mod scoping;
mod sessions;
mod verify;

/// The problems of an answer's field errors (a 422).
async fn problems(res: axum::response::Response) -> Vec<domain::FieldProblem> {
    let error: app::error::AppError = answer(res).await;
    let fields = error
        .fields()
        .unwrap_or_else(|| panic!("no field errors: {error:?}"));
    fields.iter().map(|(_, problem)| problem.clone()).collect()
}

async fn app() -> Router {
    app_and_ctx().await.0
}

async fn app_and_ctx() -> (Router, service::Ctx) {
    app_with(false).await
}

/// An app in demo mode on a fresh seeded database; `dev_outbox` turns on `/dev/outbox`.
async fn app_with(dev_outbox: bool) -> (Router, service::Ctx) {
    app_with_config("qy_http", true, |config| config.dev_outbox = dev_outbox).await
}

/// `application/x-www-form-urlencoded`, as a browser encodes a form.
fn encode_form(pairs: &[(&str, &str)]) -> String {
    let encode = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub(crate) async fn create_framework(app: &Router, cookie: &str) -> String {
    let body = serde_json::json!({ "contract": {
        "kind": "framework", "channel": "single", "item_ids": [], "confirmed": true,
        "party_a": { "address": "上海市浦东新区示例路 88 号", "contact": "张三", "phone": "13800138000",
                     "email": "a@example.cn", "postcode": "200120" } } });
    let res = send(app, json("/fn/contracts/create", body, cookie)).await;
    assert_eq!(res.status(), StatusCode::OK);
    answer(res).await
}
