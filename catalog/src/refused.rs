//! The words of the status machine and of its refusals (`domain::Refused`) per language:
//! what the billing API answers beside a refusal's code, and what the console shows.

use domain::gate::CreationBlock;
use domain::refusal::{Refusal, RefusalReason};
use domain::{ContractState, Operation, Refused, Status, SubStatus};

use domain::Lang;

/// A refusal as a sentence in `lang`.
pub fn refused(lang: Lang, refused: &Refused) -> String {
    match lang {
        Lang::ZhCn => refused.to_string(),
        Lang::En => en_refused(refused),
    }
}

/// "Draft / Filling in details": a contract's state in `lang`.
pub fn state(lang: Lang, state: ContractState) -> String {
    match lang {
        Lang::ZhCn => state.label(),
        Lang::En => match state.sub_status {
            SubStatus::None => en_status(state.status).to_string(),
            sub => format!("{} / {}", en_status(state.status), en_sub_status(sub)),
        },
    }
}

/// An operation's name in `lang`.
pub fn operation(lang: Lang, operation: Operation) -> &'static str {
    match lang {
        Lang::ZhCn => operation.label(),
        Lang::En => en_operation(operation),
    }
}

fn en_refused(refused: &Refused) -> String {
    let fixed = match refused {
        Refused::Transition(refusal) => return en_transition(refusal),
        Refused::Gate(block) => en_gate(*block),
        Refused::ContractsPerDayReached { limit } => {
            return format!(
                "An account creates at most {limit} contracts a day; today's are used up. Please try again tomorrow."
            )
        }
        Refused::SmsResendWait { seconds } => {
            return format!("Please wait {seconds} s before sending the code again.")
        }
        Refused::ExportTooLarge { limit } => {
            return format!("An export holds at most {limit} contract documents; please narrow the search.")
        }
        Refused::ExportsPending { limit } => {
            return format!("{limit} exports are still being written; please wait for them to finish.")
        }
        Refused::StateChangedMeanwhile => {
            "The contract's status has changed meanwhile; please refresh and try again."
        }
        Refused::OperationNeedsForm => "Please fill in the form on the contract's page.",
        Refused::ItemsNotAllowed => {
            "A framework contract takes no orders, ICP filings or recharge records."
        }
        Refused::PaperNotRequested => "This contract has no paper copy request to ship.",
        Refused::StampingInProgress => "This contract already has offline stamping in progress.",
        Refused::StampingNotFound => "No such offline stamping record.",
        Refused::StampingStepStale => "This parcel's status has changed; please refresh.",
        Refused::EsignNotActivated => {
            "An enterprise account needs e-signing activated before it can use dual-party e-sign."
        }
        Refused::EsignEnterpriseOnly => {
            "Personal accounts need no e-signing activation: you confirm by SMS code when signing."
        }
        Refused::EsignAlreadyActivated => "E-signing is already activated.",
        Refused::TooManyPendingSigners => {
            "Too many signers await approval; the e-signing administrator must approve or reject them first."
        }
        Refused::SignerAlreadyDecided => "This signer has already been approved or rejected.",
        Refused::RemindNotSigning => "Only a contract waiting for the customer's signature can be reminded.",
        Refused::RemindTooSoon => "A signer can be reminded once an hour.",
        Refused::RemindLimitReached => "A signer is reminded at most 3 times, automatic reminders included.",
        Refused::RenewalNotAvailable => "Only an effective filing contract can be renewed.",
        Refused::RenewalNotYetOpen => "A filing contract can be renewed in the 30 days before it expires.",
        Refused::RenewalClosed => {
            "The contract has expired and can no longer be renewed; its filings are free for a new filing contract."
        }
        Refused::AlreadyRenewed => "This contract has been renewed already.",
        Refused::ExportEmpty => "No contract with a document matches the search.",
        Refused::ExportExpired => {
            "The export's download link has expired (it lasts 24 hours); please export again."
        }
        Refused::SmsCapReached => {
            "The SMS limit of this phone number or account (per hour or per day) is reached; please try again later."
        }
        Refused::SmsCodesExhausted => {
            "Too many wrong codes: no new code can be sent today. Please try again tomorrow."
        }
        Refused::SmsBadNumber => "No SMS can be sent to this phone number; please check it.",
        Refused::SmsProviderLimit => {
            "This phone number receives too many SMS; please try again later."
        }
        Refused::SmsUnavailable => "SMS cannot be sent right now; please try again later.",
        Refused::HoldNotFound => "This change of subject has already been handled.",
        Refused::AlreadyVerified => "The account is already real-name verified.",
        Refused::DemoVerificationOff => {
            "Real-name verification comes from the billing center; it is not offered here."
        }
    };
    fixed.to_string()
}

/// "Cannot void in status Effective / E-contract effective: an effective contract can be
/// neither voided nor deleted."
fn en_transition(refusal: &Refusal) -> String {
    format!(
        "Cannot {} in status {}: {}",
        en_operation(refusal.operation).to_lowercase(),
        state(Lang::En, refusal.state),
        en_reason(refusal.reason)
    )
}

fn en_reason(reason: RefusalReason) -> &'static str {
    match reason {
        RefusalReason::EffectiveIsImmutable => {
            "an effective contract can be neither voided nor deleted."
        }
        RefusalReason::SigningStarted => {
            "the provider has started signing; the content can no longer change."
        }
        RefusalReason::BackgroundStepRunning => "a background step is running; please wait.",
        RefusalReason::ContractDeleted => "the contract is deleted.",
        RefusalReason::InvalidState => "the status does not match the signing method.",
        RefusalReason::NotAllowedInState => "the operation does not apply in this status.",
    }
}

fn en_gate(block: CreationBlock) -> &'static str {
    match block {
        CreationBlock::Unverified => "Please complete real-name verification first.",
        CreationBlock::SubjectHold => {
            "The verified subject has changed: please ask the provider for a transfer supplement or a rename letter before creating contracts."
        }
        CreationBlock::FrameworkExists => {
            "The account already has a valid framework contract; void or delete it before creating a new one."
        }
        CreationBlock::NoEffectiveFramework => {
            "Please create a framework contract first, and wait until it is effective."
        }
    }
}

pub fn en_status(status: Status) -> &'static str {
    match status {
        Status::Draft => "Draft",
        Status::Signing => "Signing",
        Status::Effective => "Effective",
        Status::Voided => "Voided",
        Status::Deleted => "Deleted",
    }
}

fn en_sub_status(sub: SubStatus) -> &'static str {
    match sub {
        SubStatus::FillingInfo => "Filling in details",
        SubStatus::ConfirmingText => "Confirming the text",
        SubStatus::ConfirmingSigning => "Confirming signing",
        SubStatus::Generating => "Generating the draft",
        SubStatus::Generated => "Draft generated",
        SubStatus::GenerationFailed => "Draft generation failed",
        SubStatus::CustomerSigning => "Customer signing",
        SubStatus::Cancelling => "Cancelling",
        SubStatus::ProviderSigning => "Provider signing",
        SubStatus::SigningFailed => "Provider signing failed",
        SubStatus::EContractEffective => "E-contract effective",
        SubStatus::PaperRequested => "Paper copies requested",
        SubStatus::PaperShipped => "Paper copies shipped",
        SubStatus::None => "",
    }
}

fn en_operation(operation: Operation) -> &'static str {
    match operation {
        Operation::Delete => "Delete",
        Operation::ConvertToFormal => "Convert to formal contract",
        Operation::Void => "Void",
        Operation::CancelSigning => "Cancel signing",
        Operation::ResendSms => "Resend",
        Operation::ApplyPaper => "Request paper copies",
        Operation::OfflineStamping => "Stamp offline",
        Operation::ViewMailingInfo => "View mailing details",
        Operation::ConfirmText => "Confirm the text",
        Operation::ConfirmSigner => "Confirm the signer",
        Operation::CustomerSign => "Sign",
        Operation::SavePartyA => "Save party A's details",
        Operation::DraftGenerated => "Finish draft generation",
        Operation::DraftGenerationFailed => "Fail draft generation",
        Operation::ProviderSigned => "Finish provider signing",
        Operation::ProviderSigningFailed => "Fail provider signing",
        Operation::CancelCompleted => "Finish cancelling",
        Operation::PaperShipped => "Ship paper copies",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every state of the table, once each, and the deleted one.
    fn every_state() -> Vec<ContractState> {
        let mut states: Vec<ContractState> = Vec::new();
        for row in domain::status::TABLE {
            if !states.contains(&row.state) {
                states.push(row.state);
            }
        }
        if !states.contains(&ContractState::DELETED) {
            states.push(ContractState::DELETED);
        }
        states
    }

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// One of every refusal there is: the samples of `Refused` plus every transition
    /// reason (in every state, for every operation) and every gate.
    fn every_refusal() -> Vec<Refused> {
        let mut all = Refused::samples().to_vec();
        all.extend(CreationBlock::ALL.map(Refused::Gate));
        for state in every_state() {
            for operation in Operation::ALL {
                for reason in RefusalReason::ALL {
                    all.push(Refused::Transition(Refusal {
                        operation,
                        state,
                        reason,
                    }));
                }
            }
        }
        all
    }

    #[test]
    fn every_refusal_has_an_english_sentence_and_keeps_its_chinese() {
        for r in every_refusal() {
            let en = refused(Lang::En, &r);
            assert!(!en.trim().is_empty() && !has_cjk(&en), "{r:?}: {en}");
            assert!(
                en.ends_with('.') && !en.contains(" / ."),
                "{r:?}: a whole sentence: {en}"
            );
            assert_eq!(refused(Lang::ZhCn, &r), r.to_string());
        }
    }

    #[test]
    fn english_refusals_state_their_numbers_and_their_state() {
        let per_day = Refused::ContractsPerDayReached { limit: 7 };
        assert!(refused(Lang::En, &per_day).contains(" 7 "));
        let wait = Refused::SmsResendWait { seconds: 42 };
        assert!(refused(Lang::En, &wait).contains("42"));
        let void = Refused::Transition(Refusal {
            operation: Operation::Void,
            state: ContractState::new(Status::Effective, SubStatus::EContractEffective),
            reason: RefusalReason::EffectiveIsImmutable,
        });
        assert_eq!(
            refused(Lang::En, &void),
            "Cannot void in status Effective / E-contract effective: an effective contract can be neither voided nor deleted."
        );
    }

    #[test]
    fn every_state_and_operation_has_distinct_english_words() {
        let states: Vec<String> = every_state()
            .into_iter()
            .map(|s| state(Lang::En, s))
            .collect();
        let unique: std::collections::HashSet<_> = states.iter().collect();
        assert_eq!(unique.len(), states.len(), "{states:?}");
        assert!(states.iter().all(|s| !s.is_empty() && !has_cjk(s)));
        let operations: std::collections::HashSet<_> = Operation::ALL
            .iter()
            .map(|o| operation(Lang::En, *o))
            .collect();
        assert_eq!(operations.len(), Operation::ALL.len());
    }
}
