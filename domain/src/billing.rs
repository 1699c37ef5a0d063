//! What the billing system pushes through the API (accounts, orders, ICP filings,
//! recharge records), and the rules each item must pass before anything is written.

use crate::eligibility::BillingMode;
use crate::text;

/// At most this many items in one batch.
pub const MAX_BATCH: usize = 1_000;

/// One refused item of a batch: its index, its reference, the field and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ItemError {
    pub index: usize,
    pub reference: String,
    pub field: String,
    pub message: String,
}

/// A reference (order number, filing number, record number, account id): 1–64 of
/// letters, digits, CJK and `-_.` — what billing systems use, nothing that needs escaping.
pub fn validate_reference(value: &str) -> Result<(), &'static str> {
    let n = value.chars().count();
    if n == 0 {
        Err(text::API_REFERENCE_REQUIRED)
    } else if n > 64
        || !value
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.".contains(c))
    {
        Err(text::API_REFERENCE_INVALID)
    } else {
        Ok(())
    }
}

/// Free text of 1–`max` characters.
pub fn validate_text(value: &str, max: usize) -> Result<(), &'static str> {
    match value.trim().chars().count() {
        0 => Err(text::API_TEXT_REQUIRED),
        n if n <= max => Ok(()),
        _ => Err(text::API_TEXT_TOO_LONG),
    }
}

/// A time in UTC epoch milliseconds between 2000-01-01 and 2100-01-01.
pub fn validate_time(ms: i64) -> Result<(), &'static str> {
    if (946_684_800_000..4_102_444_800_000).contains(&ms) {
        Ok(())
    } else {
        Err(text::API_TIME_INVALID)
    }
}

/// An order's amount (R15, fen): refunds are negative, everything else is not.
pub fn validate_order_amount(mode: BillingMode, amount_fen: i64) -> Result<(), &'static str> {
    const LIMIT: i64 = 100_000_000_000_000; // a trillion yuan
    if amount_fen.unsigned_abs() >= LIMIT.unsigned_abs() {
        Err(text::API_AMOUNT_RANGE)
    } else if (mode == BillingMode::Refund) != (amount_fen < 0) && amount_fen != 0 {
        Err(text::API_AMOUNT_SIGN)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_short_and_plain() {
        for ok in ["ORD-20261130-0001", "京ICP备12345678号-1", "R_1.2"] {
            assert_eq!(validate_reference(ok), Ok(()), "{ok}");
        }
        assert_eq!(validate_reference(""), Err(text::API_REFERENCE_REQUIRED));
        for bad in ["a b", "<x>", "x/y", &"9".repeat(65)] {
            assert_eq!(
                validate_reference(bad),
                Err(text::API_REFERENCE_INVALID),
                "{bad}"
            );
        }
    }

    #[test]
    fn r15_refunds_are_negative_and_other_orders_are_not() {
        assert!(validate_order_amount(BillingMode::Refund, -100).is_ok());
        assert!(validate_order_amount(BillingMode::Prepaid, 100).is_ok());
        assert!(validate_order_amount(BillingMode::Prepaid, 0).is_ok());
        assert_eq!(
            validate_order_amount(BillingMode::Refund, 100),
            Err(text::API_AMOUNT_SIGN)
        );
        assert_eq!(
            validate_order_amount(BillingMode::Postpaid, -1),
            Err(text::API_AMOUNT_SIGN)
        );
        assert_eq!(
            validate_order_amount(BillingMode::Prepaid, i64::MAX),
            Err(text::API_AMOUNT_RANGE)
        );
        // No overflow on the most negative amount.
        assert_eq!(
            validate_order_amount(BillingMode::Refund, i64::MIN),
            Err(text::API_AMOUNT_RANGE)
        );
    }

    #[test]
    fn times_are_plausible_epoch_milliseconds() {
        assert!(validate_time(1_795_400_000_000).is_ok());
        // Seconds instead of milliseconds is the classic mistake.
        assert_eq!(validate_time(1_795_400_000), Err(text::API_TIME_INVALID));
        assert!(validate_time(-1).is_err());
        assert!(validate_text("对象存储", 100).is_ok());
        assert_eq!(validate_text(" ", 100), Err(text::API_TEXT_REQUIRED));
        assert_eq!(validate_text("ab", 1), Err(text::API_TEXT_TOO_LONG));
    }
}
