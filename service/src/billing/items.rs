//! The items the billing system pushes in batches: orders, ICP filings and recharge
//! records, each with its checks and its upsert.

use domain::billing::{
    validate_order_amount, validate_reference, validate_text, validate_time, Problem,
    AMOUNT_MAX_FEN,
};
use domain::eligibility::BillingMode;
use domain::AuditAction;

use super::batch::{AnyQuery, BatchItem};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderItem {
    pub order_no: String,
    pub account: String,
    pub product: String,
    /// Typed at the edge: the API's document lists the modes, its extractor refuses others.
    pub billing_mode: BillingMode,
    pub amount_fen: i64,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilingItem {
    pub filing_no: String,
    pub account: String,
    pub site_name: String,
    pub domain: String,
    pub order_no: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RechargeItem {
    pub record_no: String,
    pub account: String,
    pub amount_fen: i64,
    pub channel: String,
    pub paid_at: i64,
}

impl BatchItem for OrderItem {
    const TABLE: &'static str = "orders";
    const REFERENCE: &'static str = "order_no";
    const UPSERT: &'static str =
        "INSERT INTO orders (account_id, order_no, product, billing_mode, amount_fen, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_no) DO UPDATE SET product = $3, \
         billing_mode = $4, amount_fen = $5, created_at = $6";
    const ACTION: AuditAction = AuditAction::OrdersUpserted;

    fn reference(&self) -> &str {
        &self.order_no
    }

    fn account(&self) -> &str {
        &self.account
    }

    fn checks(&self) -> Vec<(&'static str, Result<(), Problem>)> {
        vec![
            ("product", validate_text(&self.product, 100)),
            ("created_at", validate_time(self.created_at)),
            (
                "amount_fen",
                validate_order_amount(self.billing_mode, self.amount_fen),
            ),
        ]
    }

    fn bind_values<'q>(&'q self, query: AnyQuery<'q>) -> AnyQuery<'q> {
        query
            .bind(self.product.trim())
            .bind(self.billing_mode.as_str())
            .bind(self.amount_fen)
            .bind(self.created_at)
    }
}

impl BatchItem for FilingItem {
    const TABLE: &'static str = "icp_filings";
    const REFERENCE: &'static str = "filing_no";
    const UPSERT: &'static str =
        "INSERT INTO icp_filings (account_id, filing_no, site_name, domain, order_no, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (filing_no) DO UPDATE SET site_name = $3, \
         domain = $4, order_no = $5, created_at = $6";
    const ACTION: AuditAction = AuditAction::FilingsUpserted;

    fn reference(&self) -> &str {
        &self.filing_no
    }

    fn account(&self) -> &str {
        &self.account
    }

    fn checks(&self) -> Vec<(&'static str, Result<(), Problem>)> {
        let mut checks = vec![
            ("site_name", validate_text(&self.site_name, 100)),
            ("domain", validate_text(&self.domain, 253)),
            ("created_at", validate_time(self.created_at)),
        ];
        if let Some(order_no) = &self.order_no {
            checks.push(("order_no", validate_reference(order_no)));
        }
        checks
    }

    fn bind_values<'q>(&'q self, query: AnyQuery<'q>) -> AnyQuery<'q> {
        query
            .bind(self.site_name.trim())
            .bind(self.domain.trim())
            .bind(self.order_no.as_deref())
            .bind(self.created_at)
    }
}

impl BatchItem for RechargeItem {
    const TABLE: &'static str = "recharge_records";
    const REFERENCE: &'static str = "record_no";
    const UPSERT: &'static str =
        "INSERT INTO recharge_records (account_id, record_no, amount_fen, channel, paid_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (record_no) DO UPDATE SET amount_fen = $3, \
         channel = $4, paid_at = $5";
    const ACTION: AuditAction = AuditAction::RechargesUpserted;

    fn reference(&self) -> &str {
        &self.record_no
    }

    fn account(&self) -> &str {
        &self.account
    }

    fn checks(&self) -> Vec<(&'static str, Result<(), Problem>)> {
        let amount = if (1..=AMOUNT_MAX_FEN).contains(&self.amount_fen) {
            Ok(())
        } else {
            Err(Problem::AmountRange)
        };
        vec![
            ("channel", validate_text(&self.channel, 50)),
            ("paid_at", validate_time(self.paid_at)),
            ("amount_fen", amount),
        ]
    }

    fn bind_values<'q>(&'q self, query: AnyQuery<'q>) -> AnyQuery<'q> {
        query
            .bind(self.amount_fen)
            .bind(self.channel.trim())
            .bind(self.paid_at)
    }
}
