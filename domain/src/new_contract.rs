//! What the creation wizard submits (shared by the browser and the server).

use serde::{Deserialize, Serialize};

use crate::contract::{Channel, ContractType};
use crate::eligibility::check_selection;
use crate::field_errors::FieldErrors;
use crate::field_problem::{Check, FieldProblem};
use crate::party_a::{validate_party_a, PartyAInput};
use crate::picker::PickerRow;

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

/// What creation decides from the wizard's input and the picked items as the store found
/// them (the gates, R1–R4 and R11, are decided before): party A's snapshot to keep, or
/// every problem at once, field by field.
///
/// - R1: party A's details are valid, and the customer confirmed them — except on the
///   dual channel, which asks for party A in a step of its own after creation and keeps
///   the saved profile until then (empty when it is not valid).
/// - R5: no picked item is ineligible; R7: none is held by another contract (an
///   ineligible one is named first).
/// - R6: the count within the type's limit, the total not negative.
pub fn decide(new: &NewContract, picked: &[PickerRow]) -> Result<PartyAInput, FieldErrors> {
    let dual = new.channel == Channel::Dual;
    let mut errors = FieldErrors::new();
    let party_a = if dual {
        Some(validate_party_a(&new.party_a).unwrap_or_default())
    } else {
        validate_party_a(&new.party_a)
            .map_err(|e| errors.merge(e))
            .ok()
    };
    if !new.confirmed && !dual {
        errors.add(CONFIRMED, Check::ConfirmPartyARequired);
    }
    if let Some((row, reason)) = picked
        .iter()
        .find_map(|r| r.ineligible.map(|reason| (r, reason)))
    {
        errors.add(
            ITEMS,
            FieldProblem::ItemIneligible {
                reference: row.reference.clone(),
                reason,
            },
        );
    } else if let Some(row) = picked.iter().find(|r| r.occupied_by.is_some()) {
        errors.add(
            ITEMS,
            FieldProblem::ItemOccupied {
                reference: row.reference.clone(),
                number: row.occupied_by.clone().unwrap_or_default(),
            },
        );
    }
    let total: i64 = picked.iter().map(|r| r.amount_fen).sum();
    if let Err(e) = check_selection(new.kind, picked.len(), total) {
        errors.add(ITEMS, e);
    }
    match party_a {
        Some(party_a) if errors.is_empty() => Ok(party_a),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eligibility::Ineligible;
    use crate::party_a::{ADDRESS, PHONE};

    fn party_a() -> PartyAInput {
        PartyAInput {
            address: "上海市浦东新区示例路 88 号".into(),
            contact: "张三".into(),
            phone: "13800138000".into(),
            email: "a@example.cn".into(),
            postcode: "200120".into(),
        }
    }

    fn new(kind: ContractType, channel: Channel) -> NewContract {
        NewContract {
            kind,
            channel,
            item_ids: Vec::new(),
            party_a: party_a(),
            confirmed: true,
        }
    }

    fn row(reference: &str, amount_fen: i64) -> PickerRow {
        PickerRow {
            id: 1,
            reference: reference.into(),
            description: String::new(),
            detail: String::new(),
            billing_mode: None,
            amount_fen,
            date_ms: 0,
            ineligible: None,
            occupied_by: None,
        }
    }

    #[test]
    fn a_valid_framework_keeps_party_a_as_entered() {
        let decided = decide(&new(ContractType::Framework, Channel::Single), &[]);
        assert_eq!(decided, Ok(party_a()));
    }

    #[test]
    fn r1_party_a_is_checked_and_confirmed_on_the_single_channel_only() {
        let mut single = new(ContractType::Framework, Channel::Single);
        single.party_a.phone = "12".into();
        single.confirmed = false;
        let errors = decide(&single, &[]).unwrap_err();
        assert!(errors.get(PHONE).is_some(), "{errors:?}");
        assert_eq!(
            errors.get(CONFIRMED),
            Some(&FieldProblem::from(Check::ConfirmPartyARequired))
        );
        // The dual channel asks for party A later: an invalid profile is kept empty.
        let mut dual = single.clone();
        dual.channel = Channel::Dual;
        assert_eq!(decide(&dual, &[]), Ok(PartyAInput::default()));
        dual.party_a = party_a();
        assert_eq!(decide(&dual, &[]), Ok(party_a()));
        assert!(decide(&single, &[]).unwrap_err().get(ADDRESS).is_none());
    }

    #[test]
    fn r5_r7_an_ineligible_item_is_named_before_an_occupied_one() {
        let order = new(ContractType::Order, Channel::Single);
        let mut held = row("O-1", 100);
        held.occupied_by = Some("QY-20261201-000001".into());
        let mut postpaid = row("O-2", 100);
        postpaid.ineligible = Some(Ineligible::MonthlyBill);
        let errors = decide(&order, &[held.clone(), postpaid]).unwrap_err();
        assert!(
            matches!(errors.get(ITEMS), Some(FieldProblem::ItemIneligible { reference, .. }) if reference == "O-2"),
            "{errors:?}"
        );
        let errors = decide(&order, &[held]).unwrap_err();
        assert_eq!(
            errors.get(ITEMS),
            Some(&FieldProblem::ItemOccupied {
                reference: "O-1".into(),
                number: "QY-20261201-000001".into()
            })
        );
    }

    #[test]
    fn r6_the_selection_fits_the_type() {
        let order = new(ContractType::Order, Channel::Single);
        assert!(
            decide(&order, &[]).unwrap_err().get(ITEMS).is_some(),
            "at least one"
        );
        let limit = ContractType::Order.item_limit().unwrap();
        let too_many: Vec<PickerRow> = (0..=limit).map(|n| row(&format!("O-{n}"), 1)).collect();
        assert!(decide(&order, &too_many).unwrap_err().get(ITEMS).is_some());
        assert!(
            decide(&order, &[row("O-1", 1), row("O-2", -5)]).is_err(),
            "a negative total"
        );
        assert_eq!(decide(&order, &[row("O-1", 100)]), Ok(party_a()));
    }
}
