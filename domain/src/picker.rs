//! The item picker's data (orders, filings, recharge records as the creation wizard shows
//! them), shared by the server that fills it and the browser that shows it.

use crate::eligibility::Ineligible;
use serde::{Deserialize, Serialize};

use crate::eligibility::BillingMode;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickerQuery {
    /// Matches the reference (order no / filing no / record no) or the description.
    pub search: String,
    /// Orders only: one billing mode, or all.
    pub billing_mode: Option<BillingMode>,
    /// Inclusive lower / exclusive upper bound on the item's date (UTC ms).
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
    /// Keyset cursor: the last row of the previous page.
    pub after: Option<Cursor>,
    pub limit: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub date_ms: i64,
    pub id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickerRow {
    pub id: i64,
    pub reference: String,
    pub description: String,
    /// Billing-mode label, or the filing's domain, or the payment channel.
    pub detail: String,
    pub billing_mode: Option<BillingMode>,
    pub amount_fen: i64,
    pub date_ms: i64,
    /// Why it cannot be selected (R5), if it cannot.
    pub ineligible: Option<Ineligible>,
    /// The number of the contract holding it (R7), if any.
    pub occupied_by: Option<String>,
}

impl PickerRow {
    pub fn selectable(&self) -> bool {
        self.ineligible.is_none() && self.occupied_by.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickerPage {
    pub rows: Vec<PickerRow>,
    /// Present when more rows follow.
    pub next: Option<Cursor>,
}
