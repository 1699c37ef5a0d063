//! The dual-channel panel's words (its steps, the signing step and its deadline, R23).
//! A catalog of their own: only the dual panel reads them, so they travel in that piece
//! of the bundle, not in the main module every console page loads first.

use crate::i18n::{use_lang, Lang};

/// "Sign by …": the deadline in China time, and what happens after it.
pub fn deadline_note(deadline_ms: i64) -> String {
    let at = domain::calendar::format_cst_minute(deadline_ms);
    match use_lang() {
        Lang::ZhCn => format!("请于 {at} 前完成签署，逾期将自动取消签署；未签署时系统会在 24 和 72 小时后短信提醒签署人。"),
        Lang::En => format!("Sign by {at} (China time); after that the signing is cancelled. The signer is reminded by SMS after 24 and 72 hours."),
    }
}

pub struct DualText {
    pub dual_confirm_signer: &'static str,
    pub dual_confirm_text: &'static str,
    pub dual_save_party_a: &'static str,
    pub dual_seal_hint: &'static str,
    pub dual_signer_hint_enterprise: &'static str,
    pub dual_signer_hint_individual: &'static str,
    pub dual_signer_none: &'static str,
    pub dual_signing_hint: &'static str,
    pub dual_text_hint: &'static str,
    pub dual_waiting_provider: &'static str,
    pub remind: &'static str,
    pub remind_sent_toast: &'static str,
    pub resend_countdown: fn(i64) -> String,
    pub sign_submit: &'static str,
    pub signed_toast: &'static str,
    pub signer_label: &'static str,
}

pub fn dual_text() -> &'static DualText {
    match use_lang() {
        Lang::ZhCn => &DualText {
            dual_confirm_signer: "确认签署信息并发送验证码",
            dual_confirm_text: "确认合同文本内容",
            dual_save_party_a: "保存并生成合同草稿",
            dual_seal_hint: "确认后将在甲方签章处加盖企业电子印章：",
            dual_signer_hint_enterprise: "请选择签署人。签署时将向签署人手机发送验证码。",
            dual_signer_hint_individual: "由您本人签署。请确认接收验证码的手机号，可以修改。",
            dual_signer_none: "还没有已授权的签署人，请先在电子签署页添加签署人并由管理员审批。",
            dual_signing_hint: "验证码已发送至签署人手机",
            dual_text_hint: "请仔细阅读合同草稿。确认后进入签署信息确认；确认前可以删除草稿。",
            dual_waiting_provider: "您已完成签署，服务商正在签署，完成后合同即生效。",
            remind: "催签",
            remind_sent_toast: "已向签署人发送催签短信",
            resend_countdown: |seconds| format!("重新发送（{seconds}s）"),
            sign_submit: "确认签署",
            signed_toast: "签署完成，等待服务商签署",
            signer_label: "签署人",
        },
        Lang::En => &DualText {
            dual_confirm_signer: "Confirm and send code",
            dual_confirm_text: "Confirm the text",
            dual_save_party_a: "Save and generate draft",
            dual_seal_hint: "On confirmation, this company e-seal is applied in party A's seal area:",
            dual_signer_hint_enterprise: "Choose a signer. An SMS code is sent to the signer's phone when signing.",
            dual_signer_hint_individual: "You sign yourself. Confirm the mobile number that receives the code; you can change it.",
            dual_signer_none: "No authorized signers yet: add a signer on the E-signing page and have the administrator approve them.",
            dual_signing_hint: "SMS code sent to",
            dual_text_hint: "Read the contract draft carefully. Once you confirm it, you go on to confirm the signing details; until then you can delete the draft.",
            dual_waiting_provider: "You have signed. The provider is signing now; the contract takes effect once it is done.",
            remind: "Remind",
            remind_sent_toast: "Reminder SMS sent to the signer",
            resend_countdown: |seconds| format!("Resend ({seconds}s)"),
            sign_submit: "Confirm and sign",
            signed_toast: "Signed; waiting for the provider to sign",
            signer_label: "Signer",
        },
    }
}
