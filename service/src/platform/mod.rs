//! What every use case stands on: the database handle and its dialect, the migrations,
//! the clock, the audit trail, the durable job queue, document storage, secrets, the
//! embedded database's backup and the retention purge.

pub mod audit;
pub mod backup;
pub mod clock;
pub mod db;
pub mod dialect;
pub mod jobs;
pub mod migrate;
pub mod retention;
pub mod secret;
pub mod storage;
