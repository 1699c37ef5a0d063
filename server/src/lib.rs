//! Qianyue's server: configuration, the HTTP router (Leptos pages, server functions,
//! static files) and its middleware. `main.rs` only parses the command line and serves.

pub mod api;
pub mod application;
pub mod archive;
pub mod assets;
pub mod certificates;
pub mod cli;
pub mod client_address;
pub mod config;
pub mod csrf;
pub mod downloads;
pub mod exports;
pub mod guard;
pub mod health;
pub mod instance_lock;
pub mod metrics;
pub mod outbox;
pub mod plain_page;
pub mod public_cache;
pub mod rate_limit;
pub mod refusal;
pub mod renderer;
pub mod request_id;
pub mod router;
pub mod security_headers;
pub mod serve;
pub mod session_cookie;
pub mod sms;
pub mod state;
pub mod templates;
pub mod trust_client;
pub mod unavailable;
pub mod uploads;
pub mod verify;
pub mod webhook_client;

pub use config::Config;
pub use router::build_router;
pub use state::build_state;
