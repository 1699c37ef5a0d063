//! API keys of the billing system: random 256-bit tokens shown once at creation; only
//! their SHA-256 is stored, so a database leak does not leak usable keys.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::clock::now_ms;
use crate::db::Db;
use crate::error::ServiceResult;

/// Keys start with this, so a leaked one is recognisable in logs and scanners.
pub const PREFIX: &str = "qy_";

fn hash(key: &str) -> String {
    Sha256::digest(key.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Creates a key named `name`; returns its id and the key (never stored in clear).
pub async fn create(db: &Db, name: &str) -> ServiceResult<(i64, String)> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let key = format!(
        "{PREFIX}{}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    );
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
