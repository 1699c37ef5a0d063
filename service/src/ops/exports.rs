//! Operators' exports (issue 31): the documents of every contract matching an operator's
//! search (at most [`EXPORT_LIMIT`]) as one archive with its manifest, written by a
//! background step into the document store and downloadable for [`LINK_VALID_MS`].
//! Asking is one audit event. The archive is streamed from the store into the store, one
//! document in memory at a time, every document re-hashed as it goes in (R10); one that
//! fails makes the export failed, never a partial archive offered as whole. Any instance
//! may write an export: a claim with a lease, as for jobs, so one abandoned by a stopped
//! instance is taken over and one written twice is never offered twice.

use domain::{AuditAction, AuditDetail, Lang, Refused, Status};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::after_signing::archive::{self, ArchiveWords};
use crate::contracts::{columns, from_row};
use crate::ctx::Ctx;
use crate::error::{ServiceError, ServiceResult};
use crate::ops::{matching, MATCHING};
use crate::platform::audit::{self, Actor, Change};
use crate::platform::storage::{new_file_name, FileStream};

/// The most documents one export holds.
pub const EXPORT_LIMIT: i64 = 10_000;
/// How long a finished export can be downloaded.
pub const LINK_VALID_MS: i64 = 24 * 3_600_000;
/// Exports asked for and not finished yet, per operator: each is a long write.
pub const PENDING_LIMIT: i64 = 2;
/// How long an instance's claim on an export holds before another may take it over.
const LEASE_MS: i64 = 30 * 60_000;
/// Claims before an export is given up.
const MAX_ATTEMPTS: i64 = 3;

/// Contracts with a document to export.
const HAS_DOCUMENT: &str = "(c.formal_pdf_key IS NOT NULL OR c.draft_pdf_key IS NOT NULL)";

/// What the operator searched for (the search's own fields).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportFilter {
    pub number: String,
    pub login: String,
    pub status: Option<Status>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportState {
    Queued,
    Running,
    Done,
    Failed,
}

impl ExportState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Running => "running",
            Self::Done => "done",
            Self::Failed => "failed",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Queued, Self::Running, Self::Done, Self::Failed]
            .into_iter()
            .find(|state| state.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub id: i64,
    pub filter: ExportFilter,
    pub lang: Lang,
    pub state: ExportState,
    pub documents: i64,
    pub file_name: Option<String>,
    pub size_bytes: Option<i64>,
    pub sha256: Option<String>,
    pub created_at: i64,
    pub finished_at: Option<i64>,
    /// The link's end; past it the file is gone.
    pub expires_at: Option<i64>,
}

impl Export {
    /// Whether it can be downloaded at `now`.
    pub fn downloadable(&self, now: i64) -> bool {
        self.state == ExportState::Done
            && self.file_name.is_some()
            && self.expires_at.is_some_and(|at| now < at)
    }
}

const EXPORT_COLUMNS: &str = "id, filter_number, filter_login, filter_status, lang, status, \
     documents, file_name, size_bytes, sha256, created_at, finished_at, expires_at";

fn export_of(row: &AnyRow) -> ServiceResult<Export> {
    let bad = |what: &str| ServiceError::Internal(format!("bad {what} in contract_exports"));
    let status: String = row.try_get("filter_status")?;
    Ok(Export {
        id: row.try_get("id")?,
        filter: ExportFilter {
            number: row.try_get("filter_number")?,
            login: row.try_get("filter_login")?,
            status: Status::parse(&status),
        },
        lang: Lang::parse(&row.try_get::<String, _>("lang")?).unwrap_or_default(),
        state: ExportState::parse(&row.try_get::<String, _>("status")?)
            .ok_or_else(|| bad("status"))?,
        documents: row.try_get("documents")?,
        file_name: row.try_get("file_name")?,
        size_bytes: row.try_get("size_bytes")?,
        sha256: row.try_get("sha256")?,
        created_at: row.try_get("created_at")?,
        finished_at: row.try_get("finished_at")?,
        expires_at: row.try_get("expires_at")?,
    })
}

/// Asks for an export of the contracts matching `filter`, in `lang`; refused when
/// nothing or too much matches, or while the operator has [`PENDING_LIMIT`] unfinished.
pub async fn request(
    ctx: &Ctx,
    actor: &Actor,
    filter: &ExportFilter,
    lang: Lang,
) -> ServiceResult<Export> {
    let operator = actor.id.ok_or(ServiceError::NotFound)?;
    let db = &ctx.db;
    let (number, login, status) = matching(&filter.number, &filter.login, filter.status);
    let documents: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM contracts c JOIN accounts a ON a.id = c.account_id \
         WHERE {MATCHING} AND {HAS_DOCUMENT} LIMIT $4) matched"
    ))
    .bind(&number)
    .bind(&login)
    .bind(status)
    .bind(EXPORT_LIMIT + 1)
    .fetch_one(&db.pool)
    .await?;
    if documents == 0 {
        return Err(Refused::ExportEmpty.into());
    }
    if documents > EXPORT_LIMIT {
        return Err(Refused::ExportTooLarge {
            limit: EXPORT_LIMIT,
        }
        .into());
    }
    let now = ctx.now();
    let mut tx = db.begin_write().await?;
    let pending: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM contract_exports WHERE requested_by = $1 \
         AND (status = $2 OR status = $3)",
    )
    .bind(operator)
    .bind(ExportState::Queued.as_str())
    .bind(ExportState::Running.as_str())
    .fetch_one(&mut *tx)
    .await?;
    if pending >= PENDING_LIMIT {
        return Err(Refused::ExportsPending {
            limit: PENDING_LIMIT,
        }
        .into());
    }
    let row = sqlx::query(&format!(
        "INSERT INTO contract_exports (requested_by, filter_number, filter_login, filter_status, lang, \
         status, documents, created_at) VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7) \
         RETURNING {EXPORT_COLUMNS}"
    ))
    .bind(operator)
    .bind(filter.number.trim())
    .bind(&login)
    .bind(status)
    .bind(lang.tag())
    .bind(documents)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let export = export_of(&row)?;
    audit::record(
        &mut tx,
        now,
        actor,
        Change {
            detail: Some(AuditDetail::Items {
                count: documents as usize,
            }),
            ..Change::of(AuditAction::ContractsExported)
        },
    )
    .await?;
    tx.commit().await?;
    Ok(export)
}

/// The newest exports, for the operator console.
pub async fn recent(ctx: &Ctx, limit: i64) -> ServiceResult<Vec<Export>> {
    let rows = sqlx::query(&format!(
        "SELECT {EXPORT_COLUMNS} FROM contract_exports ORDER BY created_at DESC, id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(&ctx.db.pool)
    .await?;
    rows.iter().map(export_of).collect()
}

/// A finished export's file, while its link is valid; `NotFound` otherwise (an unknown
/// id), `ExportExpired` after its 24 hours.
pub async fn open(ctx: &Ctx, id: i64) -> ServiceResult<(Export, FileStream)> {
    let row = sqlx::query(&format!(
        "SELECT {EXPORT_COLUMNS} FROM contract_exports WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&ctx.db.pool)
    .await?
    .ok_or(ServiceError::NotFound)?;
    let export = export_of(&row)?;
    if !export.downloadable(ctx.now()) {
        return Err(match export.state {
            ExportState::Done => ServiceError::Refused(Refused::ExportExpired),
            _ => ServiceError::NotFound,
        });
    }
    let name = export.file_name.clone().unwrap_or_default();
    let file = ctx
        .storage
        .open_file(&name)
        .await
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    Ok((export, file))
}

/// Writes the oldest export waiting (or abandoned by a stopped instance), if any, with
/// the manifest worded by `words`; whether there was one.
pub async fn run_next<W: ArchiveWords>(
    ctx: &Ctx,
    instance: &str,
    words: impl Fn(Lang) -> W,
) -> ServiceResult<bool> {
    let Some(export) = claim(ctx, instance).await? else {
        return Ok(false);
    };
    let entries = entries(ctx, &export.filter).await?;
    let documents = entries.len();
    let name = new_file_name();
    let chunks = archive::stream(ctx.storage.clone(), entries, words(export.lang));
    let now = || ctx.now();
    match ctx.storage.put_file(&name, chunks).await {
        Ok(file) => {
            let done = sqlx::query(
                "UPDATE contract_exports SET status = $9, file_name = $1, size_bytes = $2, \
                 sha256 = $3, documents = $4, finished_at = $5, expires_at = $6, locked_until = NULL \
                 WHERE id = $7 AND status = $10 AND locked_by = $8",
            )
            .bind(&name)
            .bind(file.size)
            .bind(&file.sha256)
            .bind(documents as i64)
            .bind(now())
            .bind(now() + LINK_VALID_MS)
            .bind(export.id)
            .bind(instance)
            .bind(ExportState::Done.as_str())
            .bind(ExportState::Running.as_str())
            .execute(&ctx.db.pool)
            .await?;
            if done.rows_affected() == 0 {
                // Taken over meanwhile: the other instance's file is the one offered.
                let _ = ctx.storage.remove_file(&name).await;
            }
            tracing::info!(export = export.id, documents, "export written");
        }
        Err(e) => {
            tracing::error!(export = export.id, "export failed: {e}");
            sqlx::query(
                "UPDATE contract_exports SET status = $4, finished_at = $1, locked_until = NULL \
                 WHERE id = $2 AND locked_by = $3",
            )
            .bind(now())
            .bind(export.id)
            .bind(instance)
            .bind(ExportState::Failed.as_str())
            .execute(&ctx.db.pool)
            .await?;
        }
    }
    Ok(true)
}

/// Gives back `instance`'s claim on the export it was writing (it is stopping).
pub async fn release(ctx: &Ctx, instance: &str) -> ServiceResult<()> {
    sqlx::query(
        "UPDATE contract_exports SET status = $2, locked_by = NULL, locked_until = NULL \
         WHERE status = $3 AND locked_by = $1",
    )
    .bind(instance)
    .bind(ExportState::Queued.as_str())
    .bind(ExportState::Running.as_str())
    .execute(&ctx.db.pool)
    .await?;
    Ok(())
}

/// Takes the oldest export to write: queued, or running under a lease that has run out
/// (given up after [`MAX_ATTEMPTS`] claims). An idle instance only reads: it looks every
/// few seconds, and a write each time would cost every instance a commit.
async fn claim(ctx: &Ctx, instance: &str) -> ServiceResult<Option<Export>> {
    let now = ctx.now();
    let open = "(status = 'queued' OR (status = 'running' AND locked_until < $1))";
    let candidate: Option<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT id, attempts FROM contract_exports WHERE {open} ORDER BY created_at, id LIMIT 1"
    ))
    .bind(now)
    .fetch_optional(&ctx.db.pool)
    .await?;
    let Some((id, attempts)) = candidate else {
        return Ok(None);
    };
    if attempts >= MAX_ATTEMPTS {
        sqlx::query(&format!(
            "UPDATE contract_exports SET status = 'failed', finished_at = $1 WHERE id = $2 AND {open}"
        ))
        .bind(now)
        .bind(id)
        .execute(&ctx.db.pool)
        .await?;
        tracing::error!(export = id, "export given up after {attempts} attempts");
        return Ok(None);
    }
    // Guarded: of two instances that read the same candidate, one takes it.
    let row = sqlx::query(&format!(
        "UPDATE contract_exports SET status = 'running', locked_by = $2, locked_until = $3, \
         attempts = attempts + 1 WHERE id = $4 AND {open} RETURNING {EXPORT_COLUMNS}"
    ))
    .bind(now)
    .bind(instance)
    .bind(now + LEASE_MS)
    .bind(id)
    .fetch_optional(&ctx.db.pool)
    .await?;
    row.as_ref().map(export_of).transpose()
}

/// The archive's entries: the matching contracts' documents, oldest first.
async fn entries(ctx: &Ctx, filter: &ExportFilter) -> ServiceResult<Vec<archive::ArchiveEntry>> {
    let (number, login, status) = matching(&filter.number, &filter.login, filter.status);
    let rows = sqlx::query(&format!(
        "SELECT {} FROM contracts c JOIN accounts a ON a.id = c.account_id \
         WHERE {MATCHING} AND {HAS_DOCUMENT} ORDER BY c.created_at, c.id LIMIT $4",
        columns("c")
    ))
    .bind(&number)
    .bind(&login)
    .bind(status)
    .bind(EXPORT_LIMIT)
    .fetch_all(&ctx.db.pool)
    .await?;
    let mut entries = Vec::with_capacity(rows.len());
    for row in &rows {
        entries.extend(archive::entry_of(from_row(row)?));
    }
    Ok(entries)
}

/// Removes the files of exports whose link has ended; how many.
pub async fn purge(ctx: &Ctx) -> ServiceResult<u64> {
    let rows = sqlx::query(
        "SELECT id, file_name FROM contract_exports WHERE file_name IS NOT NULL AND expires_at <= $1",
    )
    .bind(ctx.now())
    .fetch_all(&ctx.db.pool)
    .await?;
    let mut purged = 0;
    for row in &rows {
        let (id, name): (i64, String) = (row.try_get(0)?, row.try_get(1)?);
        if let Err(e) = ctx.storage.remove_file(&name).await {
            tracing::warn!(export = id, "removing an expired export: {e}");
            continue;
        }
        sqlx::query("UPDATE contract_exports SET file_name = NULL WHERE id = $1")
            .bind(id)
            .execute(&ctx.db.pool)
            .await?;
        purged += 1;
    }
    Ok(purged)
}
