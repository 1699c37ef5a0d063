//! Renewal on a filing contract's page (续签, R25). Its own catalog: only the renewal
//! piece of the contract page reads it, so it travels in that piece of the bundle.

use crate::i18n::{use_lang, Lang};

pub struct RenewalText {
    pub title: &'static str,
    /// Beside the 续签 button: what renewing does.
    pub hint: &'static str,
    pub renew: &'static str,
    pub renewing: &'static str,
    pub renewed_by: &'static str,
    pub renews: &'static str,
    pub term_starts: &'static str,
}

pub fn renewal_text() -> &'static RenewalText {
    match use_lang() {
        Lang::ZhCn => &RenewalText {
            title: "续签",
            hint: "续签将为相同的备案号新建一份备案合同。新合同的一年期限从本合同到期时起算，备案不会中断。",
            renew: "续签",
            renewing: "续签中…",
            renewed_by: "续签合同",
            renews: "续签自",
            term_starts: "期限起算",
        },
        Lang::En => &RenewalText {
            title: "Renewal",
            hint: "Renewing creates a new filing contract for the same filing numbers. Its one-year term starts when this contract expires, so the filings stay covered without a gap.",
            renew: "Renew",
            renewing: "Renewing…",
            renewed_by: "Renewal",
            renews: "Renews",
            term_starts: "Term starts",
        },
    }
}
