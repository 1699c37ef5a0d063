//! The console's words for the domain's typed values (states, types, statuses, errors) in
//! the page's language. zh-CN is the domain's own label; English is an arm per variant
//! without a wildcard, so a new variant without its English fails the build.

use catalog::values;
use domain::account::{AccountKind, RealNameStatus};
use domain::api_key::ApiScope;
use domain::eligibility::SelectionError;
use domain::esign::SignerStatus;
use domain::paper::{PaperStatus, StampingStatus, SubjectResolution};
use domain::{BillingMode, Channel, ContractState, ContractType, Operation, Refused, Status};

use super::Console;
use crate::error::AppError;
use crate::i18n::Lang;

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

    pub fn expires_in(&self, days: i64) -> String {
        values::expires_in(self.lang, days)
    }

    pub fn copies(&self, n: i64) -> String {
        values::copies(self.lang, n)
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
        values::contract_type(self.lang, kind)
    }

    pub fn channel(&self, channel: Channel) -> &'static str {
        values::channel(self.lang, channel)
    }

    /// The channel in a table column.
    pub fn channel_short(&self, channel: Channel) -> &'static str {
        values::channel_short(self.lang, channel)
    }

    pub fn billing_mode(&self, mode: BillingMode) -> &'static str {
        values::billing_mode(self.lang, mode)
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
        values::paper_status(self.lang, status)
    }

    pub fn stamping_status(&self, status: StampingStatus) -> &'static str {
        values::stamping_status(self.lang, status)
    }

    pub fn subject_resolution(&self, resolution: SubjectResolution) -> &'static str {
        values::subject_resolution(self.lang, resolution)
    }

    pub fn signer_status(&self, status: SignerStatus) -> &'static str {
        values::signer_status(self.lang, status)
    }

    pub fn account_kind(&self, kind: AccountKind) -> &'static str {
        values::account_kind(self.lang, kind)
    }

    pub fn realname(&self, status: RealNameStatus) -> &'static str {
        values::realname(self.lang, status)
    }

    pub fn api_scope(&self, scope: ApiScope) -> &'static str {
        values::api_scope(self.lang, scope)
    }

    pub fn api_key_validity(&self, valid_days: Option<u32>) -> String {
        values::api_key_validity(self.lang, valid_days)
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
}
