//! The timeline's words: who acted, what they did and what it adds, in the page's
//! language (zh-CN from the domain, English here, an arm per variant).

use domain::{ActorKind, AuditAction, AuditDetail};

use super::Console;

impl Console {
    /// Who did it, for the timeline.
    pub fn actor(&self, kind: ActorKind) -> &'static str {
        if !self.en() {
            return kind.label();
        }
        match kind {
            ActorKind::Customer => "Customer",
            ActorKind::Operator => "Provider operations",
            ActorKind::Api => "Billing center",
            ActorKind::System => "System",
        }
    }

    /// A timeline entry's action; an action this build does not know reads as such.
    pub fn audit_action(&self, action: Option<AuditAction>) -> &'static str {
        if !self.en() {
            return AuditAction::label_or_unknown(action);
        }
        let Some(action) = action else {
            return "Operation";
        };
        match action {
            AuditAction::ContractCreated => "Draft saved",
            AuditAction::DraftGenerated => "Draft generated",
            AuditAction::DraftGenerationFailed => "Draft generation failed",
            AuditAction::ConvertToFormal => "Converted to formal contract",
            AuditAction::ProviderSigned => "Signed by the provider; contract effective",
            AuditAction::ProviderSigningFailed => "Provider signing failed",
            AuditAction::Voided => "Voided",
            AuditAction::Deleted => "Deleted",
            AuditAction::CancelSigning => "Signing cancelled",
            AuditAction::CancelCompleted => "Cancellation completed; contract voided",
            AuditAction::ApplyPaper => "Paper copies requested",
            AuditAction::PaperShipped => "Paper copies shipped",
            AuditAction::ContractPartyASaved => "Party A details filled in",
            AuditAction::TextConfirmed => "Contract text confirmed",
            AuditAction::SignerConfirmed => "Signer confirmed",
            AuditAction::SmsSent => "Signing code sent",
            AuditAction::CodeVerified => "Code verified",
            AuditAction::CustomerSigned => "Signed by the customer",
            AuditAction::Reminded => "Reminder sent",
            AuditAction::Expiring => "Expiry notice",
            AuditAction::SigningExpired => "Signing deadline passed; signing cancelled",
            AuditAction::Renewed => "Renewed",
            AuditAction::ContractsExported => "Contract documents exported",
            AuditAction::OfflineStamping => "Offline stamping: sent by the customer",
            AuditAction::StampingReceived => "Offline stamping: received by the provider",
            AuditAction::StampingStamped => "Offline stamping: stamped by the provider",
            AuditAction::StampingReturned => "Offline stamping: returned",
            AuditAction::AccountRegistered => "Account registered",
            AuditAction::RealnameVerified => "Real-name verified",
            AuditAction::PasswordSet => "Password set",
            AuditAction::SubjectChanged => "Verified subject changed",
            AuditAction::SubjectHold => "Subject changed; contracts on hold",
            AuditAction::SubjectHoldLifted => "Subject change handled",
            AuditAction::PartyASaved => "Party A details saved",
            AuditAction::ApiCall => "Billing API call",
            AuditAction::OrdersUpserted => "Orders synchronized",
            AuditAction::FilingsUpserted => "ICP filings synchronized",
            AuditAction::RechargesUpserted => "Recharge records synchronized",
            AuditAction::EsignActivated => "E-signing activated",
            AuditAction::SignerRequested => "Signer requested",
            AuditAction::SignerApproved => "Signer approved",
            AuditAction::SignerRejected => "Signer rejected",
            AuditAction::ApiKeyCreated => "API key created",
            AuditAction::ApiKeyRevoked => "API key revoked",
        }
    }

    /// What an event adds to its action, for the timeline.
    pub fn audit_detail(&self, detail: &AuditDetail) -> String {
        if !self.en() {
            return detail.to_string();
        }
        match detail {
            AuditDetail::ContractCreated {
                kind,
                channel,
                items,
            } => format!(
                "{} · {} · {items} {}",
                self.contract_type(*kind),
                self.channel(*channel),
                if *items == 1 { "item" } else { "items" }
            ),
            AuditDetail::PaperRequested { copies, city } => {
                format!("{} · {city}", self.copies(*copies))
            }
            AuditDetail::Shipment {
                carrier,
                tracking_no,
            } => format!("{carrier} {tracking_no}"),
            AuditDetail::StampingSubmitted {
                copies,
                courier,
                tracking_no,
            } => format!("{} · {courier} {tracking_no}", self.copies(*copies)),
            AuditDetail::SubjectChanged { old, new } => format!("{old} → {new}"),
            AuditDetail::HoldLifted { resolution, note } => {
                self.labelled(self.subject_resolution(*resolution), note)
            }
            AuditDetail::Items { count } => format!("{count} items"),
            AuditDetail::Expiring { days_left } => self.expires_in(*days_left),
            AuditDetail::Renewal { number } => format!("Renewal {number}"),
            AuditDetail::Signer { name, phone_masked } => format!("{name} · {phone_masked}"),
            AuditDetail::Phone { masked } => masked.clone(),
            AuditDetail::Subject { name } => name.clone(),
            AuditDetail::ApiKeyCreated {
                id,
                name,
                scope,
                valid_days,
            } => {
                let scope = match scope {
                    domain::api_key::ApiScope::Full => self.api_key_scope_full,
                    domain::api_key::ApiScope::Read => self.api_key_scope_read,
                };
                let validity = valid_days.map_or_else(
                    || self.api_key_never_expires.to_string(),
                    |days| (self.api_key_valid_days)(days),
                );
                format!("{id} {name} ({scope}, {validity})")
            }
            AuditDetail::ApiKeyRevoked { id } => id.to_string(),
            AuditDetail::ApiCall { call, status } => format!("{call} → {status}"),
            // An older event's text, as it was written.
            AuditDetail::Text(text) => text.clone(),
        }
    }
}
