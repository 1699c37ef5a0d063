//! Server functions, grouped by area. Each is thin: read the session, call one service
//! function, map its error. Stable endpoints under `/fn/` (the HTTP tests use them).

pub mod account;
pub mod after_signing;
pub mod auth;
pub mod contracts;
pub mod dual;
pub mod esign;
pub mod home;
pub mod ops;
pub mod ops_exports;
pub mod party_a;
pub mod verify;
