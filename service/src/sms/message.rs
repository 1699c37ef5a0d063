//! What an SMS says, typed: a provider sends a registered template with its variables,
//! the demo outbox the rendered text; neither parses the other back.

use domain::text;
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
}

/// Which template: the `purpose` recorded for caps, and the key of a provider's template id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SmsKind {
    SigningCode,
    ActivationCode,
    ApprovalCode,
    Reminder,
}

impl SmsKind {
    pub const ALL: [SmsKind; 4] = [
        Self::SigningCode,
        Self::ActivationCode,
        Self::ApprovalCode,
        Self::Reminder,
    ];

    /// As stored in `sms_sends.purpose` and `sms_outbox.purpose`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SigningCode => "signing",
            Self::ActivationCode => "esign_activation",
            Self::ApprovalCode => "signer_approval",
            Self::Reminder => "reminder",
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
        }
    }

    /// The whole text, as the demo outbox shows it.
    pub fn body(&self) -> String {
        match self {
            Self::SigningCode {
                code,
                contract_number,
            } => text::sms_signing_code(code, contract_number),
            Self::ActivationCode { code } => text::sms_activation_code(code),
            Self::ApprovalCode { code, signer } => text::sms_approval_code(code, signer),
            Self::Reminder { contract_number } => text::sms_reminder(contract_number),
        }
    }

    /// The template's variables {1}, {2}, … in order, for a provider that sends
    /// registered templates (the operator registers the texts of `domain::text::sms_*`
    /// with these placeholders).
    pub fn params(&self) -> Vec<&str> {
        match self {
            Self::SigningCode {
                code,
                contract_number,
            } => vec![contract_number, code],
            Self::ActivationCode { code } => vec![code],
            Self::ApprovalCode { code, signer } => vec![signer, code],
            Self::Reminder { contract_number } => vec![contract_number],
        }
    }
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
        for t in &texts {
            assert!(t.body().contains("请勿泄露"), "{}", t.body());
            assert!(t.body().contains("123456"));
            assert!(t.params().contains(&"123456"));
            assert!(!format!("{t:?}").contains("123456"));
        }
    }
}
