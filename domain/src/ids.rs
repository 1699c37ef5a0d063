//! Real-name identifiers: the unified social credit code (统一社会信用代码,
//! GB 32100-2015) and the resident identity card number (公民身份号码, GB 11643-1999),
//! plus masking for display (phones too).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::calendar::is_valid_date;
use crate::text;

/// Why an identifier is not valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IdError {
    WrongLength,
    BadCharacter,
    BadCheckCharacter,
    ImplausibleBirthDate,
}

impl IdError {
    pub const ALL: [IdError; 4] = [
        Self::WrongLength,
        Self::BadCharacter,
        Self::BadCheckCharacter,
        Self::ImplausibleBirthDate,
    ];

    /// The stable machine code (the billing API's).
    pub fn code(self) -> &'static str {
        match self {
            Self::WrongLength => "id_wrong_length",
            Self::BadCharacter => "id_bad_character",
            Self::BadCheckCharacter => "id_bad_check_character",
            Self::ImplausibleBirthDate => "id_implausible_birth_date",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Self::WrongLength => text::ID_WRONG_LENGTH,
            Self::BadCharacter => text::ID_BAD_CHARACTER,
            Self::BadCheckCharacter => text::ID_BAD_CHECK_CHARACTER,
            Self::ImplausibleBirthDate => text::ID_IMPLAUSIBLE_BIRTH_DATE,
        }
    }
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for IdError {}

/// GB 32100-2015 code characters (no I, O, S, V, Z); a character's value is its index.
const USCC_CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

fn uscc_value(c: u8) -> Option<u32> {
    USCC_CHARSET.iter().position(|&x| x == c).map(|i| i as u32)
}

/// The check character for the first 17 characters of a code (upper case), or `None`
/// if one of them is not a code character.
pub fn uscc_check_char(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (&c, weight) in bytes.iter().zip(USCC_WEIGHTS) {
        sum += uscc_value(c)? * weight;
    }
    Some(USCC_CHARSET[((31 - sum % 31) % 31) as usize] as char)
}

/// A unified social credit code: 18 code characters whose last one is the check
/// character. Lower-case letters are accepted (the code is upper-cased first).
pub fn validate_uscc(code: &str) -> Result<(), IdError> {
    let code = code.to_ascii_uppercase();
    if code.chars().count() != 18 {
        return Err(IdError::WrongLength);
    }
    if !code.bytes().all(|c| uscc_value(c).is_some()) {
        return Err(IdError::BadCharacter);
    }
    match uscc_check_char(&code[..17]) {
        Some(check) if code.ends_with(check) => Ok(()),
        _ => Err(IdError::BadCheckCharacter),
    }
}

const RESIDENT_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_CHECK: &[u8; 11] = b"10X98765432";

/// The ISO 7064 MOD 11-2 check character for the first 17 digits of a resident ID,
/// or `None` if they are not 17 ASCII digits.
pub fn resident_id_check_char(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = bytes
        .iter()
        .zip(RESIDENT_WEIGHTS)
        .map(|(&d, w)| u32::from(d - b'0') * w)
        .sum();
    Some(RESIDENT_CHECK[(sum % 11) as usize] as char)
}

/// An 18-character resident ID: 17 digits and a check character (a digit or `X`,
/// lower-case accepted), with a birth date (characters 7–14) that exists, is not after
/// `today` (year, month, day; pass the CST date) and not before 1900-01-01.
pub fn validate_resident_id(id: &str, today: (i32, u8, u8)) -> Result<(), IdError> {
    let id = id.to_ascii_uppercase();
    if id.chars().count() != 18 {
        return Err(IdError::WrongLength);
    }
    if !id.is_ascii() {
        return Err(IdError::BadCharacter);
    }
    let (body, check) = id.split_at(17);
    let check_ok = matches!(check.as_bytes()[0], b'0'..=b'9' | b'X');
    if !body.bytes().all(|b| b.is_ascii_digit()) || !check_ok {
        return Err(IdError::BadCharacter);
    }
    if resident_id_check_char(body).map(String::from).as_deref() != Some(check) {
        return Err(IdError::BadCheckCharacter);
    }
    let number = |range: std::ops::Range<usize>| body[range].parse::<u32>().unwrap_or(0);
    let birth = (
        number(6..10) as i32,
        number(10..12) as u8,
        number(12..14) as u8,
    );
    let plausible =
        is_valid_date(birth.0, birth.1, birth.2) && birth >= (1900, 1, 1) && birth <= today;
    if plausible {
        Ok(())
    } else {
        Err(IdError::ImplausibleBirthDate)
    }
}

/// Keeps `keep_start` leading and `keep_end` trailing characters and replaces each
/// hidden character with `*`. Strings too short to hide anything that way keep only
/// their last two characters (or none, for two characters or fewer).
fn mask(value: &str, keep_start: usize, keep_end: usize) -> String {
    let chars: Vec<char> = value.trim().chars().collect();
    let n = chars.len();
    let (start, end) = if n > keep_start + keep_end {
        (keep_start, keep_end)
    } else if n > 2 {
        (0, 2)
    } else {
        (0, 0)
    };
    let mut out: String = chars[..start].iter().collect();
    out.extend(std::iter::repeat_n('*', n - start - end));
    out.extend(&chars[n - end..]);
    out
}

/// "91350100M000100Y43" → "9135**********0Y43": first and last four characters kept,
/// one `*` per hidden character.
pub fn mask_id(id: &str) -> String {
    mask(id, 4, 4)
}

/// "13812348000" → "138****8000"; landlines likewise keep the first three and the
/// last four characters ("010-12345678" → "010*****5678").
pub fn mask_phone(phone: &str) -> String {
    mask(phone, 3, 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: (i32, u8, u8) = (2026, 11, 23);

    /// Builds a valid code from 17 characters by appending the computed check char.
    fn with_check(first17: &str) -> String {
        format!("{first17}{}", uscc_check_char(first17).unwrap())
    }

    #[test]
    fn uscc_standard_example_passes() {
        assert_eq!(uscc_check_char("91350100M000100Y4"), Some('3'));
        assert_eq!(validate_uscc("91350100M000100Y43"), Ok(()));
        assert_eq!(validate_uscc("91350100m000100y43"), Ok(()));
    }

    #[test]
    fn uscc_built_codes_pass() {
        for first17 in [
            "91110108MA01ABCDE",
            "12100000400000000",
            "52310000ABCDEFGHJ",
            "Y1440300KLMNPQRTU",
        ] {
            let code = with_check(first17);
            assert_eq!(validate_uscc(&code), Ok(()), "{code}");
        }
    }

    #[test]
    fn uscc_near_misses_fail() {
        let valid = "91350100M000100Y43";
        assert_eq!(
            validate_uscc("91350100M000100Y44"),
            Err(IdError::BadCheckCharacter)
        );
        assert_eq!(
            validate_uscc("91350100M000100Y53"),
            Err(IdError::BadCheckCharacter)
        );
        assert_eq!(
            validate_uscc("81350100M000100Y43"),
            Err(IdError::BadCheckCharacter)
        );
        for forbidden in ['I', 'O', 'Z', 'S', 'V'] {
            let code = format!("{}{forbidden}{}", &valid[..8], &valid[9..]);
            assert_eq!(validate_uscc(&code), Err(IdError::BadCharacter), "{code}");
        }
        assert_eq!(validate_uscc(&valid[..17]), Err(IdError::WrongLength));
        assert_eq!(
            validate_uscc(&format!("{valid}0")),
            Err(IdError::WrongLength)
        );
        assert_eq!(validate_uscc(""), Err(IdError::WrongLength));
        assert_eq!(
            validate_uscc("91350100M000100Y4中"),
            Err(IdError::BadCharacter)
        );
        assert_eq!(
            validate_uscc("91350100M000100Y4-"),
            Err(IdError::BadCharacter)
        );
    }

    #[test]
    fn resident_id_standard_examples() {
        assert_eq!(resident_id_check_char("11010519491231002"), Some('X'));
        assert_eq!(validate_resident_id("11010519491231002X", TODAY), Ok(()));
        assert_eq!(validate_resident_id("11010519491231002x", TODAY), Ok(()));
        // The second GB 11643 example has a correct check digit but was born in 1880,
        // before the 1900-01-01 plausibility bound.
        assert_eq!(resident_id_check_char("44052418800101001"), Some('4'));
        assert_eq!(
            validate_resident_id("440524188001010014", TODAY),
            Err(IdError::ImplausibleBirthDate)
        );
    }

    fn resident(first17: &str) -> String {
        format!("{first17}{}", resident_id_check_char(first17).unwrap())
    }

    #[test]
    fn resident_id_near_misses() {
        assert_eq!(
            validate_resident_id("110105194912310021", TODAY),
            Err(IdError::BadCheckCharacter)
        );
        assert_eq!(
            validate_resident_id("11010519491231002", TODAY),
            Err(IdError::WrongLength)
        );
        assert_eq!(
            validate_resident_id("11010519491231002XX", TODAY),
            Err(IdError::WrongLength)
        );
        assert_eq!(
            validate_resident_id("1101051949123100AX", TODAY),
            Err(IdError::BadCharacter)
        );
        assert_eq!(
            validate_resident_id("11010519491231002Y", TODAY),
            Err(IdError::BadCharacter)
        );
        assert_eq!(
            validate_resident_id("1101051949123100中X", TODAY),
            Err(IdError::BadCharacter)
        );
        let feb_30 = resident("11010519900230001");
        assert_eq!(
            validate_resident_id(&feb_30, TODAY),
            Err(IdError::ImplausibleBirthDate)
        );
        let future = resident("11010520261124001");
        assert_eq!(
            validate_resident_id(&future, TODAY),
            Err(IdError::ImplausibleBirthDate)
        );
        let born_today = resident("11010520261123001");
        assert_eq!(validate_resident_id(&born_today, TODAY), Ok(()));
        let leap_day = resident("11010520000229001");
        assert_eq!(validate_resident_id(&leap_day, TODAY), Ok(()));
        let not_leap = resident("11010519000229001");
        assert_eq!(
            validate_resident_id(&not_leap, TODAY),
            Err(IdError::ImplausibleBirthDate)
        );
        let first_day = resident("11010519000101001");
        assert_eq!(validate_resident_id(&first_day, TODAY), Ok(()));
    }

    #[test]
    fn error_messages_are_chinese() {
        for e in [
            IdError::WrongLength,
            IdError::BadCharacter,
            IdError::BadCheckCharacter,
            IdError::ImplausibleBirthDate,
        ] {
            assert!(!e.to_string().is_empty());
            assert!(!e.to_string().is_ascii());
        }
    }

    #[test]
    fn masking() {
        assert_eq!(mask_id("91350100M000100Y43"), "9135**********0Y43");
        assert_eq!(mask_id("11010519491231002X"), "1101**********002X");
        assert_eq!(mask_id("123456789"), "1234*6789");
        assert_eq!(mask_id("12345678"), "******78");
        assert_eq!(mask_phone("13812348000"), "138****8000");
        assert_eq!(mask_phone("010-12345678"), "010*****5678");
        assert_eq!(mask_phone("1234567"), "*****67");
        assert_eq!(mask_phone("12"), "**");
        assert_eq!(mask_phone(""), "");
        assert_eq!(mask_id("王小明身份证号码"), "******号码");
    }
}
