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
    pub message: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ItemProblem {
    /// The item's position in the batch, from 0.
    pub index: usize,
    /// Its order / filing / record number.
    pub reference: String,
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    Enterprise,
    Individual,
}

/// An account as the billing system knows it (`PUT /accounts/{external_id}`).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AccountBody {
    /// The console login; required when the account is created, ignored afterwards.
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

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Order {
    pub order_no: String,
    /// The account's external id.
    pub account: String,
    pub product: String,
    /// `prepaid` | `postpaid` | `refund` | `monthly_bill` | `marketplace`.
    pub billing_mode: String,
    /// Fen; negative for refunds.
    pub amount_fen: i64,
    /// UTC epoch milliseconds.
    pub created_at: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Filing {
    pub filing_no: String,
    pub account: String,
    pub site_name: String,
    pub domain: String,
    pub order_no: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Recharge {
    pub record_no: String,
    pub account: String,
    /// Fen, positive.
    pub amount_fen: i64,
    pub channel: String,
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
    /// `framework` | `order` | `filing` | `recharge`.
    pub kind: String,
    /// `single` | `dual`.
    pub channel: String,
    pub status: String,
    pub sub_status: String,
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
    pub status: Option<String>,
    pub sub_status: Option<String>,
    pub at: i64,
}

impl From<service::webhooks::EventJson> for Event {
    fn from(e: service::webhooks::EventJson) -> Self {
        Self {
            id: e.id,
            contract_number: e.contract_number,
            account_external_id: e.account_external_id,
            action: e.action,
            status: e.status,
            sub_status: e.sub_status,
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
