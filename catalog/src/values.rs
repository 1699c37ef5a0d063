//! The words of the typed values a contract's pages show beside it: its type and channel,
//! an order's billing mode, paper copies and offline stamping, signers, accounts and API
//! keys. zh-CN is the domain's own label; English is an arm per variant without a
//! wildcard, so a new variant without its English fails the build.

use domain::account::{AccountKind, RealNameStatus};
use domain::api_key::ApiScope;
use domain::esign::SignerStatus;
use domain::paper::{PaperStatus, StampingStatus, SubjectResolution};
use domain::{BillingMode, Channel, ContractType, Lang};

pub fn contract_type(lang: Lang, kind: ContractType) -> &'static str {
    match (lang, kind) {
        (Lang::ZhCn, _) => kind.label(),
        (Lang::En, ContractType::Framework) => "Framework contract",
        (Lang::En, ContractType::Order) => "Order contract",
        (Lang::En, ContractType::Filing) => "ICP filing contract",
        (Lang::En, ContractType::Recharge) => "Recharge contract",
    }
}

pub fn channel(lang: Lang, channel: Channel) -> &'static str {
    match (lang, channel) {
        (Lang::ZhCn, _) => channel.label(),
        (Lang::En, Channel::Single) => "Single-party e-seal",
        (Lang::En, Channel::Dual) => "Dual-party e-sign",
    }
}

/// The channel in a table column.
pub fn channel_short(lang: Lang, channel: Channel) -> &'static str {
    match (lang, channel) {
        (Lang::ZhCn, _) => channel.short_label(),
        (Lang::En, Channel::Single) => "Single",
        (Lang::En, Channel::Dual) => "Dual",
    }
}

pub fn billing_mode(lang: Lang, mode: BillingMode) -> &'static str {
    match (lang, mode) {
        (Lang::ZhCn, _) => mode.label(),
        (Lang::En, BillingMode::Prepaid) => "Prepaid",
        (Lang::En, BillingMode::Postpaid) => "Postpaid",
        (Lang::En, BillingMode::Refund) => "Refund",
        (Lang::En, BillingMode::MonthlyBill) => "Monthly bill",
        (Lang::En, BillingMode::Marketplace) => "Marketplace",
    }
}

pub fn paper_status(lang: Lang, status: PaperStatus) -> &'static str {
    match (lang, status) {
        (Lang::ZhCn, _) => status.label(),
        (Lang::En, PaperStatus::Requested) => "To be shipped",
        (Lang::En, PaperStatus::Shipped) => "Shipped",
    }
}

pub fn stamping_status(lang: Lang, status: StampingStatus) -> &'static str {
    match (lang, status) {
        (Lang::ZhCn, _) => status.label(),
        (Lang::En, StampingStatus::Submitted) => "Sent, awaiting receipt",
        (Lang::En, StampingStatus::Received) => "Received by the provider",
        (Lang::En, StampingStatus::Stamped) => "Stamped by the provider",
        (Lang::En, StampingStatus::Returned) => "Returned",
    }
}

pub fn subject_resolution(lang: Lang, resolution: SubjectResolution) -> &'static str {
    match (lang, resolution) {
        (Lang::ZhCn, _) => resolution.label(),
        (Lang::En, SubjectResolution::TransferSupplement) => "Transfer supplement",
        (Lang::En, SubjectResolution::RenameLetter) => "Business rename letter",
    }
}

pub fn signer_status(lang: Lang, status: SignerStatus) -> &'static str {
    match (lang, status) {
        (Lang::ZhCn, _) => status.label(),
        (Lang::En, SignerStatus::Pending) => "Pending approval",
        (Lang::En, SignerStatus::Approved) => "Authorized",
        (Lang::En, SignerStatus::Rejected) => "Rejected",
    }
}

pub fn account_kind(lang: Lang, kind: AccountKind) -> &'static str {
    match (lang, kind) {
        (Lang::ZhCn, _) => kind.label(),
        (Lang::En, AccountKind::Enterprise) => "Enterprise",
        (Lang::En, AccountKind::Individual) => "Individual",
    }
}

pub fn realname(lang: Lang, status: RealNameStatus) -> &'static str {
    match (lang, status) {
        (Lang::ZhCn, _) => status.label(),
        (Lang::En, RealNameStatus::Unverified) => "Not verified",
        (Lang::En, RealNameStatus::Verified) => "Verified",
    }
}

/// What an API key may do.
pub fn api_scope(lang: Lang, scope: ApiScope) -> &'static str {
    match (lang, scope) {
        (Lang::ZhCn, ApiScope::Full) => "完全访问",
        (Lang::ZhCn, ApiScope::Read) => "只读（事件与合同）",
        (Lang::En, ApiScope::Full) => "Full access",
        (Lang::En, ApiScope::Read) => "Read-only (events and contracts)",
    }
}

/// How long an API key is valid: "90 天" / "90 days", or without an end.
pub fn api_key_validity(lang: Lang, valid_days: Option<u32>) -> String {
    match (lang, valid_days) {
        (Lang::ZhCn, Some(days)) => format!("{days} 天"),
        (Lang::ZhCn, None) => "长期有效".into(),
        (Lang::En, Some(days)) => format!("{days} days"),
        (Lang::En, None) => "No expiry".into(),
    }
}

/// "2 份" / "2 copies".
pub fn copies(lang: Lang, n: i64) -> String {
    match (lang, n) {
        (Lang::ZhCn, _) => format!("{n} 份"),
        (Lang::En, 1) => "1 copy".into(),
        (Lang::En, _) => format!("{n} copies"),
    }
}

/// "3 天后到期" / "expires in 3 days".
pub fn expires_in(lang: Lang, days: i64) -> String {
    match (lang, days) {
        (Lang::ZhCn, _) => format!("{days} 天后到期"),
        (Lang::En, 1) => "expires in 1 day".into(),
        (Lang::En, _) => format!("expires in {days} days"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn han(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// English is English, and zh-CN is the domain's own label.
    #[test]
    fn every_value_has_its_english_and_chinese_is_the_domains_label() {
        let mut en: Vec<&str> = Vec::new();
        en.extend(ContractType::ALL.map(|k| contract_type(Lang::En, k)));
        en.extend(Channel::ALL.map(|c| channel(Lang::En, c)));
        en.extend(Channel::ALL.map(|c| channel_short(Lang::En, c)));
        en.extend(BillingMode::ALL.map(|m| billing_mode(Lang::En, m)));
        en.extend(PaperStatus::ALL.map(|s| paper_status(Lang::En, s)));
        en.extend(StampingStatus::ALL.map(|s| stamping_status(Lang::En, s)));
        en.extend(SubjectResolution::ALL.map(|r| subject_resolution(Lang::En, r)));
        en.extend(SignerStatus::ALL.map(|s| signer_status(Lang::En, s)));
        en.extend(
            [AccountKind::Enterprise, AccountKind::Individual].map(|k| account_kind(Lang::En, k)),
        );
        en.extend(
            [RealNameStatus::Unverified, RealNameStatus::Verified].map(|s| realname(Lang::En, s)),
        );
        en.extend([ApiScope::Full, ApiScope::Read].map(|s| api_scope(Lang::En, s)));
        for word in en {
            assert!(!word.is_empty() && !han(word), "{word:?}");
        }
        for kind in ContractType::ALL {
            assert_eq!(contract_type(Lang::ZhCn, kind), kind.label());
        }
        assert_eq!(
            stamping_status(Lang::ZhCn, StampingStatus::Returned),
            StampingStatus::Returned.label()
        );
    }

    #[test]
    fn counts_read_as_each_language_counts() {
        assert_eq!(copies(Lang::En, 1), "1 copy");
        assert_eq!(copies(Lang::En, 3), "3 copies");
        assert_eq!(copies(Lang::ZhCn, 3), "3 份");
        assert_eq!(expires_in(Lang::En, 1), "expires in 1 day");
        assert_eq!(expires_in(Lang::ZhCn, 5), "5 天后到期");
        assert_eq!(api_key_validity(Lang::En, Some(90)), "90 days");
        assert_eq!(api_key_validity(Lang::ZhCn, None), "长期有效");
    }
}
