//! Who may create which contract right now (R1, R2, R3, R4). The contract home greys
//! out create buttons with these reasons and the service refuses with the same ones.

use serde::{Deserialize, Serialize};

use crate::contract::ContractType;
use crate::text;

/// What the gate needs to know about an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GateFacts {
    pub verified: bool,
    pub subject_hold: bool,
    /// A framework contract that is neither voided nor deleted exists (R3).
    pub has_valid_framework: bool,
    /// A framework contract is effective (R4).
    pub has_effective_framework: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CreationBlock {
    Unverified,
    SubjectHold,
    FrameworkExists,
    NoEffectiveFramework,
}

impl CreationBlock {
    pub const ALL: [CreationBlock; 4] = [
        Self::Unverified,
        Self::SubjectHold,
        Self::FrameworkExists,
        Self::NoEffectiveFramework,
    ];

    /// The stable machine code of the API (`domain::refused::Refused::code`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Unverified => "unverified",
            Self::SubjectHold => "subject_hold",
            Self::FrameworkExists => "framework_exists",
            Self::NoEffectiveFramework => "no_effective_framework",
        }
    }

    pub fn reason(self) -> &'static str {
        match self {
            Self::Unverified => text::GATE_UNVERIFIED,
            Self::SubjectHold => text::GATE_SUBJECT_HOLD,
            Self::FrameworkExists => text::GATE_FRAMEWORK_EXISTS,
            Self::NoEffectiveFramework => text::GATE_NO_EFFECTIVE_FRAMEWORK,
        }
    }
}

impl std::fmt::Display for CreationBlock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.reason())
    }
}

/// The first rule that blocks creating a contract of `kind`, if any.
pub fn creation_block(kind: ContractType, facts: &GateFacts) -> Option<CreationBlock> {
    if !facts.verified {
        return Some(CreationBlock::Unverified);
    }
    if facts.subject_hold {
        return Some(CreationBlock::SubjectHold);
    }
    match kind {
        ContractType::Framework if facts.has_valid_framework => {
            Some(CreationBlock::FrameworkExists)
        }
        ContractType::Framework => None,
        _ if kind.needs_framework() && !facts.has_effective_framework => {
            Some(CreationBlock::NoEffectiveFramework)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VERIFIED: GateFacts = GateFacts {
        verified: true,
        subject_hold: false,
        has_valid_framework: false,
        has_effective_framework: false,
    };

    #[test]
    fn r1_unverified_accounts_create_nothing() {
        let facts = GateFacts::default();
        for kind in ContractType::ALL {
            assert_eq!(
                creation_block(kind, &facts),
                Some(CreationBlock::Unverified)
            );
        }
    }

    #[test]
    fn r2_subject_hold_blocks_everything() {
        let facts = GateFacts {
            subject_hold: true,
            ..VERIFIED
        };
        for kind in ContractType::ALL {
            assert_eq!(
                creation_block(kind, &facts),
                Some(CreationBlock::SubjectHold)
            );
        }
    }

    #[test]
    fn r3_one_valid_framework() {
        assert_eq!(creation_block(ContractType::Framework, &VERIFIED), None);
        let facts = GateFacts {
            has_valid_framework: true,
            ..VERIFIED
        };
        assert_eq!(
            creation_block(ContractType::Framework, &facts),
            Some(CreationBlock::FrameworkExists)
        );
    }

    #[test]
    fn r4_other_types_need_an_effective_framework() {
        let draft_only = GateFacts {
            has_valid_framework: true,
            ..VERIFIED
        };
        let effective = GateFacts {
            has_valid_framework: true,
            has_effective_framework: true,
            ..VERIFIED
        };
        for kind in [
            ContractType::Order,
            ContractType::Filing,
            ContractType::Recharge,
        ] {
            assert_eq!(
                creation_block(kind, &VERIFIED),
                Some(CreationBlock::NoEffectiveFramework)
            );
            assert_eq!(
                creation_block(kind, &draft_only),
                Some(CreationBlock::NoEffectiveFramework)
            );
            assert_eq!(creation_block(kind, &effective), None);
        }
    }
}
