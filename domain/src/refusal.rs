//! Why the status machine refused an operation, typed so that callers can react
//! (e.g. keep polling on `BackgroundStepRunning`) and with one zh sentence for users.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::macros::token_enum;
use crate::operation::Operation;
use crate::state::ContractState;
use crate::text;

token_enum! {
    /// `label()` is the zh explanation shown after the refused operation.
    pub enum RefusalReason {
        /// R10: an effective contract can be neither voided nor deleted.
        EffectiveIsImmutable => "effective_is_immutable", text::REASON_EFFECTIVE_IS_IMMUTABLE;
        /// R10: the provider has started signing; the content is locked.
        SigningStarted => "signing_started", text::REASON_SIGNING_STARTED;
        /// A background step (generation, provider signing, cancelling) is running.
        BackgroundStepRunning => "background_step_running", text::REASON_BACKGROUND_STEP_RUNNING;
        /// The contract is deleted; nothing applies to it any more.
        ContractDeleted => "contract_deleted", text::REASON_CONTRACT_DELETED;
        /// The stored state is not a row of the table for the contract's channel.
        InvalidState => "invalid_state", text::REASON_INVALID_STATE;
        /// Any other operation the table does not list for the state.
        NotAllowedInState => "not_allowed_in_state", text::REASON_NOT_ALLOWED_IN_STATE;
    }
}

/// An operation the status machine refused, with the state it was refused in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Refusal {
    pub operation: Operation,
    pub state: ContractState,
    pub reason: RefusalReason,
}

impl fmt::Display for Refusal {
    /// E.g. "当前状态（已生效 / 电子合同已生效）不允许作废：已生效的合同不可作废或删除".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&text::refusal_sentence(
            self.state.status.label(),
            self.state.sub_status.label(),
            self.operation.label(),
            self.reason.label(),
        ))
    }
}

impl std::error::Error for Refusal {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::macros::assert_token_enum;
    use crate::state::{Status, SubStatus};

    #[test]
    fn tokens_and_labels() {
        assert_token_enum!(RefusalReason);
        assert_eq!(
            RefusalReason::EffectiveIsImmutable.label(),
            "已生效的合同不可作废或删除"
        );
        assert_eq!(
            RefusalReason::BackgroundStepRunning.label(),
            "后台处理中，请稍候"
        );
    }

    #[test]
    fn display_names_operation_state_and_reason() {
        let refusal = Refusal {
            operation: Operation::Void,
            state: ContractState::new(Status::Effective, SubStatus::EContractEffective),
            reason: RefusalReason::EffectiveIsImmutable,
        };
        assert_eq!(
            refusal.to_string(),
            "当前状态（已生效 / 电子合同已生效）不允许作废：已生效的合同不可作废或删除"
        );
        let refusal = Refusal {
            operation: Operation::ConvertToFormal,
            state: ContractState::new(Status::Voided, SubStatus::None),
            reason: RefusalReason::NotAllowedInState,
        };
        assert_eq!(
            refusal.to_string(),
            "当前状态（已作废）不允许转为正式合同：该操作不适用于当前状态"
        );
    }
}
