//! The operator console's reads and the subject-change hold (R2): queues with counts
//! (paper to ship, offline stamping parcels, accounts on hold), and every contract
//! searchable by number, account or status. Operators see all accounts; callers check
//! the operator role first.

pub mod exports;

use domain::paper::{PaperStatus, StampingStatus, SubjectResolution};
use domain::AuditAction;
use domain::AuditDetail;
use domain::Check;
use domain::Refused;
use domain::Status;
use sqlx::Row;

use crate::after_signing::paper::PaperRequest;
use crate::after_signing::stamping::Stamping;
use crate::contracts::Contract;
use crate::ctx::Ctx;
use crate::error::{ServiceError, ServiceResult};
use crate::platform::audit::{self, Actor, Change};
use crate::platform::db::Db;

/// How many items wait in each queue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub paper_to_ship: i64,
    pub stampings_open: i64,
    pub holds_open: i64,
}

pub async fn counts(db: &Db) -> ServiceResult<Counts> {
    let count = |sql: &'static str| async move {
        let n: i64 = sqlx::query(sql).fetch_one(&db.pool).await?.try_get(0)?;
        Ok::<_, ServiceError>(n)
    };
    Ok(Counts {
        paper_to_ship: count("SELECT COUNT(*) FROM paper_requests WHERE status = 'requested'")
            .await?,
        stampings_open: count("SELECT COUNT(*) FROM offline_stampings WHERE status <> 'returned'")
            .await?,
        holds_open: count("SELECT COUNT(*) FROM subject_changes WHERE resolved_at IS NULL").await?,
    })
}

/// A queue row: the contract's number and owner's login with the item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued<T> {
    pub number: String,
    pub login: String,
    pub item: T,
}

const QUEUE_LIMIT: i64 = 200;

/// Queue rows: the contract's number and owner's login, then the item's own columns.
fn queued<T>(
    rows: &[sqlx::any::AnyRow],
    item: fn(&sqlx::any::AnyRow) -> ServiceResult<T>,
) -> ServiceResult<Vec<Queued<T>>> {
    rows.iter()
        .map(|r| {
            Ok(Queued {
                number: r.try_get("number")?,
                login: r.try_get("login")?,
                item: item(r)?,
            })
        })
        .collect()
}

/// Paper requests, oldest first; `None` lists every status.
pub async fn paper_queue(
    db: &Db,
    status: Option<PaperStatus>,
) -> ServiceResult<Vec<Queued<PaperRequest>>> {
    let rows = sqlx::query(&format!(
        "SELECT c.number, a.login, {} FROM paper_requests p JOIN contracts c ON c.id = p.contract_id \
         JOIN accounts a ON a.id = c.account_id WHERE ($1 = '' OR p.status = $1) \
         ORDER BY p.created_at, p.id LIMIT $2",
        crate::after_signing::paper::COLUMNS
    ))
    .bind(status.map(|s| s.as_str()).unwrap_or(""))
    .bind(QUEUE_LIMIT)
    .fetch_all(&db.pool)
    .await?;
    queued(&rows, crate::after_signing::paper::from_row)
}

/// Offline stamping parcels, oldest first; `None` lists the open ones (not returned).
pub async fn stamping_queue(
    db: &Db,
    status: Option<StampingStatus>,
) -> ServiceResult<Vec<Queued<Stamping>>> {
    let rows = sqlx::query(&format!(
        "SELECT c.number, a.login, {} FROM offline_stampings s JOIN contracts c ON c.id = s.contract_id \
         JOIN accounts a ON a.id = c.account_id \
         WHERE (($1 = '' AND s.status <> 'returned') OR s.status = $1) ORDER BY s.created_at, s.id LIMIT $2",
        crate::after_signing::stamping::COLUMNS
    ))
    .bind(status.map(|s| s.as_str()).unwrap_or(""))
    .bind(QUEUE_LIMIT)
    .fetch_all(&db.pool)
    .await?;
    queued(&rows, crate::after_signing::stamping::from_row)
}

/// An account on hold after its verified subject changed (R2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hold {
    pub change_id: i64,
    pub account_id: i64,
    pub login: String,
    pub old_name: String,
    pub new_name: String,
    pub created_at: i64,
}

pub async fn open_holds(db: &Db) -> ServiceResult<Vec<Hold>> {
    let rows = sqlx::query(
        "SELECT s.id, s.account_id, a.login, s.old_name, s.new_name, s.created_at FROM subject_changes s \
         JOIN accounts a ON a.id = s.account_id WHERE s.resolved_at IS NULL ORDER BY s.created_at, s.id",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Hold {
                change_id: r.try_get(0)?,
                account_id: r.try_get(1)?,
                login: r.try_get(2)?,
                old_name: r.try_get(3)?,
                new_name: r.try_get(4)?,
                created_at: r.try_get(5)?,
            })
        })
        .collect()
}

/// R2: records the subject's new verified name. Once the account has an effective
/// contract, a change puts it on hold (no new contracts) until an operator records the
/// supplement or rename letter. Existing contracts keep their party A snapshot.
pub async fn change_subject(
    ctx: &Ctx,
    account_id: i64,
    new_name: &str,
    actor: &Actor,
) -> ServiceResult<bool> {
    let new_name = new_name.trim();
    let mut tx = ctx.db.begin_write().await?;
    let row = sqlx::query("SELECT subject_name FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let old: Option<String> = row.try_get(0)?;
    let Some(old) = old.filter(|old| old != new_name) else {
        return Ok(false);
    };
    let now = ctx.now();
    let effective: i64 =
        sqlx::query("SELECT COUNT(*) FROM contracts WHERE account_id = $1 AND status = $2")
            .bind(account_id)
            .bind(Status::Effective.as_str())
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
    let hold = effective > 0;
    sqlx::query(
        "UPDATE accounts SET subject_name = $1, subject_hold = CASE WHEN $2 = 1 THEN 1 ELSE subject_hold END, \
         updated_at = $3 WHERE id = $4",
    )
    .bind(new_name)
    .bind(i64::from(hold))
    .bind(now)
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    if hold {
        sqlx::query(
            "INSERT INTO subject_changes (account_id, old_name, new_name, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(account_id)
        .bind(&old)
        .bind(new_name)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    audit::record(
        &mut tx,
        now,
        actor,
        Change {
            account_id: Some(account_id),
            detail: Some(AuditDetail::SubjectChanged {
                old: old.to_string(),
                new: new_name.to_string(),
            }),
            ..Change::of(if hold {
                AuditAction::SubjectHold
            } else {
                AuditAction::SubjectChanged
            })
        },
    )
    .await?;
    tx.commit().await?;
    Ok(hold)
}

/// The operator records the transfer supplement or rename letter; the hold lifts once
/// no change of the account is open.
pub async fn resolve_hold(
    ctx: &Ctx,
    change_id: i64,
    resolution: SubjectResolution,
    note: &str,
    actor: &Actor,
) -> ServiceResult<()> {
    let note = note.trim();
    if note.chars().count() > domain::paper::NOTE_MAX_CHARS {
        return Err(ServiceError::field("note", Check::NoteLength));
    }
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let row =
        sqlx::query("SELECT account_id FROM subject_changes WHERE id = $1 AND resolved_at IS NULL")
            .bind(change_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(Refused::HoldNotFound)?;
    let account_id: i64 = row.try_get(0)?;
    let resolved = sqlx::query(
        "UPDATE subject_changes SET resolution = $1, note = $2, resolved_by = $3, resolved_at = $4 \
         WHERE id = $5 AND resolved_at IS NULL",
    )
    .bind(resolution.as_str())
    .bind(note)
    .bind(actor.id)
    .bind(now)
    .bind(change_id)
    .execute(&mut *tx)
    .await?;
    if resolved.rows_affected() != 1 {
        return Err(Refused::HoldNotFound.into());
    }
    // The hold lifts once nothing is open; an activated e-seal is re-cut with the
    // subject's current name, so new contracts carry the right seal.
    sqlx::query(
        "UPDATE accounts SET subject_hold = 0, updated_at = $1, \
         esign_seal_text = CASE WHEN esign_activated_at IS NULL THEN esign_seal_text ELSE subject_name END \
         WHERE id = $2 AND NOT EXISTS \
         (SELECT 1 FROM subject_changes WHERE account_id = $2 AND resolved_at IS NULL)",
    )
    .bind(now)
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        now,
        actor,
        Change {
            account_id: Some(account_id),
            detail: Some(AuditDetail::HoldLifted {
                resolution,
                note: note.to_string(),
            }),
            ..Change::of(AuditAction::SubjectHoldLifted)
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The operator's contract search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// Part of a contract number.
    pub number: String,
    /// An account's login, exactly.
    pub login: String,
    pub status: Option<Status>,
    /// 1-based.
    pub page: i64,
}

pub const SEARCH_PAGE: i64 = 20;

/// The search's conditions on `contracts c JOIN accounts a`, bound to [`matching`]'s
/// three values as $1–$3 (the operators' exports filter the same way).
pub(crate) const MATCHING: &str =
    "c.number LIKE $1 ESCAPE '\\' AND ($2 = '' OR a.login = $2) AND ($3 = '' OR c.status = $3)";

/// The values [`MATCHING`] binds: a number fragment, an exact login, a status or any.
pub(crate) fn matching(
    number: &str,
    login: &str,
    status: Option<Status>,
) -> (String, String, &'static str) {
    (
        format!("%{}%", crate::contracts::items::escape_like(number.trim())),
        login.trim().to_lowercase(),
        status.map(|s| s.as_str()).unwrap_or(""),
    )
}

/// Contracts of every account, newest first, with their owner's login; and the total.
pub async fn search_contracts(
    db: &Db,
    q: &Search,
) -> ServiceResult<(Vec<(Contract, String)>, i64)> {
    let (number, login, status) = matching(&q.number, &q.login, q.status);
    let conditions = MATCHING;
    let total: i64 = sqlx::query(&format!(
        "SELECT COUNT(*) FROM contracts c JOIN accounts a ON a.id = c.account_id WHERE {conditions}"
    ))
    .bind(&number)
    .bind(&login)
    .bind(status)
    .fetch_one(&db.pool)
    .await?
    .try_get(0)?;
    let columns = crate::contracts::columns("c");
    let rows = sqlx::query(&format!(
        "SELECT {columns}, a.login AS owner_login FROM contracts c JOIN accounts a ON a.id = c.account_id \
         WHERE {conditions} ORDER BY c.created_at DESC, c.id DESC LIMIT $4 OFFSET $5"
    ))
    .bind(&number)
    .bind(&login)
    .bind(status)
    .bind(SEARCH_PAGE)
    .bind((q.page.clamp(1, 100_000) - 1) * SEARCH_PAGE)
    .fetch_all(&db.pool)
    .await?;
    let found = rows
        .iter()
        .map(|r| Ok((crate::contracts::from_row(r)?, r.try_get("owner_login")?)))
        .collect::<ServiceResult<_>>()?;
    Ok((found, total))
}
