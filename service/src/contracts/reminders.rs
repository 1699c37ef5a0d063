//! Signing reminders and the signing deadline (R23, `domain::reminders`). Confirming the
//! signer starts the schedule ([`start`]); each resent code starts the deadline anew
//! ([`extend_deadline`]); the worker's sweeps send the reminders that are due
//! ([`remind_round`]) and cancel the signings whose deadline passed ([`expire_round`]).
//! Each sweep is one range read of its own partial index; each contract's step is a
//! guarded write, so two instances sweeping together never remind or cancel twice.

use domain::ids::mask_phone;
pub use domain::reminders::SigningPolicy;
use domain::reminders::{next_reminder, MAX_REMINDERS};
use domain::{AuditAction, AuditDetail, ContractState, Operation, Refused};
use sqlx::AnyConnection;

use crate::contracts::{decide_on, load, Moved};
use crate::ctx::Ctx;
use crate::error::{ServiceError, ServiceResult};
use crate::platform::audit::{self, Actor, Change};
use crate::platform::clock::HOUR_MS;
use crate::platform::jobs::{self, JobKind};
use crate::sms::{self, SmsMessage, SmsText};

/// Contracts one round of a sweep takes at most.
const ROUND: i64 = 100;

/// What one round of a sweep did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Round {
    pub done: u64,
    /// The round was full: more may be due.
    pub more: bool,
}

/// Signing began at `now` (the signer was confirmed and the first code sent): the
/// schedule and the deadline start, in the caller's transaction.
pub(crate) async fn start(
    ctx: &Ctx,
    conn: &mut AnyConnection,
    contract_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE contracts SET signing_started_at = $1, reminders_sent = 0, reminded_at = NULL, \
         next_reminder_at = $2, signing_deadline_at = $3 WHERE id = $4",
    )
    .bind(now)
    .bind(next_reminder(now, now, 0, ctx.signing.quiet))
    .bind(now + ctx.signing.deadline_ms)
    .bind(contract_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// A code was resent at `now`: the signer has the whole deadline from now on.
pub(crate) async fn extend_deadline(
    ctx: &Ctx,
    conn: &mut AnyConnection,
    contract_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE contracts SET signing_deadline_at = $1 WHERE id = $2 \
         AND (signing_deadline_at IS NULL OR signing_deadline_at < $1)",
    )
    .bind(now + ctx.signing.deadline_ms)
    .bind(contract_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The signing rows a sweep reads: waiting for the customer, `column` due by `$1`.
fn due(column: &str) -> String {
    format!(
        "SELECT id FROM contracts WHERE status = 'signing' AND sub_status = 'customer_signing' \
         AND {column} <= $1 ORDER BY {column}, id LIMIT $2"
    )
}

/// One round of a sweep: the contracts whose `column` is due now, each given to `step`
/// (which says whether it did something).
async fn round<'a, F, Fut>(ctx: &'a Ctx, column: &str, step: F) -> ServiceResult<Round>
where
    F: Fn(&'a Ctx, i64, i64) -> Fut,
    Fut: std::future::Future<Output = ServiceResult<bool>>,
{
    let now = ctx.now();
    let ids: Vec<i64> = sqlx::query_scalar(&due(column))
        .bind(now)
        .bind(ROUND)
        .fetch_all(&ctx.db.pool)
        .await?;
    let mut round = Round {
        done: 0,
        more: ids.len() as i64 == ROUND,
    };
    for id in ids {
        if step(ctx, id, now).await? {
            round.done += 1;
        }
    }
    Ok(round)
}

/// Sends the automatic reminders due now, one round.
pub async fn remind_round(ctx: &Ctx) -> ServiceResult<Round> {
    round(ctx, "next_reminder_at", remind_one).await
}

/// Moves a contract's next reminder from `from` to `to`, unless it moved meanwhile.
async fn reschedule(ctx: &Ctx, id: i64, from: i64, to: Option<i64>) -> ServiceResult<()> {
    sqlx::query(
        "UPDATE contracts SET next_reminder_at = $1 WHERE id = $2 AND next_reminder_at = $3",
    )
    .bind(to)
    .bind(id)
    .bind(from)
    .execute(&ctx.db.pool)
    .await?;
    Ok(())
}

/// Reminds the signer of contract `id` if that is still due; whether an SMS went out.
async fn remind_one(ctx: &Ctx, id: i64, now: i64) -> ServiceResult<bool> {
    let contract = load(&mut *ctx.db.pool.acquire().await?, id).await?;
    let (Some(due), Some(started)) = (contract.next_reminder_at, contract.signing_started_at)
    else {
        return Ok(false);
    };
    if contract.state != ContractState::CUSTOMER_SIGNING || due > now {
        return Ok(false);
    }
    let quiet = ctx.signing.quiet;
    // Never at night: a sweep that comes round in the quiet hours (the schedule was
    // made outside them, or the instances were down) waits for the morning.
    if let Some(morning) = quiet.map(|q| q.defer(now)).filter(|at| *at > now) {
        reschedule(ctx, id, due, Some(morning)).await?;
        return Ok(false);
    }
    let (Some(signer), true) = (&contract.signer, contract.reminders_sent < MAX_REMINDERS) else {
        reschedule(ctx, id, due, None).await?;
        return Ok(false);
    };
    // The customer has just reminded the signer (催签): this one would say it again
    // within the hour, so it is let go.
    if contract
        .reminded_at
        .is_some_and(|at| at > now - domain::sms::REMIND_EVERY_MS)
    {
        let next = next_reminder(started, now, contract.reminders_sent, quiet);
        reschedule(ctx, id, due, next).await?;
        return Ok(false);
    }
    let next = next_reminder(started, now, contract.reminders_sent + 1, quiet);
    let mut tx = ctx.db.begin_write().await?;
    let claimed = sqlx::query(
        "UPDATE contracts SET reminded_at = $1, reminders_sent = reminders_sent + 1, \
         next_reminder_at = $2 WHERE id = $3 AND next_reminder_at = $4 \
         AND status = 'signing' AND sub_status = 'customer_signing' AND reminders_sent < $5",
    )
    .bind(now)
    .bind(next)
    .bind(id)
    .bind(due)
    .bind(MAX_REMINDERS)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed != 1 {
        tx.rollback().await?;
        return Ok(false);
    }
    let message = SmsMessage {
        account_id: contract.account_id,
        phone: signer.phone.clone(),
        text: SmsText::Reminder {
            contract_number: contract.number.to_string(),
        },
        lang: ctx.lang,
    };
    let outgoing = match sms::dispatch(ctx, &mut tx, message, now).await {
        Ok(outgoing) => outgoing,
        // Over R19's caps: tried again in an hour, not counted.
        Err(ServiceError::Refused(Refused::SmsCapReached)) => {
            tx.rollback().await?;
            reschedule(ctx, id, due, Some(now + HOUR_MS)).await?;
            return Ok(false);
        }
        Err(e) => return Err(e),
    };
    let phone = Some(AuditDetail::Phone {
        masked: mask_phone(&signer.phone),
    });
    let change = Change {
        account_id: Some(contract.account_id),
        contract_id: Some(id),
        detail: phone,
        ..Change::of(AuditAction::Reminded)
    };
    audit::record(&mut tx, now, &Actor::system(), change).await?;
    tx.commit().await?;
    if let Err(e) = outgoing.send(ctx).await {
        // Not sent after all: not counted, and tried again in an hour.
        tracing::warn!(contract = id, "automatic reminder not sent: {e}");
        sqlx::query(
            "UPDATE contracts SET reminded_at = $1, reminders_sent = reminders_sent - 1, \
             next_reminder_at = $2 WHERE id = $3 AND reminded_at = $4",
        )
        .bind(contract.reminded_at)
        .bind(now + HOUR_MS)
        .bind(id)
        .bind(now)
        .execute(&ctx.db.pool)
        .await?;
        return Ok(false);
    }
    Ok(true)
}

/// Cancels the signings whose deadline has passed, one round: each contract moves to
/// cancelling, as if the customer had cancelled, and the withdrawal voids it.
pub async fn expire_round(ctx: &Ctx) -> ServiceResult<Round> {
    round(ctx, "signing_deadline_at", expire_one).await
}

async fn expire_one(ctx: &Ctx, id: i64, now: i64) -> ServiceResult<bool> {
    let contract = load(&mut *ctx.db.pool.acquire().await?, id).await?;
    let Ok(decided) = decide_on(contract, Operation::CancelSigning) else {
        return Ok(false);
    };
    let mut tx = ctx.db.begin_write().await?;
    // Still past its deadline (a code resent meanwhile extends it) and still waiting;
    // this write also holds the row against a racing resend until the commit.
    let past = sqlx::query(
        "UPDATE contracts SET next_reminder_at = NULL WHERE id = $1 AND signing_deadline_at <= $2 \
         AND status = 'signing' AND sub_status = 'customer_signing'",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if past != 1 {
        tx.rollback().await?;
        return Ok(false);
    }
    let mut step = match decided.move_in(tx, now).await? {
        Moved::Step(step) => step,
        Moved::Stale(tx) => {
            tx.rollback().await?;
            return Ok(false);
        }
    };
    let at = now + ctx.delays.sign_ms;
    jobs::enqueue(&mut step.tx, JobKind::CancelSigning, id, at, now).await?;
    step.finish(&Actor::system(), AuditAction::SigningExpired, None)
        .await?;
    Ok(true)
}
