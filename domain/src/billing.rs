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

/// A reference (order number, filing number, record number, account id): 1–64 of ASCII
/// letters and digits, CJK ideographs (ICP filing numbers: 京ICP备12345678号-1) and `-_.` —
/// what billing systems use, nothing that needs escaping. [`REFERENCE_PATTERN`] says the
/// same for the OpenAPI document, in a regular expression every client reads alike.
pub fn validate_reference(value: &str) -> Result<(), &'static str> {
    let n = value.chars().count();
    if n == 0 {
        Err(text::API_REFERENCE_REQUIRED)
    } else if n > REFERENCE_MAX_CHARS || !value.chars().all(is_reference_char) {
        Err(text::API_REFERENCE_INVALID)
    } else {
        Ok(())
    }
}

pub const REFERENCE_MAX_CHARS: usize = 64;
pub const REFERENCE_PATTERN: &str = "^[0-9A-Za-z\\u4e00-\\u9fff_.-]{1,64}$";

fn is_reference_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{4e00}'..='\u{9fff}').contains(&c) || "-_.".contains(c)
}

/// A name (product, site, domain, channel): at most `max` characters, not blank, no
/// control characters (tabs and line breaks included: these are one-line names).
/// [`TEXT_PATTERN`] says the same for the OpenAPI document.
pub fn validate_text(value: &str, max: usize) -> Result<(), &'static str> {
    if value.trim().is_empty() {
        Err(text::API_TEXT_REQUIRED)
    } else if value.chars().count() > max {
        Err(text::API_TEXT_TOO_LONG)
    } else if value.chars().any(char::is_control) {
        Err(text::API_TEXT_CONTROL)
    } else {
        Ok(())
    }
}

/// One non-blank character among characters that are not controls (Unicode `Cc`).
pub const TEXT_PATTERN: &str =
    "^[^\\x00-\\x1f\\x7f-\\x9f]*[^\\s\\x00-\\x1f\\x7f-\\x9f][^\\x00-\\x1f\\x7f-\\x9f]*$";

/// Times are UTC epoch milliseconds from 2000-01-01 to the end of 2099.
pub const TIME_MIN_MS: i64 = 946_684_800_000;
pub const TIME_MAX_MS: i64 = 4_102_444_799_999;

/// A time in UTC epoch milliseconds between 2000-01-01 and 2100-01-01.
pub fn validate_time(ms: i64) -> Result<(), &'static str> {
    if (TIME_MIN_MS..=TIME_MAX_MS).contains(&ms) {
        Ok(())
    } else {
        Err(text::API_TIME_INVALID)
    }
}

/// The largest amount, in fen, of an order (either sign) or a recharge: a trillion yuan
/// less one fen.
pub const AMOUNT_MAX_FEN: i64 = 99_999_999_999_999;

/// An order's amount (R15, fen): refunds are negative, everything else is not.
pub fn validate_order_amount(mode: BillingMode, amount_fen: i64) -> Result<(), &'static str> {
    if amount_fen.unsigned_abs() > AMOUNT_MAX_FEN.unsigned_abs() {
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
        for bad in ["a b", "<x>", "x/y", &"9".repeat(65), "é", "Ａ", "a\n", "한"] {
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
        assert_eq!(
            validate_text("云\n服务器", 100),
            Err(text::API_TEXT_CONTROL)
        );
        assert_eq!(validate_text("\u{1c}", 100), Err(text::API_TEXT_CONTROL));
        assert!(validate_text(" 对象 存储 ", 100).is_ok());
        assert_eq!(validate_time(TIME_MIN_MS - 1), Err(text::API_TIME_INVALID));
        assert!(validate_time(TIME_MIN_MS).is_ok() && validate_time(TIME_MAX_MS).is_ok());
        assert_eq!(validate_time(TIME_MAX_MS + 1), Err(text::API_TIME_INVALID));
    }
}
