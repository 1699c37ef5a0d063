//! What the billing system reads of contracts beyond their status: a contract's PDF, and
//! one account's contracts with their items, in keyset pages.

use axum::extract::{Extension, Path, State};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use axum::Json;
use serde::{Deserialize, Serialize};
use service::billing::account_contracts::{self, Cursor};
use service::contracts::documents::{fetch_any, PdfKind};
use service::Ctx;
use utoipa::{IntoParams, ToSchema};

use domain::Lang;

use super::extract::ApiQuery;
use super::failure::{contract_number, ApiFailure};
use super::types::ApiError;

/// Which document of a contract.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// The watermarked draft, before signing.
    Draft,
    /// The signed formal contract (PAdES), once effective.
    Formal,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DocumentQuery {
    #[param(inline)]
    kind: DocumentKind,
}

/// The header that carries the document's SHA-256 (hex), as recorded when it was made and
/// checked against the bytes before they are sent (R10).
pub const SHA256_HEADER: &str = "x-content-sha256";

/// A contract's document, as a PDF.
#[utoipa::path(get, path = "/contracts/{number}/document", tag = "contracts",
    params(("number" = String, Path, description = "e.g. QY-20261130-000042"), DocumentQuery),
    responses(
        (status = 200, description = "The PDF", body = [u8], content_type = "application/pdf",
            headers(("x-content-sha256" = String, description = "The document's SHA-256, hex"),
                    ("etag" = String, description = "The SHA-256, quoted"))),
        (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 404, body = ApiError, description = "No such contract, or it has no such document yet")))]
pub async fn get_document(
    State(ctx): State<Ctx>,
    Extension(lang): Extension<Lang>,
    Path(number): Path<String>,
    ApiQuery(q): ApiQuery<DocumentQuery>,
) -> Result<Response, ApiFailure> {
    let kind = match q.kind {
        DocumentKind::Draft => PdfKind::Draft,
        DocumentKind::Formal => PdfKind::Formal,
    };
    let download = fetch_any(&ctx, &contract_number(lang, &number)?, kind)
        .await
        .map_err(ApiFailure::in_lang(lang))?;
    let mut response =
        crate::downloads::pdf_response(download.bytes, &download.filename, false, "no-store");
    let headers = response.headers_mut();
    if let Ok(sha) = HeaderValue::from_str(&download.sha256) {
        headers.insert(SHA256_HEADER, sha);
    }
    if let Ok(etag) = HeaderValue::from_str(&format!("\"{}\"", download.sha256)) {
        headers.insert(header::ETAG, etag);
    }
    Ok(response)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AccountContractsQuery {
    /// The `next_after` of the previous page; from the oldest contract when absent.
    #[serde(default, deserialize_with = "cursor")]
    #[param(value_type = Option<String>, pattern = r"^[0-9]{1,15}\.[0-9]{1,18}$")]
    after: Option<Cursor>,
    /// How many contracts at most, 1–200; 50 when absent.
    #[serde(default, deserialize_with = "super::handlers::within::<_, 1, 200>")]
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
}

fn cursor<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Cursor>, D::Error> {
    let token = String::deserialize(d)?;
    Cursor::parse(&token)
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom("after: not a cursor this API gave"))
}

/// An item a contract covers: an order, an ICP filing or a recharge record.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ContractItem {
    /// The billing system's reference: order number, filing number or record number.
    pub reference: String,
    pub description: String,
    pub amount_fen: i64,
    pub occurred_at: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AccountContract {
    pub number: String,
    #[schema(schema_with = super::tokens::contract_type)]
    pub kind: domain::ContractType,
    #[schema(schema_with = super::tokens::channel)]
    pub channel: domain::Channel,
    #[schema(schema_with = super::tokens::status)]
    pub status: domain::Status,
    #[schema(schema_with = super::tokens::sub_status)]
    pub sub_status: domain::SubStatus,
    pub total_fen: i64,
    /// The version of the contract template it was written from.
    pub template_version: String,
    pub created_at: i64,
    pub effective_at: Option<i64>,
    pub expires_at: Option<i64>,
    /// Whether `/contracts/{number}/document?kind=…` has the draft, the formal document.
    pub has_draft: bool,
    pub has_formal: bool,
    pub items: Vec<ContractItem>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AccountContractPage {
    /// Oldest first; those created at least a minute ago (a contract still being
    /// written is never passed by a cursor).
    pub contracts: Vec<AccountContract>,
    /// Pass as `after` for the next page, and to poll for newer contracts later (equal
    /// to the request's `after` when nothing is new; absent while nothing was listed).
    pub next_after: Option<String>,
    /// The page is full: ask again at once with `next_after`.
    pub more: bool,
}

/// One account's contracts (deleted ones are gone) with their items, oldest first, in
/// pages that neither skip nor repeat a contract created meanwhile.
#[utoipa::path(get, path = "/accounts/{external_id}/contracts", tag = "contracts",
    params(("external_id" = String, Path, description = "The billing system's account id"), AccountContractsQuery),
    responses((status = 200, body = AccountContractPage), (status = 400, body = ApiError),
        (status = 401, body = ApiError), (status = 404, body = ApiError, description = "No account with this id")))]
pub async fn get_account_contracts(
    State(ctx): State<Ctx>,
    Extension(lang): Extension<Lang>,
    Path(external_id): Path<String>,
    ApiQuery(q): ApiQuery<AccountContractsQuery>,
) -> Result<Json<AccountContractPage>, ApiFailure> {
    let page = account_contracts::page(&ctx.db, &external_id, q.after, q.limit.unwrap_or(50))
        .await
        .map_err(ApiFailure::in_lang(lang))?;
    Ok(Json(AccountContractPage {
        contracts: page
            .contracts
            .into_iter()
            .map(|entry| {
                let c = entry.contract;
                AccountContract {
                    number: c.number.into(),
                    kind: c.kind,
                    channel: c.channel,
                    status: c.state.status,
                    sub_status: c.state.sub_status,
                    total_fen: c.total_fen,
                    template_version: c.template_version,
                    created_at: c.created_at,
                    effective_at: c.effective_at,
                    expires_at: c.expires_at,
                    has_draft: c.draft_pdf.is_some(),
                    has_formal: c.formal_pdf.is_some(),
                    items: entry
                        .items
                        .into_iter()
                        .map(|i| ContractItem {
                            reference: i.reference,
                            description: i.description,
                            amount_fen: i.amount_fen,
                            occurred_at: i.occurred_at,
                        })
                        .collect(),
                }
            })
            .collect(),
        next_after: page.next.map(Cursor::token),
        more: page.more,
    }))
}
