//! The signing step's note on its deadline (R23). Its own catalog: only the dual panel
//! reads it, so it travels in that piece of the bundle, not in the main module.

use crate::i18n::{use_lang, Lang};

/// "Sign by …": the deadline in China time, and what happens after it.
pub fn deadline_note(deadline_ms: i64) -> String {
    let at = domain::calendar::format_cst_minute(deadline_ms);
    match use_lang() {
        Lang::ZhCn => format!("请于 {at} 前完成签署，逾期将自动取消签署；未签署时系统会在 24 和 72 小时后短信提醒签署人。"),
        Lang::En => format!("Sign by {at} (China time); after that the signing is cancelled. The signer is reminded by SMS after 24 and 72 hours."),
    }
}
