//! What the billing system pushes (accounts with their real-name status, orders, ICP
//! filings, recharge records) and reads (contracts, the event feed). Batches are
//! all-or-nothing: every item is checked first, and one bad item names itself and writes
//! nothing. Upserts are idempotent by the billing system's own references.

pub mod account_contracts;
pub mod api_keys;
pub mod webhooks;

mod accounts;
mod batch;
mod feed;
mod items;

pub use accounts::{upsert_account, AccountInput, AccountState};
pub use batch::{upsert, BatchError, BatchItem};
pub use feed::{contract, events, sequence, ContractInfo, Event, MAX_EVENTS};
pub use items::{FilingItem, OrderItem, RechargeItem};
