//! A field's problem (`domain::FieldProblem`) per language: what is shown under a field
//! in the console and what the billing API answers beside a problem's code.

use domain::{Check, ContractType, FieldProblem, IdError, Ineligible, Lang, SelectionError};

/// What is wrong with a field, as shown under it.
pub fn problem(lang: Lang, problem: &FieldProblem) -> String {
    if lang == Lang::ZhCn {
        return problem.to_string();
    }
    match problem {
        FieldProblem::Check(check) => en_check(*check).to_string(),
        FieldProblem::Id(e) => en_id(*e).to_string(),
        FieldProblem::SmsCodeWrong { left } => format!("Wrong code: {left} more tries."),
        FieldProblem::ItemIneligible { reference, reason } => {
            format!("{reference}: {}", ineligible(lang, *reason))
        }
        FieldProblem::ItemOccupied { reference, number } => item_occupied(lang, reference, number),
        FieldProblem::ItemTaken { reference } => {
            format!("{reference} was just taken by another contract; please select again.")
        }
        FieldProblem::Selection(e) => selection(lang, e),
    }
}

/// Why an order cannot be selected (R5).
pub fn ineligible(lang: Lang, reason: Ineligible) -> &'static str {
    match (lang, reason) {
        (Lang::ZhCn, _) => reason.reason(),
        (Lang::En, Ineligible::MonthlyBill) => "Monthly bills are not supported yet",
        (Lang::En, Ineligible::Marketplace) => {
            "Marketplace orders are signed with the marketplace seller"
        }
        (Lang::En, Ineligible::PostpaidBeforeCutoff) => {
            "Postpaid orders before 2018-09-01 are not supported"
        }
    }
}

/// An item another contract holds (R7).
pub fn item_occupied(lang: Lang, reference: &str, number: &str) -> String {
    match lang {
        Lang::ZhCn => domain::text::item_occupied(reference, number),
        Lang::En => format!("{reference} is in contract {number}"),
    }
}

/// Why a selection cannot be saved (R5, R6), with the rule's own limit.
pub fn selection(lang: Lang, error: &SelectionError) -> String {
    if lang == Lang::ZhCn {
        return error.to_string();
    }
    match *error {
        SelectionError::Empty => "Select at least one item.".into(),
        SelectionError::TooMany { kind, limit } => {
            format!(
                "Select at most {limit} {} for this contract.",
                item_noun(kind)
            )
        }
        SelectionError::NegativeTotal => "The contract total cannot be below zero.".into(),
        SelectionError::ItemsNotAllowed => {
            "A framework contract takes no orders, ICP filings or recharge records.".into()
        }
    }
}

/// The plural noun of a type's items.
pub fn item_noun(kind: ContractType) -> &'static str {
    match kind {
        ContractType::Order => "orders",
        ContractType::Filing => "ICP filings",
        ContractType::Recharge => "recharge records",
        ContractType::Framework => "items",
    }
}

fn en_id(e: IdError) -> &'static str {
    match e {
        IdError::WrongLength => "The ID number has 18 characters.",
        IdError::BadCharacter => "The ID number contains an invalid character.",
        IdError::BadCheckCharacter => "The ID number's check character is wrong; please check it.",
        IdError::ImplausibleBirthDate => "The birth date in the ID number is not valid.",
    }
}

fn en_check(check: Check) -> &'static str {
    match check {
        Check::AddressRequired => "Enter the contact address.",
        Check::AddressLength => "The contact address has 5–200 characters.",
        Check::ContactRequired => "Enter the contact person.",
        Check::ContactLength => "The contact person has 2–50 characters.",
        Check::PhoneRequired => "Enter the contact phone.",
        Check::PhoneInvalid => "Enter a valid mobile or landline number.",
        Check::EmailRequired => "Enter the email address.",
        Check::EmailTooLong => "The email address has at most 100 characters.",
        Check::EmailInvalid => "Enter a valid email address.",
        Check::PostcodeRequired => "Enter the postcode.",
        Check::PostcodeInvalid => "The postcode has 6 digits.",
        Check::LoginLength => "The login name has 3–32 characters.",
        Check::LoginChars => {
            "The login name may contain lowercase letters, digits and _ . - @ only."
        }
        Check::LoginTaken => "This login name is taken.",
        Check::PasswordLength => "The password has 8–128 characters.",
        Check::PasswordComposition => "The password needs both letters and digits.",
        Check::PasswordMismatch => "The two passwords differ.",
        Check::CurrentPasswordWrong => "The current password is wrong.",
        Check::SubjectNameLength => "The subject name has 2–100 characters.",
        Check::AccountKindRequired => "Choose an account type.",
        Check::ConfirmPartyARequired => "Confirm that party A's details are true and valid.",
        Check::ItemsMissing => {
            "A selected record does not exist or is not this account's; refresh and select again."
        }
        Check::PersonNameRequired => "Enter the name.",
        Check::PersonNameLength => "The name has 2–30 characters.",
        Check::PersonNameChars => "The name may contain letters, “·” and single spaces only.",
        Check::MobileInvalid => {
            "Enter an 11-digit mainland China mobile number to receive SMS codes."
        }
        Check::SignerNotApproved => "Choose an authorized signer.",
        Check::SignerDuplicate => "This mobile number is already a signer.",
        Check::SmsCodeMalformed => "Enter the 6-digit code.",
        Check::SmsCodeNone => "Get a code first.",
        Check::SmsCodeExpired => "The code has expired; get a new one.",
        Check::SmsCodeLocked => "Too many wrong tries: the code no longer works; get a new one.",
        Check::SignatureEmpty => "Sign by hand in the signature box.",
        Check::SignatureInvalid => "The signature could not be read; clear it and sign again.",
        Check::SignatureTooLarge => "The signature is too complex; clear it and sign again.",
        Check::ProvinceRequired => "Enter the province.",
        Check::CityRequired => "Enter the city.",
        Check::DistrictRequired => "Enter the district.",
        Check::RegionLength => "At most 20 characters.",
        Check::StreetLength => "The street address has 5–120 characters.",
        Check::PaperCopiesRange => "1–5 copies.",
        Check::PaperConfirmRequired => {
            "Confirm the mailing address: it cannot be changed after submission."
        }
        Check::StampingCopiesRange => "Choose 2 or 3 copies.",
        Check::StampingConfirmRequired => "Confirm that every copy carries your official seal.",
        Check::CarrierRequired => "Enter the courier.",
        Check::CarrierLength => "The courier has 2–30 characters.",
        Check::TrackingRequired => "Enter the tracking number.",
        Check::TrackingInvalid => "The tracking number has 6–32 letters, digits or -.",
        Check::NoteLength => "The note has at most 200 characters.",
        Check::ApiKeyNameLength => "The name has 2–50 characters.",
        Check::ApiKeyValidityRange => "The validity is 1–3650 days.",
        Check::VerifyBadSha => "A SHA-256 has 64 hexadecimal characters.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_reads_in_english_without_chinese() {
        for check in Check::ALL {
            let text = problem(Lang::En, &check.into());
            assert!(!text.is_empty(), "{check:?}");
            assert!(
                !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{check:?}: {text}"
            );
            assert_eq!(problem(Lang::ZhCn, &check.into()), check.label());
        }
    }
}
