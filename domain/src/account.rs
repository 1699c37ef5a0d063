//! Accounts: kinds, roles, real-name status, and the validation of registration and
//! demo real-name verification input (shared by the browser and the server).

use crate::field_problem::{Check, FieldProblem};
use serde::{Deserialize, Serialize};

use crate::field_errors::FieldErrors;
use crate::ids::{validate_resident_id, validate_uscc, IdError};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccountKind {
    Enterprise,
    Individual,
}

impl AccountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Enterprise => "enterprise",
            Self::Individual => "individual",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "enterprise" => Some(Self::Enterprise),
            "individual" => Some(Self::Individual),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Enterprise => text::ACCOUNT_KIND_ENTERPRISE,
            Self::Individual => text::ACCOUNT_KIND_INDIVIDUAL,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Customer,
    Operator,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Operator => "operator",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "customer" => Some(Self::Customer),
            "operator" => Some(Self::Operator),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RealNameStatus {
    Unverified,
    Verified,
}

impl RealNameStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unverified => "unverified",
            Self::Verified => "verified",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "unverified" => Some(Self::Unverified),
            "verified" => Some(Self::Verified),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Unverified => text::REALNAME_UNVERIFIED,
            Self::Verified => text::REALNAME_VERIFIED,
        }
    }
}

pub const LOGIN: &str = "login";
pub const PASSWORD: &str = "password";
pub const PASSWORD_CONFIRM: &str = "password_confirm";
pub const CURRENT_PASSWORD: &str = "current_password";
pub const SUBJECT_NAME: &str = "subject_name";
pub const ID_NUMBER: &str = "id_number";

/// How many characters a login has.
pub const LOGIN_CHARS: std::ops::RangeInclusive<usize> = 3..=32;
/// How many characters a verified subject's name has.
pub const SUBJECT_NAME_CHARS: std::ops::RangeInclusive<usize> = 2..=100;
/// A password's length in characters.
pub const PASSWORD_CHARS: std::ops::RangeInclusive<usize> = 8..=128;

/// Logins are 3–32 characters of lower-case letters, digits and `_ . - @`; they are
/// compared case-insensitively, so the normalised (lower-case) form is returned.
pub fn normalize_login(login: &str) -> Result<String, Check> {
    let login = login.trim().to_lowercase();
    let len = login.chars().count();
    if !LOGIN_CHARS.contains(&len) {
        return Err(Check::LoginLength);
    }
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.-@".contains(c);
    if !login.chars().all(allowed) {
        return Err(Check::LoginChars);
    }
    Ok(login)
}

/// 8–128 characters with at least one letter and one digit. The upper bound keeps
/// hashing cost bounded; no other composition rule (NIST SP 800-63B).
pub fn validate_password(password: &str) -> Result<(), Check> {
    let len = password.chars().count();
    if !PASSWORD_CHARS.contains(&len) {
        return Err(Check::PasswordLength);
    }
    let has_letter = password.chars().any(|c| c.is_alphabetic());
    let has_digit = password.chars().any(|c| c.is_ascii_digit());
    if !(has_letter && has_digit) {
        return Err(Check::PasswordComposition);
    }
    Ok(())
}

/// Checks a registration form; returns the normalised login.
pub fn validate_registration(
    login: &str,
    password: &str,
    password_confirm: &str,
) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::new();
    let normalized = normalize_login(login)
        .map_err(|m| errors.add(LOGIN, m))
        .ok();
    if let Err(m) = validate_password(password) {
        errors.add(PASSWORD, m);
    } else if password != password_confirm {
        errors.add(PASSWORD_CONFIRM, Check::PasswordMismatch);
    }
    match normalized {
        Some(login) if errors.is_empty() => Ok(login),
        _ => Err(errors),
    }
}

/// What is wrong with a verification's subject name or identifier, typed: forms show
/// its zh-CN message under the field, the billing API words it in the request's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerificationProblem {
    SubjectNameLength,
    IdNumber(IdError),
}

impl VerificationProblem {
    pub fn field(self) -> &'static str {
        match self {
            Self::SubjectNameLength => SUBJECT_NAME,
            Self::IdNumber(_) => ID_NUMBER,
        }
    }

    pub fn problem(self) -> FieldProblem {
        match self {
            Self::SubjectNameLength => Check::SubjectNameLength.into(),
            Self::IdNumber(e) => e.into(),
        }
    }
}

/// Real-name verification: a subject name plus a unified social credit code
/// (enterprises) or a resident ID number (individuals). Returns the trimmed name and the
/// upper-cased identifier, or every problem found.
pub fn check_verification(
    kind: AccountKind,
    subject_name: &str,
    id_number: &str,
    today: (i32, u8, u8),
) -> Result<(String, String), Vec<VerificationProblem>> {
    let mut problems = Vec::new();
    let name = subject_name.trim().to_string();
    if !SUBJECT_NAME_CHARS.contains(&name.chars().count()) {
        problems.push(VerificationProblem::SubjectNameLength);
    }
    let id = id_number.trim().to_uppercase();
    let checked = match kind {
        AccountKind::Enterprise => validate_uscc(&id),
        AccountKind::Individual => validate_resident_id(&id, today),
    };
    if let Err(e) = checked {
        problems.push(VerificationProblem::IdNumber(e));
    }
    if problems.is_empty() {
        Ok((name, id))
    } else {
        Err(problems)
    }
}

/// [`check_verification`] for a form: a message per field.
pub fn validate_verification(
    kind: AccountKind,
    subject_name: &str,
    id_number: &str,
    today: (i32, u8, u8),
) -> Result<(String, String), FieldErrors> {
    check_verification(kind, subject_name, id_number, today).map_err(|problems| {
        let mut errors = FieldErrors::new();
        for problem in problems {
            errors.add(problem.field(), problem.problem());
        }
        errors
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_is_normalised_and_checked() {
        assert_eq!(normalize_login("  Ent_Demo ").unwrap(), "ent_demo");
        assert!(normalize_login("ab").is_err());
        assert!(normalize_login("has space").is_err());
        assert!(normalize_login("中文名").is_err());
        assert!(normalize_login(&"a".repeat(33)).is_err());
    }

    #[test]
    fn password_rules() {
        assert!(validate_password("Qianyue-2026").is_ok());
        assert!(validate_password("short1").is_err());
        assert!(validate_password("onlyletters").is_err());
        assert!(validate_password("1234567890").is_err());
        assert!(validate_password(&"a1".repeat(65)).is_err());
    }

    #[test]
    fn registration_reports_each_field() {
        let errors = validate_registration("x", "abc", "abc").unwrap_err();
        assert!(errors.get(LOGIN).is_some());
        assert!(errors.get(PASSWORD).is_some());
        let errors = validate_registration("good_login", "Secret123", "Secret124").unwrap_err();
        assert!(errors.get(LOGIN).is_none());
        assert_eq!(
            errors.get(PASSWORD_CONFIRM),
            Some(&Check::PasswordMismatch.into())
        );
        assert_eq!(
            validate_registration("Good_Login", "Secret123", "Secret123").unwrap(),
            "good_login"
        );
    }

    #[test]
    fn verification_uses_the_identifier_of_the_account_kind() {
        let today = (2026, 11, 23);
        let ok = validate_verification(
            AccountKind::Individual,
            " 王小明 ",
            "11010519491231002x",
            today,
        )
        .unwrap();
        assert_eq!(ok, ("王小明".to_string(), "11010519491231002X".to_string()));
        // A valid resident ID is not a credit code.
        let err = validate_verification(
            AccountKind::Enterprise,
            "某公司",
            "11010519491231002X",
            today,
        )
        .unwrap_err();
        assert!(err.get(ID_NUMBER).is_some());
        let err = validate_verification(AccountKind::Individual, "王", "11010519491231002X", today)
            .unwrap_err();
        assert!(err.get(SUBJECT_NAME).is_some());
    }
}
