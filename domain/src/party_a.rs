//! Party A (甲方) contact details: validation shared by the browser and the server.
//! The party A name is the verified subject name (R1) and is not part of this input.
//!
//! Lengths count characters, not bytes. The single-field validators ignore leading
//! and trailing whitespace; store the trimmed value (as [`validate_party_a`] returns).

use crate::field_problem::Check;
use serde::{Deserialize, Serialize};

use crate::field_errors::FieldErrors;

pub const ADDRESS: &str = "address";
pub const CONTACT: &str = "contact";
pub const PHONE: &str = "phone";
pub const EMAIL: &str = "email";
pub const POSTCODE: &str = "postcode";

/// The lengths the fields allow, in characters (the messages state them).
pub const ADDRESS_CHARS: std::ops::RangeInclusive<usize> = 5..=200;
pub const CONTACT_CHARS: std::ops::RangeInclusive<usize> = 2..=50;
pub const EMAIL_MAX_CHARS: usize = 100;
pub const POSTCODE_DIGITS: usize = 6;
/// A mainland mobile number's digits.
pub const MOBILE_DIGITS: usize = 11;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyAInput {
    pub address: String,
    pub contact: String,
    pub phone: String,
    pub email: String,
    pub postcode: String,
}

/// A single-field validator: `Err` carries the zh message.
pub type SingleFieldCheck = fn(&str) -> Result<(), Check>;

/// Checks every field; returns the input with each field trimmed, or one message per
/// invalid field (in form order).
pub fn validate_party_a(input: &PartyAInput) -> Result<PartyAInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let checks: [(&str, &str, SingleFieldCheck); 5] = [
        (ADDRESS, &input.address, validate_address),
        (CONTACT, &input.contact, validate_contact),
        (PHONE, &input.phone, validate_phone),
        (EMAIL, &input.email, validate_email),
        (POSTCODE, &input.postcode, validate_postcode),
    ];
    for (field, value, check) in checks {
        if let Err(message) = check(value) {
            errors.add(field, message);
        }
    }
    errors.into_result(PartyAInput {
        address: input.address.trim().to_string(),
        contact: input.contact.trim().to_string(),
        phone: input.phone.trim().to_string(),
        email: input.email.trim().to_string(),
        postcode: input.postcode.trim().to_string(),
    })
}

fn check_length(
    value: &str,
    range: std::ops::RangeInclusive<usize>,
    required: Check,
    length: Check,
) -> Result<(), Check> {
    match value.trim().chars().count() {
        0 => Err(required),
        n if range.contains(&n) => Ok(()),
        _ => Err(length),
    }
}

/// Required, 5–200 characters.
pub fn validate_address(address: &str) -> Result<(), Check> {
    check_length(
        address,
        ADDRESS_CHARS,
        Check::AddressRequired,
        Check::AddressLength,
    )
}

/// Required, 2–50 characters.
pub fn validate_contact(contact: &str) -> Result<(), Check> {
    check_length(
        contact,
        CONTACT_CHARS,
        Check::ContactRequired,
        Check::ContactLength,
    )
}

/// A mainland mobile number (`1[3-9]` + 9 digits) or a landline: `0` + 2–3 digit area
/// code, optional `-`, 7–8 digit number, optional `-` + 1–6 digit extension.
pub fn validate_phone(phone: &str) -> Result<(), Check> {
    let phone = phone.trim();
    if phone.is_empty() {
        Err(Check::PhoneRequired)
    } else if is_mobile(phone) || is_landline(phone) {
        Ok(())
    } else {
        Err(Check::PhoneInvalid)
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `1[3-9]` followed by nine digits.
pub fn is_mobile(phone: &str) -> bool {
    let b = phone.as_bytes();
    b.len() == MOBILE_DIGITS && all_digits(phone) && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
}

fn is_area_code(s: &str) -> bool {
    all_digits(s) && s.starts_with('0') && (3..=4).contains(&s.len())
}

fn is_local_number(s: &str) -> bool {
    all_digits(s) && (7..=8).contains(&s.len())
}

/// Area code and number, with or without the dash between them.
fn is_area_and_number(s: &str) -> bool {
    match s.split_once('-') {
        Some((area, number)) => is_area_code(area) && is_local_number(number),
        None => (3..=4).any(|n| n < s.len() && is_area_code(&s[..n]) && is_local_number(&s[n..])),
    }
}

/// `0` + area code, optional `-`, number, optional `-` + extension of 1–6 digits.
pub fn is_landline(phone: &str) -> bool {
    if !phone.is_ascii() {
        return false;
    }
    if is_area_and_number(phone) {
        return true;
    }
    match phone.rsplit_once('-') {
        Some((main, extension)) => {
            all_digits(extension) && extension.len() <= 6 && is_area_and_number(main)
        }
        None => false,
    }
}

/// Required, at most 100 characters, one `@` between a non-empty local part and a
/// domain of dot-separated non-empty labels (at least two), no whitespace.
pub fn validate_email(email: &str) -> Result<(), Check> {
    let email = email.trim();
    if email.is_empty() {
        return Err(Check::EmailRequired);
    }
    if email.chars().count() > EMAIL_MAX_CHARS {
        return Err(Check::EmailTooLong);
    }
    let well_formed = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && domain.split('.').all(|label| !label.is_empty())
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if well_formed {
        Ok(())
    } else {
        Err(Check::EmailInvalid)
    }
}

/// Required, exactly six digits.
pub fn validate_postcode(postcode: &str) -> Result<(), Check> {
    let postcode = postcode.trim();
    if postcode.is_empty() {
        Err(Check::PostcodeRequired)
    } else if postcode.len() == POSTCODE_DIGITS && all_digits(postcode) {
        Ok(())
    } else {
        Err(Check::PostcodeInvalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> PartyAInput {
        PartyAInput {
            address: "  北京市海淀区中关村大街 1 号 ".into(),
            contact: " 张三 ".into(),
            phone: "13812348000".into(),
            email: "zhang.san@example.com".into(),
            postcode: "100080".into(),
        }
    }

    #[test]
    fn valid_input_is_trimmed() {
        let out = validate_party_a(&good()).unwrap();
        assert_eq!(out.address, "北京市海淀区中关村大街 1 号");
        assert_eq!(out.contact, "张三");
        assert_eq!(validate_party_a(&out), Ok(out.clone()));
    }

    #[test]
    fn empty_input_reports_every_field_in_form_order() {
        let errors = validate_party_a(&PartyAInput::default()).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|(f, _)| f).collect();
        assert_eq!(fields, [ADDRESS, CONTACT, PHONE, EMAIL, POSTCODE]);
        assert_eq!(errors.get(PHONE), Some(&Check::PhoneRequired.into()));
    }

    #[test]
    fn lengths_count_characters() {
        assert!(validate_address("北京市海淀").is_ok()); // 5 chars, 15 bytes
        assert_eq!(validate_address("北京市海"), Err(Check::AddressLength));
        assert!(validate_address(&"路".repeat(200)).is_ok());
        assert!(validate_address(&"路".repeat(201)).is_err());
        assert!(validate_contact("张三").is_ok());
        assert_eq!(validate_contact(" 张 "), Err(Check::ContactLength));
        assert!(validate_contact(&"名".repeat(50)).is_ok());
        assert!(validate_contact(&"名".repeat(51)).is_err());
        assert_eq!(validate_contact("   "), Err(Check::ContactRequired));
    }

    #[test]
    fn phones() {
        for ok in [
            "13812348000",
            "19912345678",
            " 15000000000 ",
            "010-12345678",
            "01012345678",
            "0755-1234567",
            "07551234567",
            "021-87654321-123",
            "02187654321-123456",
            "0571-8888888-1",
        ] {
            assert_eq!(validate_phone(ok), Ok(()), "{ok}");
        }
        for bad in [
            "12812348000",
            "1381234800",
            "138123480000",
            "138-1234-8000",
            "+8613812348000",
            "10-12345678",
            "010-123456",
            "010-123456789",
            "01234-1234567",
            "021-87654321-1234567",
            "021-87654321-",
            "021--87654321",
            "１３８１２３４８０００",
            "abc",
        ] {
            assert_eq!(validate_phone(bad), Err(Check::PhoneInvalid), "{bad}");
        }
        assert_eq!(validate_phone(""), Err(Check::PhoneRequired));
        assert_eq!(Check::PhoneInvalid.label(), "请输入正确的手机号或固定电话");
    }

    #[test]
    fn emails() {
        for ok in ["a@b.cn", "zhang.san+tag@mail.example.com", " x@y.z "] {
            assert_eq!(validate_email(ok), Ok(()), "{ok}");
        }
        for bad in [
            "plain", "@b.cn", "a@b", "a@@b.cn", "a@b@c.cn", "a@.cn", "a@b..cn", "a@b.cn.",
            "a b@c.cn", "a@b .cn",
        ] {
            assert_eq!(validate_email(bad), Err(Check::EmailInvalid), "{bad}");
        }
        let long = format!("{}@example.com", "a".repeat(88));
        assert_eq!(long.len(), 100);
        assert!(validate_email(&long).is_ok());
        let too_long = format!("{}@example.com", "a".repeat(89));
        assert_eq!(validate_email(&too_long), Err(Check::EmailTooLong));
        assert_eq!(validate_email(""), Err(Check::EmailRequired));
    }

    #[test]
    fn postcodes() {
        assert!(validate_postcode("100080").is_ok());
        assert!(validate_postcode(" 518000 ").is_ok());
        for bad in ["10008", "1000800", "10008a", "１０００８０"] {
            assert_eq!(validate_postcode(bad), Err(Check::PostcodeInvalid), "{bad}");
        }
        assert_eq!(validate_postcode(""), Err(Check::PostcodeRequired));
        assert_eq!(Check::PostcodeInvalid.label(), "邮政编码为 6 位数字");
    }
}
