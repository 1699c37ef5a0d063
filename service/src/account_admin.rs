//! What the person running the service does to accounts from the command line: create a
//! real operator account (the demo's `ops_demo` exists only in demo mode) and set any
//! account's password. Passwords follow the same rules as registration.

use domain::account::{self, AccountKind, RealNameStatus, Role, LOGIN, PASSWORD};
use domain::field_errors::FieldErrors;

use crate::accounts::{self, Account, NewAccount};
use crate::audit::{self, Actor, Change};
use crate::clock::now_ms;
use crate::db::Db;
use crate::error::{ServiceError, ServiceResult};
use crate::passwords;

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
    let hash = passwords::hash(password.to_string()).await?;
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE accounts SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(&hash)
        .bind(now_ms())
        .bind(account.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE account_id = $1")
        .bind(account.id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        &Actor::system(),
        Change {
            account_id: Some(account.id),
            action: "account.password_set",
            ..Default::default()
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
