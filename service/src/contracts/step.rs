//! One guarded step on a contract: the shape every use case that moves a contract shares
//! (issue 32). Read the contract and let the status machine decide ([`decide`]); check the
//! step's own input; open the write transaction and move the contract with a guarded
//! UPDATE ([`Decided::begin`]: when a racing request moved it first, this one is refused
//! and nothing is written); write what the step writes on [`Step::tx`]; commit with the
//! step's audit event ([`Step::commit`]).

use domain::status::apply;
use domain::ContractNumber;
use domain::{AuditAction, AuditDetail, ContractState, Operation, Refused, Status};

use super::query::find_for_account;
use super::row::Contract;
use crate::ctx::Ctx;
use crate::error::ServiceResult;
use crate::platform::audit::{self, Actor, Change};
use crate::platform::db::Db;

/// A contract and the state an operation leads it to, decided and not yet written.
pub struct Decided {
    pub contract: Contract,
    pub next: ContractState,
}

/// Decides `op` on the account's contract `number` (another account's is NotFound).
pub async fn decide(
    ctx: &Ctx,
    account_id: i64,
    number: &ContractNumber,
    op: Operation,
) -> ServiceResult<Decided> {
    decide_on(find_for_account(&ctx.db, account_id, number).await?, op)
}

/// Decides `op` on a contract already read (the operator's, found by number alone).
pub fn decide_on(contract: Contract, op: Operation) -> ServiceResult<Decided> {
    let next = apply(contract.channel, contract.state, op)?;
    Ok(Decided { contract, next })
}

impl Decided {
    /// Opens the write transaction and moves the contract, as of now.
    pub async fn begin(self, ctx: &Ctx) -> ServiceResult<Step> {
        self.begin_at(&ctx.db, ctx.now()).await
    }

    /// [`Decided::begin`] as of `now`, read earlier by the use case (one time per step).
    pub async fn begin_at(self, db: &Db, now: i64) -> ServiceResult<Step> {
        match self.move_in(db.begin_write().await?, now).await? {
            Moved::Step(step) => Ok(*step),
            Moved::Stale(_) => Err(Refused::StateChangedMeanwhile.into()),
        }
    }

    /// Moves the contract within `tx`, a write transaction the caller opened for more
    /// than the step (the worker completes its job in it whether the contract moves or
    /// not). When someone moved the contract first, the transaction comes back as it was.
    pub async fn move_in(self, mut tx: Transaction, now: i64) -> ServiceResult<Moved> {
        if !transition(&mut tx, &self.contract, self.next, now).await? {
            return Ok(Moved::Stale(tx));
        }
        Ok(Moved::Step(Box::new(Step {
            contract: self.contract,
            next: self.next,
            now,
            tx,
        })))
    }
}

type Transaction = sqlx::Transaction<'static, sqlx::Any>;

/// What [`Decided::move_in`] did.
pub enum Moved {
    Step(Box<Step>),
    /// The contract had moved meanwhile: nothing was written.
    Stale(Transaction),
}

/// A step under way: the contract as it was read, the state it is moved to, the step's
/// time, and the open transaction for the step's own writes.
pub struct Step {
    pub contract: Contract,
    pub next: ContractState,
    pub now: i64,
    pub tx: Transaction,
}

impl Step {
    /// An event about the contract that is not the move itself (a code checked).
    pub async fn note(
        &mut self,
        actor: &Actor,
        action: AuditAction,
        detail: Option<AuditDetail>,
    ) -> ServiceResult<()> {
        let change = Change {
            detail,
            ..event_on(&self.contract, action)
        };
        self.write(actor, change).await
    }

    /// Records the move itself as `action` by `actor`, with the states before and after.
    pub async fn record(
        &mut self,
        actor: &Actor,
        action: AuditAction,
        detail: Option<AuditDetail>,
    ) -> ServiceResult<()> {
        let change = Change {
            before: Some(self.contract.state.token()),
            after: Some(self.next.token()),
            detail,
            ..event_on(&self.contract, action)
        };
        self.write(actor, change).await
    }

    async fn write(&mut self, actor: &Actor, change: Change) -> ServiceResult<()> {
        audit::record(&mut self.tx, self.now, actor, change).await?;
        Ok(())
    }

    /// Commits the step (its move recorded with [`Step::record`]); the state the
    /// contract is in now.
    pub async fn commit(self) -> ServiceResult<ContractState> {
        self.tx.commit().await?;
        Ok(self.next)
    }

    /// [`Step::record`], then [`Step::commit`]: how most steps end.
    pub async fn finish(
        mut self,
        actor: &Actor,
        action: AuditAction,
        detail: Option<AuditDetail>,
    ) -> ServiceResult<ContractState> {
        self.record(actor, action, detail).await?;
        self.commit().await
    }
}

/// An audit event about `contract` (its account and itself), to fill in.
pub fn event_on(contract: &Contract, action: AuditAction) -> Change {
    Change {
        account_id: Some(contract.account_id),
        contract_id: Some(contract.id),
        ..Change::of(action)
    }
}

/// Moves `contract` to `next` if it is still in the state it was read in. Stamps the
/// voided / deleted / effective times. Returns false when someone else moved it first.
async fn transition(
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
