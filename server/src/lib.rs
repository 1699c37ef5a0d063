//! Qianyue's server: configuration, the HTTP router (Leptos pages, server functions,
//! static files) and its middleware. `main.rs` only parses the command line and serves.

pub mod config;
pub mod csrf;
pub mod guard;
pub mod router;

pub use config::Config;
pub use router::build_router;
