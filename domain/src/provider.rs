//! The provider (乙方) is configuration (R17). The demo uses a fictional company.

use serde::{Deserialize, Serialize};

use crate::text;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provider {
    pub name: String,
    /// Unified social credit code.
    pub uscc: String,
    pub address: String,
    pub phone: String,
    /// Where customers mail stamped copies (R14).
    pub mailing_address: String,
    /// Text on the round seal (usually the company name).
    pub seal_text: String,
}

impl Provider {
    /// The fictional demo provider — never a real company's name (R17).
    pub fn demo() -> Self {
        Self {
            name: text::DEMO_PROVIDER_NAME.into(),
            uscc: "91110108MA01QY2021".into(),
            address: text::DEMO_PROVIDER_ADDRESS.into(),
            phone: "400-000-0000".into(),
            mailing_address: text::DEMO_PROVIDER_MAILING.into(),
            seal_text: text::DEMO_PROVIDER_NAME.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_provider_has_a_well_formed_credit_code() {
        assert_eq!(crate::ids::validate_uscc(&Provider::demo().uscc), Ok(()));
    }
}
