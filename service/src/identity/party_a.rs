//! Party A (甲方) profile: one per account, auto-fills new contracts. The name is always
//! the verified subject name and is never stored or edited here (R1).

use domain::party_a::{validate_party_a, PartyAInput};
use domain::AuditAction;
use domain::Refused;
use sqlx::Row;

use crate::error::{ServiceError, ServiceResult};
use crate::identity::accounts;
use crate::platform::audit::{self, Actor, Change};
use crate::platform::db::Db;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyA {
    /// The verified subject name (None while unverified).
    pub name: Option<String>,
    /// The saved profile, or None when nothing has been saved yet.
    pub profile: Option<PartyAInput>,
    /// Expiry notices also go by SMS to the phone each filing contract names for party A
    /// (R24), by the customer's choice; off until chosen.
    pub expiry_sms: bool,
}

pub async fn get(db: &Db, account_id: i64) -> ServiceResult<PartyA> {
    of_account(db, &accounts::find(db, account_id).await?).await
}

/// Party A of an account already read (a page has it from the session).
pub async fn of_account(db: &Db, account: &accounts::Account) -> ServiceResult<PartyA> {
    read(&db.pool, account).await
}

async fn read(db: &sqlx::AnyPool, account: &accounts::Account) -> ServiceResult<PartyA> {
    let row = sqlx::query(&format!(
        "SELECT a.expiry_sms, {PROFILE_COLUMNS} FROM accounts a \
         LEFT JOIN party_a_profiles p ON p.account_id = a.id WHERE a.id = $1"
    ))
    .bind(account.id)
    .fetch_one(db)
    .await?;
    let (profile, expiry_sms) = (profile_at(&row, 1)?, row.try_get::<i64, _>(0)? != 0);
    Ok(PartyA {
        expiry_sms,
        ..of(account, profile)
    })
}

/// The profile's columns, of a table aliased `p` (for a `LEFT JOIN`; see [`profile_at`]).
pub(crate) const PROFILE_COLUMNS: &str = "p.address, p.contact, p.phone, p.email, p.postcode";

/// The profile in a row's columns from `first` on ([`PROFILE_COLUMNS`]); None where they
/// are NULL (a `LEFT JOIN` that found no profile).
pub(crate) fn profile_at(
    row: &sqlx::any::AnyRow,
    first: usize,
) -> ServiceResult<Option<PartyAInput>> {
    let Some(address) = row.try_get::<Option<String>, _>(first)? else {
        return Ok(None);
    };
    Ok(Some(PartyAInput {
        address,
        contact: row.try_get(first + 1)?,
        phone: row.try_get(first + 2)?,
        email: row.try_get(first + 3)?,
        postcode: row.try_get(first + 4)?,
    }))
}

/// Party A of `account` with its saved profile: the name is the verified subject name.
pub(crate) fn of(account: &accounts::Account, profile: Option<PartyAInput>) -> PartyA {
    let verified = account.is_verified();
    PartyA {
        name: account.subject_name.clone().filter(|_| verified),
        profile,
        expiry_sms: false,
    }
}

/// Turns the expiry notices by SMS on or off (R24).
pub async fn set_expiry_sms(
    db: &Db,
    account_id: i64,
    on: bool,
    actor: &Actor,
) -> ServiceResult<PartyA> {
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let changed = sqlx::query("UPDATE accounts SET expiry_sms = $1, updated_at = $2 WHERE id = $3")
        .bind(i64::from(on))
        .bind(now)
        .bind(account_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if changed != 1 {
        return Err(ServiceError::NotFound);
    }
    saved(tx, now, actor, account_id).await?;
    get(db, account_id).await
}

/// Saves the profile (R1: verified accounts only), validated by the same rules the
/// browser runs before submitting.
pub async fn save(
    db: &Db,
    account_id: i64,
    input: &PartyAInput,
    actor: &Actor,
) -> ServiceResult<PartyA> {
    let account = accounts::find(db, account_id).await?;
    if !account.is_verified() {
        return Err(Refused::Gate(domain::gate::CreationBlock::Unverified).into());
    }
    let clean = validate_party_a(input).map_err(ServiceError::Validation)?;
    let now = db.now();
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO party_a_profiles (account_id, address, contact, phone, email, postcode, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (account_id) DO UPDATE SET address = $2, contact = $3, phone = $4, email = $5, \
         postcode = $6, updated_at = $7",
    )
    .bind(account_id)
    .bind(&clean.address)
    .bind(&clean.contact)
    .bind(&clean.phone)
    .bind(&clean.email)
    .bind(&clean.postcode)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    saved(tx, now, actor, account_id).await?;
    get(db, account_id).await
}

/// Records a change of the account's party A settings and commits it.
async fn saved(
    mut tx: sqlx::Transaction<'static, sqlx::Any>,
    now: i64,
    actor: &Actor,
    account_id: i64,
) -> ServiceResult<()> {
    let change = Change {
        account_id: Some(account_id),
        ..Change::of(AuditAction::PartyASaved)
    };
    audit::record(&mut tx, now, actor, change).await?;
    tx.commit().await?;
    Ok(())
}
