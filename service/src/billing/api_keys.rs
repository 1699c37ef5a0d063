//! API keys of the billing system: random 256-bit tokens shown once at creation; only
//! their SHA-256 is stored, so a database leak does not leak usable keys. A key has a
//! scope (full access, or reading events and contracts only) and may expire.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use domain::AuditAction;
use domain::AuditDetail;
use domain::Check;
use sqlx::Row;

use crate::error::{ServiceError, ServiceResult};
use crate::platform::audit::Actor;
use crate::platform::db::Db;
use crate::platform::storage::{hex, sha256_hex};
pub use domain::api_key::ApiScope;

/// Keys start with this, so a leaked one is recognisable in logs and scanners.
pub const PREFIX: &str = "qy_";

fn hash(key: &str) -> String {
    sha256_hex(key.as_bytes())
}

/// A new key's settings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewApiKey {
    pub name: String,
    pub scope: ApiScope,
    pub valid_days: Option<u32>,
}

/// A key as listed to operators (never the key itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyInfo {
    pub id: i64,
    pub name: String,
    pub scope: ApiScope,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// The key a request authenticated with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthenticatedKey {
    pub id: i64,
    pub scope: ApiScope,
}

pub async fn list(db: &Db) -> ServiceResult<Vec<ApiKeyInfo>> {
    let rows = sqlx::query(
        "SELECT id, name, scope, created_at, expires_at, revoked_at FROM api_keys ORDER BY id DESC",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(ApiKeyInfo {
                id: r.try_get(0)?,
                name: r.try_get(1)?,
                scope: ApiScope::from_stored(r.try_get(2)?),
                created_at: r.try_get(3)?,
                expires_at: r.try_get(4)?,
                revoked_at: r.try_get(5)?,
            })
        })
        .collect()
}

/// An operator (or the CLI) creates a key: the name is 2–50 characters, the validity
/// 1–3650 days if any; audited.
pub async fn create_audited(
    db: &Db,
    new: &NewApiKey,
    actor: &Actor,
) -> ServiceResult<(i64, String)> {
    let mut errors = domain::FieldErrors::new();
    if !domain::api_key::NAME_CHARS.contains(&new.name.trim().chars().count()) {
        errors.add("name", Check::ApiKeyNameLength);
    }
    if !domain::api_key::valid_days_ok(new.valid_days) {
        errors.add("valid_days", Check::ApiKeyValidityRange);
    }
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }
    let (id, key) = create(db, new).await?;
    record(
        db,
        actor,
        AuditAction::ApiKeyCreated,
        AuditDetail::ApiKeyCreated {
            id,
            name: new.name.trim().to_string(),
            scope: new.scope,
            valid_days: new.valid_days,
        },
    )
    .await?;
    Ok((id, key))
}

/// Revokes a key; audited.
pub async fn revoke_audited(db: &Db, id: i64, actor: &Actor) -> ServiceResult<()> {
    if !revoke(db, id).await? {
        return Err(ServiceError::NotFound);
    }
    record(
        db,
        actor,
        AuditAction::ApiKeyRevoked,
        AuditDetail::ApiKeyRevoked { id },
    )
    .await
}

async fn record(
    db: &Db,
    actor: &Actor,
    action: AuditAction,
    detail: AuditDetail,
) -> ServiceResult<()> {
    let change = crate::platform::audit::Change {
        detail: Some(detail),
        ..crate::platform::audit::Change::of(action)
    };
    Ok(crate::platform::audit::record_alone(db, actor, change).await?)
}

/// Creates a key; returns its id and the key (never stored in clear).
pub async fn create(db: &Db, new: &NewApiKey) -> ServiceResult<(i64, String)> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let key = format!("{PREFIX}{}", hex(&bytes));
    let now = db.now();
    let expires_at = new
        .valid_days
        .map(|days| now + i64::from(days) * crate::platform::clock::DAY_MS);
    let id: i64 = sqlx::query(
        "INSERT INTO api_keys (name, key_hash, scope, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(new.name.trim())
    .bind(hash(&key))
    .bind(new.scope.as_str())
    .bind(now)
    .bind(expires_at)
    .fetch_one(&db.pool)
    .await?
    .try_get(0)?;
    Ok((id, key))
}

/// The live key `key` (not revoked, not expired at `now`), if it is one.
pub async fn authenticate(db: &Db, key: &str, now: i64) -> ServiceResult<Option<AuthenticatedKey>> {
    if !key.starts_with(PREFIX) {
        return Ok(None);
    }
    let row = sqlx::query(
        "SELECT id, scope FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL \
         AND (expires_at IS NULL OR expires_at > $2)",
    )
    .bind(hash(key))
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(AuthenticatedKey {
        id: row.try_get(0)?,
        scope: ApiScope::from_stored(row.try_get(1)?),
    }))
}

pub async fn revoke(db: &Db, id: i64) -> ServiceResult<bool> {
    let done =
        sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(db.now())
            .bind(id)
            .execute(&db.pool)
            .await?;
    Ok(done.rows_affected() == 1)
}
