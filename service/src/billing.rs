//! What the billing system pushes (accounts with their real-name status, orders, ICP
//! filings, recharge records) and reads (contracts, the event feed). Batches are
//! all-or-nothing: every item is checked first, and one bad item names itself and writes
//! nothing. Upserts are idempotent by the billing system's own references.

use domain::AuditDetail;
use std::collections::{HashMap, HashSet};

use domain::account::{AccountKind, RealNameStatus, Role};
use domain::billing::{
    validate_order_amount, validate_reference, validate_text, validate_time, ItemError, Problem,
    AMOUNT_MAX_FEN, MAX_BATCH,
};
use domain::eligibility::BillingMode;
use domain::AuditAction;
use domain::ContractState;
use sqlx::{AnyConnection, Row};

use crate::audit::{Actor, Change};
use crate::clock::today_cst;
use crate::ctx::Ctx;
use crate::db::Db;
use crate::error::{ServiceError, ServiceResult};

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderItem {
    pub order_no: String,
    pub account: String,
    pub product: String,
    pub billing_mode: String,
    pub amount_fen: i64,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilingItem {
    pub filing_no: String,
    pub account: String,
    pub site_name: String,
    pub domain: String,
    pub order_no: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RechargeItem {
    pub record_no: String,
    pub account: String,
    pub amount_fen: i64,
    pub channel: String,
    pub paid_at: i64,
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

/// Account ids by external id, for the accounts a batch names.
async fn account_ids<'a>(
    conn: &mut AnyConnection,
    externals: impl Iterator<Item = &'a str>,
) -> ServiceResult<HashMap<String, i64>> {
    let mut ids = HashMap::new();
    for external in externals.collect::<HashSet<_>>() {
        let row = sqlx::query("SELECT id FROM accounts WHERE external_id = $1")
            .bind(external)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some(row) = row {
            ids.insert(external.to_string(), row.try_get(0)?);
        }
    }
    Ok(ids)
}

/// The account that already holds `reference` in `table`, if any.
async fn owner(
    conn: &mut AnyConnection,
    table: &str,
    column: &str,
    reference: &str,
) -> ServiceResult<Option<i64>> {
    let row = sqlx::query(&format!(
        "SELECT account_id FROM {table} WHERE {column} = $1"
    ))
    .bind(reference)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| r.try_get(0)).transpose()?)
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
    let accounts = account_ids(conn, items.iter().map(|(_, account)| *account)).await?;
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
        if owner(conn, table, column, reference)
            .await?
            .is_some_and(|o| o != id)
        {
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
    crate::audit::record(
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

pub async fn upsert_orders(
    ctx: &Ctx,
    items: &[OrderItem],
    actor: &Actor,
) -> Result<usize, BatchError> {
    let mut problems = start_batch(items.iter().map(|i| i.order_no.as_str()))?;
    for (index, item) in items.iter().enumerate() {
        let reference = &item.order_no;
        problems.check(
            index,
            reference,
            "account",
            validate_reference(&item.account),
        );
        problems.check(
            index,
            reference,
            "product",
            validate_text(&item.product, 100),
        );
        problems.check(
            index,
            reference,
            "created_at",
            validate_time(item.created_at),
        );
        match BillingMode::parse(&item.billing_mode) {
            Some(mode) => problems.check(
                index,
                reference,
                "amount_fen",
                validate_order_amount(mode, item.amount_fen),
            ),
            None => problems.check(
                index,
                reference,
                "billing_mode",
                Err(Problem::BillingModeUnknown),
            ),
        }
    }
    let mut tx = ctx.db.begin_write().await?;
    let pairs: Vec<(&str, &str)> = items
        .iter()
        .map(|i| (i.order_no.as_str(), i.account.as_str()))
        .collect();
    let owners = resolve_owners(&mut tx, &mut problems, "orders", "order_no", &pairs).await?;
    problems.verdict()?;
    for (item, account_id) in items.iter().zip(owners) {
        sqlx::query(
            "INSERT INTO orders (account_id, order_no, product, billing_mode, amount_fen, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_no) DO UPDATE SET product = $3, \
             billing_mode = $4, amount_fen = $5, created_at = $6",
        )
        .bind(account_id)
        .bind(&item.order_no)
        .bind(item.product.trim())
        .bind(&item.billing_mode)
        .bind(item.amount_fen)
        .bind(item.created_at)
        .execute(&mut *tx)
        .await?;
    }
    audit_batch(
        &mut tx,
        ctx.now(),
        actor,
        AuditAction::OrdersUpserted,
        items.len(),
    )
    .await?;
    tx.commit().await?;
    Ok(items.len())
}

pub async fn upsert_filings(
    ctx: &Ctx,
    items: &[FilingItem],
    actor: &Actor,
) -> Result<usize, BatchError> {
    let mut problems = start_batch(items.iter().map(|i| i.filing_no.as_str()))?;
    for (index, item) in items.iter().enumerate() {
        let reference = &item.filing_no;
        problems.check(
            index,
            reference,
            "account",
            validate_reference(&item.account),
        );
        problems.check(
            index,
            reference,
            "site_name",
            validate_text(&item.site_name, 100),
        );
        problems.check(index, reference, "domain", validate_text(&item.domain, 253));
        problems.check(
            index,
            reference,
            "created_at",
            validate_time(item.created_at),
        );
        if let Some(order_no) = &item.order_no {
            problems.check(index, reference, "order_no", validate_reference(order_no));
        }
    }
    let mut tx = ctx.db.begin_write().await?;
    let pairs: Vec<(&str, &str)> = items
        .iter()
        .map(|i| (i.filing_no.as_str(), i.account.as_str()))
        .collect();
    let owners = resolve_owners(&mut tx, &mut problems, "icp_filings", "filing_no", &pairs).await?;
    problems.verdict()?;
    for (item, account_id) in items.iter().zip(owners) {
        sqlx::query(
            "INSERT INTO icp_filings (account_id, filing_no, site_name, domain, order_no, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (filing_no) DO UPDATE SET site_name = $3, \
             domain = $4, order_no = $5, created_at = $6",
        )
        .bind(account_id)
        .bind(&item.filing_no)
        .bind(item.site_name.trim())
        .bind(item.domain.trim())
        .bind(item.order_no.as_deref())
        .bind(item.created_at)
        .execute(&mut *tx)
        .await?;
    }
    audit_batch(
        &mut tx,
        ctx.now(),
        actor,
        AuditAction::FilingsUpserted,
        items.len(),
    )
    .await?;
    tx.commit().await?;
    Ok(items.len())
}

pub async fn upsert_recharges(
    ctx: &Ctx,
    items: &[RechargeItem],
    actor: &Actor,
) -> Result<usize, BatchError> {
    let mut problems = start_batch(items.iter().map(|i| i.record_no.as_str()))?;
    for (index, item) in items.iter().enumerate() {
        let reference = &item.record_no;
        problems.check(
            index,
            reference,
            "account",
            validate_reference(&item.account),
        );
        problems.check(
            index,
            reference,
            "channel",
            validate_text(&item.channel, 50),
        );
        problems.check(index, reference, "paid_at", validate_time(item.paid_at));
        if !(1..=AMOUNT_MAX_FEN).contains(&item.amount_fen) {
            problems.check(index, reference, "amount_fen", Err(Problem::AmountRange));
        }
    }
    let mut tx = ctx.db.begin_write().await?;
    let pairs: Vec<(&str, &str)> = items
        .iter()
        .map(|i| (i.record_no.as_str(), i.account.as_str()))
        .collect();
    let owners = resolve_owners(
        &mut tx,
        &mut problems,
        "recharge_records",
        "record_no",
        &pairs,
    )
    .await?;
    problems.verdict()?;
    for (item, account_id) in items.iter().zip(owners) {
        sqlx::query(
            "INSERT INTO recharge_records (account_id, record_no, amount_fen, channel, paid_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (record_no) DO UPDATE SET amount_fen = $3, \
             channel = $4, paid_at = $5",
        )
        .bind(account_id)
        .bind(&item.record_no)
        .bind(item.amount_fen)
        .bind(item.channel.trim())
        .bind(item.paid_at)
        .execute(&mut *tx)
        .await?;
    }
    audit_batch(
        &mut tx,
        ctx.now(),
        actor,
        AuditAction::RechargesUpserted,
        items.len(),
    )
    .await?;
    tx.commit().await?;
    Ok(items.len())
}

/// An account as the billing system describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountInput {
    /// Needed to create the account (its console login); ignored afterwards.
    pub login: Option<String>,
    pub kind: AccountKind,
    pub verified: bool,
    pub subject_name: Option<String>,
    pub id_number: Option<String>,
}

/// The account after an upsert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountState {
    pub id: i64,
    pub created: bool,
    pub subject_hold: bool,
}

/// Creates or updates the account with this external id. A new verified subject name
/// on an account with an effective contract puts it on hold (R2).
///
/// Two requests for one new account at once (a retry racing the original) both answer
/// as an upsert should: one creates the account, the other finds its insert refused and
/// then the account linked, which it updates.
pub async fn upsert_account(
    ctx: &Ctx,
    external_id: &str,
    input: &AccountInput,
    actor: &Actor,
) -> ServiceResult<AccountState> {
    match upsert_account_once(ctx, external_id, input, actor).await {
        Err(ServiceError::BillingInput(problems))
            if problems == [("login", Problem::LoginTaken)]
                && is_linked(ctx, external_id).await? =>
        {
            upsert_account_once(ctx, external_id, input, actor).await
        }
        other => other,
    }
}

async fn is_linked(ctx: &Ctx, external_id: &str) -> ServiceResult<bool> {
    let found = sqlx::query("SELECT id FROM accounts WHERE external_id = $1")
        .bind(external_id)
        .fetch_optional(&ctx.db.pool)
        .await?;
    Ok(found.is_some())
}

async fn upsert_account_once(
    ctx: &Ctx,
    external_id: &str,
    input: &AccountInput,
    actor: &Actor,
) -> ServiceResult<AccountState> {
    validate_reference(external_id).map_err(|e| ServiceError::billing("external_id", e))?;
    // Required and well-formed on every call, as the API document states, though only a
    // creation (or a link by login) uses it. Reported with the identity's problems, all
    // at once.
    let mut problems = Vec::new();
    match input.login.as_deref().map(domain::account::normalize_login) {
        None => problems.push(("login", Problem::LoginRequired)),
        Some(Err(_)) => problems.push(("login", Problem::LoginInvalid)),
        Some(Ok(_)) => {}
    }
    let verification = if input.verified {
        match domain::account::check_verification(
            input.kind,
            input.subject_name.as_deref().unwrap_or_default(),
            input.id_number.as_deref().unwrap_or_default(),
            today_cst(ctx.now()),
        ) {
            Ok((name, id)) => Some((name, domain::ids::mask_id(&id))),
            Err(found) => {
                problems.extend(found.into_iter().map(|p| (p.field(), Problem::from(p))));
                None
            }
        }
    } else {
        None
    };
    if !problems.is_empty() {
        return Err(ServiceError::BillingInput(problems));
    }
    let mut existing =
        sqlx::query("SELECT id, kind, subject_name FROM accounts WHERE external_id = $1")
            .bind(external_id)
            .fetch_optional(&ctx.db.pool)
            .await?;
    if existing.is_none() {
        // A console account of that login that billing has not linked yet is adopted
        // (the customer registered before billing knew them); otherwise one is created.
        let masked = verification.as_ref().map(|(_, m)| m.as_str());
        if let Some(id) = link_by_login(ctx, external_id, input, masked).await? {
            existing = sqlx::query("SELECT id, kind, subject_name FROM accounts WHERE id = $1")
                .bind(id)
                .fetch_optional(&ctx.db.pool)
                .await?;
        } else {
            return create_account(ctx, external_id, input, verification, actor).await;
        }
    }
    let Some(row) = existing else {
        return Err(ServiceError::NotFound);
    };
    let id: i64 = row.try_get(0)?;
    let kind: String = row.try_get(1)?;
    if kind != input.kind.as_str() {
        return Err(ServiceError::billing("kind", Problem::KindChange));
    }
    let old_name: Option<String> = row.try_get(2)?;
    if let Some((name, masked)) = &verification {
        if old_name.as_deref().is_some_and(|old| old != name) {
            crate::ops::change_subject(ctx, id, name, actor).await?;
        }
        sqlx::query(
            "UPDATE accounts SET realname_status = 'verified', subject_name = $1, id_number_masked = $2, \
             verified_at = COALESCE(verified_at, $3), updated_at = $3 WHERE id = $4",
        )
        .bind(name)
        .bind(masked)
        .bind(ctx.now())
        .bind(id)
        .execute(&ctx.db.pool)
        .await?;
    } else {
        sqlx::query(
            "UPDATE accounts SET realname_status = 'unverified', updated_at = $1 WHERE id = $2",
        )
        .bind(ctx.now())
        .bind(id)
        .execute(&ctx.db.pool)
        .await?;
    }
    let account = crate::accounts::find(&ctx.db, id).await?;
    Ok(AccountState {
        id,
        created: false,
        subject_hold: account.subject_hold,
    })
}

/// Links the unlinked customer account `login` to `external_id` — only when it is the
/// same subject: same kind and already verified with the same (masked) ID number, so a
/// look-alike login registered by someone else never receives another's identity.
async fn link_by_login(
    ctx: &Ctx,
    external_id: &str,
    input: &AccountInput,
    masked_id: Option<&str>,
) -> ServiceResult<Option<i64>> {
    let (Some(login), Some(masked_id)) = (
        input
            .login
            .as_deref()
            .and_then(|l| domain::account::normalize_login(l).ok()),
        masked_id,
    ) else {
        return Ok(None);
    };
    let row = sqlx::query(
        "UPDATE accounts SET external_id = $1 WHERE login = $2 AND external_id IS NULL AND role = 'customer' \
         AND kind = $3 AND realname_status = 'verified' AND id_number_masked = $4 RETURNING id",
    )
    .bind(external_id)
    .bind(&login)
    .bind(input.kind.as_str())
    .bind(masked_id)
    .fetch_optional(&ctx.db.pool)
    .await?;
    Ok(row.map(|r| r.try_get(0)).transpose()?)
}

async fn create_account(
    ctx: &Ctx,
    external_id: &str,
    input: &AccountInput,
    verification: Option<(String, String)>,
    actor: &Actor,
) -> ServiceResult<AccountState> {
    let login = input
        .login
        .as_deref()
        .ok_or_else(|| ServiceError::billing("login", Problem::LoginRequired))?;
    let login = domain::account::normalize_login(login)
        .map_err(|_| ServiceError::billing("login", Problem::LoginInvalid))?;
    // The billing console signs its users in; this account's own password is unusable
    // until the customer sets one.
    let password_hash = crate::passwords::unusable().await?;
    let new = crate::accounts::NewAccount {
        login,
        password_hash,
        role: Role::Customer,
        kind: input.kind,
        realname: if verification.is_some() {
            RealNameStatus::Verified
        } else {
            RealNameStatus::Unverified
        },
        subject_name: verification.as_ref().map(|(n, _)| n.clone()),
        id_number_masked: verification.map(|(_, m)| m),
        external_id: Some(external_id.to_string()),
    };
    // The account and its link in one statement: a failure leaves no unlinked account.
    match crate::accounts::insert(&ctx.db, &new, actor).await {
        Ok(account) => Ok(AccountState {
            id: account.id,
            created: true,
            subject_hold: false,
        }),
        // A unique column collided: the login, or the billing id (another request
        // created this very account; `upsert_account` then updates it).
        Err(ServiceError::Conflict(_)) => Err(ServiceError::billing("login", Problem::LoginTaken)),
        Err(e) => Err(e),
    }
}

/// A contract as the billing system reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct ContractInfo {
    pub contract: crate::contracts::Contract,
    pub account_external_id: Option<String>,
}

pub async fn contract(db: &Db, number: &str) -> ServiceResult<ContractInfo> {
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
    if db.dialect == crate::db::Dialect::Sqlite {
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
        crate::db::Dialect::Postgres => "e.feed_position",
        crate::db::Dialect::Sqlite => "e.id",
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
