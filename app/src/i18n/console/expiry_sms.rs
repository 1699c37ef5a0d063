//! The party A page's choice of expiry notices by SMS (R24). Its own catalog: only that
//! page reads it, so it travels in the page's piece of the bundle.

use crate::i18n::{use_lang, Lang};

pub struct ExpirySmsText {
    pub title: &'static str,
    pub label: &'static str,
    pub on: &'static str,
    pub off: &'static str,
}

pub fn expiry_sms_text() -> &'static ExpirySmsText {
    match use_lang() {
        Lang::ZhCn => &ExpirySmsText {
            title: "到期提醒",
            label: "备案合同到期前 30、7、1 天发送短信提醒（发至合同中的甲方手机号）",
            on: "已开启到期短信提醒",
            off: "已关闭到期短信提醒",
        },
        Lang::En => &ExpirySmsText {
            title: "Expiry reminders",
            label: "Send an SMS 30, 7 and 1 days before a filing contract expires (to party A's mobile number on the contract)",
            on: "Expiry reminders by SMS are on",
            off: "Expiry reminders by SMS are off",
        },
    }
}
