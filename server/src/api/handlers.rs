//! The handlers of `/api/v1`, each documented for the OpenAPI document.

use axum::extract::{Extension, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use service::billing::{self, BatchError};
use service::{Ctx, ServiceError};
use utoipa::IntoParams;

use app::i18n::Lang;
use domain::billing::Problem;

use super::extract::{ApiJson, ApiQuery};
use super::messages::{texts, Texts};
use super::types::{
    AccountBody, AccountKind, AccountResult, ApiError, Batch, BatchResult, Contract, Event,
    EventPage, FieldProblem, Filing, ItemProblem, Order, Recharge,
};
use super::{error, ApiKey};

/// A service error as the API answers it, in the request's language (never a 500 for
/// bad input).
pub(super) fn service_error(lang: Lang, e: ServiceError) -> Response {
    let texts = texts(lang);
    match e {
        ServiceError::Validation(fields) | ServiceError::Conflict(fields) => invalid(
            texts,
            fields
                .iter()
                .map(|(field, problem)| FieldProblem {
                    field: field.into(),
                    code: Some(problem.code().into()),
                    message: app::i18n::LangTexts::console(lang).problem(problem),
                })
                .collect(),
        ),
        ServiceError::BillingInput(problems) => {
            // Well-formed input that collides with what is here (a login or billing id
            // another account holds, a kind the account does not have) is a conflict
            // with the state, not a malformed request.
            let conflict = problems.iter().all(|(_, p)| {
                matches!(
                    p,
                    Problem::LoginTaken | Problem::OtherAccount | Problem::KindChange
                )
            });
            let fields = problems
                .into_iter()
                .map(|(field, problem)| FieldProblem {
                    field: field.into(),
                    code: Some(problem.code().into()),
                    message: (texts.problem)(problem),
                })
                .collect();
            let mut response = invalid(texts, fields);
            if conflict {
                *response.status_mut() = StatusCode::CONFLICT;
            }
            response
        }
        ServiceError::NotFound => error(StatusCode::NOT_FOUND, "not_found", texts.not_found),
        ServiceError::Refused(refused) => (
            StatusCode::CONFLICT,
            Json(ApiError {
                error: "refused".into(),
                code: Some(refused.code().into()),
                message: app::i18n::refused::refused(lang, &refused),
                fields: Vec::new(),
                items: Vec::new(),
            }),
        )
            .into_response(),
        ServiceError::Busy { retry_after_secs } => {
            let mut response = error(StatusCode::SERVICE_UNAVAILABLE, "busy", texts.busy);
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, retry_after_secs.into());
            response
        }
        ServiceError::Unavailable(e) => {
            tracing::warn!("api: {e}");
            let mut response = error(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                texts.unavailable,
            );
            response.headers_mut().insert(
                header::RETRY_AFTER,
                crate::unavailable::RETRY_AFTER_SECS.into(),
            );
            response
        }
        other => {
            tracing::error!("api: {other}");
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                texts.internal,
            )
        }
    }
}

/// 422 `invalid` with the fields' problems.
fn invalid(texts: &Texts, fields: Vec<FieldProblem>) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(ApiError {
            error: "invalid".into(),
            code: None,
            message: texts.invalid.into(),
            fields,
            items: Vec::new(),
        }),
    )
        .into_response()
}

fn batch_result(lang: Lang, result: Result<usize, BatchError>) -> Response {
    match result {
        Ok(upserted) => Json(BatchResult { upserted }).into_response(),
        Err(BatchError::Items(items)) => {
            item_problems(lang, StatusCode::UNPROCESSABLE_ENTITY, "invalid", items)
        }
        Err(BatchError::Conflicts(items)) => {
            item_problems(lang, StatusCode::CONFLICT, "conflict", items)
        }
        Err(BatchError::Service(e)) => service_error(lang, e),
    }
}

/// 422 `invalid` (the items' own problems) or 409 `conflict` (unknown accounts, references
/// another account holds), listing every item problem.
fn item_problems(
    lang: Lang,
    status: StatusCode,
    code: &str,
    items: Vec<domain::billing::ItemError>,
) -> Response {
    let texts = texts(lang);
    (
        status,
        Json(ApiError {
            error: code.into(),
            code: None,
            message: (texts.item_problems)(items.len()),
            fields: Vec::new(),
            items: items
                .into_iter()
                .map(|i| ItemProblem {
                    index: i.index,
                    reference: i.reference,
                    field: i.field,
                    code: i.problem.code().into(),
                    message: (texts.problem)(i.problem),
                })
                .collect(),
        }),
    )
        .into_response()
}

/// The 409 of an account upsert.
const ACCOUNT_CONFLICT_DOC: &str = "`invalid` with the field in conflict with what is stored: `login` (`login_taken`: another account holds the login) or `kind` (`kind_change`: an account's kind never changes); nothing was written";

/// Creates or updates an account, identified by the billing system's id.
#[utoipa::path(put, path = "/accounts/{external_id}", tag = "accounts",
    params(("external_id" = String, Path, pattern = "^[0-9A-Za-z\\u4e00-\\u9fff_.-]{1,64}$", description = "The billing system's account id")),
    request_body = AccountBody,
    responses((status = 200, body = AccountResult), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 409, body = ApiError, description = ACCOUNT_CONFLICT_DOC), (status = 415, body = ApiError), (status = 422, body = ApiError)))]
pub async fn put_account(
    State(ctx): State<Ctx>,
    Extension(key): Extension<ApiKey>,
    Extension(lang): Extension<Lang>,
    Path(external_id): Path<String>,
    ApiJson(body): ApiJson<AccountBody>,
) -> Response {
    let input = billing::AccountInput {
        login: body.login,
        kind: match body.kind {
            AccountKind::Enterprise => domain::account::AccountKind::Enterprise,
            AccountKind::Individual => domain::account::AccountKind::Individual,
        },
        verified: body.verified,
        subject_name: body.subject_name,
        id_number: body.id_number,
    };
    match billing::upsert_account(&ctx, &external_id, &input, &key.actor()).await {
        Ok(state) => Json(AccountResult {
            external_id,
            created: state.created,
            subject_hold: state.subject_hold,
        })
        .into_response(),
        Err(e) => service_error(lang, e),
    }
}

/// The 409 of a batch whose items are well-formed but refer to what is not (yet) here.
const CONFLICT_DOC: &str = "`conflict`: an item names an account not created yet (PUT /accounts first) or a reference another account holds, or two items share a reference; `items` lists them and nothing was written";

/// Upserts up to 1,000 orders by order number, all or nothing.
#[utoipa::path(post, path = "/orders", tag = "billing items", request_body = Batch<Order>,
    responses((status = 200, body = BatchResult), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 409, body = ApiError, description = CONFLICT_DOC), (status = 415, body = ApiError), (status = 422, body = ApiError)))]
pub async fn post_orders(
    State(ctx): State<Ctx>,
    Extension(key): Extension<ApiKey>,
    Extension(lang): Extension<Lang>,
    ApiJson(batch): ApiJson<Batch<Order>>,
) -> Response {
    let items: Vec<billing::OrderItem> = batch
        .items
        .into_iter()
        .map(|o| billing::OrderItem {
            order_no: o.order_no,
            account: o.account,
            product: o.product,
            billing_mode: o.billing_mode.token().into(),
            amount_fen: o.amount_fen,
            created_at: o.created_at,
        })
        .collect();
    batch_result(lang, billing::upsert(&ctx, &items, &key.actor()).await)
}

/// Upserts up to 1,000 ICP filings by filing number, all or nothing.
#[utoipa::path(post, path = "/filings", tag = "billing items", request_body = Batch<Filing>,
    responses((status = 200, body = BatchResult), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 409, body = ApiError, description = CONFLICT_DOC), (status = 415, body = ApiError), (status = 422, body = ApiError)))]
pub async fn post_filings(
    State(ctx): State<Ctx>,
    Extension(key): Extension<ApiKey>,
    Extension(lang): Extension<Lang>,
    ApiJson(batch): ApiJson<Batch<Filing>>,
) -> Response {
    let items: Vec<billing::FilingItem> = batch
        .items
        .into_iter()
        .map(|f| billing::FilingItem {
            filing_no: f.filing_no,
            account: f.account,
            site_name: f.site_name,
            domain: f.domain,
            order_no: f.order_no,
            created_at: f.created_at,
        })
        .collect();
    batch_result(lang, billing::upsert(&ctx, &items, &key.actor()).await)
}

/// Upserts up to 1,000 recharge records by record number, all or nothing.
#[utoipa::path(post, path = "/recharges", tag = "billing items", request_body = Batch<Recharge>,
    responses((status = 200, body = BatchResult), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 409, body = ApiError, description = CONFLICT_DOC), (status = 415, body = ApiError), (status = 422, body = ApiError)))]
pub async fn post_recharges(
    State(ctx): State<Ctx>,
    Extension(key): Extension<ApiKey>,
    Extension(lang): Extension<Lang>,
    ApiJson(batch): ApiJson<Batch<Recharge>>,
) -> Response {
    let items: Vec<billing::RechargeItem> = batch
        .items
        .into_iter()
        .map(|r| billing::RechargeItem {
            record_no: r.record_no,
            account: r.account,
            amount_fen: r.amount_fen,
            channel: r.channel,
            paid_at: r.paid_at,
        })
        .collect();
    batch_result(lang, billing::upsert(&ctx, &items, &key.actor()).await)
}

/// A contract and its current status.
#[utoipa::path(get, path = "/contracts/{number}", tag = "contracts",
    params(("number" = String, Path, description = "e.g. QY-20261130-000042")),
    responses((status = 200, body = Contract), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get_contract(
    State(ctx): State<Ctx>,
    Extension(lang): Extension<Lang>,
    Path(number): Path<String>,
) -> Response {
    match billing::contract(&ctx.db, &number).await {
        Ok(info) => {
            let c = info.contract;
            Json(Contract {
                number: c.number,
                kind: c.kind.as_str().into(),
                channel: c.channel.as_str().into(),
                status: c.state.status.as_str().into(),
                sub_status: c.state.sub_status.as_str().into(),
                account_external_id: info.account_external_id,
                total_fen: c.total_fen,
                created_at: c.created_at,
                effective_at: c.effective_at,
                expires_at: c.expires_at,
            })
            .into_response()
        }
        Err(e) => service_error(lang, e),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EventQuery {
    /// The last event id seen; from the beginning when absent.
    #[serde(default, deserialize_with = "within::<_, 0, { i64::MAX }>")]
    #[param(minimum = 0)]
    after: Option<i64>,
    /// How many events at most, 1–500; 100 when absent.
    #[serde(default, deserialize_with = "within::<_, 1, 500>")]
    #[param(minimum = 1, maximum = 500)]
    limit: Option<i64>,
}

/// A number parameter that must lie in `MIN..=MAX` (outside: the query is refused with 400,
/// as the document says, rather than silently clamped).
pub(super) fn within<'de, D, const MIN: i64, const MAX: i64>(d: D) -> Result<Option<i64>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let value = i64::deserialize(d)?;
    if (MIN..=MAX).contains(&value) {
        Ok(Some(value))
    } else {
        Err(serde::de::Error::custom(format!(
            "{value} is outside {MIN}..={MAX}"
        )))
    }
}

/// Contract status changes after a cursor, oldest first.
#[utoipa::path(get, path = "/events", tag = "contracts", params(EventQuery),
    responses((status = 200, body = EventPage), (status = 400, body = ApiError), (status = 401, body = ApiError)))]
pub async fn get_events(
    State(ctx): State<Ctx>,
    Extension(lang): Extension<Lang>,
    ApiQuery(q): ApiQuery<EventQuery>,
) -> Response {
    let after = q.after.unwrap_or(0);
    match billing::events(&ctx.db, after, q.limit.unwrap_or(100)).await {
        Ok(events) => {
            let next_after = events.last().map_or(after, |e| e.id);
            Json(EventPage {
                events: events
                    .into_iter()
                    .map(|e| Event::from(service::webhooks::EventJson::from(e)))
                    .collect(),
                next_after,
            })
            .into_response()
        }
        Err(e) => service_error(lang, e),
    }
}
