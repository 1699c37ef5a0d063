//! A field's problem (`domain::FieldProblem`) in the page's language, from the catalog
//! the billing API answers from too (`catalog::problems`).

use domain::{FieldProblem, Ineligible};

use super::Console;

impl Console {
    /// What is wrong with a field, as shown under it.
    pub fn problem(&self, problem: &FieldProblem) -> String {
        catalog::problems::problem(self.lang, problem)
    }

    /// Why an order cannot be selected (R5).
    pub fn ineligible(&self, reason: Ineligible) -> &'static str {
        catalog::problems::ineligible(self.lang, reason)
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, LangTexts};
    use domain::{Check, FieldProblem};

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
