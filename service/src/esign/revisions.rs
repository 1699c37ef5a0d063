//! The revisions of a contract's formal document (issue 30): 1 as signed, then one per
//! archive renewal — a fresh document time-stamp added before the newest one's TSA
//! certificate expires, so that everything under it stays provable. The contract's
//! `formal_pdf_key` is the newest (what downloads serve); `/verify` accepts every one.
//!
//! Renewal runs as a background job per revision: a sweep queues `renew_archive` for
//! each effective contract whose newest revision's time-stamp expires within the
//! window, keyed by that revision, so however many instances sweep, a revision is
//! renewed once; the new revision's primary key (contract, seq) makes the second of two
//! racing renewals a no-op.

use crate::platform::db::Db;
use crate::platform::jobs::{self, JobKind};
use crate::platform::storage::DocumentKey;

/// The newest revision of a contract's formal document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub seq: i64,
    /// Its document (a key is the document's SHA-256).
    pub key: DocumentKey,
    pub archive_expires_at: Option<i64>,
}

pub async fn newest(db: &Db, contract_id: i64) -> Result<Option<Revision>, sqlx::Error> {
    let row: Option<(i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT seq, sha256, archive_expires_at FROM document_revisions \
         WHERE contract_id = $1 ORDER BY seq DESC LIMIT 1",
    )
    .bind(contract_id)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|(seq, sha256, archive_expires_at)| {
        Ok(Revision {
            seq,
            key: DocumentKey::parse(&sha256).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
            archive_expires_at,
        })
    })
    .transpose()
}

/// Records revision `seq` (inside the transaction that stores it); `false` when
/// another worker recorded it first.
pub async fn record(
    conn: &mut sqlx::AnyConnection,
    contract_id: i64,
    seq: i64,
    key: &DocumentKey,
    archive_expires_at: Option<i64>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO document_revisions (contract_id, seq, sha256, archive_expires_at, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (contract_id, seq) DO NOTHING",
    )
    .bind(contract_id)
    .bind(seq)
    .bind(key.as_str())
    .bind(archive_expires_at)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// How many revisions the signed document of `contract_id` has had.
pub async fn count(db: &Db, contract_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM document_revisions WHERE contract_id = $1")
        .bind(contract_id)
        .fetch_one(&db.pool)
        .await
}

/// Which revision of `contract_id` has this SHA-256, if one has.
pub async fn seq_of(db: &Db, contract_id: i64, sha256: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT seq FROM document_revisions WHERE contract_id = $1 AND sha256 = $2 \
         ORDER BY seq DESC LIMIT 1",
    )
    .bind(contract_id)
    .bind(sha256)
    .fetch_optional(&db.pool)
    .await
}

/// Queues a renewal for every effective contract whose newest revision's time-stamp
/// expires before `now + window_ms`; returns how many were queued (0 for those queued
/// already). One indexed query for the candidates, one insert each.
pub async fn queue_renewals(db: &Db, now: i64, window_ms: i64) -> Result<u64, sqlx::Error> {
    let due: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT r.contract_id, r.seq FROM document_revisions r \
         JOIN contracts c ON c.id = r.contract_id \
         WHERE r.archive_expires_at IS NOT NULL AND r.archive_expires_at < $1 \
           AND c.status = 'effective' \
           AND r.seq = (SELECT MAX(seq) FROM document_revisions n WHERE n.contract_id = r.contract_id) \
         ORDER BY r.archive_expires_at LIMIT 1000",
    )
    .bind(now.saturating_add(window_ms))
    .fetch_all(&db.pool)
    .await?;
    let mut queued = 0;
    for (contract_id, seq) in due {
        let mut tx = db.begin_write().await?;
        let key = format!("{}:{contract_id}:{seq}", JobKind::RenewArchive.as_str());
        if jobs::enqueue_once(&mut tx, JobKind::RenewArchive, contract_id, &key, now, now).await? {
            queued += 1;
        }
        tx.commit().await?;
    }
    Ok(queued)
}
