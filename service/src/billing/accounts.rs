//! Accounts as the billing system pushes them: created with their console login, or
//! linked to an existing one, and kept in step with their real-name status.

use domain::account::{AccountKind, RealNameStatus, Role};
use domain::billing::{validate_reference, Problem};

use sqlx::Row;

use crate::ctx::Ctx;
use crate::error::{ServiceError, ServiceResult};
use crate::platform::audit::Actor;
use crate::platform::clock::today_cst;

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
            "UPDATE accounts SET realname_status = $5, subject_name = $1, id_number_masked = $2, \
             verified_at = COALESCE(verified_at, $3), updated_at = $3 WHERE id = $4",
        )
        .bind(name)
        .bind(masked)
        .bind(ctx.now())
        .bind(id)
        .bind(RealNameStatus::Verified.as_str())
        .execute(&ctx.db.pool)
        .await?;
    } else {
        sqlx::query("UPDATE accounts SET realname_status = $3, updated_at = $1 WHERE id = $2")
            .bind(ctx.now())
            .bind(id)
            .bind(RealNameStatus::Unverified.as_str())
            .execute(&ctx.db.pool)
            .await?;
    }
    let account = crate::identity::accounts::find(&ctx.db, id).await?;
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
    let password_hash = crate::identity::passwords::unusable().await?;
    let new = crate::identity::accounts::NewAccount {
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
    match crate::identity::accounts::insert(&ctx.db, &new, actor).await {
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
