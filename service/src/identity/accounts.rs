//! Accounts: registration, authentication (with throttling), lookup and demo real-name
//! verification.

use domain::account::{self, AccountKind, RealNameStatus, Role};
use domain::field_errors::FieldErrors;
use domain::ids::mask_id;
use domain::AuditDetail;
use domain::Check;
use domain::Refused;
use domain::{ActorKind, AuditAction};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::error::{ServiceError, ServiceResult};
use crate::identity::passwords::{self, Priority};
use crate::identity::throttle::{self, Caller};
use crate::platform::audit::{self, Actor, Change};
use crate::platform::clock::today_cst;
use crate::platform::db::{is_unique_violation, Db};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    pub login: String,
    pub role: Role,
    pub kind: AccountKind,
    pub realname: RealNameStatus,
    pub subject_name: Option<String>,
    pub id_number_masked: Option<String>,
    pub subject_hold: bool,
    pub esign_activated: bool,
}

impl Account {
    pub fn is_verified(&self) -> bool {
        self.realname == RealNameStatus::Verified
    }
}

pub(crate) const COLUMNS: &str =
    "id, login, role, kind, realname_status, subject_name, id_number_masked, \
     subject_hold, esign_activated_at";

pub(crate) fn from_row(row: &AnyRow) -> ServiceResult<Account> {
    let bad = |what: &str| ServiceError::Internal(format!("bad {what} in accounts row"));
    Ok(Account {
        id: row.try_get("id")?,
        login: row.try_get("login")?,
        role: Role::parse(&row.try_get::<String, _>("role")?).ok_or_else(|| bad("role"))?,
        kind: AccountKind::parse(&row.try_get::<String, _>("kind")?).ok_or_else(|| bad("kind"))?,
        realname: RealNameStatus::parse(&row.try_get::<String, _>("realname_status")?)
            .ok_or_else(|| bad("realname_status"))?,
        subject_name: row.try_get("subject_name")?,
        id_number_masked: row.try_get("id_number_masked")?,
        subject_hold: row.try_get::<i64, _>("subject_hold")? != 0,
        esign_activated: row
            .try_get::<Option<i64>, _>("esign_activated_at")?
            .is_some(),
    })
}

pub async fn find(db: &Db, id: i64) -> ServiceResult<Account> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM accounts WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(ServiceError::NotFound)?;
    from_row(&row)
}

pub async fn find_by_login(db: &Db, login: &str) -> ServiceResult<Option<Account>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM accounts WHERE login = $1"))
        .bind(login)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// What a new account starts with (registration, seed and the billing API use this).
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub login: String,
    pub password_hash: String,
    pub role: Role,
    pub kind: AccountKind,
    pub realname: RealNameStatus,
    pub subject_name: Option<String>,
    pub id_number_masked: Option<String>,
    /// The billing system's id of the account, when it creates it (written in the same
    /// statement: an account is never visible half-linked).
    pub external_id: Option<String>,
}

/// Inserts an account; a taken login (or billing id) is a field-level conflict.
pub async fn insert(db: &Db, new: &NewAccount, actor: &Actor) -> ServiceResult<Account> {
    let now = db.now();
    let verified_at = (new.realname == RealNameStatus::Verified).then_some(now);
    let mut tx = db.begin_write().await?;
    let inserted = sqlx::query(
        "INSERT INTO accounts (login, password_hash, role, kind, realname_status, subject_name, \
         id_number_masked, verified_at, created_at, updated_at, external_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) RETURNING id",
    )
    .bind(&new.login)
    .bind(&new.password_hash)
    .bind(new.role.as_str())
    .bind(new.kind.as_str())
    .bind(new.realname.as_str())
    .bind(new.subject_name.as_deref())
    .bind(new.id_number_masked.as_deref())
    .bind(verified_at)
    .bind(now)
    .bind(new.external_id.as_deref())
    .fetch_one(&mut *tx)
    .await;
    let id: i64 = match inserted {
        Ok(row) => row.try_get(0)?,
        Err(e) if is_unique_violation(&e) => {
            let mut errors = FieldErrors::new();
            errors.add(account::LOGIN, Check::LoginTaken);
            return Err(ServiceError::Conflict(errors));
        }
        Err(e) => return Err(e.into()),
    };
    let actor = if actor.id.is_none() && actor.kind == ActorKind::Customer {
        Actor::customer(id, actor.ip)
    } else {
        actor.clone()
    };
    audit::record(
        &mut tx,
        now,
        &actor,
        Change {
            account_id: Some(id),
            after: Some(new.realname.as_str().into()),
            ..Change::of(AuditAction::AccountRegistered)
        },
    )
    .await?;
    tx.commit().await?;
    find(db, id).await
}

/// Self-service registration of a customer account (unverified until real-name
/// verification).
pub async fn register(
    db: &Db,
    login: &str,
    password: &str,
    password_confirm: &str,
    kind: AccountKind,
    ip: Option<std::net::IpAddr>,
) -> ServiceResult<Account> {
    let login = account::validate_registration(login, password, password_confirm)
        .map_err(ServiceError::Validation)?;
    let password_hash = passwords::hash(password.to_string()).await?;
    let new = NewAccount {
        login,
        password_hash,
        role: Role::Customer,
        kind,
        realname: RealNameStatus::Unverified,
        subject_name: None,
        id_number_masked: None,
        external_id: None,
    };
    insert(
        db,
        &new,
        &Actor {
            kind: ActorKind::Customer,
            id: None,
            ip,
        },
    )
    .await
}

/// Whether the demo seed's accounts (a published password) may sign in: only when the
/// server runs in demo mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoAccounts {
    Allowed,
    Refused,
}

/// Checks a login and password from `caller`. A hashing slot is taken first (`Busy`
/// when none is free, which is not charged), then the attempt is charged (see
/// `throttle`); a string that cannot be a login is refused at once, without a hash. A
/// refused demo account answers like an unknown login.
pub async fn authenticate(
    db: &Db,
    login: &str,
    password: &str,
    caller: &Caller,
    demo: DemoAccounts,
    now: i64,
) -> ServiceResult<Account> {
    let Ok(login) = account::normalize_login(login) else {
        return Err(ServiceError::BadCredentials);
    };
    let slot = passwords::slot(if caller.is_known() {
        Priority::Known
    } else {
        Priority::Stranger
    })?;
    let attempt = throttle::charge(db, &login, caller, now).await?;
    let row = sqlx::query("SELECT id, password_hash, demo FROM accounts WHERE login = $1")
        .bind(&login)
        .fetch_optional(&db.pool)
        .await?;
    let (id, hash) = match row {
        Some(row) if demo == DemoAccounts::Allowed || row.try_get::<i64, _>(2)? == 0 => (
            Some(row.try_get::<i64, _>(0)?),
            Some(row.try_get::<String, _>(1)?),
        ),
        _ => (None, None),
    };
    let ok = passwords::verify_in(slot, password.to_string(), hash).await?;
    match (ok, id) {
        (true, Some(id)) => {
            throttle::succeeded(db, attempt, now).await?;
            find(db, id).await
        }
        _ => Err(ServiceError::BadCredentials),
    }
}

/// Demo-mode real-name verification (production verification arrives from the billing
/// system): checks the USCC / resident ID and marks the account verified.
pub async fn verify_realname_demo(
    db: &Db,
    account_id: i64,
    subject_name: &str,
    id_number: &str,
    actor: &Actor,
) -> ServiceResult<Account> {
    let account = find(db, account_id).await?;
    if account.is_verified() {
        return Err(Refused::AlreadyVerified.into());
    }
    let today = today_cst(db.now());
    let (name, id) = account::validate_verification(account.kind, subject_name, id_number, today)
        .map_err(ServiceError::Validation)?;
    let now = db.now();
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE accounts SET realname_status = $5, subject_name = $1, id_number_masked = $2, \
         verified_at = $3, updated_at = $3 WHERE id = $4",
    )
    .bind(&name)
    .bind(mask_id(&id))
    .bind(now)
    .bind(account_id)
    .bind(RealNameStatus::Verified.as_str())
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        now,
        actor,
        Change {
            account_id: Some(account_id),
            before: Some("unverified".into()),
            after: Some("verified".into()),
            detail: Some(AuditDetail::Subject { name }),
            ..Change::of(AuditAction::RealnameVerified)
        },
    )
    .await?;
    tx.commit().await?;
    find(db, account_id).await
}
