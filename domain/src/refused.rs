//! Why the service refused a request, typed through every layer: the service returns it
//! (`ServiceError::Refused`), the web app carries it to the browser, the billing API
//! answers its [`Refused::code`] (stable, for machines) beside its message. The message
//! is derived here, when shown — never stored, never parsed back.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::gate::CreationBlock;
use crate::refusal::{Refusal, RefusalReason};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refused {
    /// The status machine does not allow the operation in the contract's state.
    Transition(Refusal),
    /// A gate in front of contract creation (R1–R4), or of what needs a verified account.
    Gate(CreationBlock),
    /// Someone else moved the contract between our read and our write.
    StateChangedMeanwhile,
    /// The operation carries input: it has a form of its own, not a plain button.
    OperationNeedsForm,
    /// Framework contracts carry no items.
    ItemsNotAllowed,
    /// The account created its daily number of contracts.
    ContractsPerDayReached {
        limit: i64,
    },
    PaperNotRequested,
    StampingInProgress,
    StampingNotFound,
    StampingStepStale,
    /// The dual channel needs the enterprise's e-signature service activated.
    EsignNotActivated,
    EsignEnterpriseOnly,
    EsignAlreadyActivated,
    TooManyPendingSigners,
    SignerAlreadyDecided,
    RemindNotSigning,
    RemindTooSoon,
    /// A signer gets at most three reminders, automatic ones included (R23).
    RemindLimitReached,
    /// The SMS caps per phone and per account (R18).
    SmsCapReached,
    SmsCodesExhausted,
    SmsResendWait {
        seconds: i64,
    },
    SmsBadNumber,
    SmsProviderLimit,
    SmsUnavailable,
    HoldNotFound,
    AlreadyVerified,
    /// Self-service real-name verification exists only in demo mode (R21).
    DemoVerificationOff,
    /// Renewal (R25) is for effective filing contracts.
    RenewalNotAvailable,
    /// Renewal opens 30 days before the term ends.
    RenewalNotYetOpen,
    /// The term has ended: the filings are free for a new filing contract.
    RenewalClosed,
    /// The contract has a renewal already (until that one is deleted).
    AlreadyRenewed,
    /// An operators' export: nothing with a document matches the search.
    ExportEmpty,
    /// An operators' export holds at most `limit` documents.
    ExportTooLarge {
        limit: i64,
    },
    /// The operator has `limit` exports still being written.
    ExportsPending {
        limit: i64,
    },
    /// An export's download link lasts 24 hours.
    ExportExpired,
}

impl Refused {
    /// The stable machine code (snake_case), e.g. `framework_exists`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Transition(refusal) => refusal.reason.as_str(),
            Self::Gate(block) => block.code(),
            Self::StateChangedMeanwhile => "state_changed_meanwhile",
            Self::OperationNeedsForm => "operation_needs_form",
            Self::ItemsNotAllowed => "items_not_allowed",
            Self::ContractsPerDayReached { .. } => "contracts_per_day_reached",
            Self::PaperNotRequested => "paper_not_requested",
            Self::StampingInProgress => "stamping_in_progress",
            Self::StampingNotFound => "stamping_not_found",
            Self::StampingStepStale => "stamping_step_stale",
            Self::EsignNotActivated => "esign_not_activated",
            Self::EsignEnterpriseOnly => "esign_enterprise_only",
            Self::EsignAlreadyActivated => "esign_already_activated",
            Self::TooManyPendingSigners => "too_many_pending_signers",
            Self::SignerAlreadyDecided => "signer_already_decided",
            Self::RemindNotSigning => "remind_not_signing",
            Self::RemindTooSoon => "remind_too_soon",
            Self::RemindLimitReached => "remind_limit_reached",
            Self::SmsCapReached => "sms_cap_reached",
            Self::SmsCodesExhausted => "sms_codes_exhausted",
            Self::SmsResendWait { .. } => "sms_resend_wait",
            Self::SmsBadNumber => "sms_bad_number",
            Self::SmsProviderLimit => "sms_provider_limit",
            Self::SmsUnavailable => "sms_unavailable",
            Self::HoldNotFound => "hold_not_found",
            Self::AlreadyVerified => "already_verified",
            Self::DemoVerificationOff => "demo_verification_off",
            Self::RenewalNotAvailable => "renewal_not_available",
            Self::RenewalNotYetOpen => "renewal_not_yet_open",
            Self::RenewalClosed => "renewal_closed",
            Self::AlreadyRenewed => "already_renewed",
            Self::ExportEmpty => "export_empty",
            Self::ExportTooLarge { .. } => "export_too_large",
            Self::ExportsPending { .. } => "exports_pending",
            Self::ExportExpired => "export_expired",
        }
    }

    /// Every code there is, for the API document.
    pub fn all_codes() -> Vec<&'static str> {
        let mut codes: Vec<&'static str> = RefusalReason::ALL.iter().map(|r| r.as_str()).collect();
        codes.extend(CreationBlock::ALL.iter().map(|b| b.code()));
        codes.extend(Self::SAMPLES.iter().map(Self::code));
        codes
    }

    /// One of each variant that carries no refusal of another type (tests, `all_codes`).
    pub fn samples() -> &'static [Refused] {
        &Self::SAMPLES
    }

    const SAMPLES: [Refused; 33] = [
        Self::StateChangedMeanwhile,
        Self::OperationNeedsForm,
        Self::ItemsNotAllowed,
        Self::ContractsPerDayReached { limit: 0 },
        Self::PaperNotRequested,
        Self::StampingInProgress,
        Self::StampingNotFound,
        Self::StampingStepStale,
        Self::EsignNotActivated,
        Self::EsignEnterpriseOnly,
        Self::EsignAlreadyActivated,
        Self::TooManyPendingSigners,
        Self::SignerAlreadyDecided,
        Self::RemindNotSigning,
        Self::RemindTooSoon,
        Self::RemindLimitReached,
        Self::SmsCapReached,
        Self::SmsCodesExhausted,
        Self::SmsResendWait { seconds: 0 },
        Self::SmsBadNumber,
        Self::SmsProviderLimit,
        Self::SmsUnavailable,
        Self::HoldNotFound,
        Self::AlreadyVerified,
        Self::DemoVerificationOff,
        Self::RenewalNotAvailable,
        Self::RenewalNotYetOpen,
        Self::RenewalClosed,
        Self::AlreadyRenewed,
        Self::ExportEmpty,
        Self::ExportTooLarge { limit: 0 },
        Self::ExportsPending { limit: 0 },
        Self::ExportExpired,
    ];
}

impl fmt::Display for Refused {
    /// The zh-CN sentence shown to the customer.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fixed = match self {
            Self::Transition(refusal) => return refusal.fmt(f),
            Self::Gate(block) => block.reason(),
            Self::ContractsPerDayReached { limit } => {
                return f.write_str(&text::contracts_per_day_reached(*limit))
            }
            Self::SmsResendWait { seconds } => {
                return f.write_str(&text::sms_resend_wait(*seconds))
            }
            Self::ExportTooLarge { limit } => {
                return write!(f, "一次最多导出 {limit} 份合同文件，请缩小查询范围")
            }
            Self::ExportsPending { limit } => {
                return write!(f, "已有 {limit} 个导出正在进行，请等待完成后再导出")
            }
            Self::StateChangedMeanwhile => text::STATE_CHANGED_MEANWHILE,
            Self::OperationNeedsForm => text::OPERATION_NEEDS_FORM,
            Self::ItemsNotAllowed => text::SELECTION_ITEMS_NOT_ALLOWED,
            Self::PaperNotRequested => text::PAPER_NOT_REQUESTED,
            Self::StampingInProgress => text::STAMPING_IN_PROGRESS,
            Self::StampingNotFound => text::STAMPING_NOT_FOUND,
            Self::StampingStepStale => text::STAMPING_STEP_STALE,
            Self::EsignNotActivated => text::ESIGN_NOT_ACTIVATED,
            Self::EsignEnterpriseOnly => text::ESIGN_ENTERPRISE_ONLY,
            Self::EsignAlreadyActivated => text::ESIGN_ALREADY_ACTIVATED,
            Self::TooManyPendingSigners => text::TOO_MANY_PENDING_SIGNERS,
            Self::SignerAlreadyDecided => text::SIGNER_ALREADY_DECIDED,
            Self::RemindNotSigning => text::REMIND_NOT_SIGNING,
            Self::RemindTooSoon => text::REMIND_TOO_SOON,
            Self::RemindLimitReached => text::REMIND_LIMIT_REACHED,
            Self::SmsCapReached => text::SMS_CAP_REACHED,
            Self::SmsCodesExhausted => text::SMS_CODES_EXHAUSTED,
            Self::SmsBadNumber => text::SMS_BAD_NUMBER,
            Self::SmsProviderLimit => text::SMS_PROVIDER_LIMIT,
            Self::SmsUnavailable => text::SMS_UNAVAILABLE,
            Self::HoldNotFound => text::HOLD_NOT_FOUND,
            Self::AlreadyVerified => text::ALREADY_VERIFIED,
            Self::DemoVerificationOff => text::DEMO_VERIFICATION_OFF,
            Self::RenewalNotAvailable => text::RENEWAL_NOT_AVAILABLE,
            Self::RenewalNotYetOpen => text::RENEWAL_NOT_YET_OPEN,
            Self::RenewalClosed => text::RENEWAL_CLOSED,
            Self::AlreadyRenewed => text::ALREADY_RENEWED,
            Self::ExportEmpty => text::EXPORT_EMPTY,
            Self::ExportExpired => text::EXPORT_EXPIRED,
        };
        f.write_str(fixed)
    }
}

impl std::error::Error for Refused {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::Operation;
    use crate::status::ContractState;

    #[test]
    fn codes_are_unique_snake_case_and_every_refusal_has_a_message() {
        let codes = Refused::all_codes();
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), codes.len(), "{codes:?}");
        for code in &codes {
            assert!(
                code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{code}"
            );
        }
        assert!(codes.contains(&"framework_exists"));
        for refused in Refused::SAMPLES {
            assert!(!refused.to_string().is_empty(), "{refused:?}");
        }
    }

    #[test]
    fn messages_carry_their_numbers_and_typed_parts() {
        assert!(Refused::ContractsPerDayReached { limit: 7 }
            .to_string()
            .contains('7'));
        assert!(Refused::SmsResendWait { seconds: 42 }
            .to_string()
            .contains("42"));
        let transition = Refused::Transition(Refusal {
            operation: Operation::Void,
            state: ContractState::E_CONTRACT_EFFECTIVE,
            reason: RefusalReason::EffectiveIsImmutable,
        });
        assert_eq!(transition.code(), "effective_is_immutable");
        assert!(transition
            .to_string()
            .contains(RefusalReason::EffectiveIsImmutable.label()));
        let gate = Refused::Gate(CreationBlock::FrameworkExists);
        assert_eq!(
            (gate.code(), gate.to_string().as_str()),
            ("framework_exists", text::GATE_FRAMEWORK_EXISTS)
        );
    }
}
