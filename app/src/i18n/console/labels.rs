//! The console's words for the domain's typed values (states, types, statuses, errors) in
//! the page's language. zh-CN is the domain's own label; English is an arm per variant
//! without a wildcard, so a new variant without its English fails the build.

use domain::account::{AccountKind, RealNameStatus};
use domain::eligibility::SelectionError;
use domain::esign::SignerStatus;
use domain::paper::{PaperStatus, StampingStatus, SubjectResolution};
use domain::{BillingMode, Channel, ContractState, ContractType, Operation, Refused, Status};

use super::Console;
use crate::error::AppError;
use crate::i18n::{Lang, EN as EN_PUBLIC};

impl Console {
    pub(super) fn en(&self) -> bool {
        self.lang == Lang::En
    }

    /// What the person sees for a failed request (the form-level message; field errors
    /// are shown beside their fields).
    pub fn error(&self, error: &AppError) -> String {
        match error {
            AppError::Validation(_) => self.err_validation.to_string(),
            AppError::Unauthenticated => self.err_unauthenticated.to_string(),
            AppError::BadCredentials => self.login_failed.to_string(),
            AppError::NotFound => self.err_not_found.to_string(),
            AppError::Refused(r) => self.refused(r),
            AppError::LoginThrottled { minutes } => (self.login_throttled)(*minutes),
            AppError::RateLimited { retry_after_secs } => (self.rate_limited)(*retry_after_secs),
            AppError::Busy => self.err_busy.to_string(),
            AppError::Unavailable => self.err_unavailable.to_string(),
            AppError::Internal => self.err_internal.to_string(),
            // The transport's own text is technical and English; the sentence before it
            // is what a person reads.
            AppError::Transport(detail) => self.labelled(self.err_network, detail),
        }
    }

    /// "标题：内容" / "Title: content".
    pub fn labelled(&self, label: &str, value: &str) -> String {
        if self.en() {
            format!("{label}: {value}")
        } else {
            format!("{label}：{value}")
        }
    }

    /// "地址（100080）" / "Address (100080)".
    pub fn bracketed(&self, text: &str, inner: &str) -> String {
        if self.en() {
            format!("{text} ({inner})")
        } else {
            format!("{text}（{inner}）")
        }
    }

    /// An amount in fen as each language writes money: "1,234.50 元" / "¥1,234.50".
    pub fn money(&self, fen: i64) -> String {
        let amount = domain::money::format_yuan(fen);
        if self.en() {
            format!("¥{amount}")
        } else {
            format!("{amount} 元")
        }
    }

    /// The amount in Chinese capital numerals (人民币壹佰元整), which only a Chinese reader
    /// is shown; the contract itself always carries it.
    pub fn capital_amount(&self, fen: i64) -> Option<String> {
        (!self.en()).then(|| format!("人民币{}", domain::money::chinese_capital(fen)))
    }

    /// "2 份" / "2 copies".
    /// "3 天后到期", "expires in 3 days".
    pub fn expires_in(&self, days: i64) -> String {
        match (self.en(), days) {
            (false, _) => format!("{days} 天后到期"),
            (true, 1) => "expires in 1 day".into(),
            (true, _) => format!("expires in {days} days"),
        }
    }

    pub fn copies(&self, n: i64) -> String {
        match (self.en(), n) {
            (false, _) => format!("{n} 份"),
            (true, 1) => "1 copy".into(),
            (true, _) => format!("{n} copies"),
        }
    }

    /// The button and title that create a contract of `kind`.
    pub fn create_kind(&self, kind: ContractType) -> String {
        match (self.en(), kind) {
            (false, _) => format!("{}{}", self.create_prefix, kind.label()),
            (true, ContractType::Framework) => "New framework contract".into(),
            (true, ContractType::Order) => "New order contract".into(),
            (true, ContractType::Filing) => "New ICP filing contract".into(),
            (true, ContractType::Recharge) => "New recharge contract".into(),
        }
    }

    pub fn refused(&self, r: &Refused) -> String {
        catalog::refused::refused(self.lang, r)
    }

    /// "已生效 / 电子合同已生效".
    pub fn state(&self, state: ContractState) -> String {
        catalog::refused::state(self.lang, state)
    }

    pub fn status(&self, status: Status) -> &'static str {
        if self.en() {
            catalog::refused::en_status(status)
        } else {
            status.label()
        }
    }

    pub fn operation(&self, op: Operation) -> &'static str {
        catalog::refused::operation(self.lang, op)
    }

    pub fn contract_type(&self, kind: ContractType) -> &'static str {
        if self.en() {
            (EN_PUBLIC.contract_type)(kind)
        } else {
            kind.label()
        }
    }

    pub fn channel(&self, channel: Channel) -> &'static str {
        match (self.en(), channel) {
            (false, _) => channel.label(),
            (true, Channel::Single) => "Single-party e-seal",
            (true, Channel::Dual) => "Dual-party e-sign",
        }
    }

    /// The channel in a table column.
    pub fn channel_short(&self, channel: Channel) -> &'static str {
        match (self.en(), channel) {
            (false, _) => channel.short_label(),
            (true, Channel::Single) => "Single",
            (true, Channel::Dual) => "Dual",
        }
    }

    pub fn billing_mode(&self, mode: BillingMode) -> &'static str {
        match (self.en(), mode) {
            (false, _) => mode.label(),
            (true, BillingMode::Prepaid) => "Prepaid",
            (true, BillingMode::Postpaid) => "Postpaid",
            (true, BillingMode::Refund) => "Refund",
            (true, BillingMode::MonthlyBill) => "Monthly bill",
            (true, BillingMode::Marketplace) => "Marketplace",
        }
    }

    /// The detail of an item a contract holds, as the page words it. A contract keeps an
    /// order's billing mode as its zh-CN label (the contract prints it so): that is a
    /// typed value, worded in the page's language. `None` for the billing system's own
    /// data — a filing's domain, a recharge's payment channel — which is shown as sent.
    pub fn saved_item_detail(&self, kind: ContractType, detail: &str) -> Option<&'static str> {
        if kind != ContractType::Order {
            return None;
        }
        BillingMode::ALL
            .into_iter()
            .find(|mode| mode.label() == detail)
            .map(|mode| self.billing_mode(mode))
    }

    pub fn paper_status(&self, status: PaperStatus) -> &'static str {
        match (self.en(), status) {
            (false, _) => status.label(),
            (true, PaperStatus::Requested) => "To be shipped",
            (true, PaperStatus::Shipped) => "Shipped",
        }
    }

    pub fn stamping_status(&self, status: StampingStatus) -> &'static str {
        match (self.en(), status) {
            (false, _) => status.label(),
            (true, StampingStatus::Submitted) => "Sent, awaiting receipt",
            (true, StampingStatus::Received) => "Received by the provider",
            (true, StampingStatus::Stamped) => "Stamped by the provider",
            (true, StampingStatus::Returned) => "Returned",
        }
    }

    pub fn subject_resolution(&self, resolution: SubjectResolution) -> &'static str {
        match (self.en(), resolution) {
            (false, _) => resolution.label(),
            (true, SubjectResolution::TransferSupplement) => "Transfer supplement",
            (true, SubjectResolution::RenameLetter) => "Business rename letter",
        }
    }

    pub fn signer_status(&self, status: SignerStatus) -> &'static str {
        match (self.en(), status) {
            (false, _) => status.label(),
            (true, SignerStatus::Pending) => "Pending approval",
            (true, SignerStatus::Approved) => "Authorized",
            (true, SignerStatus::Rejected) => "Rejected",
        }
    }

    pub fn account_kind(&self, kind: AccountKind) -> &'static str {
        match (self.en(), kind) {
            (false, _) => kind.label(),
            (true, AccountKind::Enterprise) => "Enterprise",
            (true, AccountKind::Individual) => "Individual",
        }
    }

    pub fn realname(&self, status: RealNameStatus) -> &'static str {
        match (self.en(), status) {
            (false, _) => status.label(),
            (true, RealNameStatus::Unverified) => "Not verified",
            (true, RealNameStatus::Verified) => "Verified",
        }
    }

    /// An item another contract holds (R7).
    pub fn item_occupied(&self, reference: &str, number: &str) -> String {
        catalog::problems::item_occupied(self.lang, reference, number)
    }

    /// Why a selection cannot be saved (R5, R6), with the rule's own limit.
    pub fn selection(&self, error: &SelectionError) -> String {
        catalog::problems::selection(self.lang, error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::LangTexts;
    use domain::{ActorKind, AuditAction, AuditDetail};

    #[test]
    fn money_is_written_as_each_language_writes_it() {
        let (zh, en) = (Lang::ZhCn.console(), Lang::En.console());
        assert_eq!(zh.money(123_450), "1,234.50 元");
        assert_eq!(en.money(123_450), "¥1,234.50");
        assert_eq!(en.money(-5), "¥-0.05");
        assert_eq!(zh.capital_amount(10_000).as_deref(), Some("人民币壹佰元整"));
        assert_eq!(en.capital_amount(10_000), None);
    }

    #[test]
    fn english_says_a_copy_and_copies() {
        let en = Lang::En.console();
        assert_eq!(en.copies(1), "1 copy");
        assert_eq!(en.copies(3), "3 copies");
        assert_eq!(Lang::ZhCn.console().copies(3), "3 份");
    }

    #[test]
    fn an_event_detail_reads_in_both_languages_and_old_text_stays() {
        let created = AuditDetail::ContractCreated {
            kind: ContractType::Order,
            channel: Channel::Single,
            items: 3,
        };
        let stored = AuditDetail::from_stored(&created.to_stored());
        assert_eq!(
            Lang::En.console().audit_detail(&stored),
            "Order contract · Single-party e-seal · 3 items"
        );
        assert_eq!(
            Lang::ZhCn.console().audit_detail(&stored),
            "订单合同 · 单方电子签章 · 3 项"
        );
        let old = AuditDetail::from_stored("2 份 · 上海市");
        assert_eq!(Lang::En.console().audit_detail(&old), "2 份 · 上海市");
    }

    #[test]
    fn a_saved_order_says_its_billing_mode_in_the_page_language() {
        let (zh, en) = (Lang::ZhCn.console(), Lang::En.console());
        for mode in BillingMode::ALL {
            assert_eq!(
                en.saved_item_detail(ContractType::Order, mode.label()),
                Some(en.billing_mode(mode))
            );
            assert_eq!(
                zh.saved_item_detail(ContractType::Order, mode.label()),
                Some(mode.label())
            );
        }
        // A filing's domain, a recharge's channel: data, shown as the billing system sent it.
        assert_eq!(
            en.saved_item_detail(ContractType::Filing, "example.cn"),
            None
        );
        assert_eq!(en.saved_item_detail(ContractType::Recharge, "退款"), None);
    }

    /// Every typed value the console shows has its English, and it is English.
    #[test]
    fn every_value_reads_in_english() {
        let en = Lang::En.console();
        let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let mut words: Vec<String> = Vec::new();
        words.extend(AuditAction::ALL.map(|a| en.audit_action(Some(a)).to_string()));
        words.push(en.audit_action(None).to_string());
        words.extend(ContractType::ALL.map(|k| en.contract_type(k).to_string()));
        words.extend(Channel::ALL.map(|c| en.channel(c).to_string()));
        words.extend(Channel::ALL.map(|c| en.channel_short(c).to_string()));
        words.extend(Status::ALL.map(|s| en.status(s).to_string()));
        words.extend(BillingMode::ALL.map(|m| en.billing_mode(m).to_string()));
        words.extend(PaperStatus::ALL.map(|s| en.paper_status(s).to_string()));
        words.extend(StampingStatus::ALL.map(|s| en.stamping_status(s).to_string()));
        words.extend(SubjectResolution::ALL.map(|r| en.subject_resolution(r).to_string()));
        words.extend(SignerStatus::ALL.map(|s| en.signer_status(s).to_string()));
        words.extend(ActorKind::ALL.map(|k| en.actor(k).to_string()));
        for word in &words {
            assert!(!word.is_empty() && !han(word), "{word:?}");
        }
        // And Chinese stays the domain's own label.
        let zh = Lang::ZhCn.console();
        assert_eq!(
            zh.audit_action(Some(AuditAction::Voided)),
            AuditAction::Voided.label()
        );
    }
}
