//! What the contract home needs to know about an account: the creation gate's facts.

use domain::gate::GateFacts;
use sqlx::Row;

use crate::accounts::Account;
use crate::db::Db;
use crate::error::ServiceResult;
use crate::party_a::{self, PartyA, PROFILE_COLUMNS};

pub async fn gate_facts(db: &Db, account: &Account) -> ServiceResult<GateFacts> {
    let row = sqlx::query(FRAMEWORKS)
        .bind(account.id)
        .fetch_one(&db.pool)
        .await?;
    gate_of(account, &row)
}

/// The creation gate's facts and party A: what the contract home and the wizard start
/// from, in one query. On SQLite every pooled query costs two hand-offs to the
/// connection's thread (the query, then the pool's liveness check on release).
pub async fn facts(db: &Db, account: &Account) -> ServiceResult<(GateFacts, PartyA)> {
    // The aggregate is always one row; the profile joins it when there is one.
    let row = sqlx::query(&format!(
        "SELECT frameworks.valid, frameworks.effective, {PROFILE_COLUMNS} \
         FROM ({FRAMEWORKS}) frameworks LEFT JOIN party_a_profiles p ON p.account_id = $1"
    ))
    .bind(account.id)
    .fetch_one(&db.pool)
    .await?;
    let gate = gate_of(account, &row)?;
    Ok((gate, party_a::of(account, party_a::profile_at(&row, 2)?)))
}

/// How many of the account's framework contracts are valid and effective.
const FRAMEWORKS: &str = "SELECT \
       COUNT(CASE WHEN status <> 'voided' AND status <> 'deleted' THEN 1 END) AS valid, \
       COUNT(CASE WHEN status = 'effective' THEN 1 END) AS effective \
     FROM contracts WHERE account_id = $1 AND kind = 'framework'";

/// The gate's facts from [`FRAMEWORKS`]' two counts, first in `row`.
fn gate_of(account: &Account, row: &sqlx::any::AnyRow) -> ServiceResult<GateFacts> {
    let valid: i64 = row.try_get(0)?;
    let effective: i64 = row.try_get(1)?;
    Ok(GateFacts {
        verified: account.is_verified(),
        subject_hold: account.subject_hold,
        has_valid_framework: valid > 0,
        has_effective_framework: effective > 0,
    })
}
