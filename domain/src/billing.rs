//! What the billing system pushes through the API (accounts, orders, ICP filings,
//! recharge records), and the rules each item must pass before anything is written.

use serde::{Deserialize, Serialize};

use crate::account::VerificationProblem;
use crate::eligibility::BillingMode;
use crate::ids::IdError;

/// At most this many items in one batch.
pub const MAX_BATCH: usize = 1_000;

/// One refused item of a batch: its index, its reference, the field and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemError {
    pub index: usize,
    pub reference: String,
    pub field: String,
    pub problem: Problem,
}

/// Why the billing system's data was refused, typed: the API answers its
/// [`Problem::code`] and words it in the request's language (`server::api::messages`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    /// Not a reference ([`validate_reference`]).
    ReferenceInvalid,
    /// A name longer than its field takes.
    TooLong {
        max: usize,
    },
    /// A name with a line break or another control character.
    NotOneLine,
    TimeInvalid,
    AmountRange,
    /// R15: refunds are negative, other orders not.
    AmountSign,
    BillingModeUnknown,
    /// An item names an account this side does not know (yet).
    UnknownAccount,
    /// The reference (or account id) already belongs to another account.
    OtherAccount,
    DuplicateInBatch,
    /// Outside 1..=[`MAX_BATCH`] items.
    BatchSize,
    /// Creating an account needs its console login.
    LoginRequired,
    /// An account's kind (enterprise, individual) never changes.
    KindChange,
    /// Not a login ([`crate::account::normalize_login`]).
    LoginInvalid,
    /// Another account has this login.
    LoginTaken,
    /// A verified subject's name has too few or too many characters.
    SubjectNameLength,
    /// Not the identifier of the account's kind (credit code or resident ID).
    IdNumber(IdError),
}

impl From<VerificationProblem> for Problem {
    fn from(problem: VerificationProblem) -> Self {
        match problem {
            VerificationProblem::SubjectNameLength => Self::SubjectNameLength,
            VerificationProblem::IdNumber(e) => Self::IdNumber(e),
        }
    }
}

impl Problem {
    pub const ALL: [Problem; 21] = [
        Self::Required,
        Self::ReferenceInvalid,
        Self::TooLong { max: 0 },
        Self::NotOneLine,
        Self::TimeInvalid,
        Self::AmountRange,
        Self::AmountSign,
        Self::BillingModeUnknown,
        Self::UnknownAccount,
        Self::OtherAccount,
        Self::DuplicateInBatch,
        Self::BatchSize,
        Self::LoginRequired,
        Self::KindChange,
        Self::LoginInvalid,
        Self::LoginTaken,
        Self::SubjectNameLength,
        Self::IdNumber(IdError::WrongLength),
        Self::IdNumber(IdError::BadCharacter),
        Self::IdNumber(IdError::BadCheckCharacter),
        Self::IdNumber(IdError::ImplausibleBirthDate),
    ];

    /// The stable machine code (snake_case).
    pub fn code(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::ReferenceInvalid => "reference_invalid",
            Self::TooLong { .. } => "too_long",
            Self::NotOneLine => "not_one_line",
            Self::TimeInvalid => "time_invalid",
            Self::AmountRange => "amount_range",
            Self::AmountSign => "amount_sign",
            Self::BillingModeUnknown => "billing_mode_unknown",
            Self::UnknownAccount => "unknown_account",
            Self::OtherAccount => "other_account",
            Self::DuplicateInBatch => "duplicate_in_batch",
            Self::BatchSize => "batch_size",
            Self::LoginRequired => "login_required",
            Self::KindChange => "kind_change",
            Self::LoginInvalid => "login_invalid",
            Self::LoginTaken => "login_taken",
            Self::SubjectNameLength => "subject_name_length",
            Self::IdNumber(e) => e.code(),
        }
    }
}

/// A reference (order number, filing number, record number, account id): 1–64 of ASCII
/// letters and digits, CJK ideographs (ICP filing numbers: 京ICP备12345678号-1) and `-_.` —
/// what billing systems use, nothing that needs escaping. [`REFERENCE_PATTERN`] says the
/// same for the OpenAPI document, in a regular expression every client reads alike.
pub fn validate_reference(value: &str) -> Result<(), Problem> {
    let n = value.chars().count();
    if n == 0 {
        Err(Problem::Required)
    } else if n > REFERENCE_MAX_CHARS || !value.chars().all(is_reference_char) {
        Err(Problem::ReferenceInvalid)
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
pub fn validate_text(value: &str, max: usize) -> Result<(), Problem> {
    if value.trim().is_empty() {
        Err(Problem::Required)
    } else if value.chars().count() > max {
        Err(Problem::TooLong { max })
    } else if value.chars().any(char::is_control) {
        Err(Problem::NotOneLine)
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
pub fn validate_time(ms: i64) -> Result<(), Problem> {
    if (TIME_MIN_MS..=TIME_MAX_MS).contains(&ms) {
        Ok(())
    } else {
        Err(Problem::TimeInvalid)
    }
}

/// The largest amount, in fen, of an order (either sign) or a recharge: a trillion yuan
/// less one fen.
pub const AMOUNT_MAX_FEN: i64 = 99_999_999_999_999;

/// An order's amount (R15, fen): refunds are negative, everything else is not.
pub fn validate_order_amount(mode: BillingMode, amount_fen: i64) -> Result<(), Problem> {
    if amount_fen.unsigned_abs() > AMOUNT_MAX_FEN.unsigned_abs() {
        Err(Problem::AmountRange)
    } else if (mode == BillingMode::Refund) != (amount_fen < 0) && amount_fen != 0 {
        Err(Problem::AmountSign)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_codes_are_unique_snake_case() {
        let codes: std::collections::HashSet<_> = Problem::ALL.iter().map(|p| p.code()).collect();
        assert_eq!(codes.len(), Problem::ALL.len());
        assert!(codes
            .iter()
            .all(|c| c.chars().all(|c| c.is_ascii_lowercase() || c == '_')));
    }

    #[test]
    fn references_are_short_and_plain() {
        for ok in ["ORD-20261130-0001", "京ICP备12345678号-1", "R_1.2"] {
            assert_eq!(validate_reference(ok), Ok(()), "{ok}");
        }
        assert_eq!(validate_reference(""), Err(Problem::Required));
        for bad in ["a b", "<x>", "x/y", &"9".repeat(65), "é", "Ａ", "a\n", "한"] {
            assert_eq!(
                validate_reference(bad),
                Err(Problem::ReferenceInvalid),
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
            Err(Problem::AmountSign)
        );
        assert_eq!(
            validate_order_amount(BillingMode::Postpaid, -1),
            Err(Problem::AmountSign)
        );
        assert_eq!(
            validate_order_amount(BillingMode::Prepaid, i64::MAX),
            Err(Problem::AmountRange)
        );
        // No overflow on the most negative amount.
        assert_eq!(
            validate_order_amount(BillingMode::Refund, i64::MIN),
            Err(Problem::AmountRange)
        );
    }

    #[test]
    fn times_are_plausible_epoch_milliseconds() {
        assert!(validate_time(1_795_400_000_000).is_ok());
        // Seconds instead of milliseconds is the classic mistake.
        assert_eq!(validate_time(1_795_400_000), Err(Problem::TimeInvalid));
        assert!(validate_time(-1).is_err());
        assert!(validate_text("对象存储", 100).is_ok());
        assert_eq!(validate_text(" ", 100), Err(Problem::Required));
        assert_eq!(validate_text("ab", 1), Err(Problem::TooLong { max: 1 }));
        assert_eq!(validate_text("云\n服务器", 100), Err(Problem::NotOneLine));
        assert_eq!(validate_text("\u{1c}", 100), Err(Problem::NotOneLine));
        assert!(validate_text(" 对象 存储 ", 100).is_ok());
        assert_eq!(validate_time(TIME_MIN_MS - 1), Err(Problem::TimeInvalid));
        assert!(validate_time(TIME_MIN_MS).is_ok() && validate_time(TIME_MAX_MS).is_ok());
        assert_eq!(validate_time(TIME_MAX_MS + 1), Err(Problem::TimeInvalid));
    }
}
