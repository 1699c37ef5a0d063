//! R12: SMS verification codes — 6 digits, valid 5 minutes, at most 5 wrong tries,
//! resent no sooner than 60 s — and R5 of the dual channel's 催签 (one reminder an
//! hour). Pure decisions; the service stores codes (hashed) and passes times in.

use crate::field_problem::{Check, FieldProblem};

pub const CODE_DIGITS: usize = 6;
pub const CODE_TTL_MS: i64 = 5 * 60_000;
pub const MAX_WRONG_TRIES: i64 = 5;
pub const RESEND_AFTER_MS: i64 = 60_000;
pub const REMIND_EVERY_MS: i64 = 3_600_000;

/// Field name of a code input in forms and field errors.
pub const CODE: &str = "code";

/// What the store knows about the latest code issued for one purpose and subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IssuedCode {
    pub sent_at: i64,
    pub expires_at: i64,
    /// Wrong tries so far.
    pub attempts: i64,
    pub used: bool,
}

/// The outcome of entering a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    Accepted,
    /// Wrong code; `left` tries remain (0: the code is now locked).
    Wrong {
        left: i64,
    },
    Locked,
    Expired,
    /// No code was sent, or the last one was used already.
    NoCode,
    Malformed,
}

impl CodeCheck {
    /// The code field's problem; `None` when accepted.
    pub fn problem(self) -> Option<FieldProblem> {
        Some(match self {
            Self::Accepted => return None,
            Self::Wrong { left: 0 } | Self::Locked => Check::SmsCodeLocked.into(),
            Self::Wrong { left } => FieldProblem::SmsCodeWrong { left },
            Self::Expired => Check::SmsCodeExpired.into(),
            Self::NoCode => Check::SmsCodeNone.into(),
            Self::Malformed => Check::SmsCodeMalformed.into(),
        })
    }
}

/// Six ASCII digits, nothing else.
pub fn is_well_formed(code: &str) -> bool {
    code.len() == CODE_DIGITS && code.bytes().all(|b| b.is_ascii_digit())
}

/// Decides an entered code against the latest issued one. `matches` says whether the
/// entered code equals it (the caller compares hashes). A malformed entry is refused
/// without costing a try.
pub fn check(latest: Option<IssuedCode>, entered: &str, matches: bool, now: i64) -> CodeCheck {
    if !is_well_formed(entered) {
        return CodeCheck::Malformed;
    }
    let Some(code) = latest.filter(|c| !c.used) else {
        return CodeCheck::NoCode;
    };
    if code.attempts >= MAX_WRONG_TRIES {
        CodeCheck::Locked
    } else if now >= code.expires_at {
        CodeCheck::Expired
    } else if matches {
        CodeCheck::Accepted
    } else {
        CodeCheck::Wrong {
            left: MAX_WRONG_TRIES - code.attempts - 1,
        }
    }
}

/// Milliseconds until another code may be sent (0: now).
pub fn resend_wait_ms(last_sent_at: Option<i64>, now: i64) -> i64 {
    last_sent_at.map_or(0, |sent| (sent + RESEND_AFTER_MS - now).max(0))
}

/// Milliseconds until another 催签 reminder may be sent (0: now).
pub fn remind_wait_ms(last_reminded_at: Option<i64>, now: i64) -> i64 {
    last_reminded_at.map_or(0, |at| (at + REMIND_EVERY_MS - now).max(0))
}

/// Whole seconds, rounded up, for "N 秒后可重新发送".
pub fn wait_seconds(ms: i64) -> i64 {
    (ms + 999) / 1000
}

/// What SMS may cost one phone number and one account: every message sent counts
/// (`QY_SMS_PER_PHONE_HOUR`, `…_PER_PHONE_DAY`, `…_PER_ACCOUNT_HOUR`, `…_PER_ACCOUNT_DAY`);
/// after `exhausted_codes_per_day` codes of one purpose and subject were used up by wrong
/// tries in a day, no more are sent for it that day; at most `pending_signers` signers
/// await approval at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmsCaps {
    pub per_phone_hour: i64,
    pub per_phone_day: i64,
    pub per_account_hour: i64,
    pub per_account_day: i64,
    pub exhausted_codes_per_day: i64,
    pub pending_signers: i64,
}

impl Default for SmsCaps {
    fn default() -> Self {
        SmsCaps {
            per_phone_hour: 5,
            per_phone_day: 10,
            per_account_hour: 20,
            per_account_day: 100,
            exhausted_codes_per_day: 3,
            pending_signers: 10,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_800_000_000_000;

    fn issued(attempts: i64) -> Option<IssuedCode> {
        Some(IssuedCode {
            sent_at: T0,
            expires_at: T0 + CODE_TTL_MS,
            attempts,
            used: false,
        })
    }

    #[test]
    fn r12_a_code_is_six_digits() {
        assert!(is_well_formed("012345"));
        for bad in ["12345", "1234567", "12a456", "", "１２３４５６", " 12345"] {
            assert!(!is_well_formed(bad), "{bad:?}");
            assert_eq!(check(issued(0), bad, false, T0), CodeCheck::Malformed);
        }
    }

    #[test]
    fn r12_the_right_code_within_five_minutes_is_accepted() {
        assert_eq!(check(issued(0), "123456", true, T0), CodeCheck::Accepted);
        assert_eq!(
            check(issued(4), "123456", true, T0 + CODE_TTL_MS - 1),
            CodeCheck::Accepted
        );
        assert_eq!(CodeCheck::Accepted.problem(), None);
    }

    #[test]
    fn r12_a_code_expires_after_five_minutes() {
        assert_eq!(
            check(issued(0), "123456", true, T0 + CODE_TTL_MS),
            CodeCheck::Expired
        );
        assert_eq!(
            CodeCheck::Expired.problem(),
            Some(Check::SmsCodeExpired.into())
        );
    }

    #[test]
    fn r12_five_wrong_tries_lock_the_code() {
        let mut left = Vec::new();
        for attempts in 0..MAX_WRONG_TRIES {
            match check(issued(attempts), "000000", false, T0) {
                CodeCheck::Wrong { left: l } => left.push(l),
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(left, vec![4, 3, 2, 1, 0]);
        // Locked: even the right code is refused now.
        assert_eq!(check(issued(5), "123456", true, T0), CodeCheck::Locked);
        assert_eq!(
            CodeCheck::Wrong { left: 0 }.problem(),
            CodeCheck::Locked.problem()
        );
        assert_eq!(
            CodeCheck::Wrong { left: 3 }.problem(),
            Some(FieldProblem::SmsCodeWrong { left: 3 })
        );
    }

    #[test]
    fn r12_a_used_or_missing_code_is_refused() {
        let used = issued(0).map(|c| IssuedCode { used: true, ..c });
        assert_eq!(check(used, "123456", true, T0), CodeCheck::NoCode);
        assert_eq!(check(None, "123456", true, T0), CodeCheck::NoCode);
    }

    #[test]
    fn r12_resend_no_sooner_than_sixty_seconds() {
        assert_eq!(resend_wait_ms(None, T0), 0);
        assert_eq!(resend_wait_ms(Some(T0), T0), RESEND_AFTER_MS);
        assert_eq!(resend_wait_ms(Some(T0), T0 + 59_001), 999);
        assert_eq!(wait_seconds(999), 1);
        assert_eq!(wait_seconds(RESEND_AFTER_MS), 60);
        assert_eq!(resend_wait_ms(Some(T0), T0 + RESEND_AFTER_MS), 0);
    }

    #[test]
    fn reminders_at_most_once_an_hour() {
        assert_eq!(remind_wait_ms(None, T0), 0);
        assert_eq!(
            remind_wait_ms(Some(T0), T0 + 1_000),
            REMIND_EVERY_MS - 1_000
        );
        assert_eq!(remind_wait_ms(Some(T0), T0 + REMIND_EVERY_MS), 0);
    }
}
