//! The timeline's words: who acted, what they did and what it adds. zh-CN is the
//! domain's (the evidence page of a signed contract prints it); English is one
//! exhaustive match per typed value here.

use domain::{ActorKind, AuditAction, AuditDetail, Lang};

use crate::values;

/// Who did it.
pub fn actor(lang: Lang, kind: ActorKind) -> &'static str {
    match (lang, kind) {
        (Lang::ZhCn, _) => kind.label(),
        (Lang::En, ActorKind::Customer) => "Customer",
        (Lang::En, ActorKind::Operator) => "Provider operations",
        (Lang::En, ActorKind::Api) => "Billing center",
        (Lang::En, ActorKind::System) => "System",
    }
}

/// An event's action; an action this build does not know (`None`) reads as such.
pub fn action(lang: Lang, action: Option<AuditAction>) -> &'static str {
    match (lang, action) {
        (Lang::ZhCn, _) => AuditAction::label_or_unknown(action),
        (Lang::En, None) => "Operation",
        (Lang::En, Some(action)) => en_action(action),
    }
}

/// What an event adds to its action.
pub fn detail(lang: Lang, detail: &AuditDetail) -> String {
    match lang {
        Lang::ZhCn => detail.to_string(),
        Lang::En => en_detail(detail),
    }
}

fn en_action(action: AuditAction) -> &'static str {
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

fn en_detail(detail: &AuditDetail) -> String {
    let en = Lang::En;
    match detail {
        AuditDetail::ContractCreated {
            kind,
            channel,
            items,
        } => format!(
            "{} · {} · {items} {}",
            values::contract_type(en, *kind),
            values::channel(en, *channel),
            if *items == 1 { "item" } else { "items" }
        ),
        AuditDetail::PaperRequested { copies, city } => {
            format!("{} · {city}", values::copies(en, *copies))
        }
        AuditDetail::Shipment {
            carrier,
            tracking_no,
        } => format!("{carrier} {tracking_no}"),
        AuditDetail::StampingSubmitted {
            copies,
            courier,
            tracking_no,
        } => format!("{} · {courier} {tracking_no}", values::copies(en, *copies)),
        AuditDetail::SubjectChanged { old, new } => format!("{old} → {new}"),
        AuditDetail::HoldLifted { resolution, note } => {
            format!("{}: {note}", values::subject_resolution(en, *resolution))
        }
        AuditDetail::Items { count } => format!("{count} items"),
        AuditDetail::Expiring { days_left } => values::expires_in(en, *days_left),
        AuditDetail::Renewal { number } => format!("Renewal {number}"),
        AuditDetail::Signer { name, phone_masked } => format!("{name} · {phone_masked}"),
        AuditDetail::Phone { masked } => masked.clone(),
        AuditDetail::Subject { name } => name.clone(),
        AuditDetail::ApiKeyCreated {
            id,
            name,
            scope,
            valid_days,
        } => format!(
            "{id} {name} ({}, {})",
            values::api_scope(en, *scope),
            values::api_key_validity(en, *valid_days)
        ),
        AuditDetail::ApiKeyRevoked { id } => id.to_string(),
        AuditDetail::ApiCall { call, status } => format!("{call} → {status}"),
        // An older event's text, as it was written.
        AuditDetail::Text(text) => text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::{Channel, ContractType};

    #[test]
    fn an_event_detail_reads_in_both_languages_and_old_text_stays() {
        let created = AuditDetail::ContractCreated {
            kind: ContractType::Order,
            channel: Channel::Single,
            items: 3,
        };
        let stored = AuditDetail::from_stored(&created.to_stored());
        assert_eq!(
            detail(Lang::En, &stored),
            "Order contract · Single-party e-seal · 3 items"
        );
        assert_eq!(
            detail(Lang::ZhCn, &stored),
            "订单合同 · 单方电子签章 · 3 项"
        );
        let old = AuditDetail::from_stored("2 份 · 上海市");
        assert_eq!(detail(Lang::En, &old), "2 份 · 上海市");
    }

    #[test]
    fn every_action_and_actor_reads_in_english() {
        let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let mut words: Vec<&str> = AuditAction::ALL.map(|a| action(Lang::En, Some(a))).to_vec();
        words.push(action(Lang::En, None));
        words.extend(ActorKind::ALL.map(|k| actor(Lang::En, k)));
        for word in words {
            assert!(!word.is_empty() && !han(word), "{word:?}");
        }
        assert_eq!(
            action(Lang::ZhCn, Some(AuditAction::Voided)),
            AuditAction::Voided.label()
        );
    }
}
