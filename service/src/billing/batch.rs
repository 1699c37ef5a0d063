//! The one routine every batch of billing items goes through ([`upsert`]), and how its
//! problems are collected and reported.

use std::collections::{HashMap, HashSet};

use domain::billing::{validate_reference, ItemError, Problem, MAX_BATCH};
use domain::{AuditAction, AuditDetail};
use sqlx::{AnyConnection, Row};

use crate::ctx::Ctx;
use crate::error::{ServiceError, ServiceResult};
use crate::platform::audit::{Actor, Change};

/// Why a batch was not written.
#[derive(Debug)]
pub enum BatchError {
    /// Items that failed their checks; nothing was written.
    Items(Vec<ItemError>),
    /// Every item is well-formed, but some name an account this side does not know (yet)
    /// or a reference another account holds: the same batch may pass once the data it
    /// refers to is in place. Nothing was written.
    Conflicts(Vec<ItemError>),
    Service(ServiceError),
}

impl<E: Into<ServiceError>> From<E> for BatchError {
    fn from(e: E) -> Self {
        BatchError::Service(e.into())
    }
}

/// One kind of item the billing system pushes, for [`upsert`]: where it is kept, the
/// checks of its own fields, and the values its upsert binds.
pub trait BatchItem: Sync {
    /// The table, and its column of the billing system's reference (unique).
    const TABLE: &'static str;
    const REFERENCE: &'static str;
    /// Inserts or updates one item: `$1` the account's id, `$2` the reference, then the
    /// values [`BatchItem::bind_values`] binds.
    const UPSERT: &'static str;
    /// The audit action of a batch.
    const ACTION: AuditAction;

    fn reference(&self) -> &str;
    /// The account's external id.
    fn account(&self) -> &str;
    /// Each field's check, by the field's name in the API, in the order they are listed.
    fn checks(&self) -> Vec<(&'static str, Result<(), Problem>)>;
    fn bind_values<'q>(&'q self, query: AnyQuery<'q>) -> AnyQuery<'q>;
}

/// A statement with its arguments, as [`BatchItem::bind_values`] extends it.
pub type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Upserts a batch of items of one kind, all or nothing: every item checked (its fields,
/// its account, that no other account holds its reference), then every item written and
/// the batch audited, in one transaction.
pub async fn upsert<I: BatchItem>(
    ctx: &Ctx,
    items: &[I],
    actor: &Actor,
) -> Result<usize, BatchError> {
    let mut problems = start_batch(items.iter().map(I::reference))?;
    for (index, item) in items.iter().enumerate() {
        let reference = item.reference();
        problems.check(
            index,
            reference,
            "account",
            validate_reference(item.account()),
        );
        for (field, result) in item.checks() {
            problems.check(index, reference, field, result);
        }
    }
    let mut tx = ctx.db.begin_write().await?;
    let pairs: Vec<(&str, &str)> = items.iter().map(|i| (i.reference(), i.account())).collect();
    let owners = resolve_owners(&mut tx, &mut problems, I::TABLE, I::REFERENCE, &pairs).await?;
    problems.verdict()?;
    for (item, account_id) in items.iter().zip(owners) {
        let query = sqlx::query(I::UPSERT)
            .bind(account_id)
            .bind(item.reference());
        item.bind_values(query).execute(&mut *tx).await?;
    }
    audit_batch(&mut tx, ctx.now(), actor, I::ACTION, items.len()).await?;
    tx.commit().await?;
    Ok(items.len())
}

/// Collects item errors in order: the items' own (`invalid`), and those about data they
/// refer to (`conflicts`).
#[derive(Default)]
struct Problems {
    invalid: Vec<ItemError>,
    conflicts: Vec<ItemError>,
}

fn item_error(index: usize, reference: &str, field: &str, problem: Problem) -> ItemError {
    ItemError {
        index,
        reference: reference.to_string(),
        field: field.to_string(),
        problem,
    }
}

impl Problems {
    fn check(&mut self, index: usize, reference: &str, field: &str, result: Result<(), Problem>) {
        if let Err(problem) = result {
            self.invalid
                .push(item_error(index, reference, field, problem));
        }
    }

    fn conflict(&mut self, index: usize, reference: &str, field: &str, problem: Problem) {
        self.conflicts
            .push(item_error(index, reference, field, problem));
    }

    /// Ok when nothing is wrong; the items' own problems come first (all of them, with
    /// the conflicts, so one answer lists everything).
    fn verdict(mut self) -> Result<(), BatchError> {
        if !self.invalid.is_empty() {
            self.invalid.append(&mut self.conflicts);
            self.invalid.sort_by_key(|e| e.index);
            Err(BatchError::Items(self.invalid))
        } else if !self.conflicts.is_empty() {
            Err(BatchError::Conflicts(self.conflicts))
        } else {
            Ok(())
        }
    }
}

/// The batch-level checks and the per-item references: size, duplicates, shape.
fn start_batch<'a>(references: impl Iterator<Item = &'a str>) -> Result<Problems, BatchError> {
    let references: Vec<&str> = references.collect();
    if references.is_empty() || references.len() > MAX_BATCH {
        return Err(BatchError::Service(ServiceError::billing(
            "items",
            Problem::BatchSize,
        )));
    }
    let mut problems = Problems::default();
    let mut seen = HashSet::new();
    for (index, reference) in references.iter().enumerate() {
        problems.check(index, reference, "reference", validate_reference(reference));
        // Which of two items would win is not for us to guess; a conflict, like a
        // reference another account holds.
        if !seen.insert(*reference) {
            problems.conflict(index, reference, "reference", Problem::DuplicateInBatch);
        }
    }
    Ok(problems)
}

/// `$1, $2, …, $n`: the placeholders of an `IN` list of `n` bound values (a batch has at
/// most [`MAX_BATCH`], far below either database's limit on bound values).
fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `SELECT key, value FROM … WHERE key IN (values)` in one statement: what each distinct
/// value maps to, for those that map to something.
async fn lookup(
    conn: &mut AnyConnection,
    select: &str,
    values: HashSet<&str>,
) -> ServiceResult<HashMap<String, i64>> {
    if values.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!("{select} IN ({})", placeholders(values.len()));
    let mut query = sqlx::query(&sql);
    for value in values {
        query = query.bind(value);
    }
    let mut found = HashMap::new();
    for row in query.fetch_all(conn).await? {
        found.insert(row.try_get(0)?, row.try_get(1)?);
    }
    Ok(found)
}

/// Checks that every item's account exists and that no reference belongs to another
/// account; returns each item's account id.
async fn resolve_owners(
    conn: &mut AnyConnection,
    problems: &mut Problems,
    table: &str,
    column: &str,
    items: &[(&str, &str)],
) -> ServiceResult<Vec<i64>> {
    let accounts = lookup(
        conn,
        "SELECT external_id, id FROM accounts WHERE external_id",
        items.iter().map(|(_, account)| *account).collect(),
    )
    .await?;
    // The accounts already holding these references: one statement for the batch.
    let holders = lookup(
        conn,
        &format!("SELECT {column}, account_id FROM {table} WHERE {column}"),
        items.iter().map(|(reference, _)| *reference).collect(),
    )
    .await?;
    let mut resolved = Vec::with_capacity(items.len());
    for (index, (reference, account)) in items.iter().enumerate() {
        let Some(&id) = accounts.get(*account) else {
            // A malformed id is the item's own problem, reported by its checks.
            if validate_reference(account).is_ok() {
                problems.conflict(index, reference, "account", Problem::UnknownAccount);
            }
            resolved.push(0);
            continue;
        };
        if holders.get(*reference).is_some_and(|&holder| holder != id) {
            problems.conflict(index, reference, "reference", Problem::OtherAccount);
        }
        resolved.push(id);
    }
    Ok(resolved)
}

async fn audit_batch(
    conn: &mut AnyConnection,
    at: i64,
    actor: &Actor,
    action: AuditAction,
    count: usize,
) -> ServiceResult<()> {
    crate::platform::audit::record(
        conn,
        at,
        actor,
        Change {
            detail: Some(AuditDetail::Items { count }),
            ..Change::of(action)
        },
    )
    .await?;
    Ok(())
}
