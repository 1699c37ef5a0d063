//! Qianyue use cases with IO: every side effect of the product lives here, one function
//! per use case, SQL in this crate only. The app's server functions and the HTTP API call
//! these; they never touch the database themselves.

pub mod account_admin;
pub mod account_contracts;
pub mod accounts;
pub mod api_keys;
pub mod archive;
pub mod audit;
pub mod backup;
pub mod billing;
pub mod clock;
pub mod contracts;
pub mod ctx;
pub mod db;
pub mod devices;
pub mod dialect;
pub mod documents;
pub mod error;
pub mod esign;
pub mod expiry;
pub mod exports;
pub mod home;
pub mod items;
pub mod jobs;
pub mod migrate;
pub mod ops;
pub mod paper;
pub mod party_a;
pub mod passwords;
pub mod reminders;
pub mod retention;
pub mod revisions;
pub mod sealing;
pub mod secret;
pub mod seed;
pub mod session_store;
pub mod sms;
pub mod stamping;
pub mod storage;
pub mod throttle;
pub mod verify;
pub mod webhooks;
pub mod worker;

pub use ctx::{Ctx, Delays, DocumentRenderer, CONTRACTS_PER_DAY};
pub use db::{Db, Dialect};
pub use error::ServiceError;
