//! Customer operations on a contract (转为正式合同, 作废, 删除 …), decided by the shared
//! status machine and applied with a guarded UPDATE, so two racing requests cannot both
//! move the contract (the loser is refused).

use domain::status::apply;
use domain::AuditAction;
use domain::Refused;
use domain::{ContractState, Operation, Status};

use super::query::find_for_account;
use super::row::Contract;
use crate::audit::{self, Actor, Change};
use crate::ctx::Ctx;
use crate::error::{ServiceError, ServiceResult};
use crate::jobs::{self, JobKind};

/// Performs `op` on the account's contract `number`; returns the new state.
pub async fn perform(
    ctx: &Ctx,
    account_id: i64,
    number: &str,
    op: Operation,
    actor: &Actor,
) -> ServiceResult<ContractState> {
    if !op.is_customer_operation() {
        return Err(ServiceError::NotFound);
    }
    // These carry input and have their own use cases (contracts::dual, paper, stamping).
    let action = AuditAction::of_operation(op).filter(|_| !op.needs_input());
    let Some(action) = action else {
        return Err(ServiceError::Refused(Refused::OperationNeedsForm));
    };
    let contract = find_for_account(&ctx.db, account_id, number).await?;
    let next = apply(contract.channel, contract.state, op)
        .map_err(|refusal| ServiceError::Refused(Refused::Transition(refusal)))?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    if !transition(&mut tx, &contract, next, now).await? {
        return Err(ServiceError::Refused(Refused::StateChangedMeanwhile));
    }
    match op {
        Operation::ConvertToFormal => {
            jobs::enqueue(
                &mut tx,
                JobKind::ProviderSign,
                contract.id,
                now + ctx.delays.sign_ms,
                now,
            )
            .await?;
        }
        Operation::CancelSigning => {
            jobs::enqueue(
                &mut tx,
                JobKind::CancelSigning,
                contract.id,
                now + ctx.delays.sign_ms,
                now,
            )
            .await?;
        }
        // R7: deletion releases the items for other contracts.
        Operation::Delete => {
            sqlx::query("UPDATE contract_items SET released_at = $1 WHERE contract_id = $2 AND released_at IS NULL")
                .bind(now)
                .bind(contract.id)
                .execute(&mut *tx)
                .await?;
            if let Some(renews_id) = contract.renews_id {
                super::create::hand_back(&mut tx, renews_id, now).await?;
            }
        }
        _ => {}
    }
    audit::record(
        &mut tx,
        now,
        actor,
        Change {
            account_id: Some(account_id),
            contract_id: Some(contract.id),
            before: Some(contract.state.token()),
            after: Some(next.token()),
            ..Change::of(action)
        },
    )
    .await?;
    tx.commit().await?;
    Ok(next)
}

/// Moves `contract` to `next` if it is still in the state it was read in. Stamps the
/// voided / deleted / effective times. Returns false when someone else moved it first.
pub async fn transition(
    conn: &mut sqlx::AnyConnection,
    contract: &Contract,
    next: ContractState,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let stamp = match next.status {
        Status::Voided => ", voided_at = $1",
        Status::Deleted => ", deleted_at = $1",
        _ => "",
    };
    let done = sqlx::query(&format!(
        "UPDATE contracts SET status = $2, sub_status = $3, updated_at = $1 {stamp} \
         WHERE id = $4 AND status = $5 AND sub_status = $6"
    ))
    .bind(now)
    .bind(next.status.as_str())
    .bind(next.sub_status.as_str())
    .bind(contract.id)
    .bind(contract.state.status.as_str())
    .bind(contract.state.sub_status.as_str())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
