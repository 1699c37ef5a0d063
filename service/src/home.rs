//! What the contract home needs to know about an account: the creation gate's facts.

use domain::gate::GateFacts;
use sqlx::Row;

use crate::accounts::Account;
use crate::db::Db;
use crate::error::ServiceResult;

pub async fn gate_facts(db: &Db, account: &Account) -> ServiceResult<GateFacts> {
    let row = sqlx::query(
        "SELECT \
           COUNT(CASE WHEN status <> 'voided' AND status <> 'deleted' THEN 1 END), \
           COUNT(CASE WHEN status = 'effective' THEN 1 END) \
         FROM contracts WHERE account_id = $1 AND kind = 'framework'",
    )
    .bind(account.id)
    .fetch_one(&db.pool)
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
