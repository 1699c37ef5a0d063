//! Customer operations on a contract (转为正式合同, 作废, 删除 …), decided by the shared
//! status machine and applied with a guarded UPDATE, so two racing requests cannot both
//! move the contract (the loser is refused).

use domain::AuditAction;
use domain::ContractNumber;
use domain::Refused;
use domain::{ContractState, Operation};

use super::step::decide;
use crate::ctx::Ctx;
use crate::error::{ServiceError, ServiceResult};
use crate::platform::audit::Actor;
use crate::platform::jobs::{self, JobKind};

/// Performs `op` on the account's contract `number`; returns the new state.
pub async fn perform(
    ctx: &Ctx,
    account_id: i64,
    number: &ContractNumber,
    op: Operation,
    actor: &Actor,
) -> ServiceResult<ContractState> {
    if !op.is_customer_operation() {
        return Err(ServiceError::NotFound);
    }
    // These carry input and have their own use cases (contracts::dual, paper, stamping).
    let action = AuditAction::of_operation(op).filter(|_| !op.needs_input());
    let Some(action) = action else {
        return Err(Refused::OperationNeedsForm.into());
    };
    let mut step = decide(ctx, account_id, number, op)
        .await?
        .begin(ctx)
        .await?;
    let (contract_id, now) = (step.contract.id, step.now);
    match op {
        Operation::ConvertToFormal => {
            let at = now + ctx.delays.sign_ms;
            jobs::enqueue(&mut step.tx, JobKind::ProviderSign, contract_id, at, now).await?;
        }
        Operation::CancelSigning => {
            let at = now + ctx.delays.sign_ms;
            jobs::enqueue(&mut step.tx, JobKind::CancelSigning, contract_id, at, now).await?;
        }
        // R7: deletion releases the items for other contracts.
        Operation::Delete => {
            sqlx::query("UPDATE contract_items SET released_at = $1 WHERE contract_id = $2 AND released_at IS NULL")
                .bind(now)
                .bind(contract_id)
                .execute(&mut *step.tx)
                .await?;
            if let Some(renews_id) = step.contract.renews_id {
                super::create::hand_back(&mut step.tx, renews_id, now).await?;
            }
        }
        _ => {}
    }
    step.finish(actor, action, None).await
}
