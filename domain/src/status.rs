//! The contract status machine of SPEC.md, as one table ([`TABLE`]) and the few
//! functions that read it. Shared by the browser (which buttons to show) and the server
//! (what to accept): one table, one implementation.

use crate::contract::Channel;
pub use crate::operation::Operation;
pub use crate::refusal::{Refusal, RefusalReason};
pub use crate::state::{ContractState, Status, SubStatus};
use ContractState as S;
use Operation as Op;

/// Which channels a row of the table applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Single,
    Dual,
    Both,
}

impl Scope {
    pub fn includes(self, channel: Channel) -> bool {
        matches!(
            (self, channel),
            (Scope::Both, _) | (Scope::Single, Channel::Single) | (Scope::Dual, Channel::Dual)
        )
    }
}

/// One row of the status table: a state, the channels it exists in, and every
/// operation it accepts with the state that follows (the same state for operations
/// that only show something or start a side process). Customer operations come first,
/// in the order their buttons are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub scope: Scope,
    pub state: ContractState,
    pub moves: &'static [(Operation, ContractState)],
}

const fn row(
    scope: Scope,
    state: ContractState,
    moves: &'static [(Operation, ContractState)],
) -> Row {
    Row {
        scope,
        state,
        moves,
    }
}

/// SPEC.md's status table. Generating appears twice because the draft leads to a
/// different next step per channel. The failed states are the "visible error state
/// from which it can be voided" of SPEC's background-work note; Deleted is the
/// soft-deleted end state, which accepts nothing.
#[rustfmt::skip]
pub const TABLE: &[Row] = &[
    row(Scope::Dual, S::FILLING_INFO, &[(Op::SavePartyA, S::GENERATING), (Op::Delete, S::DELETED)]),
    row(Scope::Dual, S::CONFIRMING_TEXT, &[(Op::ConfirmText, S::CONFIRMING_SIGNING), (Op::Delete, S::DELETED)]),
    row(Scope::Dual, S::CONFIRMING_SIGNING, &[(Op::ConfirmSigner, S::CUSTOMER_SIGNING), (Op::Delete, S::DELETED)]),
    row(Scope::Single, S::GENERATING, &[(Op::DraftGenerated, S::GENERATED), (Op::DraftGenerationFailed, S::GENERATION_FAILED)]),
    row(Scope::Dual, S::GENERATING, &[(Op::DraftGenerated, S::CONFIRMING_TEXT), (Op::DraftGenerationFailed, S::GENERATION_FAILED)]),
    row(Scope::Single, S::GENERATED, &[(Op::ConvertToFormal, S::PROVIDER_SIGNING), (Op::Void, S::VOIDED)]),
    row(Scope::Both, S::GENERATION_FAILED, &[(Op::Void, S::VOIDED)]),
    row(Scope::Dual, S::CUSTOMER_SIGNING, &[(Op::CustomerSign, S::PROVIDER_SIGNING), (Op::CancelSigning, S::CANCELLING), (Op::ResendSms, S::CUSTOMER_SIGNING)]),
    row(Scope::Dual, S::CANCELLING, &[(Op::CancelCompleted, S::VOIDED)]),
    row(Scope::Both, S::PROVIDER_SIGNING, &[(Op::ProviderSigned, S::E_CONTRACT_EFFECTIVE), (Op::ProviderSigningFailed, S::SIGNING_FAILED)]),
    row(Scope::Both, S::SIGNING_FAILED, &[(Op::Void, S::VOIDED)]),
    row(Scope::Both, S::E_CONTRACT_EFFECTIVE, &[(Op::ApplyPaper, S::PAPER_REQUESTED), (Op::OfflineStamping, S::E_CONTRACT_EFFECTIVE)]),
    row(Scope::Both, S::PAPER_REQUESTED, &[(Op::ViewMailingInfo, S::PAPER_REQUESTED), (Op::PaperShipped, S::PAPER_SHIPPED)]),
    row(Scope::Both, S::PAPER_SHIPPED, &[(Op::ViewMailingInfo, S::PAPER_SHIPPED)]),
    row(Scope::Both, S::VOIDED, &[(Op::Delete, S::DELETED)]),
    row(Scope::Both, S::DELETED, &[]),
];

/// The table row of `state` for `channel`, if the state exists in that channel.
pub fn find_row(channel: Channel, state: ContractState) -> Option<&'static Row> {
    TABLE
        .iter()
        .find(|r| r.state == state && r.scope.includes(channel))
}

/// Where a new contract starts: single-channel drafts are generated as soon as they
/// are saved; dual-channel drafts first ask for party A information.
pub fn initial_state(channel: Channel) -> ContractState {
    match channel {
        Channel::Single => S::GENERATING,
        Channel::Dual => S::FILLING_INFO,
    }
}

/// The state is a row of the table for that channel.
pub fn is_valid_state(channel: Channel, state: ContractState) -> bool {
    find_row(channel, state).is_some()
}

/// The customer operations (buttons) of the state, in display order; empty for a
/// state that is not in the table.
pub fn allowed_operations(channel: Channel, state: ContractState) -> Vec<Operation> {
    find_row(channel, state)
        .map(|r| {
            r.moves
                .iter()
                .map(|&(op, _)| op)
                .filter(|op| op.is_customer_operation())
                .collect()
        })
        .unwrap_or_default()
}

/// The state after `op`, or why it is refused. Refusals never change anything.
pub fn apply(
    channel: Channel,
    state: ContractState,
    op: Operation,
) -> Result<ContractState, Refusal> {
    let refuse = |reason| Refusal {
        operation: op,
        state,
        reason,
    };
    let row = find_row(channel, state).ok_or_else(|| refuse(RefusalReason::InvalidState))?;
    row.moves
        .iter()
        .find(|&&(candidate, _)| candidate == op)
        .map(|&(_, next)| next)
        .ok_or_else(|| refuse(refusal_reason(state, op)))
}

/// The most specific reason for refusing `op` in a (valid) `state`.
fn refusal_reason(state: ContractState, op: Operation) -> RefusalReason {
    let edits_content = matches!(
        op,
        Op::SavePartyA | Op::ConfirmText | Op::ConfirmSigner | Op::CancelSigning | Op::Delete
    );
    if state.status == Status::Deleted {
        RefusalReason::ContractDeleted
    } else if state.status == Status::Effective && matches!(op, Op::Void | Op::Delete) {
        RefusalReason::EffectiveIsImmutable
    } else if content_locked(state) && edits_content {
        RefusalReason::SigningStarted
    } else if background_step_running(state) && op.is_customer_operation() {
        RefusalReason::BackgroundStepRunning
    } else {
        RefusalReason::NotAllowedInState
    }
}

/// A background job is working on the contract; the UI keeps polling.
pub fn background_step_running(state: ContractState) -> bool {
    matches!(
        state.sub_status,
        SubStatus::Generating | SubStatus::ProviderSigning | SubStatus::Cancelling
    )
}

/// R7: the contract holds its items in every state but Deleted.
pub fn occupies_items(state: ContractState) -> bool {
    state.status != Status::Deleted
}

/// R10: from provider signing on (including its failure) and for every effective
/// contract, nothing may change the content. Voided and deleted contracts accept no
/// edits anyway and report `false` here, whatever state they came from.
pub fn content_locked(state: ContractState) -> bool {
    state.status == Status::Effective
        || matches!(
            state.sub_status,
            SubStatus::ProviderSigning | SubStatus::SigningFailed
        )
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;
