//! Readers of one setting each: a flag, a count, seconds, addresses, an endpoint. Every
//! part of the configuration (and the SMS and storage settings) reads through these.

use std::net::IpAddr;
use std::num::NonZeroU32;

use super::error::ConfigError;

/// `localhost` or a loopback address (a local stub or test server).
pub(crate) fn is_loopback_host(host: &str) -> bool {
    host == "localhost"
        || host
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// An `https://host[:port]/` URL of a service we send credentials to; plain `http://`
/// only to a loopback address (a local stub or test server).
pub(crate) fn endpoint(name: &'static str, value: &str) -> Result<axum::http::Uri, ConfigError> {
    let bad = || ConfigError::BadEndpoint {
        name,
        value: value.into(),
    };
    let uri: axum::http::Uri = value.parse().map_err(|_| bad())?;
    let host = uri.host().ok_or_else(bad)?;
    let loopback = is_loopback_host(host);
    let path_ok = matches!(uri.path(), "" | "/") && uri.query().is_none();
    match uri.scheme_str() {
        Some("https") if path_ok => Ok(uri),
        Some("http") if path_ok && loopback => Ok(uri),
        _ => Err(bad()),
    }
}

pub(crate) fn flag(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
) -> Result<bool, ConfigError> {
    flag_or(lookup, name, false)
}

/// A 0/1 setting; `default` when unset or empty.
pub(crate) fn flag_or(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: bool,
) -> Result<bool, ConfigError> {
    match lookup(name).as_deref().map(str::trim) {
        None | Some("") => Ok(default),
        Some("0") | Some("false") => Ok(false),
        Some("1") | Some("true") => Ok(true),
        Some(other) => Err(ConfigError::BadFlag {
            name,
            value: other.to_string(),
        }),
    }
}

pub(crate) fn count(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: u32,
) -> Result<NonZeroU32, ConfigError> {
    let raw = lookup(name).filter(|v| !v.trim().is_empty());
    let value = match &raw {
        None => default,
        Some(raw) => raw
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n <= 100_000)
            .ok_or_else(|| ConfigError::BadCount {
                name,
                value: raw.clone(),
            })?,
    };
    NonZeroU32::new(value).ok_or_else(|| ConfigError::BadCount {
        name,
        value: value.to_string(),
    })
}

/// [`count`] as the `i64` the service counts in.
pub(crate) fn whole(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: i64,
) -> Result<i64, ConfigError> {
    let default = u32::try_from(default).unwrap_or(u32::MAX);
    count(lookup, name, default).map(|n| i64::from(n.get()))
}

pub(crate) fn quiet_hours(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
) -> Result<Option<domain::reminders::QuietHours>, ConfigError> {
    match lookup(name) {
        None => Ok(Some(domain::reminders::QuietHours::default())),
        Some(raw) if raw.trim().eq_ignore_ascii_case("off") => Ok(None),
        Some(raw) => domain::reminders::QuietHours::parse(&raw)
            .map(Some)
            .ok_or(ConfigError::BadQuietHours { name, value: raw }),
    }
}

pub(crate) fn proxies(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
) -> Result<Vec<IpAddr>, ConfigError> {
    let Some(raw) = lookup(name).filter(|v| !v.trim().is_empty()) else {
        return Ok(Vec::new());
    };
    raw.split(',')
        // Canonical, as peers are compared (`::ffff:10.0.0.2` is 10.0.0.2).
        .map(|a| a.trim().parse::<IpAddr>().map(|ip| ip.to_canonical()))
        .collect::<Result<_, _>>()
        .map_err(|_| ConfigError::BadProxies { name, value: raw })
}

/// [`seconds`] that must be more than zero (a timeout of nothing would refuse all).
pub(crate) fn positive_seconds(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: f64,
) -> Result<i64, ConfigError> {
    match seconds(lookup, name, default)? {
        0 => Err(ConfigError::BadSeconds {
            name,
            value: lookup(name).unwrap_or_default(),
        }),
        ms => Ok(ms),
    }
}

pub(crate) fn seconds(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: f64,
) -> Result<i64, ConfigError> {
    let value = match lookup(name) {
        None => default,
        Some(raw) => raw
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|s| (0.0..=86_400.0).contains(s))
            .ok_or(ConfigError::BadSeconds { name, value: raw })?,
    };
    Ok((value * 1000.0).round() as i64)
}
