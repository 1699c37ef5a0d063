//! Configuration from the environment, with defaults that run the demo out of the box.

use std::net::SocketAddr;

use thiserror::Error;

#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen (`QY_ADDR`, default 127.0.0.1:3000).
    pub addr: SocketAddr,
    /// `DATABASE_URL`: `sqlite://…` (default: a file under ./data) or `postgres://…`.
    pub database_url: String,
    /// Built browser assets and public files (`LEPTOS_SITE_ROOT`, default target/site).
    pub site_root: String,
    /// Demo mode (`QY_DEMO=1`): demo real-name verification is offered. Off by default.
    pub demo: bool,
    /// Mark the session cookie `Secure` (`QY_SECURE_COOKIES=1`; set it behind HTTPS).
    pub secure_cookies: bool,
}

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{name} must be an address like 127.0.0.1:3000, got {value:?}")]
    BadAddr { name: &'static str, value: String },
    #[error("{name} must be 0/1/true/false, got {value:?}")]
    BadFlag { name: &'static str, value: String },
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup` (the environment in production, a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let addr_value = lookup("QY_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr = addr_value.parse().map_err(|_| ConfigError::BadAddr {
            name: "QY_ADDR",
            value: addr_value.clone(),
        })?;
        Ok(Config {
            addr,
            database_url: lookup("DATABASE_URL")
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| service::db::DEFAULT_URL.into()),
            site_root: lookup("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            demo: flag(&lookup, "QY_DEMO")?,
            secure_cookies: flag(&lookup, "QY_SECURE_COOKIES")?,
        })
    }
}

fn flag(lookup: &impl Fn(&str) -> Option<String>, name: &'static str) -> Result<bool, ConfigError> {
    match lookup(name).as_deref().map(str::trim) {
        None | Some("") | Some("0") | Some("false") => Ok(false),
        Some("1") | Some("true") => Ok(true),
        Some(other) => Err(ConfigError::BadFlag {
            name,
            value: other.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn with(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_run_the_embedded_database_without_demo_mode() {
        let config = with(&[]).unwrap();
        assert_eq!(config.addr.to_string(), "127.0.0.1:3000");
        assert!(config.database_url.starts_with("sqlite://"));
        assert!(!config.demo);
        assert!(!config.secure_cookies);
    }

    #[test]
    fn bad_values_are_reported_not_guessed() {
        assert!(matches!(
            with(&[("QY_ADDR", "localhost")]),
            Err(ConfigError::BadAddr { .. })
        ));
        assert!(matches!(
            with(&[("QY_DEMO", "yes")]),
            Err(ConfigError::BadFlag { .. })
        ));
        assert!(with(&[("QY_DEMO", "1")]).unwrap().demo);
    }
}
