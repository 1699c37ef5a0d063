//! The handlers of `/api/v1`, each documented for the OpenAPI document.

use axum::extract::{Extension, Path, State};
use axum::Json;
use serde::Deserialize;
use service::billing::{self};
use service::Ctx;
use utoipa::IntoParams;

use domain::Lang;

use super::extract::{ApiJson, ApiQuery};
use super::failure::{contract_number, ApiFailure};
use super::types::{
    AccountBody, AccountKind, AccountResult, ApiError, Batch, BatchResult, Contract, Event,
    EventPage, Filing, Order, Recharge,
};
use super::ApiKey;

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
) -> Result<Json<AccountResult>, ApiFailure> {
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
    let state = billing::upsert_account(&ctx, &external_id, &input, &key.actor())
        .await
        .map_err(ApiFailure::in_lang(lang))?;
    Ok(Json(AccountResult {
        external_id,
        created: state.created,
        subject_hold: state.subject_hold,
    }))
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
) -> Result<Json<BatchResult>, ApiFailure> {
    let items: Vec<billing::OrderItem> = batch
        .items
        .into_iter()
        .map(|o| billing::OrderItem {
            order_no: o.order_no,
            account: o.account,
            product: o.product,
            billing_mode: o.billing_mode.into(),
            amount_fen: o.amount_fen,
            created_at: o.created_at,
        })
        .collect();
    let upserted = billing::upsert(&ctx, &items, &key.actor())
        .await
        .map_err(ApiFailure::in_lang(lang))?;
    Ok(Json(BatchResult { upserted }))
}

/// Upserts up to 1,000 ICP filings by filing number, all or nothing.
#[utoipa::path(post, path = "/filings", tag = "billing items", request_body = Batch<Filing>,
    responses((status = 200, body = BatchResult), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 409, body = ApiError, description = CONFLICT_DOC), (status = 415, body = ApiError), (status = 422, body = ApiError)))]
pub async fn post_filings(
    State(ctx): State<Ctx>,
    Extension(key): Extension<ApiKey>,
    Extension(lang): Extension<Lang>,
    ApiJson(batch): ApiJson<Batch<Filing>>,
) -> Result<Json<BatchResult>, ApiFailure> {
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
    let upserted = billing::upsert(&ctx, &items, &key.actor())
        .await
        .map_err(ApiFailure::in_lang(lang))?;
    Ok(Json(BatchResult { upserted }))
}

/// Upserts up to 1,000 recharge records by record number, all or nothing.
#[utoipa::path(post, path = "/recharges", tag = "billing items", request_body = Batch<Recharge>,
    responses((status = 200, body = BatchResult), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 409, body = ApiError, description = CONFLICT_DOC), (status = 415, body = ApiError), (status = 422, body = ApiError)))]
pub async fn post_recharges(
    State(ctx): State<Ctx>,
    Extension(key): Extension<ApiKey>,
    Extension(lang): Extension<Lang>,
    ApiJson(batch): ApiJson<Batch<Recharge>>,
) -> Result<Json<BatchResult>, ApiFailure> {
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
    let upserted = billing::upsert(&ctx, &items, &key.actor())
        .await
        .map_err(ApiFailure::in_lang(lang))?;
    Ok(Json(BatchResult { upserted }))
}

/// A contract and its current status.
#[utoipa::path(get, path = "/contracts/{number}", tag = "contracts",
    params(("number" = String, Path, description = "e.g. QY-20261130-000042")),
    responses((status = 200, body = Contract), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get_contract(
    State(ctx): State<Ctx>,
    Extension(lang): Extension<Lang>,
    Path(number): Path<String>,
) -> Result<Json<Contract>, ApiFailure> {
    let info = billing::contract(&ctx.db, &contract_number(lang, &number)?)
        .await
        .map_err(ApiFailure::in_lang(lang))?;
    let c = info.contract;
    Ok(Json(Contract {
        number: c.number.into(),
        kind: c.kind,
        channel: c.channel,
        status: c.state.status,
        sub_status: c.state.sub_status,
        account_external_id: info.account_external_id,
        total_fen: c.total_fen,
        created_at: c.created_at,
        effective_at: c.effective_at,
        expires_at: c.expires_at,
    }))
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
) -> Result<Json<EventPage>, ApiFailure> {
    let after = q.after.unwrap_or(0);
    let events = billing::events(&ctx.db, after, q.limit.unwrap_or(100))
        .await
        .map_err(ApiFailure::in_lang(lang))?;
    let next_after = events.last().map_or(after, |e| e.id);
    Ok(Json(EventPage {
        events: events.into_iter().map(Event::from).collect(),
        next_after,
    }))
}
