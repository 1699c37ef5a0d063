//! Qianyue use cases with IO: every side effect of the product lives here, one function
//! per use case, SQL in this crate only. The app's server functions and the HTTP API call
//! these; they never touch the database themselves.

pub mod after_signing;
pub mod billing;
pub mod contracts;
pub mod ctx;
pub mod error;
pub mod esign;
pub mod identity;
pub mod ops;
pub mod platform;
pub mod seed;
pub mod sms;
pub mod worker;

pub use ctx::{Ctx, Delays, DocumentRenderer, CONTRACTS_PER_DAY};
pub use error::ServiceError;
pub use platform::db::{Db, Dialect};
