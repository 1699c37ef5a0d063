//! What the contract home needs to know about an account: the creation gate's facts.

use domain::gate::GateFacts;
use sqlx::Row;

use crate::accounts::Account;
use crate::db::Db;
use crate::error::ServiceResult;
use crate::party_a::{self, PartyA};

pub async fn gate_facts(db: &Db, account: &Account) -> ServiceResult<GateFacts> {
    gate_facts_on(&db.pool, account).await
}

/// The creation gate's facts and party A: what the contract home and the wizard start
/// from, read over one connection. On SQLite every pooled query costs two hand-offs to
/// the connection's thread (the query, then the pool's liveness check on release).
pub async fn facts(db: &Db, account: &Account) -> ServiceResult<(GateFacts, PartyA)> {
    let mut conn = db.pool.acquire().await?;
    let gate = gate_facts_on(&mut *conn, account).await?;
    let party_a = party_a::read(&mut *conn, account).await?;
    Ok((gate, party_a))
}

async fn gate_facts_on<'c>(
    db: impl sqlx::Executor<'c, Database = sqlx::Any>,
    account: &Account,
) -> ServiceResult<GateFacts> {
    let row = sqlx::query(
        "SELECT \
           COUNT(CASE WHEN status <> 'voided' AND status <> 'deleted' THEN 1 END), \
           COUNT(CASE WHEN status = 'effective' THEN 1 END) \
         FROM contracts WHERE account_id = $1 AND kind = 'framework'",
    )
    .bind(account.id)
    .fetch_one(db)
    .await?;
    let valid: i64 = row.try_get(0)?;
    let effective: i64 = row.try_get(1)?;
    Ok(GateFacts {
        verified: account.is_verified(),
        subject_hold: account.subject_hold,
        has_valid_framework: valid > 0,
        has_effective_framework: effective > 0,
    })
}
