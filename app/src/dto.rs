//! What server functions return to the pages: plain data, shared by both builds.

use domain::account::{AccountKind, RealNameStatus, Role};
use domain::contract::ContractType;
use domain::gate::CreationBlock;
use domain::party_a::PartyAInput;
use serde::{Deserialize, Serialize};

/// The signed-in user, for the top bar and the route guards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionUser {
    pub login: String,
    pub role: Role,
    pub kind: AccountKind,
    pub verified: bool,
    /// The verified subject name, or the login while unverified.
    pub display_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    pub login: String,
    pub kind: AccountKind,
    pub realname: RealNameStatus,
    pub subject_name: Option<String>,
    pub id_number_masked: Option<String>,
    /// Demo mode offers a verification form; production gets it from billing.
    pub demo_verification: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartyAView {
    /// The verified subject name (party A's name, not editable — R1).
    pub name: Option<String>,
    pub verified: bool,
    /// The saved profile; None until saved once.
    pub profile: Option<PartyAInput>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateOption {
    pub kind: ContractType,
    pub blocked: Option<CreationBlock>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractHomeView {
    pub party_a: PartyAView,
    pub create: Vec<CreateOption>,
}
