//! What the contract home needs to know about an account: the creation gate's facts.

use domain::gate::GateFacts;
use sqlx::Row;

use crate::contracts::RENEWED;
use crate::error::ServiceResult;
use crate::identity::accounts::Account;
use crate::identity::party_a::{self, PartyA, PROFILE_COLUMNS};
use crate::platform::db::Db;

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

/// What the contract home shows of an account, in one query: the creation gate's facts,
/// party A, and its filing contracts that expire within the farthest notice (R24),
/// soonest first as (number, expires_at). The expiring ones are joined in (a row each,
/// the facts repeated), so the home still costs one query here.
pub async fn home(
    db: &Db,
    account: &Account,
) -> ServiceResult<(GateFacts, PartyA, Vec<(String, i64)>)> {
    let now = db.now();
    let rows = sqlx::query(&format!(
        "SELECT frameworks.valid, frameworks.effective, {PROFILE_COLUMNS}, e.number, e.expires_at \
         FROM ({FRAMEWORKS}) frameworks LEFT JOIN party_a_profiles p ON p.account_id = $1 \
         LEFT JOIN ({}) e ON 1 = 1 ORDER BY e.expires_at, e.number",
        expiring()
    ))
    .bind(account.id)
    .bind(now)
    .bind(now + domain::expiry::NOTICE_DAYS[0] * domain::calendar::MS_PER_DAY)
    .fetch_all(&db.pool)
    .await?;
    let Some(first) = rows.first() else {
        return Err(crate::ServiceError::Internal(
            "the home's aggregate has no row".into(),
        ));
    };
    let gate = gate_of(account, first)?;
    let party_a = party_a::of(account, party_a::profile_at(first, 2)?);
    let mut expiring = Vec::new();
    for row in &rows {
        let number: Option<String> = row.try_get(7)?;
        let expires_at: Option<i64> = row.try_get(8)?;
        if let (Some(number), Some(expires_at)) = (number, expires_at) {
            expiring.push((number, expires_at));
        }
    }
    Ok((gate, party_a, expiring))
}

/// The account's running filing contracts expiring in ($2, $3] and not renewed
/// (`home`, R25).
fn expiring() -> String {
    format!(
        "SELECT c.number, c.expires_at FROM contracts c WHERE c.account_id = $1 \
         AND c.kind = 'filing' AND c.status = 'effective' AND c.expires_at > $2 AND c.expires_at <= $3 \
         AND NOT {RENEWED} ORDER BY c.expires_at, c.id LIMIT 20"
    )
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
