//! A field's problem (`domain::FieldProblem`) in the page's language. zh-CN is the
//! domain's own wording; English is an arm per check without a wildcard, so a new check
//! without its English fails the build.

use domain::{Check, FieldProblem, IdError, Ineligible};

use super::Console;
use crate::i18n::Lang;

impl Console {
    /// What is wrong with a field, as shown under it.
    pub fn problem(&self, problem: &FieldProblem) -> String {
        if self.lang == Lang::ZhCn {
            return problem.to_string();
        }
        match problem {
            FieldProblem::Check(check) => en_check(*check).to_string(),
            FieldProblem::Id(e) => en_id(*e).to_string(),
            FieldProblem::SmsCodeWrong { left } => {
                format!("Wrong code: {left} more tries.")
            }
            FieldProblem::ItemIneligible { reference, reason } => {
                format!("{reference}: {}", self.ineligible(*reason))
            }
            FieldProblem::ItemOccupied { reference, number } => {
                self.item_occupied(reference, number)
            }
            FieldProblem::ItemTaken { reference } => {
                format!("{reference} was just taken by another contract; please select again.")
            }
            FieldProblem::Selection(e) => self.selection(e),
        }
    }

    /// Why an order cannot be selected (R5).
    pub fn ineligible(&self, reason: Ineligible) -> &'static str {
        match (self.lang, reason) {
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
    use crate::i18n::LangTexts;

    #[test]
    fn every_check_reads_in_english_without_chinese() {
        let en = Lang::En.console();
        for check in Check::ALL {
            let text = en.problem(&check.into());
            assert!(!text.is_empty(), "{check:?}");
            assert!(
                !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{check:?}: {text}"
            );
            assert_eq!(Lang::ZhCn.console().problem(&check.into()), check.label());
        }
    }

    /// "5–200", as both languages write a range.
    fn range<T: std::fmt::Display>(r: std::ops::RangeInclusive<T>) -> String {
        format!("{}–{}", r.start(), r.end())
    }

    /// Numbers in prose are the rules' own: every message and hint that states a limit
    /// is read in both languages and must state the constant the rule uses. Changing a
    /// limit without its texts fails here.
    #[test]
    fn every_limit_a_text_states_is_the_rules_own() {
        use domain::{account, api_key, esign, paper, party_a, sms, verification};
        let problems: Vec<(Check, Vec<String>)> = vec![
            (Check::AddressLength, vec![range(party_a::ADDRESS_CHARS)]),
            (Check::ContactLength, vec![range(party_a::CONTACT_CHARS)]),
            (
                Check::EmailTooLong,
                vec![party_a::EMAIL_MAX_CHARS.to_string()],
            ),
            (
                Check::PostcodeInvalid,
                vec![party_a::POSTCODE_DIGITS.to_string()],
            ),
            (Check::LoginLength, vec![range(account::LOGIN_CHARS)]),
            (Check::PasswordLength, vec![range(account::PASSWORD_CHARS)]),
            (
                Check::SubjectNameLength,
                vec![range(account::SUBJECT_NAME_CHARS)],
            ),
            (
                Check::PersonNameLength,
                vec![range(esign::PERSON_NAME_CHARS)],
            ),
            (
                Check::MobileInvalid,
                vec![party_a::MOBILE_DIGITS.to_string()],
            ),
            (Check::SmsCodeMalformed, vec![sms::CODE_DIGITS.to_string()]),
            (
                Check::RegionLength,
                vec![paper::REGION_MAX_CHARS.to_string()],
            ),
            (Check::StreetLength, vec![range(paper::STREET_CHARS)]),
            (Check::PaperCopiesRange, vec![range(paper::PAPER_COPIES)]),
            (
                Check::StampingCopiesRange,
                paper::STAMPING_COPIES.map(|n| n.to_string()).to_vec(),
            ),
            (Check::CarrierLength, vec![range(paper::CARRIER_CHARS)]),
            (Check::TrackingInvalid, vec![range(paper::TRACKING_CHARS)]),
            (Check::NoteLength, vec![paper::NOTE_MAX_CHARS.to_string()]),
            (Check::ApiKeyNameLength, vec![range(api_key::NAME_CHARS)]),
            (
                Check::ApiKeyValidityRange,
                vec![range(1..=api_key::MAX_VALID_DAYS)],
            ),
            (
                Check::VerifyBadSha,
                vec![verification::SHA256_HEX_DIGITS.to_string()],
            ),
        ];
        let minutes = (sms::CODE_TTL_MS / 60_000).to_string();
        for lang in Lang::ALL {
            let txt = lang.console();
            for (check, numbers) in &problems {
                let text = txt.problem(&(*check).into());
                for n in numbers {
                    assert!(
                        text.contains(n.as_str()),
                        "{lang:?} {check:?}: {text} lacks {n}"
                    );
                }
            }
            let hints = [
                (txt.login_hint, range(account::LOGIN_CHARS)),
                (txt.password_hint, range(account::PASSWORD_CHARS)),
                (
                    crate::i18n::console::after_signing::after_signing_text_in(lang)
                        .paper_copies_hint,
                    range(paper::PAPER_COPIES),
                ),
                (txt.sms_code_hint, sms::CODE_DIGITS.to_string()),
                (txt.sms_code_hint, minutes.clone()),
            ];
            for (hint, n) in hints {
                assert!(hint.contains(n.as_str()), "{lang:?}: {hint} lacks {n}");
            }
            let wrong = txt.problem(&FieldProblem::SmsCodeWrong { left: 3 });
            assert!(wrong.contains('3'), "{wrong}");
        }
    }
}
