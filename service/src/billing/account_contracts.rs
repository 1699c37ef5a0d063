//! What the billing system reads of one account's contracts (`GET /api/v1/accounts/
//! {external_id}/contracts`): oldest first, in keyset pages, each contract with its items
//! and template version. A page continues after a cursor — the last contract's creation
//! time and id — and each page is one range read of `contracts_account_created`.
//!
//! A contract's creation time is taken before its transaction commits, so one could
//! commit after a later one and land behind a cursor already handed out. Pages therefore
//! list contracts created at least [`SETTLED_MS`] ago, longer than any creation takes:
//! the cursor never passes a contract still being written, and none is skipped or
//! repeated. The billing system pages while `more`, then polls with the last cursor.

use std::collections::HashMap;

use sqlx::Row;

use crate::contracts::{from_row, item_from_row, Contract, ContractItem, COLUMNS};
use crate::error::{ServiceError, ServiceResult};
use crate::platform::db::Db;

/// The most contracts a page holds.
pub const MAX_PAGE: i64 = 200;

/// How old a contract is before a page lists it (a creation's transaction lasts
/// milliseconds; its step may wait seconds for SQLite's writer).
pub const SETTLED_MS: i64 = 60_000;

/// Where a page starts: after this contract (creation time, id) in creation order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub created_at: i64,
    pub id: i64,
}

impl Cursor {
    /// `1796000000000.42`: opaque to the billing system, which passes back what it got.
    pub fn token(self) -> String {
        format!("{}.{}", self.created_at, self.id)
    }

    pub fn parse(token: &str) -> Option<Self> {
        let (created_at, id) = token.split_once('.')?;
        Some(Self {
            created_at: created_at.parse().ok()?,
            id: id.parse().ok()?,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AccountContract {
    pub contract: Contract,
    pub items: Vec<ContractItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AccountContracts {
    pub contracts: Vec<AccountContract>,
    /// Where the next page starts: after this page's last contract, else where this one
    /// started (`None` when nothing has been listed yet).
    pub next: Option<Cursor>,
    /// The page was full: more are there now.
    pub more: bool,
}

/// A page of the contracts of the account the billing system knows as `external_id`
/// (deleted ones are gone); `NotFound` for an account it does not know.
pub async fn page(
    db: &Db,
    external_id: &str,
    after: Option<Cursor>,
    limit: i64,
) -> ServiceResult<AccountContracts> {
    let limit = limit.clamp(1, MAX_PAGE);
    let account_id: i64 = sqlx::query("SELECT id FROM accounts WHERE external_id = $1")
        .bind(external_id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(ServiceError::NotFound)?
        .try_get(0)?;
    let start = after.unwrap_or(Cursor {
        created_at: i64::MIN,
        id: i64::MIN,
    });
    // One more than asked: whether there is a next page, without counting.
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM contracts WHERE account_id = $1 AND status <> 'deleted' \
         AND (created_at > $2 OR (created_at = $2 AND id > $3)) AND created_at <= $5 \
         ORDER BY created_at, id LIMIT $4"
    ))
    .bind(account_id)
    .bind(start.created_at)
    .bind(start.id)
    .bind(limit + 1)
    .bind(db.now() - SETTLED_MS)
    .fetch_all(&db.pool)
    .await?;
    let mut contracts: Vec<Contract> = rows.iter().map(from_row).collect::<ServiceResult<_>>()?;
    let more = contracts.len() as i64 > limit;
    contracts.truncate(limit as usize);
    let mut items = items_of_many(db, &contracts).await?;
    let next = contracts
        .last()
        .map(|last| Cursor {
            created_at: last.created_at,
            id: last.id,
        })
        .or(after);
    Ok(AccountContracts {
        contracts: contracts
            .into_iter()
            .map(|contract| AccountContract {
                items: items.remove(&contract.id).unwrap_or_default(),
                contract,
            })
            .collect(),
        next,
        more,
    })
}

/// The items of every contract of a page, in one query.
async fn items_of_many(
    db: &Db,
    contracts: &[Contract],
) -> ServiceResult<HashMap<i64, Vec<ContractItem>>> {
    let mut by_contract: HashMap<i64, Vec<ContractItem>> = HashMap::new();
    if contracts.is_empty() {
        return Ok(by_contract);
    }
    let placeholders: Vec<String> = (1..=contracts.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT contract_id, item_id, item_ref, description, detail, amount_fen, occurred_at \
         FROM contract_items WHERE contract_id IN ({}) ORDER BY occurred_at DESC, id",
        placeholders.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for contract in contracts {
        query = query.bind(contract.id);
    }
    for row in query.fetch_all(&db.pool).await? {
        by_contract
            .entry(row.try_get(0)?)
            .or_default()
            .push(item_from_row(&row, 1)?);
    }
    Ok(by_contract)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_what_it_wrote_and_nothing_else() {
        let cursor = Cursor {
            created_at: 1_796_000_000_000,
            id: 42,
        };
        assert_eq!(Cursor::parse(&cursor.token()), Some(cursor));
        for bad in ["", "42", "a.b", "1.2.3", "1796000000000."] {
            assert_eq!(Cursor::parse(bad), None, "{bad}");
        }
    }
}
