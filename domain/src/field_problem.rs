//! What is wrong with one field of a form, typed: the rules decide it, the page that
//! shows it words it in its language (zh-CN is the label here; English in the app), and
//! the billing API answers its stable code.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::eligibility::{Ineligible, SelectionError};
use crate::ids::IdError;
use crate::macros::token_enum;
use crate::text;

token_enum! {
    /// A field's problem that carries no data.
    pub enum Check {
        AddressRequired => "address_required", text::ADDRESS_REQUIRED;
        AddressLength => "address_length", text::ADDRESS_LENGTH;
        ContactRequired => "contact_required", text::CONTACT_REQUIRED;
        ContactLength => "contact_length", text::CONTACT_LENGTH;
        PhoneRequired => "phone_required", text::PHONE_REQUIRED;
        PhoneInvalid => "phone_invalid", text::PHONE_INVALID;
        EmailRequired => "email_required", text::EMAIL_REQUIRED;
        EmailTooLong => "email_too_long", text::EMAIL_TOO_LONG;
        EmailInvalid => "email_invalid", text::EMAIL_INVALID;
        PostcodeRequired => "postcode_required", text::POSTCODE_REQUIRED;
        PostcodeInvalid => "postcode_invalid", text::POSTCODE_INVALID;
        LoginLength => "login_length", text::LOGIN_LENGTH;
        LoginChars => "login_chars", text::LOGIN_CHARS;
        LoginTaken => "login_taken", text::LOGIN_TAKEN;
        PasswordLength => "password_length", text::PASSWORD_LENGTH;
        PasswordComposition => "password_composition", text::PASSWORD_COMPOSITION;
        PasswordMismatch => "password_mismatch", text::PASSWORD_MISMATCH;
        CurrentPasswordWrong => "current_password_wrong", text::CURRENT_PASSWORD_WRONG;
        SubjectNameLength => "subject_name_length", text::SUBJECT_NAME_LENGTH;
        AccountKindRequired => "account_kind_required", text::ACCOUNT_KIND_REQUIRED;
        ConfirmPartyARequired => "confirm_party_a_required", text::CONFIRM_PARTY_A_REQUIRED;
        ItemsMissing => "items_missing", text::ITEMS_MISSING;
        PersonNameRequired => "person_name_required", text::PERSON_NAME_REQUIRED;
        PersonNameLength => "person_name_length", text::PERSON_NAME_LENGTH;
        PersonNameChars => "person_name_chars", text::PERSON_NAME_CHARS;
        MobileInvalid => "mobile_invalid", text::MOBILE_INVALID;
        SignerNotApproved => "signer_not_approved", text::SIGNER_NOT_APPROVED;
        SignerDuplicate => "signer_duplicate", text::SIGNER_DUPLICATE;
        SmsCodeMalformed => "sms_code_malformed", text::SMS_CODE_MALFORMED;
        SmsCodeNone => "sms_code_none", text::SMS_CODE_NONE;
        SmsCodeExpired => "sms_code_expired", text::SMS_CODE_EXPIRED;
        SmsCodeLocked => "sms_code_locked", text::SMS_CODE_LOCKED;
        SignatureEmpty => "signature_empty", text::SIGNATURE_EMPTY;
        SignatureInvalid => "signature_invalid", text::SIGNATURE_INVALID;
        SignatureTooLarge => "signature_too_large", text::SIGNATURE_TOO_LARGE;
        ProvinceRequired => "province_required", text::PROVINCE_REQUIRED;
        CityRequired => "city_required", text::CITY_REQUIRED;
        DistrictRequired => "district_required", text::DISTRICT_REQUIRED;
        RegionLength => "region_length", text::REGION_LENGTH;
        StreetLength => "street_length", text::STREET_LENGTH;
        PaperCopiesRange => "paper_copies_range", text::PAPER_COPIES_RANGE;
        PaperConfirmRequired => "paper_confirm_required", text::PAPER_CONFIRM_REQUIRED;
        StampingCopiesRange => "stamping_copies_range", text::STAMPING_COPIES_RANGE;
        StampingConfirmRequired => "stamping_confirm_required", text::STAMPING_CONFIRM_REQUIRED;
        CarrierRequired => "carrier_required", text::CARRIER_REQUIRED;
        CarrierLength => "carrier_length", text::CARRIER_LENGTH;
        TrackingRequired => "tracking_required", text::TRACKING_REQUIRED;
        TrackingInvalid => "tracking_invalid", text::TRACKING_INVALID;
        NoteLength => "note_length", text::NOTE_LENGTH;
        ApiKeyNameLength => "api_key_name_length", text::API_KEY_NAME_LENGTH;
        ApiKeyValidityRange => "api_key_validity_range", text::API_KEY_VALIDITY_RANGE;
        VerifyBadSha => "verify_bad_sha", text::VERIFY_BAD_SHA;
    }
}

/// A field's problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldProblem {
    Check(Check),
    /// A real-name identifier that is not valid.
    Id(IdError),
    /// A wrong SMS code with tries left.
    SmsCodeWrong {
        left: i64,
    },
    /// An item the rules exclude (R5).
    ItemIneligible {
        reference: String,
        reason: Ineligible,
    },
    /// An item another contract holds (R7).
    ItemOccupied {
        reference: String,
        number: String,
    },
    /// An item a concurrent request took (R7).
    ItemTaken {
        reference: String,
    },
    /// The selection as a whole (R5, R6).
    Selection(SelectionError),
}

impl FieldProblem {
    /// The stable machine code (the billing API's `code`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Check(check) => check.as_str(),
            Self::Id(e) => e.code(),
            Self::SmsCodeWrong { .. } => "sms_code_wrong",
            Self::ItemIneligible { .. } => "item_ineligible",
            Self::ItemOccupied { .. } => "item_occupied",
            Self::ItemTaken { .. } => "item_taken",
            Self::Selection(_) => "selection",
        }
    }
}

impl FieldProblem {
    /// Every code [`FieldProblem::code`] answers (the API document lists them).
    pub fn all_codes() -> Vec<&'static str> {
        let mut codes: Vec<&str> = Check::ALL.iter().map(|c| c.as_str()).collect();
        codes.extend(IdError::ALL.iter().map(|e| e.code()));
        codes.extend([
            "sms_code_wrong",
            "item_ineligible",
            "item_occupied",
            "item_taken",
            "selection",
        ]);
        codes
    }
}

impl From<Check> for FieldProblem {
    fn from(check: Check) -> Self {
        Self::Check(check)
    }
}

impl From<IdError> for FieldProblem {
    fn from(e: IdError) -> Self {
        Self::Id(e)
    }
}

impl From<SelectionError> for FieldProblem {
    fn from(e: SelectionError) -> Self {
        Self::Selection(e)
    }
}

impl PartialEq<Check> for FieldProblem {
    fn eq(&self, other: &Check) -> bool {
        *self == Self::Check(*other)
    }
}

/// The zh-CN sentence (logs, the zh pages).
impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Check(check) => f.write_str(check.label()),
            Self::Id(e) => f.write_str(e.message()),
            Self::SmsCodeWrong { left } => f.write_str(&text::sms_code_wrong(*left)),
            Self::ItemIneligible { reference, reason } => write!(f, "{reference}：{reason}"),
            Self::ItemOccupied { reference, number } => {
                f.write_str(&text::item_occupied(reference, number))
            }
            Self::ItemTaken { reference } => f.write_str(&text::item_taken(reference)),
            Self::Selection(e) => write!(f, "{e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::macros::assert_token_enum;

    #[test]
    fn checks_have_tokens_and_labels() {
        assert_token_enum!(Check);
    }

    fn problems_of_every_kind() -> Vec<FieldProblem> {
        let mut all: Vec<FieldProblem> = Check::ALL.map(FieldProblem::from).to_vec();
        all.extend(IdError::ALL.map(FieldProblem::from));
        all.extend([
            FieldProblem::SmsCodeWrong { left: 1 },
            FieldProblem::ItemIneligible {
                reference: "O-1".into(),
                reason: Ineligible::Marketplace,
            },
            FieldProblem::ItemOccupied {
                reference: "O-1".into(),
                number: "QY-1".into(),
            },
            FieldProblem::ItemTaken {
                reference: "O-1".into(),
            },
            FieldProblem::Selection(SelectionError::Empty),
        ]);
        all
    }

    #[test]
    fn crosses_the_wire_intact() {
        let problems = [
            FieldProblem::Check(Check::PhoneInvalid),
            FieldProblem::Id(IdError::BadCheckCharacter),
            FieldProblem::SmsCodeWrong { left: 2 },
            FieldProblem::ItemOccupied {
                reference: "O-1".into(),
                number: "QY-1".into(),
            },
        ];
        for p in problems {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(serde_json::from_str::<FieldProblem>(&json).unwrap(), p);
        }
        assert_eq!(
            FieldProblem::Check(Check::PhoneInvalid).code(),
            "phone_invalid"
        );
        assert_eq!(FieldProblem::from(Check::PhoneInvalid), Check::PhoneInvalid);
        for p in problems_of_every_kind() {
            assert!(FieldProblem::all_codes().contains(&p.code()), "{p:?}");
        }
    }
}
