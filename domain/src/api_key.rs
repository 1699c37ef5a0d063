//! The billing API's keys: what a key may do and how long it may live. Shared by the
//! operator console (its form) and the server (the check on every call).

use serde::{Deserialize, Serialize};

/// What a key may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiScope {
    /// Everything the API offers: pushing accounts and billing items, reading.
    #[default]
    Full,
    /// Reading contracts and the event feed: a key for reporting or monitoring.
    Read,
}

impl ApiScope {
    /// As stored in `api_keys.scope` and sent by the console's form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Full => "full",
            Self::Read => "read",
        }
    }

    /// Anything unknown reads as read-only: a typo never grants more.
    pub fn from_stored(stored: &str) -> Self {
        if stored == "full" {
            Self::Full
        } else {
            Self::Read
        }
    }

    /// Whether a call with this HTTP method is within the scope: a read-only key may
    /// only read (GET and HEAD); every API call that changes anything uses another method.
    pub fn allows(self, method: &str) -> bool {
        match self {
            Self::Full => true,
            Self::Read => matches!(method, "GET" | "HEAD"),
        }
    }
}

/// The validity periods the console offers, in days; no choice means no expiry.
pub const VALIDITY_DAYS: [u32; 3] = [30, 90, 365];
/// A key's name, in characters.
pub const NAME_CHARS: std::ops::RangeInclusive<usize> = 2..=50;
/// The longest validity accepted (the command line may choose any up to it).
pub const MAX_VALID_DAYS: u32 = 3650;

/// `Some(days)` must be 1–[`MAX_VALID_DAYS`].
pub fn valid_days_ok(days: Option<u32>) -> bool {
    days.is_none_or(|d| (1..=MAX_VALID_DAYS).contains(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_only_key_only_reads() {
        assert!(ApiScope::Read.allows("GET") && ApiScope::Read.allows("HEAD"));
        for method in ["POST", "PUT", "PATCH", "DELETE"] {
            assert!(!ApiScope::Read.allows(method), "{method}");
            assert!(ApiScope::Full.allows(method), "{method}");
        }
        assert_eq!(ApiScope::from_stored("full"), ApiScope::Full);
        assert_eq!(ApiScope::from_stored("read"), ApiScope::Read);
        assert_eq!(ApiScope::from_stored("Full "), ApiScope::Read);
    }

    #[test]
    fn validity_is_bounded() {
        assert!(valid_days_ok(None) && valid_days_ok(Some(1)) && valid_days_ok(Some(3650)));
        assert!(!valid_days_ok(Some(0)) && !valid_days_ok(Some(3651)));
        assert!(VALIDITY_DAYS.iter().all(|d| valid_days_ok(Some(*d))));
    }
}
