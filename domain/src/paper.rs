//! After signing (R13, R14): the paper contract application and offline stamping, and
//! the operator's shipment records. Field rules shared by the browser and the server.

use crate::field_problem::Check;
use serde::{Deserialize, Serialize};

use crate::field_errors::FieldErrors;
use crate::macros::token_enum;
use crate::party_a::{validate_contact, validate_phone, validate_postcode};
use crate::text;

pub const RECIPIENT: &str = "recipient";
pub const PHONE: &str = "phone";
pub const PROVINCE: &str = "province";
pub const CITY: &str = "city";
pub const DISTRICT: &str = "district";
pub const ADDRESS: &str = "address";
pub const POSTCODE: &str = "postcode";
pub const COPIES: &str = "copies";
pub const CONFIRMED: &str = "confirmed";
pub const COURIER: &str = "courier";
pub const TRACKING_NO: &str = "tracking_no";
pub const CARRIER: &str = "carrier";

/// Paper copies a customer may ask for.
pub const PAPER_COPIES: std::ops::RangeInclusive<i64> = 1..=5;
/// Offline stamping: the customer prints two or three copies (R14).
pub const STAMPING_COPIES: [i64; 2] = [2, 3];
/// The lengths the mailing and shipment fields allow, in characters.
pub const REGION_MAX_CHARS: usize = 20;
pub const STREET_CHARS: std::ops::RangeInclusive<usize> = 5..=120;
pub const CARRIER_CHARS: std::ops::RangeInclusive<usize> = 2..=30;
pub const TRACKING_CHARS: std::ops::RangeInclusive<usize> = 6..=32;
/// An operator's note on a subject change.
pub const NOTE_MAX_CHARS: usize = 200;

/// A mailing address, as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailingAddress {
    pub recipient: String,
    pub phone: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub address: String,
    pub postcode: String,
}

impl MailingAddress {
    /// "浙江省 杭州市 西湖区 示例路 1 号".
    pub fn full_address(&self) -> String {
        [&self.province, &self.city, &self.district, &self.address]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn trimmed(&self) -> Self {
        Self {
            recipient: self.recipient.trim().into(),
            phone: self.phone.trim().into(),
            province: self.province.trim().into(),
            city: self.city.trim().into(),
            district: self.district.trim().into(),
            address: self.address.trim().into(),
            postcode: self.postcode.trim().into(),
        }
    }
}

fn region_part(value: &str, required: Check) -> Result<(), Check> {
    match value.trim().chars().count() {
        0 => Err(required),
        n if n <= REGION_MAX_CHARS => Ok(()),
        _ => Err(Check::RegionLength),
    }
}

/// Every field of a mailing address; the address line is 5–120 characters.
pub fn validate_address(input: &MailingAddress, errors: &mut FieldErrors) {
    let mut check = |field: &str, result: Result<(), Check>| {
        if let Err(e) = result {
            errors.add(field, e);
        }
    };
    check(RECIPIENT, validate_contact(&input.recipient));
    check(PHONE, validate_phone(&input.phone));
    check(
        PROVINCE,
        region_part(&input.province, Check::ProvinceRequired),
    );
    check(CITY, region_part(&input.city, Check::CityRequired));
    check(
        DISTRICT,
        region_part(&input.district, Check::DistrictRequired),
    );
    check(
        ADDRESS,
        match input.address.trim().chars().count() {
            0 => Err(Check::AddressRequired),
            n if STREET_CHARS.contains(&n) => Ok(()),
            _ => Err(Check::StreetLength),
        },
    );
    check(POSTCODE, validate_postcode(&input.postcode));
}

/// 申请纸质合同 (R13).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperRequestInput {
    pub mailing: MailingAddress,
    pub copies: i64,
    /// "The address cannot be changed after submission" — acknowledged.
    pub confirmed: bool,
}

pub fn validate_paper_request(input: &PaperRequestInput) -> Result<PaperRequestInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    validate_address(&input.mailing, &mut errors);
    if !PAPER_COPIES.contains(&input.copies) {
        errors.add(COPIES, Check::PaperCopiesRange);
    }
    if !input.confirmed {
        errors.add(CONFIRMED, Check::PaperConfirmRequired);
    }
    errors.into_result(PaperRequestInput {
        mailing: input.mailing.trimmed(),
        ..input.clone()
    })
}

/// 线下盖章 (R14): what the customer sends the provider, and where to send it back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StampingInput {
    pub copies: i64,
    /// Every printed copy is stamped.
    pub all_stamped: bool,
    pub courier: String,
    pub tracking_no: String,
    pub return_to: MailingAddress,
}

/// A courier's name: 2–30 characters.
pub fn validate_carrier(name: &str) -> Result<(), Check> {
    match name.trim().chars().count() {
        0 => Err(Check::CarrierRequired),
        n if CARRIER_CHARS.contains(&n) => Ok(()),
        _ => Err(Check::CarrierLength),
    }
}

/// A tracking number: 6–32 letters, digits or '-'.
pub fn validate_tracking_no(no: &str) -> Result<(), Check> {
    let no = no.trim();
    if no.is_empty() {
        Err(Check::TrackingRequired)
    } else if TRACKING_CHARS.contains(&no.len())
        && no.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        Ok(())
    } else {
        Err(Check::TrackingInvalid)
    }
}

/// A shipment: carrier and tracking number, under the given field names.
pub fn validate_shipment(
    carrier: &str,
    tracking_no: &str,
    carrier_field: &str,
) -> Result<(String, String), FieldErrors> {
    let mut errors = FieldErrors::new();
    if let Err(e) = validate_carrier(carrier) {
        errors.add(carrier_field, e);
    }
    if let Err(e) = validate_tracking_no(tracking_no) {
        errors.add(TRACKING_NO, e);
    }
    errors.into_result((carrier.trim().into(), tracking_no.trim().into()))
}

pub fn validate_stamping(input: &StampingInput) -> Result<StampingInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    if !STAMPING_COPIES.contains(&input.copies) {
        errors.add(COPIES, Check::StampingCopiesRange);
    }
    if !input.all_stamped {
        errors.add(CONFIRMED, Check::StampingConfirmRequired);
    }
    if let Err(e) = validate_shipment(&input.courier, &input.tracking_no, COURIER) {
        errors.merge(e);
    }
    validate_address(&input.return_to, &mut errors);
    errors.into_result(StampingInput {
        courier: input.courier.trim().into(),
        tracking_no: input.tracking_no.trim().into(),
        return_to: input.return_to.trimmed(),
        ..input.clone()
    })
}

token_enum! {
    /// Where an offline stamping parcel is (R14); each step is recorded by an operator.
    pub enum StampingStatus {
        Submitted => "submitted", text::STAMPING_SUBMITTED;
        Received => "received", text::STAMPING_RECEIVED;
        Stamped => "stamped", text::STAMPING_STAMPED;
        Returned => "returned", text::STAMPING_RETURNED;
    }
}

impl StampingStatus {
    /// The operator's next step, if any.
    pub fn next(self) -> Option<Self> {
        match self {
            Self::Submitted => Some(Self::Received),
            Self::Received => Some(Self::Stamped),
            Self::Stamped => Some(Self::Returned),
            Self::Returned => None,
        }
    }
}

token_enum! {
    pub enum PaperStatus {
        Requested => "requested", text::PAPER_REQUESTED_LABEL;
        Shipped => "shipped", text::PAPER_SHIPPED_LABEL;
    }
}

token_enum! {
    /// What lifts a subject-change hold (R2).
    pub enum SubjectResolution {
        TransferSupplement => "transfer_supplement", text::RESOLUTION_TRANSFER;
        RenameLetter => "rename_letter", text::RESOLUTION_RENAME;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::macros::assert_token_enum;

    fn mailing() -> MailingAddress {
        MailingAddress {
            recipient: "陈六".into(),
            phone: "13800138001".into(),
            province: "浙江省".into(),
            city: "杭州市".into(),
            district: "西湖区".into(),
            address: "示例路 1 号 2 幢".into(),
            postcode: "310000".into(),
        }
    }

    #[test]
    fn r13_a_complete_paper_request_is_accepted_and_trimmed() {
        let mut input = PaperRequestInput {
            mailing: mailing(),
            copies: 2,
            confirmed: true,
        };
        input.mailing.city = " 杭州市 ".into();
        let ok = validate_paper_request(&input).unwrap();
        assert_eq!(ok.mailing.city, "杭州市");
        assert_eq!(
            ok.mailing.full_address(),
            "浙江省 杭州市 西湖区 示例路 1 号 2 幢"
        );
    }

    #[test]
    fn r13_every_field_is_checked_and_the_address_must_be_acknowledged() {
        let input = PaperRequestInput {
            mailing: MailingAddress {
                postcode: "31000".into(),
                ..Default::default()
            },
            copies: 0,
            confirmed: false,
        };
        let errors = validate_paper_request(&input).unwrap_err();
        for field in [
            RECIPIENT, PHONE, PROVINCE, CITY, DISTRICT, ADDRESS, POSTCODE, COPIES, CONFIRMED,
        ] {
            assert!(errors.get(field).is_some(), "{field}: {errors:?}");
        }
        assert_eq!(
            errors.get(CONFIRMED),
            Some(&Check::PaperConfirmRequired.into())
        );
        let too_many = PaperRequestInput {
            mailing: mailing(),
            copies: 6,
            confirmed: true,
        };
        assert_eq!(
            validate_paper_request(&too_many).unwrap_err().get(COPIES),
            Some(&Check::PaperCopiesRange.into())
        );
    }

    #[test]
    fn r14_two_or_three_stamped_copies_a_tracking_number_and_a_return_address() {
        let input = StampingInput {
            copies: 3,
            all_stamped: true,
            courier: "顺丰速运".into(),
            tracking_no: "SF1234567890".into(),
            return_to: mailing(),
        };
        assert!(validate_stamping(&input).is_ok());
        for copies in [1, 4] {
            let errors = validate_stamping(&StampingInput {
                copies,
                ..input.clone()
            })
            .unwrap_err();
            assert_eq!(errors.get(COPIES), Some(&Check::StampingCopiesRange.into()));
        }
        let errors = validate_stamping(&StampingInput {
            all_stamped: false,
            tracking_no: "SF 123".into(),
            courier: String::new(),
            ..input
        })
        .unwrap_err();
        assert_eq!(
            errors.get(CONFIRMED),
            Some(&Check::StampingConfirmRequired.into())
        );
        assert_eq!(
            errors.get(TRACKING_NO),
            Some(&Check::TrackingInvalid.into())
        );
        assert_eq!(errors.get(COURIER), Some(&Check::CarrierRequired.into()));
    }

    #[test]
    fn tracking_numbers_are_letters_digits_and_dashes() {
        assert!(validate_tracking_no("YT-20261130-01").is_ok());
        for bad in ["", "12345", "SF<script>1", &"9".repeat(33)] {
            assert!(validate_tracking_no(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn r14_the_parcel_moves_submitted_received_stamped_returned() {
        assert_token_enum!(StampingStatus);
        let mut seen = vec![StampingStatus::Submitted];
        while let Some(next) = seen.last().unwrap().next() {
            seen.push(next);
        }
        assert_eq!(seen, StampingStatus::ALL.to_vec());
        assert_token_enum!(PaperStatus);
        assert_token_enum!(SubjectResolution);
    }
}
