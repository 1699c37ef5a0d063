//! Human-readable, unique contract numbers: QY-YYYYMMDD-NNNNNN (date in CST, R16; a
//! global counter, so numbers never collide even across days).

use domain::ContractNumber;
use sqlx::{AnyConnection, Row};

use crate::platform::clock::today_cst;

/// Takes the next number inside the caller's transaction (its first write, so on SQLite
/// the transaction holds the write lock from here on).
pub async fn next_number(
    conn: &mut AnyConnection,
    now: i64,
) -> Result<ContractNumber, sqlx::Error> {
    let row = sqlx::query(
        "UPDATE sequences SET value = value + 1 WHERE name = 'contract_number' RETURNING value",
    )
    .fetch_one(conn)
    .await?;
    let value: i64 = row.try_get(0)?;
    let (y, m, d) = today_cst(now);
    Ok(ContractNumber::from_stored(format!(
        "QY-{y:04}{m:02}{d:02}-{value:06}"
    )))
}
