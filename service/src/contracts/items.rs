//! The items a contract covers — orders, ICP filings, recharge records — as the picker
//! shows them: searchable, filterable, keyset-paged (fast at any depth), each with its
//! eligibility (R5) and, if another contract holds it, that contract's number (R7).
//! A filing held by an expired filing contract is free again (R8).

use domain::eligibility::order_eligibility;
pub use domain::picker::{Cursor, PickerPage, PickerQuery, PickerRow};
use domain::Check;
use domain::Refused;
use domain::{BillingMode, ContractType};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::error::{ServiceError, ServiceResult};
use crate::platform::db::{Db, Dialect};

pub const MAX_PAGE: i64 = 100;

/// Per kind: the table, its columns as (id, reference, description, detail, amount, date),
/// and the columns searched.
struct Source {
    table: &'static str,
    reference: &'static str,
    description: &'static str,
    detail: &'static str,
    amount: &'static str,
    date: &'static str,
}

fn source(kind: ContractType) -> ServiceResult<Source> {
    match kind {
        ContractType::Order => Ok(Source {
            table: "orders",
            reference: "order_no",
            description: "product",
            detail: "billing_mode",
            amount: "amount_fen",
            date: "created_at",
        }),
        ContractType::Filing => Ok(Source {
            table: "icp_filings",
            reference: "filing_no",
            description: "site_name",
            detail: "domain",
            amount: "0",
            date: "created_at",
        }),
        ContractType::Recharge => Ok(Source {
            table: "recharge_records",
            reference: "record_no",
            description: "channel",
            detail: "channel",
            amount: "amount_fen",
            date: "paid_at",
        }),
        ContractType::Framework => Err(Refused::ItemsNotAllowed.into()),
    }
}

fn to_row(kind: ContractType, row: &AnyRow, now: i64) -> ServiceResult<PickerRow> {
    let raw_detail: String = row.try_get(3)?;
    let date_ms: i64 = row.try_get(5)?;
    let billing_mode = match kind {
        ContractType::Order => Some(
            BillingMode::parse(&raw_detail)
                .ok_or_else(|| ServiceError::Internal(format!("bad billing mode {raw_detail}")))?,
        ),
        _ => None,
    };
    let ineligible = billing_mode.and_then(|mode| order_eligibility(mode, date_ms).err());
    let holder: Option<String> = row.try_get(6)?;
    let holder_expires: Option<i64> = row.try_get(7)?;
    // R8: a filing contract past its term no longer holds its filings.
    let occupied_by = holder.filter(|_| holder_expires.is_none_or(|at| at > now));
    Ok(PickerRow {
        id: row.try_get(0)?,
        reference: row.try_get(1)?,
        description: row.try_get(2)?,
        detail: billing_mode
            .map(|m| m.label().to_string())
            .unwrap_or(raw_detail),
        billing_mode,
        amount_fen: row.try_get(4)?,
        date_ms,
        ineligible,
        occupied_by,
    })
}

fn select_sql(kind: ContractType, s: &Source, filter: &str) -> String {
    format!(
        "SELECT i.id, i.{reference}, i.{description}, i.{detail}, {amount}, i.{date}, c.number, c.expires_at \
         FROM {table} i \
         LEFT JOIN contract_items ci ON ci.item_kind = '{kind}' AND ci.item_id = i.id AND ci.released_at IS NULL \
         LEFT JOIN contracts c ON c.id = ci.contract_id \
         WHERE i.account_id = $1 {filter}",
        reference = s.reference,
        description = s.description,
        detail = s.detail,
        // A bare 0 would be INTEGER (i32) on PostgreSQL; the Any driver reads BIGINT as i64.
        amount = if s.amount == "0" { "CAST(0 AS BIGINT)".to_string() } else { format!("i.{}", s.amount) },
        date = s.date,
        table = s.table,
        kind = kind.as_str(),
    )
}

/// One page of the picker for `kind`, newest first.
pub async fn pick(
    db: &Db,
    account_id: i64,
    kind: ContractType,
    q: &PickerQuery,
    now: i64,
) -> ServiceResult<PickerPage> {
    let s = source(kind)?;
    let limit = q.limit.clamp(1, MAX_PAGE);
    let search = q.search.trim();
    let filter = format!(
        "AND ($2 = '' OR i.{reference} LIKE $3 ESCAPE '\\' OR i.{description} LIKE $3 ESCAPE '\\') \
         AND ($4 = '' OR i.{detail} = $4) \
         AND i.{date} >= $5 AND i.{date} < $6 \
         AND {keyset} \
         ORDER BY i.{date} DESC, i.id DESC LIMIT $9",
        reference = s.reference,
        description = s.description,
        detail = s.detail,
        date = s.date,
        keyset = keyset_condition(db.dialect, s.date),
    );
    let mode = match (kind, q.billing_mode) {
        (ContractType::Order, Some(mode)) => mode.as_str(),
        _ => "",
    };
    let after = q.after.unwrap_or(Cursor {
        date_ms: i64::MAX,
        id: i64::MAX,
    });
    let rows = sqlx::query(&select_sql(kind, &s, &filter))
        .bind(account_id)
        .bind(search)
        .bind(format!("%{}%", escape_like(search)))
        .bind(mode)
        .bind(q.from_ms.unwrap_or(i64::MIN))
        .bind(q.to_ms.unwrap_or(i64::MAX))
        .bind(after.date_ms)
        .bind(after.id)
        .bind(limit + 1)
        .fetch_all(&db.pool)
        .await?;
    let mut out = rows
        .iter()
        .map(|r| to_row(kind, r, now))
        .collect::<ServiceResult<Vec<_>>>()?;
    let next = if out.len() as i64 > limit {
        out.truncate(limit as usize);
        out.last().map(|r| Cursor {
            date_ms: r.date_ms,
            id: r.id,
        })
    } else {
        None
    };
    Ok(PickerPage { rows: out, next })
}

/// "Older than the cursor ($7, $8)", in the form each planner answers from the
/// (account, date, id) index. Measured by `benches/picker.rs` at 9,000 rows deep:
/// PostgreSQL needs the row-value comparison (0.3 ms vs 2.9 ms expanded), SQLite the
/// expanded form (0.1 ms vs 1.0 ms as a row value).
fn keyset_condition(dialect: Dialect, date: &str) -> String {
    match dialect {
        Dialect::Postgres => format!("(i.{date}, i.id) < ($7, $8)"),
        Dialect::Sqlite => format!("(i.{date} < $7 OR (i.{date} = $7 AND i.id < $8))"),
    }
}

/// Escapes LIKE wildcards so user input matches literally (used with `ESCAPE '\'`,
/// which SQLite and PostgreSQL both understand).
pub(crate) fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The selected items of `kind` owned by `account_id`, in the given order; unknown ids
/// (or another account's) are reported as missing.
pub async fn selected(
    db: &Db,
    account_id: i64,
    kind: ContractType,
    ids: &[i64],
    now: i64,
) -> ServiceResult<Vec<PickerRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let s = source(kind)?;
    let placeholders: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
    let filter = format!("AND i.id IN ({})", placeholders.join(", "));
    let sql = select_sql(kind, &s, &filter);
    let mut q = sqlx::query(&sql).bind(account_id);
    for id in ids {
        q = q.bind(*id);
    }
    let rows = q.fetch_all(&db.pool).await?;
    let mut found = rows
        .iter()
        .map(|r| to_row(kind, r, now))
        .collect::<ServiceResult<Vec<_>>>()?;
    if found.len() != ids.len() {
        return Err(ServiceError::field(
            domain::new_contract::ITEMS,
            Check::ItemsMissing,
        ));
    }
    found.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
    Ok(found)
}
