//! What the audit trail records, as tokens. The database stores [`AuditAction`] tokens
//! and [`ContractState::token`]s, never display text: a label is derived when an event is
//! shown, so rewording a label (or showing it in another language) changes no stored
//! event and breaks no reader of the event feed.

use crate::macros::token_enum;
use crate::operation::Operation;
use crate::status::{ContractState, Status, SubStatus, TABLE};
use crate::text;

token_enum! {
    /// Who acted, as `audit_events.actor_kind` stores it: a customer, the provider's
    /// operations, the billing system through its API, or the system itself (background
    /// steps, sweeps).
    pub enum ActorKind {
        Customer => "customer", text::ACTOR_CUSTOMER;
        Operator => "operator", text::ACTOR_OPERATOR;
        System => "system", text::ACTOR_SYSTEM;
        Api => "api", text::ACTOR_API;
    }
}

token_enum! {
    /// One kind of audit event. The tokens are the `audit_events.action` values written
    /// since the first release; they never change.
    pub enum AuditAction {
        ContractCreated => "contract.created", text::AUDIT_CONTRACT_CREATED;
        DraftGenerated => "contract.draft_generated", text::AUDIT_DRAFT_GENERATED;
        DraftGenerationFailed => "contract.draft_generation_failed", text::AUDIT_DRAFT_GENERATION_FAILED;
        ConvertToFormal => "contract.convert_to_formal", text::AUDIT_CONVERT_TO_FORMAL;
        ProviderSigned => "contract.provider_signed", text::AUDIT_PROVIDER_SIGNED;
        ProviderSigningFailed => "contract.provider_signing_failed", text::AUDIT_PROVIDER_SIGNING_FAILED;
        Voided => "contract.voided", text::AUDIT_VOIDED;
        Deleted => "contract.deleted", text::AUDIT_DELETED;
        CancelSigning => "contract.cancel_signing", text::AUDIT_CANCEL_SIGNING;
        CancelCompleted => "contract.cancel_completed", text::AUDIT_CANCEL_COMPLETED;
        ApplyPaper => "contract.apply_paper", text::AUDIT_APPLY_PAPER;
        PaperShipped => "contract.paper_shipped", text::AUDIT_PAPER_SHIPPED;
        ContractPartyASaved => "contract.party_a_saved", text::AUDIT_CONTRACT_PARTY_A_SAVED;
        TextConfirmed => "contract.text_confirmed", text::AUDIT_TEXT_CONFIRMED;
        SignerConfirmed => "contract.signer_confirmed", text::AUDIT_SIGNER_CONFIRMED;
        SmsSent => "contract.sms_sent", text::AUDIT_SMS_SENT;
        CodeVerified => "contract.code_verified", text::AUDIT_CODE_VERIFIED;
        CustomerSigned => "contract.customer_signed", text::AUDIT_CUSTOMER_SIGNED;
        Reminded => "contract.reminded", text::AUDIT_REMINDED;
        Expiring => "contract.expiring", text::AUDIT_EXPIRING;
        SigningExpired => "contract.signing_expired", text::AUDIT_SIGNING_EXPIRED;
        Renewed => "contract.renewed", text::AUDIT_RENEWED;
        OfflineStamping => "contract.offline_stamping", text::AUDIT_OFFLINE_STAMPING;
        StampingReceived => "contract.stamping_received", text::AUDIT_STAMPING_RECEIVED;
        StampingStamped => "contract.stamping_stamped", text::AUDIT_STAMPING_STAMPED;
        StampingReturned => "contract.stamping_returned", text::AUDIT_STAMPING_RETURNED;
        AccountRegistered => "account.register", text::AUDIT_ACCOUNT_REGISTERED;
        RealnameVerified => "account.realname_verified", text::AUDIT_REALNAME_VERIFIED;
        PasswordSet => "account.password_set", text::AUDIT_PASSWORD_SET;
        SubjectChanged => "account.subject_changed", text::AUDIT_SUBJECT_CHANGED;
        SubjectHold => "account.subject_hold", text::AUDIT_SUBJECT_HOLD;
        SubjectHoldLifted => "account.subject_hold_lifted", text::AUDIT_SUBJECT_HOLD_LIFTED;
        PartyASaved => "party_a.saved", text::AUDIT_PARTY_A_SAVED;
        ApiCall => "api.call", text::AUDIT_API_CALL;
        OrdersUpserted => "api.orders_upserted", text::AUDIT_ORDERS_UPSERTED;
        FilingsUpserted => "api.filings_upserted", text::AUDIT_FILINGS_UPSERTED;
        RechargesUpserted => "api.recharges_upserted", text::AUDIT_RECHARGES_UPSERTED;
        EsignActivated => "esign.activated", text::AUDIT_ESIGN_ACTIVATED;
        SignerRequested => "esign.signer_requested", text::AUDIT_SIGNER_REQUESTED;
        SignerApproved => "esign.signer_approved", text::AUDIT_SIGNER_APPROVED;
        SignerRejected => "esign.signer_rejected", text::AUDIT_SIGNER_REJECTED;
        ApiKeyCreated => "api_key.created", text::AUDIT_API_KEY_CREATED;
        ApiKeyRevoked => "api_key.revoked", text::AUDIT_API_KEY_REVOKED;
        ContractsExported => "ops.contracts_exported", text::AUDIT_CONTRACTS_EXPORTED;
    }
}

impl AuditAction {
    /// The event an operation of the status table records: every operation that moves a
    /// contract has one; operations that only show something or start a side process
    /// (which records its own event) have none.
    pub fn of_operation(op: Operation) -> Option<Self> {
        Some(match op {
            Operation::Delete => Self::Deleted,
            Operation::ConvertToFormal => Self::ConvertToFormal,
            Operation::Void => Self::Voided,
            Operation::CancelSigning => Self::CancelSigning,
            Operation::ApplyPaper => Self::ApplyPaper,
            Operation::OfflineStamping => Self::OfflineStamping,
            Operation::ConfirmText => Self::TextConfirmed,
            Operation::ConfirmSigner => Self::SignerConfirmed,
            Operation::CustomerSign => Self::CustomerSigned,
            Operation::SavePartyA => Self::ContractPartyASaved,
            Operation::DraftGenerated => Self::DraftGenerated,
            Operation::DraftGenerationFailed => Self::DraftGenerationFailed,
            Operation::ProviderSigned => Self::ProviderSigned,
            Operation::ProviderSigningFailed => Self::ProviderSigningFailed,
            Operation::CancelCompleted => Self::CancelCompleted,
            Operation::PaperShipped => Self::PaperShipped,
            Operation::ResendSms => Self::SmsSent,
            Operation::ViewMailingInfo => return None,
        })
    }

    /// Steps whose event detail may hold an internal error (recorded there before
    /// failures were kept to the log): such a detail is never shown.
    pub fn is_failed_step(self) -> bool {
        matches!(
            self,
            Self::DraftGenerationFailed | Self::ProviderSigningFailed
        )
    }

    /// The label of an event's action as read back (`None`: a token this build does not
    /// know, a newer release's or a retired one), which reads as a generic "operation".
    pub fn label_or_unknown(action: Option<Self>) -> &'static str {
        action.map_or(text::AUDIT_UNKNOWN, Self::label)
    }
}

impl ContractState {
    /// The stored form: "effective/paper_requested", or just "voided" for a state
    /// without a sub-status.
    pub fn token(&self) -> String {
        match self.sub_status {
            SubStatus::None => self.status.as_str().to_string(),
            sub => format!("{}/{}", self.status.as_str(), sub.as_str()),
        }
    }

    /// The inverse of [`Self::token`]; None for anything else.
    pub fn parse_token(token: &str) -> Option<Self> {
        let (status, sub) = token
            .split_once('/')
            .unwrap_or((token, SubStatus::None.as_str()));
        let state = Self::new(Status::parse(status)?, SubStatus::parse(sub)?);
        let in_table = TABLE.iter().any(|r| r.state == state);
        (in_table && state.token() == token).then_some(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_a_unique_token_and_a_label() {
        let mut seen = std::collections::HashSet::new();
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
            assert!(seen.insert(a.as_str()), "duplicate token {}", a.as_str());
            assert!(!a.label().is_empty());
            assert_eq!(
                AuditAction::label_or_unknown(AuditAction::parse(a.as_str())),
                a.label()
            );
        }
        assert_eq!(
            AuditAction::label_or_unknown(AuditAction::parse("contract.operation")),
            text::AUDIT_UNKNOWN
        );
        assert_eq!(AuditAction::ProviderSigned.label(), "服务商签署，合同生效");
    }

    #[test]
    fn every_moving_operation_records_an_action() {
        for row in TABLE {
            for (op, next) in row.moves {
                if *next != row.state {
                    assert!(AuditAction::of_operation(*op).is_some(), "{op:?}");
                }
            }
        }
    }

    #[test]
    fn state_tokens_round_trip_and_reject_anything_else() {
        for row in TABLE {
            let token = row.state.token();
            assert_eq!(
                ContractState::parse_token(&token),
                Some(row.state),
                "{token}"
            );
            assert!(token.is_ascii(), "{token}");
        }
        assert_eq!(ContractState::VOIDED.token(), "voided");
        assert_eq!(
            ContractState::PAPER_REQUESTED.token(),
            "effective/paper_requested"
        );
        for bad in [
            "",
            "voided/none",
            "effective",
            "effective/",
            "已生效",
            "draft/paper_x",
        ] {
            assert_eq!(ContractState::parse_token(bad), None, "{bad}");
        }
    }
}
