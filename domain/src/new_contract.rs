//! What the creation wizard submits (shared by the browser and the server).

use serde::{Deserialize, Serialize};

use crate::contract::{Channel, ContractType};
use crate::party_a::PartyAInput;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewContract {
    pub kind: ContractType,
    pub channel: Channel,
    pub item_ids: Vec<i64>,
    pub party_a: PartyAInput,
    /// The customer confirmed party A's information is true and valid.
    pub confirmed: bool,
}

/// Field names of creation errors besides party A's own fields.
pub const ITEMS: &str = "items";
pub const CONFIRMED: &str = "confirmed";
