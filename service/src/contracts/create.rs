//! Creating a contract: the gate (R1–R4), the party A snapshot (R1), item eligibility and
//! limits (R5, R6), item exclusivity (R7, R8), the channel fixed for good (R9), and the
//! background draft generation queued in the same transaction.

use domain::esign::dual_channel_block;
use domain::gate::{creation_block, CreationBlock};
use domain::new_contract::decide;
pub use domain::new_contract::{NewContract, CONFIRMED};
use domain::status::initial_state;
use domain::AuditAction;
use domain::AuditDetail;
use domain::FieldProblem;
use domain::Refused;
use domain::{Channel, ContractNumber, ContractType, PartyAInput};

use super::numbering::next_number;
use crate::contracts::home::gate_facts;
use crate::contracts::items::{self, PickerRow};
use crate::ctx::Ctx;
use crate::error::{ServiceError, ServiceResult};
use crate::identity::accounts;
use crate::platform::audit::{self, Actor, Change};
use crate::platform::clock::today_cst;
use crate::platform::db::is_unique_violation;
use crate::platform::jobs::{self, JobKind};
use domain::new_contract::ITEMS;

/// Contracts the account created since midnight, China time, whatever became of them.
async fn created_today(
    conn: &mut sqlx::AnyConnection,
    account_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (y, m, d) = today_cst(now);
    sqlx::query_scalar("SELECT COUNT(*) FROM contracts WHERE account_id = $1 AND created_at >= $2")
        .bind(account_id)
        .bind(domain::calendar::cst_midnight_ms(y, m, d))
        .fetch_one(conn)
        .await
}

/// The gates in front of a new contract of `kind` through `channel` (R1–R4, R11); the
/// account and its verified subject (party A's name), when they let it through.
pub(super) async fn gates(
    ctx: &Ctx,
    account_id: i64,
    kind: ContractType,
    channel: Channel,
) -> ServiceResult<(accounts::Account, String)> {
    let account = accounts::find(&ctx.db, account_id).await?;
    if let Some(block) = creation_block(kind, &gate_facts(&ctx.db, &account).await?) {
        return Err(Refused::Gate(block).into());
    }
    let subject = account
        .subject_name
        .clone()
        .ok_or(Refused::Gate(CreationBlock::Unverified))?;
    if let Some(reason) = (channel == Channel::Dual)
        .then(|| dual_channel_block(account.kind, account.esign_activated))
        .flatten()
    {
        return Err(ServiceError::Refused(reason));
    }
    Ok((account, subject))
}

/// Creates a contract and queues its draft; returns its number.
pub async fn create_contract(
    ctx: &Ctx,
    account_id: i64,
    new: &NewContract,
    actor: &Actor,
) -> ServiceResult<ContractNumber> {
    let db = &ctx.db;
    // Read the facts (the gates, the picked items as the store has them), let the rules
    // decide, then write.
    let (_, subject) = gates(ctx, account_id, new.kind, new.channel).await?;
    let now = ctx.now();
    let picked = match new.kind {
        ContractType::Framework => Vec::new(),
        kind => items::selected(db, account_id, kind, &dedup(&new.item_ids), now).await?,
    };
    let party_a = decide(new, &picked).map_err(ServiceError::Validation)?;
    let plan = Plan {
        account_id,
        kind: new.kind,
        channel: new.channel,
        subject: &subject,
        party_a: &party_a,
        items: &picked,
        renews: None,
    };
    let mut tx = db.begin_write().await?;
    let (_, number) = write(ctx, &mut tx, &plan, now, actor).await?;
    tx.commit().await?;
    Ok(number)
}

/// A checked contract, ready to be written: what creation and renewal (R25) insert.
pub(super) struct Plan<'a> {
    pub account_id: i64,
    pub kind: ContractType,
    pub channel: Channel,
    /// The verified subject, party A's name (R1).
    pub subject: &'a str,
    pub party_a: &'a PartyAInput,
    pub items: &'a [PickerRow],
    pub renews: Option<Renews>,
}

/// The filing contract a renewal continues, and the end of its term.
#[derive(Debug, Clone, Copy)]
pub(super) struct Renews {
    pub id: i64,
    pub expires_at: i64,
}

/// Writes `plan` in `tx`: the number, the contract, its items (a renewal takes them over
/// from the contract it renews), the draft job and the creation event. Returns the new
/// contract's id and number. The caller commits.
pub(super) async fn write(
    ctx: &Ctx,
    tx: &mut sqlx::AnyConnection,
    plan: &Plan<'_>,
    now: i64,
    actor: &Actor,
) -> ServiceResult<(i64, ContractNumber)> {
    let state = initial_state(plan.channel);
    // First statement writes, so SQLite takes its write lock now rather than failing to
    // upgrade a read lock later under concurrency.
    let number = next_number(&mut *tx, now).await?;
    // Counted after the sequence's row lock, which every creation takes until it commits:
    // parallel requests see each other's contracts and cannot pass the cap together.
    if created_today(&mut *tx, plan.account_id, now).await? >= ctx.contracts_per_day {
        return Err(Refused::ContractsPerDayReached {
            limit: ctx.contracts_per_day,
        }
        .into());
    }
    release_expired_filings(&mut *tx, now).await?;
    let party_a = plan.party_a;
    let inserted = sqlx::query(
        "INSERT INTO contracts (account_id, number, kind, channel, status, sub_status, party_a_name, \
         party_a_address, party_a_contact, party_a_phone, party_a_email, party_a_postcode, total_fen, \
         template_version, created_at, updated_at, renews_id, term_starts_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16, $17) RETURNING id",
    )
    .bind(plan.account_id)
    .bind(number.as_str())
    .bind(plan.kind.as_str())
    .bind(plan.channel.as_str())
    .bind(state.status.as_str())
    .bind(state.sub_status.as_str())
    .bind(plan.subject)
    .bind(&party_a.address)
    .bind(&party_a.contact)
    .bind(&party_a.phone)
    .bind(&party_a.email)
    .bind(&party_a.postcode)
    .bind(plan.items.iter().map(|r| r.amount_fen).sum::<i64>())
    .bind(plan.kind.template_version())
    .bind(now)
    .bind(plan.renews.map(|r| r.id))
    .bind(plan.renews.map(|r| r.expires_at))
    .fetch_one(&mut *tx)
    .await;
    let contract_id: i64 = match inserted {
        Ok(row) => sqlx::Row::try_get(&row, 0)?,
        // Under concurrency the partial unique indexes refuse the second one: a second
        // renewal of the same contract (R25), a second framework contract (R3).
        Err(e) if is_unique_violation(&e) => {
            return Err(ServiceError::Refused(match plan.renews {
                Some(_) => Refused::AlreadyRenewed,
                None => Refused::Gate(CreationBlock::FrameworkExists),
            }))
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(renews) = plan.renews {
        hand_over(&mut *tx, renews).await?;
    }
    for row in plan.items {
        if let Err(e) = insert_item(&mut *tx, contract_id, plan.kind, row).await {
            // R7 under concurrency: another contract took the item first.
            return Err(if is_unique_violation(&e) {
                ServiceError::field(
                    ITEMS,
                    FieldProblem::ItemTaken {
                        reference: row.reference.clone(),
                    },
                )
            } else {
                e.into()
            });
        }
    }
    if plan.channel != Channel::Dual {
        jobs::enqueue(
            &mut *tx,
            JobKind::GenerateDraft,
            contract_id,
            now + ctx.delays.draft_ms,
            now,
        )
        .await?;
    }
    audit::record(
        &mut *tx,
        now,
        actor,
        Change {
            account_id: Some(plan.account_id),
            contract_id: Some(contract_id),
            after: Some(state.token()),
            detail: Some(AuditDetail::ContractCreated {
                kind: plan.kind,
                channel: plan.channel,
                items: plan.items.len(),
            }),
            ..Change::of(AuditAction::ContractCreated)
        },
    )
    .await?;
    Ok((contract_id, number))
}

/// R25: the renewed contract holds its filings until its term ends, and not a moment
/// longer: its hold is released as of that end, which frees it (under R7's one-holder
/// index) for the renewal to take the same filings now, without a gap.
async fn hand_over(conn: &mut sqlx::AnyConnection, renews: Renews) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE contract_items SET released_at = $2 WHERE contract_id = $1 AND released_at IS NULL",
    )
    .bind(renews.id)
    .bind(renews.expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// R25: a renewal deleted before it took effect hands the filings back to the contract
/// it renews, while that one's term still runs (after it, they stay free, R8).
pub(super) async fn hand_back(
    conn: &mut sqlx::AnyConnection,
    renews_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE contract_items SET released_at = NULL WHERE contract_id = $1 AND released_at = \
           (SELECT expires_at FROM contracts WHERE id = $1 AND status = 'effective' AND expires_at > $2)",
    )
    .bind(renews_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

fn dedup(ids: &[i64]) -> Vec<i64> {
    let mut seen = std::collections::HashSet::new();
    ids.iter().copied().filter(|id| seen.insert(*id)).collect()
}

async fn insert_item(
    conn: &mut sqlx::AnyConnection,
    contract_id: i64,
    kind: ContractType,
    row: &PickerRow,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO contract_items (contract_id, item_kind, item_id, item_ref, description, detail, amount_fen, occurred_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(contract_id)
    .bind(kind.as_str())
    .bind(row.id)
    .bind(&row.reference)
    .bind(&row.description)
    .bind(&row.detail)
    .bind(row.amount_fen)
    .bind(row.date_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// R8: a filing contract's filings are free again once its one-year term has ended.
async fn release_expired_filings(
    conn: &mut sqlx::AnyConnection,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE contract_items SET released_at = $1 \
         WHERE released_at IS NULL AND item_kind = 'filing' AND contract_id IN \
           (SELECT id FROM contracts WHERE kind = 'filing' AND expires_at IS NOT NULL AND expires_at <= $1)",
    )
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}
