//! What the billing system reads: a contract by its number, and the event feed of status
//! changes in commit order.

use domain::ContractNumber;
use domain::{AuditDetail, ContractState};
use sqlx::Row;

use crate::error::{ServiceError, ServiceResult};
use crate::platform::db::Db;

/// A contract as the billing system reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct ContractInfo {
    pub contract: crate::contracts::Contract,
    pub account_external_id: Option<String>,
}

pub async fn contract(db: &Db, number: &ContractNumber) -> ServiceResult<ContractInfo> {
    let contract = crate::contracts::find_any(db, number).await?;
    if contract.state.status == domain::Status::Deleted {
        return Err(ServiceError::NotFound);
    }
    let external: Option<String> = sqlx::query("SELECT external_id FROM accounts WHERE id = $1")
        .bind(contract.account_id)
        .fetch_one(&db.pool)
        .await?
        .try_get(0)?;
    Ok(ContractInfo {
        contract,
        account_external_id: external,
    })
}

/// One status change of a contract, for the event feed and webhooks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The event's position in the feed, its id for the billing system and webhook
    /// receivers, and the cursor: positions only grow, in commit order (see `sequence`).
    pub id: i64,
    pub number: String,
    pub account_external_id: Option<String>,
    pub action: String,
    /// The state the contract entered (tokens), when the label is one of the table's.
    pub state: Option<ContractState>,
    /// `contract.expiring`: the days left when the notice was sent.
    pub days_left: Option<i64>,
    /// `contract.renewed`: the renewal's number (R25).
    pub renewal_number: Option<String>,
    pub at: i64,
}

pub const MAX_EVENTS: i64 = 500;

/// Serialises the PostgreSQL sequencers of every instance (`pg_advisory_xact_lock`).
const FEED_LOCK: i64 = 0x7179_6665_6564; // "qyfeed"

/// At most this many events get positions per call; the rest on the next.
const SEQUENCE_BATCH: i64 = 10_000;

/// Gives feed positions to the events whose transactions have ended (PostgreSQL).
///
/// An event's id is taken at INSERT, but the row becomes visible at COMMIT: a reader
/// could see id N+1 before N and move its cursor past N for good. So each event records
/// the id of the transaction that wrote it (`writer_xid`), and an event gets a position
/// only once that id is below the oldest transaction still running
/// (`pg_snapshot_xmin`): every transaction that could still add an event before it has
/// then ended, so the set given positions is final. Positions continue from the highest
/// one under a transaction-scoped advisory lock, so two instances never interleave and a
/// reader that sees a position sees every smaller one. An open transaction holds the feed
/// back until it ends — never past it.
///
/// SQLite has a single writer whose transactions commit in id order: ids are positions.
pub async fn sequence(db: &Db) -> ServiceResult<()> {
    if db.dialect == crate::platform::db::Dialect::Sqlite {
        return Ok(());
    }
    let mut tx = db.pool.begin().await?;
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(FEED_LOCK)
        .execute(&mut *tx)
        .await?;
    // A statement after the lock: its snapshot sees every earlier sequencer's commit.
    sqlx::query(
        "WITH top AS (SELECT COALESCE(MAX(feed_position), 0) AS position FROM audit_events), \
         ready AS ( \
           SELECT id, ROW_NUMBER() OVER (ORDER BY writer_xid, id) AS n FROM ( \
             SELECT id, writer_xid FROM audit_events \
             WHERE feed_position IS NULL AND state_after IS NOT NULL \
               AND writer_xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint \
             ORDER BY writer_xid, id LIMIT $1) finished) \
         UPDATE audit_events SET feed_position = top.position + ready.n \
         FROM ready, top WHERE audit_events.id = ready.id",
    )
    .bind(SEQUENCE_BATCH)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Status changes after position `after`, oldest first, at most `limit`.
pub async fn events(db: &Db, after: i64, limit: i64) -> ServiceResult<Vec<Event>> {
    sequence(db).await?;
    let position = match db.dialect {
        crate::platform::db::Dialect::Postgres => "e.feed_position",
        crate::platform::db::Dialect::Sqlite => "e.id",
    };
    let rows = sqlx::query(&format!(
        "SELECT {position}, c.number, a.external_id, e.action, e.state_after, e.created_at, e.detail FROM audit_events e \
         JOIN contracts c ON c.id = e.contract_id JOIN accounts a ON a.id = c.account_id \
         WHERE {position} > $1 AND e.state_after IS NOT NULL ORDER BY {position} LIMIT $2"
    ))
    .bind(after)
    .bind(limit.clamp(1, MAX_EVENTS))
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let state: String = r.try_get(4)?;
            let detail: Option<String> = r.try_get(6)?;
            let (days_left, renewal_number) = match detail.as_deref().map(AuditDetail::from_stored)
            {
                Some(AuditDetail::Expiring { days_left }) => (Some(days_left), None),
                Some(AuditDetail::Renewal { number }) => (None, Some(number)),
                _ => (None, None),
            };
            Ok(Event {
                id: r.try_get(0)?,
                number: r.try_get(1)?,
                account_external_id: r.try_get(2)?,
                action: r.try_get(3)?,
                state: ContractState::parse_token(&state),
                days_left,
                renewal_number,
                at: r.try_get(5)?,
            })
        })
        .collect()
}
