//! Reading contracts, always scoped to the signed-in account: another account's contract
//! is indistinguishable from a missing one (NotFound).

use domain::AuditDetail;
use domain::ContractNumber;
use domain::{ActorKind, AuditAction, ContractState, ContractType, Status};
use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::row::{from_row, Contract, ContractItem, COLUMNS};
use crate::error::{ServiceError, ServiceResult};
use crate::platform::db::Db;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractFilter {
    pub kind: Option<ContractType>,
    pub status: Option<Status>,
    /// Part of a contract number.
    pub number: String,
    /// 1-based.
    pub page: i64,
    pub per_page: i64,
    /// Only contracts with a document to download (the bulk download's list).
    pub with_document: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContractPage {
    pub rows: Vec<Contract>,
    /// How many contracts match, counted up to [`COUNT_CAP`].
    pub total: i64,
    /// More than [`COUNT_CAP`] match (`total` is then the cap): pages past it are still
    /// reachable one by one.
    pub more: bool,
    pub page: i64,
    pub per_page: i64,
}

/// Counting stops here: a customer with 100,000 contracts gets "1,000+ pages" in a
/// millisecond instead of an exact count in 30 ms on every page view (benches/scale_db.rs).
pub const COUNT_CAP: i64 = 10_000;

/// The account's contracts, newest first; deleted ones are not listed. Only the filters
/// given reach the SQL, so each query is one the planner answers from an index: a whole
/// contract number is an exact lookup, a fragment a substring match.
pub async fn list(
    db: &Db,
    account_id: i64,
    filter: &ContractFilter,
) -> ServiceResult<ContractPage> {
    let per_page = filter.per_page.clamp(1, 100);
    let page = filter.page.clamp(1, 100_000);
    let number = filter.number.trim();
    let mut conditions = String::from("account_id = $1 AND status <> 'deleted'");
    if filter.with_document {
        conditions.push_str(" AND (draft_pdf_key IS NOT NULL OR formal_pdf_key IS NOT NULL)");
    }
    let mut binds: Vec<String> = Vec::new();
    let whole = domain::contract::is_whole_number(number);
    let fragment = !number.is_empty() && !whole;
    let mut bind = |condition: &str, value: String| {
        binds.push(value);
        conditions.push_str(&condition.replace('?', &format!("${}", binds.len() + 1)));
    };
    if let Some(kind) = filter.kind {
        bind(" AND kind = ?", kind.as_str().to_string());
    }
    if let Some(status) = filter.status {
        bind(" AND status = ?", status.as_str().to_string());
    }
    if whole {
        bind(" AND number = ?", number.to_string());
    } else if fragment {
        bind(
            " AND number LIKE ? ESCAPE '\\'",
            format!("%{}%", crate::contracts::items::escape_like(number)),
        );
    }
    let limit = binds.len() + 2;
    let paged = format!(
        "SELECT {COLUMNS} FROM contracts WHERE {conditions} \
         ORDER BY created_at DESC, id DESC LIMIT ${limit} OFFSET ${}",
        limit + 1
    );
    // A fragment's query is planned for its pattern each time (not kept as a prepared
    // statement): after five runs PostgreSQL switches a kept statement to a generic plan,
    // which cannot know that the pattern is rare and walks the account's contracts by
    // date past every row (48 ms at 100,000 contracts) instead of reading the trigram
    // index (migration 18; scripts/bench-scale.sh).
    let mut rows = sqlx::query(&paged).persistent(!fragment).bind(account_id);
    for value in &binds {
        rows = rows.bind(value);
    }
    let rows = rows
        .bind(per_page)
        .bind((page - 1) * per_page)
        .fetch_all(&db.pool)
        .await?;
    // A first page that is not full is every match: most accounts' lists, counted
    // without a second query.
    let counted = if page == 1 && (rows.len() as i64) < per_page {
        rows.len() as i64
    } else {
        let counted = format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM contracts WHERE {conditions} LIMIT {}) capped",
            COUNT_CAP + 1
        );
        let mut count = sqlx::query(&counted).persistent(!fragment).bind(account_id);
        for value in &binds {
            count = count.bind(value);
        }
        count.fetch_one(&db.pool).await?.try_get(0)?
    };
    Ok(ContractPage {
        rows: rows.iter().map(from_row).collect::<ServiceResult<_>>()?,
        total: counted.min(COUNT_CAP),
        more: counted > COUNT_CAP,
        page,
        per_page,
    })
}

/// One of the account's contracts by number (deleted ones are gone).
pub async fn find_for_account(
    db: &Db,
    account_id: i64,
    number: &ContractNumber,
) -> ServiceResult<Contract> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM contracts WHERE number = $1 AND account_id = $2 AND status <> $3"
    ))
    .bind(number.as_str())
    .bind(account_id)
    .bind(Status::Deleted.as_str())
    .fetch_optional(&db.pool)
    .await?
    .ok_or(ServiceError::NotFound)?;
    from_row(&row)
}

/// A contract by number whoever owns it: the operator's view (never a customer's).
pub async fn find_any(db: &Db, number: &ContractNumber) -> ServiceResult<Contract> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM contracts WHERE number = $1"
    ))
    .bind(number.as_str())
    .fetch_optional(&db.pool)
    .await?
    .ok_or(ServiceError::NotFound)?;
    from_row(&row)
}

pub async fn items_of(db: &Db, contract_id: i64) -> ServiceResult<Vec<ContractItem>> {
    let rows = sqlx::query(
        "SELECT item_id, item_ref, description, detail, amount_fen, occurred_at FROM contract_items \
         WHERE contract_id = $1 ORDER BY occurred_at DESC, id",
    )
    .bind(contract_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(|r| item_from_row(r, 0)).collect()
}

/// The item whose columns `item_id, item_ref, description, detail, amount_fen,
/// occurred_at` start at column `first` of `row`.
pub fn item_from_row(row: &sqlx::any::AnyRow, first: usize) -> ServiceResult<ContractItem> {
    Ok(ContractItem {
        item_id: row.try_get(first)?,
        reference: row.try_get(first + 1)?,
        description: row.try_get(first + 2)?,
        detail: row.try_get(first + 3)?,
        amount_fen: row.try_get(first + 4)?,
        occurred_at: row.try_get(first + 5)?,
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at_ms: i64,
    /// None for a token this build does not know (a retired or a newer one).
    pub action: Option<AuditAction>,
    /// Who acted; a token this build does not know reads as the system, as it always has.
    pub actor_kind: ActorKind,
    pub state_after: Option<ContractState>,
    pub detail: Option<AuditDetail>,
}

/// The contract's audit events, oldest first.
pub async fn timeline(db: &Db, contract_id: i64) -> ServiceResult<Vec<TimelineEntry>> {
    let rows = sqlx::query(
        "SELECT created_at, action, actor_kind, state_after, detail FROM audit_events \
         WHERE contract_id = $1 ORDER BY id",
    )
    .bind(contract_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(TimelineEntry {
                at_ms: r.try_get(0)?,
                action: AuditAction::parse(&r.try_get::<String, _>(1)?),
                actor_kind: ActorKind::parse(&r.try_get::<String, _>(2)?)
                    .unwrap_or(ActorKind::System),
                state_after: r
                    .try_get::<Option<String>, _>(3)?
                    .and_then(|t| ContractState::parse_token(&t)),
                detail: r
                    .try_get::<Option<String>, _>(4)?
                    .map(|d| AuditDetail::from_stored(&d)),
            })
        })
        .collect()
}
