//! Contract types and signing channels (R4, R6, R9).

use crate::macros::token_enum;
use crate::text;
use serde::{Deserialize, Serialize};

token_enum! {
    /// What a contract covers.
    pub enum ContractType {
        Framework => "framework", text::TYPE_FRAMEWORK;
        Order => "order", text::TYPE_ORDER;
        Filing => "filing", text::TYPE_FILING;
        Recharge => "recharge", text::TYPE_RECHARGE;
    }
}

impl ContractType {
    /// R6: the most items one contract of this type may carry; `None` for framework
    /// contracts, which carry no items at all.
    pub fn item_limit(self) -> Option<usize> {
        match self {
            Self::Framework => None,
            Self::Order | Self::Recharge => Some(30),
            Self::Filing => Some(20),
        }
    }

    /// R4: order, filing and recharge contracts need an effective framework contract.
    pub fn needs_framework(self) -> bool {
        self != Self::Framework
    }

    /// The template version new contracts of this type are made with, stored on each
    /// contract and printed on its PDF; the PDF engine keeps every version it has issued
    /// (a server test checks it has this one).
    pub fn template_version(self) -> &'static str {
        match self {
            Self::Framework => "framework-2026.1",
            Self::Order => "order-2026.1",
            Self::Filing => "filing-2026.1",
            Self::Recharge => "recharge-2026.1",
        }
    }

    /// The zh noun with its measure word for this type's items ("个订单"); empty for
    /// framework contracts.
    pub fn item_unit(self) -> &'static str {
        match self {
            Self::Framework => "",
            Self::Order => text::ITEM_UNIT_ORDER,
            Self::Filing => text::ITEM_UNIT_FILING,
            Self::Recharge => text::ITEM_UNIT_RECHARGE,
        }
    }
}

token_enum! {
    /// How a contract is signed; chosen at creation and never changed (R9).
    pub enum Channel {
        /// The provider seals alone (单方电子签章).
        Single => "single", text::CHANNEL_SINGLE;
        /// Customer and provider both sign electronically (双方电子签章).
        Dual => "dual", text::CHANNEL_DUAL;
    }
}

impl Channel {
    /// The short label used in tables and badges (单方 / 双方).
    pub fn short_label(self) -> &'static str {
        match self {
            Self::Single => text::CHANNEL_SINGLE_SHORT,
            Self::Dual => text::CHANNEL_DUAL_SHORT,
        }
    }
}

/// The most contracts whose documents download as one archive: Tencent's contract
/// center downloads up to 50 at once.
pub const ARCHIVE_LIMIT: usize = 50;

/// Whether `s` is a whole contract number, `QY-YYYYMMDD-NNNNNN` (the counter may grow
/// past six digits): a search for one is an exact lookup, not a substring scan.
pub fn is_whole_number(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("QY-") else {
        return false;
    };
    let Some((date, serial)) = rest.split_once('-') else {
        return false;
    };
    date.len() == 8
        && serial.len() >= 6
        && serial.len() <= 18
        && date
            .bytes()
            .chain(serial.bytes())
            .all(|b| b.is_ascii_digit())
}

/// A contract's number, `QY-YYYYMMDD-NNNNNN` (R16). The numbering makes one, a contract's
/// row holds it, and text from outside (a page's address, an API path) is parsed once
/// where it comes in: a lookup never runs for text that cannot be a number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ContractNumber(String);

impl ContractNumber {
    /// Text from outside; `None` unless it is a whole number ([`is_whole_number`]).
    pub fn parse(text: &str) -> Option<Self> {
        is_whole_number(text).then(|| Self(text.to_string()))
    }

    /// A number as the numbering made it or a row holds it, taken as it is (a template's
    /// sample prints its placeholder in the number's place).
    pub fn from_stored(number: String) -> Self {
        Self(number)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ContractNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Read as text wherever text will do (a file name, a message, a bound SQL value); only
/// the way in is typed.
impl std::ops::Deref for ContractNumber {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<ContractNumber> for String {
    fn eq(&self, other: &ContractNumber) -> bool {
        *self == other.0
    }
}

impl PartialEq<ContractNumber> for &str {
    fn eq(&self, other: &ContractNumber) -> bool {
        *self == other.0
    }
}

impl From<ContractNumber> for String {
    fn from(number: ContractNumber) -> Self {
        number.0
    }
}

impl PartialEq<str> for ContractNumber {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for ContractNumber {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for ContractNumber {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_from_outside_is_parsed_once() {
        let number = ContractNumber::parse("QY-20261201-000001").unwrap();
        assert_eq!(number.as_str(), "QY-20261201-000001");
        assert_eq!(number, "QY-20261201-000001");
        assert_eq!(ContractNumber::parse("QY-20261201-0001"), None);
        assert_eq!(ContractNumber::parse("../QY-20261201-000001"), None);
    }

    #[test]
    fn whole_numbers_are_told_from_fragments() {
        for whole in ["QY-20261201-000001", "QY-20261201-1234567"] {
            assert!(is_whole_number(whole), "{whole}");
        }
        for fragment in [
            "QY-20261201-0001",
            "20261201-000001",
            "QY-2026120-000001",
            "QY-20261201-00000a",
            "",
        ] {
            assert!(!is_whole_number(fragment), "{fragment}");
        }
    }
    use crate::macros::assert_token_enum;

    #[test]
    fn tokens_and_labels() {
        assert_token_enum!(ContractType);
        assert_token_enum!(Channel);
        assert_eq!(ContractType::Framework.label(), "框架合同");
        assert_eq!(ContractType::Order.label(), "订单合同");
        assert_eq!(ContractType::Filing.label(), "备案合同");
        assert_eq!(ContractType::Recharge.label(), "充值合同");
        assert_eq!(ContractType::parse("filing"), Some(ContractType::Filing));
        assert_eq!(Channel::Single.label(), "单方电子签章");
        assert_eq!(Channel::Dual.label(), "双方电子签章");
        assert_eq!(Channel::Single.short_label(), "单方");
        assert_eq!(Channel::Dual.short_label(), "双方");
        assert_eq!(Channel::parse("dual"), Some(Channel::Dual));
    }

    #[test]
    fn r6_item_limits() {
        assert_eq!(ContractType::Order.item_limit(), Some(30));
        assert_eq!(ContractType::Recharge.item_limit(), Some(30));
        assert_eq!(ContractType::Filing.item_limit(), Some(20));
        assert_eq!(ContractType::Framework.item_limit(), None);
    }

    #[test]
    fn r4_only_framework_stands_alone() {
        assert!(!ContractType::Framework.needs_framework());
        for kind in [
            ContractType::Order,
            ContractType::Filing,
            ContractType::Recharge,
        ] {
            assert!(kind.needs_framework());
            assert!(!kind.item_unit().is_empty());
        }
        assert_eq!(ContractType::ALL.len(), 4);
    }
}
