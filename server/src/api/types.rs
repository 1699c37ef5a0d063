//! The JSON of `/api/v1`, with its OpenAPI schemas. Kept apart from the domain types so
//! the wire format is explicit and stable.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An error. `items` lists every refused item of a batch (and nothing was written).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiError {
    /// `unauthorized` | `forbidden` | `not_found` | `malformed` (not JSON) |
    /// `unsupported_media_type` (not `application/json`) | `invalid` | `refused` | `internal`.
    pub error: String,
    /// For `refused`: which rule, as a stable code (e.g. `framework_exists`); the
    /// document lists every code.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub code: Option<String>,
    /// What happened, in the request's language (`Accept-Language`: English or Chinese,
    /// else Chinese).
    pub message: String,
    /// Field-level problems of a single request: field → message.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub fields: Vec<FieldProblem>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub items: Vec<ItemProblem>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FieldProblem {
    pub field: String,
    /// What is wrong, as a stable code, where the API knows it (the document lists them);
    /// the message says it in the request's language.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub code: Option<String>,
    pub message: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ItemProblem {
    /// The item's position in the batch, from 0.
    pub index: usize,
    /// Its order / filing / record number.
    pub reference: String,
    pub field: String,
    /// What is wrong, as a stable code (the document lists them).
    pub code: String,
    /// The same, in the request's language.
    pub message: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    Enterprise,
    Individual,
}

/// An account as the billing system knows it (`PUT /accounts/{external_id}`). The rules
/// between its fields are stated in the document by `api::account_schema`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AccountBody {
    /// The console login: required (the account is created with it; an update ignores
    /// it), 3–32 of `a–z 0–9 _ . - @`, compared case-insensitively. A login another
    /// account holds is a conflict (409 `conflict`, field `login`).
    pub login: Option<String>,
    pub kind: AccountKind,
    /// Real-name verified.
    pub verified: bool,
    /// The verified subject (enterprise or person) name; required when verified.
    pub subject_name: Option<String>,
    /// Unified social credit code or resident ID; required when verified. Stored masked.
    pub id_number: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AccountResult {
    pub external_id: String,
    pub created: bool,
    /// R2: the subject changed after an effective contract; creation is refused until
    /// an operator records the transfer supplement or rename letter.
    pub subject_hold: bool,
}

/// A JSON integer, also when written with a zero fraction (`4874.0`): JSON Schema counts
/// such numbers as integers, and some JSON encoders write every number that way. Exact
/// up to 2^53, which every amount and time here is below.
fn whole<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    let n = serde_json::Number::deserialize(d)?;
    if let Some(i) = n.as_i64() {
        return Ok(i);
    }
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < EXACT => Ok(f as i64),
        _ => Err(serde::de::Error::custom(format!(
            "{n} is not a whole number of the range"
        ))),
    }
}

// The constraints below are those of `domain::billing` (validate_reference,
// validate_text, validate_time, AMOUNT_MAX_FEN), as attribute literals; a test compares
// the document with the constants (server/tests/it/api/errors.rs).

/// How an order is billed (R15: refunds are negative amounts, other orders are not).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BillingMode {
    Prepaid,
    Postpaid,
    Refund,
    MonthlyBill,
    Marketplace,
}

impl From<BillingMode> for domain::BillingMode {
    fn from(mode: BillingMode) -> Self {
        match mode {
            BillingMode::Prepaid => Self::Prepaid,
            BillingMode::Postpaid => Self::Postpaid,
            BillingMode::Refund => Self::Refund,
            BillingMode::MonthlyBill => Self::MonthlyBill,
            BillingMode::Marketplace => Self::Marketplace,
        }
    }
}

/// An order. References are 1–64 ASCII letters or digits, CJK ideographs or `-_.`;
/// names are one line, not blank. `amount_fen` is at most 0 for a `refund`, at least 0
/// otherwise.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Order {
    #[schema(pattern = "^[0-9A-Za-z\\u4e00-\\u9fff_.-]{1,64}$")]
    pub order_no: String,
    /// The account's external id.
    #[schema(pattern = "^[0-9A-Za-z\\u4e00-\\u9fff_.-]{1,64}$")]
    pub account: String,
    #[schema(
        max_length = 100,
        pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*[^\\s\\x00-\\x1f\\x7f-\\x9f][^\\x00-\\x1f\\x7f-\\x9f]*$"
    )]
    pub product: String,
    pub billing_mode: BillingMode,
    /// Fen; negative for refunds.
    #[schema(minimum = -99_999_999_999_999_i64, maximum = 99_999_999_999_999_i64)]
    #[serde(deserialize_with = "whole")]
    pub amount_fen: i64,
    /// UTC epoch milliseconds, 2000–2099.
    #[schema(minimum = 946_684_800_000_i64, maximum = 4_102_444_799_999_i64)]
    #[serde(deserialize_with = "whole")]
    pub created_at: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Filing {
    #[schema(pattern = "^[0-9A-Za-z\\u4e00-\\u9fff_.-]{1,64}$")]
    pub filing_no: String,
    #[schema(pattern = "^[0-9A-Za-z\\u4e00-\\u9fff_.-]{1,64}$")]
    pub account: String,
    #[schema(
        max_length = 100,
        pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*[^\\s\\x00-\\x1f\\x7f-\\x9f][^\\x00-\\x1f\\x7f-\\x9f]*$"
    )]
    pub site_name: String,
    #[schema(
        max_length = 253,
        pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*[^\\s\\x00-\\x1f\\x7f-\\x9f][^\\x00-\\x1f\\x7f-\\x9f]*$"
    )]
    pub domain: String,
    #[schema(pattern = "^[0-9A-Za-z\\u4e00-\\u9fff_.-]{1,64}$")]
    pub order_no: Option<String>,
    /// UTC epoch milliseconds, 2000–2099.
    #[schema(minimum = 946_684_800_000_i64, maximum = 4_102_444_799_999_i64)]
    #[serde(deserialize_with = "whole")]
    pub created_at: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Recharge {
    #[schema(pattern = "^[0-9A-Za-z\\u4e00-\\u9fff_.-]{1,64}$")]
    pub record_no: String,
    #[schema(pattern = "^[0-9A-Za-z\\u4e00-\\u9fff_.-]{1,64}$")]
    pub account: String,
    /// Fen, positive.
    #[schema(minimum = 1, maximum = 99_999_999_999_999_i64)]
    #[serde(deserialize_with = "whole")]
    pub amount_fen: i64,
    #[schema(
        max_length = 50,
        pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*[^\\s\\x00-\\x1f\\x7f-\\x9f][^\\x00-\\x1f\\x7f-\\x9f]*$"
    )]
    pub channel: String,
    /// UTC epoch milliseconds, 2000–2099.
    #[schema(minimum = 946_684_800_000_i64, maximum = 4_102_444_799_999_i64)]
    #[serde(deserialize_with = "whole")]
    pub paid_at: i64,
}

/// Up to 1,000 items, written all or nothing.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Batch<T> {
    #[schema(min_items = 1, max_items = 1000)]
    pub items: Vec<T>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BatchResult {
    pub upserted: usize,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Contract {
    pub number: String,
    #[schema(schema_with = super::tokens::contract_type)]
    pub kind: domain::ContractType,
    #[schema(schema_with = super::tokens::channel)]
    pub channel: domain::Channel,
    #[schema(schema_with = super::tokens::status)]
    pub status: domain::Status,
    #[schema(schema_with = super::tokens::sub_status)]
    pub sub_status: domain::SubStatus,
    pub account_external_id: Option<String>,
    pub total_fen: i64,
    pub created_at: i64,
    pub effective_at: Option<i64>,
    pub expires_at: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Event {
    /// The cursor: pass the last one seen as `after`.
    pub id: i64,
    pub contract_number: String,
    pub account_external_id: Option<String>,
    pub action: String,
    #[schema(schema_with = super::tokens::status_or_null)]
    pub status: Option<domain::Status>,
    #[schema(schema_with = super::tokens::sub_status_or_null)]
    pub sub_status: Option<domain::SubStatus>,
    /// `contract.expiring` (30, 7 and 1 days before a filing contract expires): the days
    /// left when the notice was sent.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub days_left: Option<i64>,
    /// `contract.renewed` (R25): the number of the filing contract that continues this
    /// one when its term ends.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub renewal_number: Option<String>,
    pub at: i64,
}

impl From<service::billing::Event> for Event {
    fn from(e: service::billing::Event) -> Self {
        Self {
            id: e.id,
            contract_number: e.number,
            account_external_id: e.account_external_id,
            action: e.action,
            status: e.state.map(|s| s.status),
            sub_status: e.state.map(|s| s.sub_status),
            days_left: e.days_left,
            renewal_number: e.renewal_number,
            at: e.at,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EventPage {
    pub events: Vec<Event>,
    /// Pass as `after` for the next page (equal to the request's when nothing is new).
    pub next_after: i64,
}
