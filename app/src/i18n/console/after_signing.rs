//! The after-signing panel's words (paper copies, offline stamping). A catalog of their
//! own: only that panel reads them, so they travel in its piece of the bundle.

use crate::i18n::{use_lang, Lang};

pub struct AfterSigningText {
    pub paper_title: &'static str,
    pub paper_intro: &'static str,
    pub paper_field_copies: &'static str,
    pub paper_copies_hint: &'static str,
    pub paper_confirm: &'static str,
    pub paper_submit: &'static str,
    pub paper_submitted_toast: &'static str,
    pub paper_filing_extras_title: &'static str,
    pub stamping_title: &'static str,
    pub stamping_intro: &'static str,
    pub stamping_print: &'static str,
    pub stamping_send_to: &'static str,
    pub stamping_all_stamped: &'static str,
    pub stamping_courier: &'static str,
    pub stamping_tracking: &'static str,
    pub stamping_submit: &'static str,
    pub stamping_submitted_toast: &'static str,
    pub stamping_return_tracking: &'static str,
}

pub fn after_signing_text() -> &'static AfterSigningText {
    after_signing_text_in(use_lang())
}

pub fn after_signing_text_in(lang: Lang) -> &'static AfterSigningText {
    match lang {
        Lang::ZhCn => &AfterSigningText {
            paper_title: "纸质合同",
            paper_intro: "服务商将打印并加盖公章后邮寄给您。收件地址提交后不能修改。",
            paper_field_copies: "份数",
            paper_copies_hint: "1–5 份",
            paper_confirm: "我已核对收件信息，知晓提交后地址不能修改",
            paper_submit: "提交申请",
            paper_submitted_toast: "已提交纸质合同申请",
            paper_filing_extras_title: "随备案合同寄出的材料",
            stamping_title: "线下盖章",
            stamping_intro: "打印合同并在每一份的甲方签章处加盖公章，寄给服务商；服务商盖章后寄回其中一份给您。寄回地址提交后不能修改。",
            stamping_print: "下载打印版",
            stamping_send_to: "寄至服务商",
            stamping_all_stamped: "我已在打印的每一份合同上加盖公章",
            stamping_courier: "快递公司",
            stamping_tracking: "快递单号",
            stamping_submit: "提交",
            stamping_submitted_toast: "已提交线下盖章信息",
            stamping_return_tracking: "寄回快递",
        },
        Lang::En => &AfterSigningText {
            paper_title: "Paper copies",
            paper_intro: "The provider prints the contract, stamps it with its official seal and mails it to you. The mailing address cannot be changed after submission.",
            paper_field_copies: "Copies",
            paper_copies_hint: "1–5 copies",
            paper_confirm: "I have checked the mailing details and understand the address cannot be changed after submission",
            paper_submit: "Submit request",
            paper_submitted_toast: "Paper copy request submitted",
            paper_filing_extras_title: "Sent with the ICP filing contract",
            stamping_title: "Offline stamping",
            stamping_intro: "Print the contract, stamp your official seal in party A's seal area on every copy, and mail them to the provider; the provider stamps them and mails one copy back to you. The return address cannot be changed after submission.",
            stamping_print: "Download for printing",
            stamping_send_to: "Mail to the provider",
            stamping_all_stamped: "I have stamped every printed copy with our official seal",
            stamping_courier: "Courier",
            stamping_tracking: "Tracking no.",
            stamping_submit: "Submit",
            stamping_submitted_toast: "Offline stamping details submitted",
            stamping_return_tracking: "Return shipment",
        },
    }
}
