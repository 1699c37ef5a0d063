//! R11: e-sign activation and signers of the dual channel. Enterprises activate e-sign
//! once (naming an e-sign administrator) and sign with an approved signer; individuals
//! sign themselves. Pure rules shared by the browser and the server.

use crate::account::AccountKind;
use crate::field_errors::FieldErrors;
use crate::field_problem::Check;
use crate::macros::token_enum;
use crate::party_a::is_mobile;
use crate::refused::Refused;
use crate::text;

/// Field names of the activation and signer forms.
pub const NAME: &str = "name";
pub const PHONE: &str = "phone";
pub const SIGNER: &str = "signer";

token_enum! {
    pub enum SignerStatus {
        Pending => "pending", text::SIGNER_PENDING;
        Approved => "approved", text::SIGNER_APPROVED;
        Rejected => "rejected", text::SIGNER_REJECTED;
    }
}

/// Who signs a dual-channel contract for the customer (确认签署信息).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SignerChoice {
    /// An enterprise's approved signer.
    Signer { signer_id: i64 },
    /// An individual signs themself; the code goes to this (confirmed or edited) phone.
    Myself { phone: String },
}

/// Why the account cannot use the dual channel yet, if it cannot.
pub fn dual_channel_block(kind: AccountKind, esign_activated: bool) -> Option<Refused> {
    (kind == AccountKind::Enterprise && !esign_activated).then_some(Refused::EsignNotActivated)
}

/// A mainland mobile number: SMS codes go to it.
pub fn validate_mobile(phone: &str) -> Result<(), Check> {
    match phone.trim() {
        "" => Err(Check::PhoneRequired),
        p if is_mobile(p) => Ok(()),
        _ => Err(Check::MobileInvalid),
    }
}

/// A person's name's length in characters.
pub const PERSON_NAME_CHARS: std::ops::RangeInclusive<usize> = 2..=30;

/// A person's name: 2–30 characters, letters (Chinese or any other script), the middle
/// dot of transliterated names (`·`) and single spaces between words. Names go into SMS
/// texts and onto the PDF: no digits, punctuation, control or bidirectional-override
/// characters that could change what the message or the document appears to say.
pub fn validate_person_name(name: &str) -> Result<(), Check> {
    let name = name.trim();
    match name.chars().count() {
        0 => return Err(Check::PersonNameRequired),
        n if PERSON_NAME_CHARS.contains(&n) => {}
        _ => return Err(Check::PersonNameLength),
    }
    let allowed = |c: char| c.is_alphabetic() || c == '·' || c == ' ';
    if !name.chars().all(allowed) || name.contains("  ") {
        return Err(Check::PersonNameChars);
    }
    Ok(())
}

/// The e-sign administrator at activation, or a new signer: name and mobile phone.
pub fn validate_person(name: &str, phone: &str) -> Result<(String, String), FieldErrors> {
    let mut errors = FieldErrors::new();
    if let Err(e) = validate_person_name(name) {
        errors.add(NAME, e);
    }
    if let Err(e) = validate_mobile(phone) {
        errors.add(PHONE, e);
    }
    errors.into_result((name.trim().to_string(), phone.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::macros::assert_token_enum;

    #[test]
    fn person_names_are_letters_middle_dots_and_single_spaces() {
        for good in ["李管理", "阿依古丽·买买提", "John Smith", "Zoë Müller"] {
            assert_eq!(validate_person_name(good), Ok(()), "{good}");
        }
        for bad in [
            "李\u{202E}管理",
            "李\u{200B}四",
            "张三\n李四",
            "张三<b>",
            "张三123",
            "John  Smith",
            "张三，请回复",
        ] {
            assert_eq!(
                validate_person_name(bad),
                Err(Check::PersonNameChars),
                "{bad:?}"
            );
        }
        assert_eq!(validate_person_name("李"), Err(Check::PersonNameLength));
    }

    #[test]
    fn r11_enterprises_activate_before_the_dual_channel() {
        assert_eq!(
            dual_channel_block(AccountKind::Enterprise, false),
            Some(Refused::EsignNotActivated)
        );
        assert_eq!(dual_channel_block(AccountKind::Enterprise, true), None);
        // Individuals sign themselves: nothing to activate.
        assert_eq!(dual_channel_block(AccountKind::Individual, false), None);
    }

    #[test]
    fn r11_signers_need_a_name_and_a_mobile_number() {
        assert_eq!(
            validate_person(" 王五 ", "13800138000"),
            Ok(("王五".to_string(), "13800138000".to_string()))
        );
        let errors = validate_person("", "010-12345678").unwrap_err();
        assert_eq!(errors.get(NAME), Some(&Check::PersonNameRequired.into()));
        // A landline cannot receive an SMS code.
        assert_eq!(errors.get(PHONE), Some(&Check::MobileInvalid.into()));
        let errors = validate_person(&"名".repeat(31), "").unwrap_err();
        assert_eq!(errors.get(NAME), Some(&Check::PersonNameLength.into()));
        assert_eq!(errors.get(PHONE), Some(&Check::PhoneRequired.into()));
        assert!(validate_person("王", "12800138000").is_err());
    }

    #[test]
    fn signer_status_tokens() {
        assert_token_enum!(SignerStatus);
        assert_eq!(SignerStatus::Approved.label(), "已授权");
    }
}
