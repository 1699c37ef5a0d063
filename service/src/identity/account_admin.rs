//! Passwords after registration: the person running the service creates a real operator
//! account (the demo's `ops_demo` exists only in demo mode) and sets any account's
//! password from the command line; a signed-in user changes their own with the current
//! one. Passwords follow the same rules as registration; a new password ends the account's
//! other sessions.

use domain::account::{
    self, AccountKind, RealNameStatus, Role, CURRENT_PASSWORD, LOGIN, PASSWORD, PASSWORD_CONFIRM,
};
use domain::field_errors::FieldErrors;
use domain::AuditAction;
use domain::Check;

use crate::error::{ServiceError, ServiceResult};
use crate::identity::accounts::{self, Account, NewAccount};
use crate::platform::audit::{self, Actor, Change};
use crate::platform::db::Db;
use crate::{identity::passwords, identity::throttle};

/// Creates an operator account; a taken login is a `Conflict` on the login field.
pub async fn create_operator(db: &Db, login: &str, password: &str) -> ServiceResult<Account> {
    let login = account::validate_registration(login, password, password)
        .map_err(ServiceError::Validation)?;
    let new = NewAccount {
        login,
        password_hash: passwords::hash(password.to_string()).await?,
        role: Role::Operator,
        kind: AccountKind::Enterprise,
        realname: RealNameStatus::Unverified,
        subject_name: None,
        id_number_masked: None,
        external_id: None,
    };
    accounts::insert(db, &new, &Actor::system()).await
}

/// Sets `login`'s password and ends every session of that account, so whoever held one
/// with the old password is signed out. `NotFound` for an unknown login.
pub async fn set_password(db: &Db, login: &str, password: &str) -> ServiceResult<()> {
    let mut errors = FieldErrors::new();
    let login = account::normalize_login(login)
        .map_err(|m| errors.add(LOGIN, m))
        .ok();
    if let Err(m) = account::validate_password(password) {
        errors.add(PASSWORD, m);
    }
    let Some(login) = login.filter(|_| errors.is_empty()) else {
        return Err(ServiceError::Validation(errors));
    };
    let account = accounts::find_by_login(db, &login)
        .await?
        .ok_or(ServiceError::NotFound)?;
    replace_password(db, account.id, password, &Actor::system()).await
}

/// A signed-in user's own change: the current password first (charged to the login
/// throttle like a sign-in, so a borrowed session cannot be used to guess it), then the
/// new one twice. Every session of the account ends; the caller signs this one in again.
pub async fn change_password(
    db: &Db,
    account_id: i64,
    current: &str,
    password: &str,
    password_confirm: &str,
    actor: &Actor,
) -> ServiceResult<()> {
    let mut errors = FieldErrors::new();
    if let Err(m) = account::validate_password(password) {
        errors.add(PASSWORD, m);
    } else if password != password_confirm {
        errors.add(PASSWORD_CONFIRM, Check::PasswordMismatch);
    }
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }
    confirm_password(db, account_id, current, CURRENT_PASSWORD, actor).await?;
    replace_password(db, account_id, password, actor).await
}

/// The signed-in person proves again who they are before something sensitive (a new
/// password, a new API key): `password` must be the account's. A wrong one is a field
/// error on `field` and counts as a failed sign-in (the same throttle, charged first),
/// so re-entry is no way round the sign-in limits.
pub async fn confirm_password(
    db: &Db,
    account_id: i64,
    password: &str,
    field: &'static str,
    actor: &Actor,
) -> ServiceResult<()> {
    let account = accounts::find(db, account_id).await?;
    let now = db.now();
    // Signed in, so a slot strangers cannot take; charged as the client it comes from.
    let slot = passwords::slot(passwords::Priority::Known)?;
    let caller = throttle::Caller::Stranger(actor.ip);
    let attempt = throttle::charge(db, &account.login, &caller, now).await?;
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_one(&db.pool)
        .await?;
    if !passwords::verify_in(slot, password.to_string(), Some(hash)).await? {
        return Err(ServiceError::field(field, Check::CurrentPasswordWrong));
    }
    throttle::succeeded(db, attempt, now).await?;
    Ok(())
}

/// Stores the hash of `password`, ends the account's sessions, records who did it.
async fn replace_password(
    db: &Db,
    account_id: i64,
    password: &str,
    actor: &Actor,
) -> ServiceResult<()> {
    let hash = passwords::hash(password.to_string()).await?;
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE accounts SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(&hash)
        .bind(db.now())
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        db.now(),
        actor,
        Change {
            account_id: Some(account_id),
            ..Change::of(AuditAction::PasswordSet)
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
