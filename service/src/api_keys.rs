//! API keys of the billing system: random 256-bit tokens shown once at creation; only
//! their SHA-256 is stored, so a database leak does not leak usable keys.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use sqlx::Row;

use crate::audit::Actor;
use crate::clock::now_ms;
use crate::db::Db;
use crate::error::{ServiceError, ServiceResult};
use crate::storage::{hex, sha256_hex};

/// Keys start with this, so a leaked one is recognisable in logs and scanners.
pub const PREFIX: &str = "qy_";

fn hash(key: &str) -> String {
    sha256_hex(key.as_bytes())
}

/// A key as listed to operators (never the key itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyInfo {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

pub async fn list(db: &Db) -> ServiceResult<Vec<ApiKeyInfo>> {
    let rows =
        sqlx::query("SELECT id, name, created_at, revoked_at FROM api_keys ORDER BY id DESC")
            .fetch_all(&db.pool)
            .await?;
    rows.iter()
        .map(|r| {
            Ok(ApiKeyInfo {
                id: r.try_get(0)?,
                name: r.try_get(1)?,
                created_at: r.try_get(2)?,
                revoked_at: r.try_get(3)?,
            })
        })
        .collect()
}

/// An operator (or the CLI) creates a key: the name is 2–50 characters; audited.
pub async fn create_audited(db: &Db, name: &str, actor: &Actor) -> ServiceResult<(i64, String)> {
    if !(2..=50).contains(&name.trim().chars().count()) {
        return Err(ServiceError::field(
            "name",
            domain::text::API_KEY_NAME_LENGTH,
        ));
    }
    let (id, key) = create(db, name).await?;
    record(
        db,
        actor,
        "api_key.created",
        format!("{id} {}", name.trim()),
    )
    .await?;
    Ok((id, key))
}

/// Revokes a key; audited.
pub async fn revoke_audited(db: &Db, id: i64, actor: &Actor) -> ServiceResult<()> {
    if !revoke(db, id).await? {
        return Err(ServiceError::NotFound);
    }
    record(db, actor, "api_key.revoked", id.to_string()).await
}

async fn record(db: &Db, actor: &Actor, action: &'static str, detail: String) -> ServiceResult<()> {
    let change = crate::audit::Change {
        action,
        detail: Some(detail),
        ..Default::default()
    };
    Ok(crate::audit::record_alone(db, actor, change).await?)
}

/// Creates a key named `name`; returns its id and the key (never stored in clear).
pub async fn create(db: &Db, name: &str) -> ServiceResult<(i64, String)> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let key = format!("{PREFIX}{}", hex(&bytes));
    let id: i64 = sqlx::query(
        "INSERT INTO api_keys (name, key_hash, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(name.trim())
    .bind(hash(&key))
    .bind(now_ms())
    .fetch_one(&db.pool)
    .await?
    .try_get(0)?;
    Ok((id, key))
}

/// The id of the live key `key`, if it is one.
pub async fn authenticate(db: &Db, key: &str) -> ServiceResult<Option<i64>> {
    if !key.starts_with(PREFIX) {
        return Ok(None);
    }
    let row = sqlx::query("SELECT id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL")
        .bind(hash(key))
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|r| r.try_get(0)).transpose()?)
}

pub async fn revoke(db: &Db, id: i64) -> ServiceResult<bool> {
    let done =
        sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now_ms())
            .bind(id)
            .execute(&db.pool)
            .await?;
    Ok(done.rows_affected() == 1)
}
