//! Contracts: creation (R1–R9), queries scoped to the account, customer operations through
//! the shared status machine (R10), and the rows the background worker updates.

pub mod documents;
pub mod home;
pub mod items;
pub mod reminders;

mod create;
mod dual;
mod numbering;
mod operate;
mod query;
mod renew;
mod row;
mod step;

pub use create::{create_contract, NewContract, CONFIRMED};
pub use dual::{
    confirm_signer, customer_sign, remind, resend_code, resend_wait_secs, save_party_a,
};
pub use operate::perform;
pub use query::{
    find_any, find_for_account, item_from_row, items_of, list, timeline, ContractFilter,
    ContractPage, TimelineEntry, COUNT_CAP,
};
pub use renew::{renew, renewal_of, Renewal};
pub use row::{
    columns, from_row, load, Contract, ContractItem, SignerSnapshot, StoredPdf, COLUMNS, RENEWED,
};
pub use step::{decide, decide_on, event_on, Decided, Moved, Step};
