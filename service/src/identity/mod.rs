//! Identity and sessions: accounts and their real-name status, passwords (argon2id) and
//! their changes, login throttling and device cookies, server-side sessions, and the one
//! party A profile each account keeps.

pub mod account_admin;
pub mod accounts;
pub mod devices;
pub mod party_a;
pub mod passwords;
pub mod session_store;
pub mod throttle;
