//! `/api/v1`: the billing system's JSON API. Bearer API keys (hashed at rest), every call
//! audited, routes and their OpenAPI document built together (utoipa-axum), so a route
//! cannot exist without its documentation.

mod account_schema;
mod documents;
mod extract;
mod failure;
mod handlers;
mod lang;
mod messages;
mod tokens;
pub mod types;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use domain::AuditAction;
use service::platform::audit::{Actor, Change};
use service::Ctx;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use messages::texts;
use types::ApiError;

#[derive(OpenApi)]
#[openapi(
    info(title = "Qianyue billing API", version = "1", description = "Accounts, billing items, contracts and their status changes, for the provider's billing system. Keys are created in the operator console or with `qianyue api-key create`; a read-only key may call the GET operations only (anything else: 403 `forbidden`); an expired or revoked key gets 401. Errors carry stable tokens (`error`, `code`) for machines and a `message` in the request's language: `Accept-Language` English or Chinese, else Chinese (the answer's `Content-Language` says which)."),
    modifiers(&BearerAuth),
    security(("bearer" = []))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The authenticated key, for handlers and the audit trail.
#[derive(Debug, Clone, Copy)]
pub struct ApiKey(pub i64);

impl ApiKey {
    pub fn actor(self) -> Actor {
        Actor::api(self.0, None)
    }
}

/// The routes and their document, built together.
fn parts() -> (Router<Ctx>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(handlers::put_account))
        .routes(routes!(handlers::post_orders))
        .routes(routes!(handlers::post_filings))
        .routes(routes!(handlers::post_recharges))
        .routes(routes!(handlers::get_contract))
        .routes(routes!(documents::get_document))
        .routes(routes!(documents::get_account_contracts))
        .routes(routes!(handlers::get_events))
        .split_for_parts()
}

/// The OpenAPI document, with every path under `/api/v1`.
pub fn openapi() -> serde_json::Value {
    let (_, mut doc) = parts();
    doc.paths.paths = std::mem::take(&mut doc.paths.paths)
        .into_iter()
        .map(|(path, item)| (format!("/api/v1{path}"), item))
        .collect();
    let mut doc = serde_json::to_value(doc).unwrap_or_default();
    refund_sign(&mut doc);
    account_schema::state_account_rules(&mut doc);
    if let Some(code) = doc.pointer_mut("/components/schemas/ApiError/properties/code") {
        code["enum"] = domain::Refused::all_codes().into();
    }
    let mut problems: Vec<&str> = domain::billing::Problem::ALL.map(|p| p.code()).to_vec();
    for code in domain::FieldProblem::all_codes() {
        if !problems.contains(&code) {
            problems.push(code);
        }
    }
    for schema in ["FieldProblem", "ItemProblem"] {
        let pointer = format!("/components/schemas/{schema}/properties/code");
        if let Some(code) = doc.pointer_mut(&pointer) {
            code["enum"] = problems.clone().into();
        }
    }
    doc
}

/// R15 in the Order schema: a refund's amount is at most 0, any other order's at least 0.
/// utoipa's types cannot say that, so the generated schema becomes a `oneOf` of the two
/// cases (each a plain object with its own bounds, which generators and validators read
/// alike; an `if`/`then`/`else` or a top-level `anyOf` is ignored by some).
fn refund_sign(doc: &mut serde_json::Value) {
    // The Order component, and its copy that utoipa inlines in the generic batch.
    for pointer in [
        "/components/schemas/Order",
        "/components/schemas/Batch_Order/properties/items/items",
    ] {
        if let Some(order) = doc.pointer_mut(pointer) {
            split_by_sign(order);
        }
    }
}

fn split_by_sign(order: &mut serde_json::Value) {
    let case = |modes: &[&str], amount: (&str, i64)| {
        let mut case = order.clone();
        case.as_object_mut().map(|c| c.remove("description"));
        case["properties"]["billing_mode"] = serde_json::json!({ "enum": modes });
        case["properties"]["amount_fen"][amount.0] = amount.1.into();
        case
    };
    let refund = case(&["refund"], ("maximum", 0));
    let others = case(
        &["prepaid", "postpaid", "monthly_bill", "marketplace"],
        ("minimum", 0),
    );
    let description = order["description"].clone();
    *order = serde_json::json!({ "description": description, "oneOf": [refund, others] });
}

/// `/api/v1`, with `/api/v1/openapi.json` readable without a key.
pub fn router<S: Clone + Send + Sync + 'static>(ctx: Ctx) -> Router<S> {
    let (api, _) = parts();
    let doc = openapi();
    // Outermost: the language, so that even a refused key is told why in it.
    let authed = api
        .layer(middleware::from_fn_with_state(ctx.clone(), authenticate))
        .layer(middleware::from_fn(lang::negotiate))
        .with_state(ctx);
    Router::new().nest(
        "/api/v1",
        Router::new()
            .route(
                "/openapi.json",
                axum::routing::get(move || {
                    let doc = doc.clone();
                    async move { Json(doc) }
                }),
            )
            .merge(authed),
    )
}

pub fn error(status: StatusCode, error: &str, message: impl Into<String>) -> Response {
    (
        status,
        Json(ApiError {
            error: error.into(),
            code: None,
            message: message.into(),
            fields: Vec::new(),
            items: Vec::new(),
        }),
    )
        .into_response()
}

/// Checks the bearer key (live, and its scope allows the call), then records the call
/// (method, path, status) as an audit event of the key.
async fn authenticate(State(ctx): State<Ctx>, mut req: Request<Body>, next: Next) -> Response {
    let key = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default()
        .to_string();
    let texts = texts(lang::of(req.extensions()));
    let now = ctx.now();
    let key = match service::billing::api_keys::authenticate(&ctx.db, &key, now).await {
        Ok(Some(key)) => key,
        Ok(None) => {
            let mut response = error(StatusCode::UNAUTHORIZED, "unauthorized", texts.unauthorized);
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
            return response;
        }
        Err(e) => {
            tracing::error!("api key check: {e}");
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                texts.internal,
            );
        }
    };
    let call = format!("{} {}", req.method(), req.uri().path());
    let response = if key.scope.allows(req.method().as_str()) {
        req.extensions_mut().insert(ApiKey(key.id));
        next.run(req).await
    } else {
        error(StatusCode::FORBIDDEN, "forbidden", texts.forbidden)
    };
    if let Err(e) = audit_call(&ctx, key.id, &call, response.status()).await {
        tracing::error!("api audit: {e}");
    }
    response
}

async fn audit_call(ctx: &Ctx, key: i64, call: &str, status: StatusCode) -> Result<(), String> {
    service::platform::audit::record_alone(
        &ctx.db,
        &Actor::api(key, None),
        Change {
            detail: Some(domain::AuditDetail::ApiCall {
                call: call.to_string(),
                status: status.as_u16(),
            }),
            ..Change::of(AuditAction::ApiCall)
        },
    )
    .await
    .map_err(|e| e.to_string())
}
