//! What the billing system reads of one account's contracts (`GET /api/v1/accounts/
//! {external_id}/contracts`): oldest first, in keyset pages, each contract with its items
//! and template version. A page continues after a cursor — the last contract's creation
//! time and id — so contracts created while the billing system pages are neither skipped
//! nor repeated, and each page is one range read of `contracts_account_created`.

use std::collections::HashMap;

use sqlx::Row;

use crate::contracts::{from_row, item_from_row, Contract, ContractItem, COLUMNS};
use crate::db::Db;
use crate::error::{ServiceError, ServiceResult};

/// The most contracts a page holds.
pub const MAX_PAGE: i64 = 200;

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
    /// Where the next page starts; `None` on the last page.
    pub next: Option<Cursor>,
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
    let after = after.unwrap_or(Cursor {
        created_at: i64::MIN,
        id: i64::MIN,
    });
    // One more than asked: whether there is a next page, without counting.
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM contracts WHERE account_id = $1 AND status <> 'deleted' \
         AND (created_at > $2 OR (created_at = $2 AND id > $3)) \
         ORDER BY created_at, id LIMIT $4"
    ))
    .bind(account_id)
    .bind(after.created_at)
    .bind(after.id)
    .bind(limit + 1)
    .fetch_all(&db.pool)
    .await?;
    let mut contracts: Vec<Contract> = rows.iter().map(from_row).collect::<ServiceResult<_>>()?;
    let more = contracts.len() as i64 > limit;
    contracts.truncate(limit as usize);
    let mut items = items_of_many(db, &contracts).await?;
    let next = contracts.last().filter(|_| more).map(|last| Cursor {
        created_at: last.created_at,
        id: last.id,
    });
    Ok(AccountContracts {
        contracts: contracts
            .into_iter()
            .map(|contract| AccountContract {
                items: items.remove(&contract.id).unwrap_or_default(),
                contract,
            })
            .collect(),
        next,
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
