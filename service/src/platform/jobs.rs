//! The durable job queue behind background steps (draft generation, provider signing).
//! Jobs survive restarts; a worker claims one atomically with a lease, and a job whose
//! worker died is claimed again once the lease runs out. One job per contract and step
//! (`dedupe_key`), so a step is never queued twice.

use sqlx::{AnyConnection, Row};

use crate::platform::db::{Db, Dialect};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    GenerateDraft,
    ProviderSign,
    /// Dual channel: 取消中 → 已作废.
    CancelSigning,
    /// A fresh document time-stamp on an effective contract's document before the
    /// newest one's TSA certificate expires (`revisions`).
    RenewArchive,
}

impl JobKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::GenerateDraft => "generate_draft",
            Self::ProviderSign => "provider_sign",
            Self::CancelSigning => "cancel_signing",
            Self::RenewArchive => "renew_archive",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "generate_draft" => Some(Self::GenerateDraft),
            "provider_sign" => Some(Self::ProviderSign),
            "cancel_signing" => Some(Self::CancelSigning),
            "renew_archive" => Some(Self::RenewArchive),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub id: i64,
    pub kind: JobKind,
    pub contract_id: i64,
    /// Attempts including the current one.
    pub attempts: i64,
    /// The first planned run: the step's timestamp, identical on every retry.
    pub scheduled_at: i64,
}

/// Queues `kind` for a contract at `run_at` (inside the caller's transaction). A second
/// enqueue of the same step is ignored.
pub async fn enqueue(
    conn: &mut AnyConnection,
    kind: JobKind,
    contract_id: i64,
    run_at: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let dedupe_key = format!("{}:{contract_id}", kind.as_str());
    enqueue_once(conn, kind, contract_id, &dedupe_key, run_at, now).await?;
    Ok(())
}

/// Queues `kind` for a contract unless a job with `dedupe_key` was ever queued; whether
/// this one was.
pub async fn enqueue_once(
    conn: &mut AnyConnection,
    kind: JobKind,
    contract_id: i64,
    dedupe_key: &str,
    run_at: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO jobs (kind, contract_id, dedupe_key, run_at, scheduled_at, created_at) \
         VALUES ($1, $2, $3, $4, $4, $5) ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(kind.as_str())
    .bind(contract_id)
    .bind(dedupe_key)
    .bind(run_at)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Claims the next due job for `worker` for `lease_ms`. PostgreSQL skips rows other
/// servers hold (`FOR UPDATE SKIP LOCKED`); SQLite has a single writer, so its one
/// UPDATE is already atomic.
pub async fn claim(
    db: &Db,
    worker: &str,
    now: i64,
    lease_ms: i64,
) -> Result<Option<Job>, sqlx::Error> {
    let lock = match db.dialect {
        Dialect::Postgres => "FOR UPDATE SKIP LOCKED",
        Dialect::Sqlite => "",
    };
    let sql = format!(
        "UPDATE jobs SET locked_until = $1, locked_by = $2, attempts = attempts + 1 \
         WHERE id = (SELECT id FROM jobs WHERE done_at IS NULL AND run_at <= $3 AND locked_until <= $3 \
                     ORDER BY run_at, id LIMIT 1 {lock}) \
         RETURNING id, kind, contract_id, attempts, scheduled_at"
    );
    let row = sqlx::query(&sql)
        .bind(now + lease_ms)
        .bind(worker)
        .bind(now)
        .fetch_optional(&db.pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let kind: String = row.try_get(1)?;
    Ok(Some(Job {
        id: row.try_get(0)?,
        kind: JobKind::parse(&kind)
            .ok_or_else(|| sqlx::Error::Decode(format!("job kind {kind}").into()))?,
        contract_id: row.try_get(2)?,
        attempts: row.try_get(3)?,
        scheduled_at: row.try_get(4)?,
    }))
}

/// Marks a job done (inside the transaction that applied its result).
pub async fn complete(conn: &mut AnyConnection, job_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE jobs SET done_at = $1, locked_until = 0 WHERE id = $2")
        .bind(now)
        .bind(job_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Schedules another attempt after a failure.
pub async fn retry_at(db: &Db, job_id: i64, run_at: i64, error: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE jobs SET run_at = $1, locked_until = 0, last_error = $2 WHERE id = $3")
        .bind(run_at)
        .bind(error)
        .bind(job_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Gives up `worker`'s claims on unfinished jobs (a server shutting down), so another
/// instance takes them at once instead of after the lease. Steps are idempotent, so a
/// step cut off half-way is safely run again.
pub async fn release(db: &Db, worker: &str) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE jobs SET locked_until = 0 WHERE locked_by = $1 AND done_at IS NULL AND locked_until > 0",
    )
    .bind(worker)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected())
}

/// The queue as a monitor sees it (`/metrics`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueueStats {
    /// Due or scheduled, nobody holding them.
    pub queued: i64,
    /// Claimed under a lease that still holds.
    pub running: i64,
    /// How long the oldest due, unclaimed job has waited (0 when none).
    pub oldest_due_ms: i64,
}

pub async fn stats(db: &Db, now: i64) -> Result<QueueStats, sqlx::Error> {
    let row = sqlx::query(
        "SELECT \
           COUNT(CASE WHEN locked_until <= $1 THEN 1 END), \
           COUNT(CASE WHEN locked_until > $1 THEN 1 END), \
           MIN(CASE WHEN locked_until <= $1 AND run_at <= $1 THEN run_at END) \
         FROM jobs WHERE done_at IS NULL",
    )
    .bind(now)
    .fetch_one(&db.pool)
    .await?;
    let oldest: Option<i64> = row.try_get(2)?;
    Ok(QueueStats {
        queued: row.try_get(0)?,
        running: row.try_get(1)?,
        oldest_due_ms: oldest.map_or(0, |run_at| now - run_at),
    })
}

/// How many jobs are not done yet (the worker's idle check and tests use it).
pub async fn pending(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) FROM jobs WHERE done_at IS NULL")
        .fetch_one(&db.pool)
        .await?
        .try_get(0)
}
