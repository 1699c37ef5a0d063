//! What an SMS says, typed: a provider sends a registered template with its variables,
//! the demo outbox the rendered text; neither parses the other back.

use domain::Lang;
use thiserror::Error;

/// The messages the product sends. Codes say 请勿泄露 (do not share) in every template.
#[derive(Clone, PartialEq, Eq)]
pub enum SmsText {
    /// The customer's signer signs a contract (R12).
    SigningCode {
        code: String,
        contract_number: String,
    },
    /// The administrator activates e-sign.
    ActivationCode { code: String },
    /// The administrator approves a signer.
    ApprovalCode { code: String, signer: String },
    /// 催签: the signer has not signed yet.
    Reminder { contract_number: String },
    /// A filing contract ends in `days_left` days (R24), to party A's phone where the
    /// customer opted in.
    ExpiryNotice {
        contract_number: String,
        days_left: String,
    },
}

/// Which template: the `purpose` recorded for caps, and the key of a provider's template id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SmsKind {
    SigningCode,
    ActivationCode,
    ApprovalCode,
    Reminder,
    ExpiryNotice,
}

impl SmsKind {
    pub const ALL: [SmsKind; 5] = [
        Self::SigningCode,
        Self::ActivationCode,
        Self::ApprovalCode,
        Self::Reminder,
        Self::ExpiryNotice,
    ];

    /// As stored in `sms_sends.purpose` and `sms_outbox.purpose`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SigningCode => "signing",
            Self::ActivationCode => "esign_activation",
            Self::ApprovalCode => "signer_approval",
            Self::Reminder => "reminder",
            Self::ExpiryNotice => "expiry_notice",
        }
    }
}

impl SmsText {
    pub fn kind(&self) -> SmsKind {
        match self {
            Self::SigningCode { .. } => SmsKind::SigningCode,
            Self::ActivationCode { .. } => SmsKind::ActivationCode,
            Self::ApprovalCode { .. } => SmsKind::ApprovalCode,
            Self::Reminder { .. } => SmsKind::Reminder,
            Self::ExpiryNotice { .. } => SmsKind::ExpiryNotice,
        }
    }

    /// The whole text in `lang`, as the demo outbox shows it: every SMS the product sends
    /// is worded here and nowhere else. The product's signature
    /// leads in both languages (carriers require it); English keeps the same variables in
    /// the same order as Chinese, so one provider template per language takes the same
    /// [`Self::params`].
    pub fn body(&self, lang: Lang) -> String {
        match (lang, self) {
            (
                Lang::ZhCn,
                Self::SigningCode {
                    code,
                    contract_number,
                },
            ) => format!(
                "【签约】您正在签署合同 {contract_number}，验证码 {code}，{} 分钟内有效。请勿泄露给他人。",
                code_minutes()
            ),
            (Lang::ZhCn, Self::ActivationCode { code }) => format!(
                "【签约】您正在开通电子签署并被指定为管理员，验证码 {code}，{} 分钟内有效。请勿泄露给他人。",
                code_minutes()
            ),
            (Lang::ZhCn, Self::ApprovalCode { code, signer }) => format!(
                "【签约】您正在审批签署人 {signer} 的授权，验证码 {code}，{} 分钟内有效。请勿泄露给他人。",
                code_minutes()
            ),
            (Lang::ZhCn, Self::Reminder { contract_number }) => format!(
                "【签约】合同 {contract_number} 等待您签署，请登录费用中心 > 合同管理完成签署。"
            ),
            (
                Lang::ZhCn,
                Self::ExpiryNotice {
                    contract_number,
                    days_left,
                },
            ) => format!(
                "【签约】备案合同 {contract_number} 将于 {days_left} 天后到期，请登录费用中心 > 合同管理查看。"
            ),
            (
                Lang::En,
                Self::SigningCode {
                    code,
                    contract_number,
                },
            ) => format!(
                "【签约】You are signing contract {contract_number}. Your code is {code}, valid for {} minutes. Do not share it.",
                code_minutes()
            ),
            (Lang::En, Self::ActivationCode { code }) => format!(
                "【签约】You are activating e-signing as its administrator. Your code is {code}, valid for {} minutes. Do not share it.",
                code_minutes()
            ),
            (Lang::En, Self::ApprovalCode { code, signer }) => format!(
                "【签约】You are approving {signer} as a signer. Your code is {code}, valid for {} minutes. Do not share it.",
                code_minutes()
            ),
            (Lang::En, Self::Reminder { contract_number }) => format!(
                "【签约】Contract {contract_number} is waiting for your signature: sign in to Billing > Contracts to sign it."
            ),
            (
                Lang::En,
                Self::ExpiryNotice {
                    contract_number,
                    days_left,
                },
            ) => format!(
                "【签约】Filing contract {contract_number} expires in {days_left} day(s): sign in to Billing > Contracts to review it."
            ),
        }
    }

    /// The template's variables {1}, {2}, … in order, for a provider that sends
    /// registered templates (the operator registers the texts of [`Self::body`], one
    /// template per language, with these placeholders).
    pub fn params(&self) -> Vec<&str> {
        match self {
            Self::SigningCode {
                code,
                contract_number,
            } => vec![contract_number, code],
            Self::ActivationCode { code } => vec![code],
            Self::ApprovalCode { code, signer } => vec![signer, code],
            Self::Reminder { contract_number } => vec![contract_number],
            Self::ExpiryNotice {
                contract_number,
                days_left,
            } => vec![contract_number, days_left],
        }
    }
}

/// A code's lifetime in minutes (R12), as the texts state it.
fn code_minutes() -> i64 {
    domain::sms::CODE_TTL_MS / 60_000
}

/// Never the code: a `{:?}` of a message must be safe to log.
impl std::fmt::Debug for SmsText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SmsText::{:?}", self.kind())
    }
}

/// One outgoing message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsMessage {
    pub account_id: i64,
    pub phone: String,
    pub text: SmsText,
    /// The language it is written in (the sender's page's).
    pub lang: Lang,
}

/// Why a message did not go out. The customer sees [`SmsError::customer_text`]; the
/// detail of `Unavailable` goes to the log only.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SmsError {
    #[error("the provider refused the phone number: {0}")]
    BadNumber(String),
    #[error("the provider's limit for this phone number: {0}")]
    RateLimited(String),
    #[error("no SMS provider is configured (QY_SMS_PROVIDER)")]
    NotConfigured,
    #[error("SMS provider unavailable: {0}")]
    Unavailable(String),
}

impl SmsError {
    /// What the customer is told (the provider's own words stay in the log).
    pub fn refused(&self) -> domain::Refused {
        match self {
            Self::BadNumber(_) => domain::Refused::SmsBadNumber,
            Self::RateLimited(_) => domain::Refused::SmsProviderLimit,
            Self::NotConfigured | Self::Unavailable(_) => domain::Refused::SmsUnavailable,
        }
    }
}

/// Sends one message. Called after the transaction that recorded it has committed, so a
/// slow provider holds no database lock.
#[async_trait::async_trait]
pub trait SmsSender: Send + Sync + 'static {
    async fn send(&self, message: &SmsMessage) -> Result<(), SmsError>;
}

/// Production without a provider: every send is refused (and the start-up log says so),
/// rather than codes going where nobody reads them.
#[derive(Debug, Default, Clone, Copy)]
pub struct UnconfiguredSender;

#[async_trait::async_trait]
impl SmsSender for UnconfiguredSender {
    async fn send(&self, _: &SmsMessage) -> Result<(), SmsError> {
        Err(SmsError::NotConfigured)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_text_says_not_to_share_it_and_debug_hides_the_code() {
        let texts = [
            SmsText::SigningCode {
                code: "123456".into(),
                contract_number: "QY-1".into(),
            },
            SmsText::ActivationCode {
                code: "123456".into(),
            },
            SmsText::ApprovalCode {
                code: "123456".into(),
                signer: "张三".into(),
            },
        ];
        let minutes = (domain::sms::CODE_TTL_MS / 60_000).to_string();
        for t in &texts {
            let (zh, en) = (t.body(Lang::ZhCn), t.body(Lang::En));
            assert!(zh.contains("请勿泄露"), "{zh}");
            assert!(en.contains("Do not share it"), "{en}");
            for body in [&zh, &en] {
                assert!(body.starts_with("【签约】"), "{body}");
                assert!(body.contains("123456"), "{body}");
                // The code's lifetime is the rule's, in both languages.
                assert!(body.contains(&format!("{minutes} ")), "{body}");
                // Every variable of the template is in the text.
                for param in t.params() {
                    assert!(body.contains(param), "{body}: {param}");
                }
            }
            assert!(t.params().contains(&"123456"));
            assert!(!format!("{t:?}").contains("123456"));
        }
        let reminder = SmsText::Reminder {
            contract_number: "QY-7".into(),
        };
        assert!(reminder.body(Lang::En).contains("QY-7"));
        assert!(reminder.body(Lang::ZhCn).contains("QY-7"));
    }
}
