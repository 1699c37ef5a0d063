//! Which items may go into a contract: order eligibility (R5), selection size and
//! total (R5, R6), and the filing contract's one-year term (R8, R16).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::calendar;
use crate::contract::ContractType;
use crate::macros::token_enum;
use crate::text;

token_enum! {
    /// How an order was billed (from the billing system).
    pub enum BillingMode {
        Prepaid => "prepaid", text::BILLING_PREPAID;
        Postpaid => "postpaid", text::BILLING_POSTPAID;
        Refund => "refund", text::BILLING_REFUND;
        MonthlyBill => "monthly_bill", text::BILLING_MONTHLY_BILL;
        Marketplace => "marketplace", text::BILLING_MARKETPLACE;
    }
}

/// R5/R16: 2018-09-01 00:00:00 China Standard Time as UTC epoch milliseconds.
/// Postpaid orders created before this instant are not eligible.
pub const POSTPAID_CUTOFF_MS: i64 = 1_535_731_200_000;

/// Why an order cannot go into an order contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Ineligible {
    MonthlyBill,
    Marketplace,
    PostpaidBeforeCutoff,
}

impl Ineligible {
    /// The zh reason shown next to the greyed-out order.
    pub fn reason(self) -> &'static str {
        match self {
            Self::MonthlyBill => text::INELIGIBLE_MONTHLY_BILL,
            Self::Marketplace => text::INELIGIBLE_MARKETPLACE,
            Self::PostpaidBeforeCutoff => text::INELIGIBLE_POSTPAID_BEFORE_CUTOFF,
        }
    }
}

impl fmt::Display for Ineligible {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason())
    }
}

impl std::error::Error for Ineligible {}

/// R5 for one order. Refund orders are eligible one by one; the rule that the
/// contract total stays ≥ 0 is checked on the whole selection ([`check_selection`]).
pub fn order_eligibility(mode: BillingMode, created_at_ms: i64) -> Result<(), Ineligible> {
    match mode {
        BillingMode::Prepaid | BillingMode::Refund => Ok(()),
        BillingMode::Postpaid if created_at_ms < POSTPAID_CUTOFF_MS => {
            Err(Ineligible::PostpaidBeforeCutoff)
        }
        BillingMode::Postpaid => Ok(()),
        BillingMode::MonthlyBill => Err(Ineligible::MonthlyBill),
        BillingMode::Marketplace => Err(Ineligible::Marketplace),
    }
}

/// What is wrong with the set of items picked for a contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SelectionError {
    /// Nothing selected for a type that needs items.
    Empty,
    /// R6: more items than the type allows.
    TooMany { kind: ContractType, limit: usize },
    /// R5: refunds may not bring the total below zero.
    NegativeTotal,
    /// Framework contracts carry no items.
    ItemsNotAllowed,
}

impl fmt::Display for SelectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Empty => f.write_str(text::SELECTION_EMPTY),
            Self::TooMany { kind, limit } => f.write_str(&text::selection_too_many(
                kind.label(),
                limit,
                kind.item_unit(),
            )),
            Self::NegativeTotal => f.write_str(text::SELECTION_NEGATIVE_TOTAL),
            Self::ItemsNotAllowed => f.write_str(text::SELECTION_ITEMS_NOT_ALLOWED),
        }
    }
}

impl std::error::Error for SelectionError {}

/// R5/R6 on a selection: count within the type's limit (zero for framework
/// contracts, at least one otherwise) and a total in fen that is not negative.
pub fn check_selection(
    kind: ContractType,
    item_count: usize,
    total_fen: i64,
) -> Result<(), SelectionError> {
    let Some(limit) = kind.item_limit() else {
        return if item_count == 0 {
            Ok(())
        } else {
            Err(SelectionError::ItemsNotAllowed)
        };
    };
    if item_count == 0 {
        Err(SelectionError::Empty)
    } else if item_count > limit {
        Err(SelectionError::TooMany { kind, limit })
    } else if total_fen < 0 {
        Err(SelectionError::NegativeTotal)
    } else {
        Ok(())
    }
}

/// R8/R16: a filing contract expires one calendar year after it became effective, at
/// the same China Standard Time wall-clock time; it has expired once `now >= expiry`.
/// Effective on Feb 29 → expires Feb 28 of the next year (see
/// [`calendar::add_years_cst`]). Saturates at `i64::MAX`.
pub fn filing_contract_expires_at(effective_at_ms: i64) -> i64 {
    calendar::add_years_cst(effective_at_ms, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{cst_midnight_ms, CST_OFFSET_MS};
    use crate::macros::assert_token_enum;

    #[test]
    fn tokens_and_labels() {
        assert_token_enum!(BillingMode);
        let labels: Vec<_> = BillingMode::ALL.iter().map(|m| m.label()).collect();
        assert_eq!(labels, ["预付费", "后付费", "退款", "月结账单", "云市场"]);
        assert_eq!(
            BillingMode::parse("monthly_bill"),
            Some(BillingMode::MonthlyBill)
        );
    }

    #[test]
    fn r16_cutoff_is_midnight_cst() {
        assert_eq!(POSTPAID_CUTOFF_MS, 1_535_731_200_000);
        assert_eq!(POSTPAID_CUTOFF_MS, cst_midnight_ms(2018, 9, 1));
        // 2018-09-01 00:00 UTC is 1535760000 s; CST is eight hours earlier.
        assert_eq!(POSTPAID_CUTOFF_MS, 1_535_760_000_000 - CST_OFFSET_MS);
    }

    #[test]
    fn r5_order_eligibility() {
        let cutoff = POSTPAID_CUTOFF_MS;
        assert_eq!(order_eligibility(BillingMode::Prepaid, 0), Ok(()));
        assert_eq!(order_eligibility(BillingMode::Refund, 0), Ok(()));
        assert_eq!(order_eligibility(BillingMode::Postpaid, cutoff), Ok(()));
        assert_eq!(
            order_eligibility(BillingMode::Postpaid, cutoff - 1),
            Err(Ineligible::PostpaidBeforeCutoff)
        );
        assert_eq!(
            order_eligibility(BillingMode::MonthlyBill, cutoff + 1),
            Err(Ineligible::MonthlyBill)
        );
        assert_eq!(
            order_eligibility(BillingMode::Marketplace, cutoff + 1),
            Err(Ineligible::Marketplace)
        );
        assert_eq!(Ineligible::MonthlyBill.reason(), "月结账单暂不支持");
        assert_eq!(
            Ineligible::Marketplace.reason(),
            "云市场订单请联系云市场服务商签署合同"
        );
        assert_eq!(
            Ineligible::PostpaidBeforeCutoff.to_string(),
            "2018年9月1日前的后付费订单不支持"
        );
    }

    #[test]
    fn r6_selection() {
        use ContractType::*;
        assert_eq!(check_selection(Order, 30, 0), Ok(()));
        assert_eq!(
            check_selection(Order, 31, 100),
            Err(SelectionError::TooMany {
                kind: Order,
                limit: 30
            })
        );
        assert_eq!(check_selection(Recharge, 30, 1), Ok(()));
        assert!(check_selection(Recharge, 31, 1).is_err());
        assert_eq!(check_selection(Filing, 20, 0), Ok(()));
        assert!(check_selection(Filing, 21, 0).is_err());
        assert_eq!(check_selection(Order, 0, 0), Err(SelectionError::Empty));
        assert_eq!(
            check_selection(Order, 2, -1),
            Err(SelectionError::NegativeTotal)
        );
        assert_eq!(check_selection(Framework, 0, 0), Ok(()));
        assert_eq!(
            check_selection(Framework, 1, 0),
            Err(SelectionError::ItemsNotAllowed)
        );
    }

    #[test]
    fn selection_messages() {
        let too_many = |kind| check_selection(kind, 99, 0).unwrap_err().to_string();
        assert_eq!(too_many(ContractType::Order), "订单合同最多选择 30 个订单");
        assert_eq!(too_many(ContractType::Filing), "备案合同最多选择 20 个备案");
        assert_eq!(
            too_many(ContractType::Recharge),
            "充值合同最多选择 30 条充值记录"
        );
        assert_eq!(
            SelectionError::NegativeTotal.to_string(),
            "合同总金额不能小于 0"
        );
        assert!(!SelectionError::Empty.to_string().is_empty());
        assert!(!SelectionError::ItemsNotAllowed.to_string().is_empty());
    }

    #[test]
    fn r8_filing_term_is_one_calendar_year_in_cst() {
        let at = |y, m, d, h: i64| cst_midnight_ms(y, m, d) + h * 3_600_000;
        assert_eq!(
            filing_contract_expires_at(at(2026, 11, 23, 14)),
            at(2027, 11, 23, 14)
        );
        // 2026-12-31 23:00 CST is still 2026 in CST although it is 15:00 UTC.
        assert_eq!(
            filing_contract_expires_at(at(2026, 12, 31, 23)),
            at(2027, 12, 31, 23)
        );
        // 2027-01-01 07:00 CST is 2026-12-31 in UTC: the CST date counts.
        assert_eq!(
            filing_contract_expires_at(at(2027, 1, 1, 7)),
            at(2028, 1, 1, 7)
        );
        // Leap day: Feb 29 → Feb 28; the day before a leap day is unaffected.
        assert_eq!(
            filing_contract_expires_at(at(2028, 2, 29, 9)),
            at(2029, 2, 28, 9)
        );
        assert_eq!(
            filing_contract_expires_at(at(2027, 2, 28, 0)),
            at(2028, 2, 28, 0)
        );
        assert_eq!(filing_contract_expires_at(i64::MAX), i64::MAX);
    }
}
