//! How formal documents are sealed: the PAdES level and its time-stamping services.

use super::error::{ConfigError, Problems};
use super::values::{positive_seconds, whole};

/// The PAdES level formal documents are sealed at and where its time-stamps come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PadesSetting {
    /// `QY_PADES_LEVEL`: `b-b`, `b-t`, `b-lt` or `b-lta` (the default): see the README's
    /// "What a formal PDF proves".
    pub level: pdf::Level,
    /// `QY_TSA_URLS`: RFC 3161 time-stamping services, comma-separated, asked in order
    /// (the next when one fails). Needed from `b-t` up with a configured certificate; the
    /// demo's development CA has a TSA of its own.
    pub tsa_urls: Vec<String>,
    /// `QY_TSA_TIMEOUT_SECS` (default 10): how long one request to a TSA or an OCSP
    /// responder may take.
    pub timeout_ms: i64,
    /// `QY_ARCHIVE_RENEWAL_DAYS` (default 60): an effective contract's document gets a
    /// fresh document time-stamp once its newest one's TSA certificate expires within
    /// this many days.
    pub renewal_window_ms: i64,
}

/// `QY_PADES_LEVEL`, `QY_TSA_URLS`, `QY_TSA_TIMEOUT_SECS`; a level that needs a TSA
/// without one, with a certificate of the provider's own, is refused.
pub(super) fn pades(
    lookup: &impl Fn(&str) -> Option<String>,
    problems: &Problems,
    own_certificate: bool,
) -> PadesSetting {
    let level = match lookup("QY_PADES_LEVEL").map(|v| v.trim().to_ascii_lowercase()) {
        None => pdf::Level::BLTA,
        Some(v) if v.is_empty() => pdf::Level::BLTA,
        Some(value) => problems.note(
            pdf::Level::parse(&value).ok_or(ConfigError::BadChoice {
                name: "QY_PADES_LEVEL",
                value: value.clone(),
                choices: "b-b, b-t, b-lt, b-lta",
            }),
            pdf::Level::BLTA,
        ),
    };
    let mut tsa_urls = Vec::new();
    for url in lookup("QY_TSA_URLS")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        let usable = url.parse::<axum::http::Uri>().ok().is_some_and(|uri| {
            matches!(uri.scheme_str(), Some("http" | "https"))
                && uri.host().is_some_and(|h| !h.is_empty())
        });
        if usable {
            tsa_urls.push(url.to_string());
        } else {
            problems.note::<()>(Err(ConfigError::BadTsaUrl(url.to_string())), ());
        }
    }
    if own_certificate && level >= pdf::Level::BT && tsa_urls.is_empty() {
        problems.note::<()>(Err(ConfigError::TsaRequired(level.as_str())), ());
    }
    PadesSetting {
        level,
        tsa_urls,
        timeout_ms: problems.note(
            positive_seconds(lookup, "QY_TSA_TIMEOUT_SECS", 10.0),
            10_000,
        ),
        renewal_window_ms: problems.note(whole(lookup, "QY_ARCHIVE_RENEWAL_DAYS", 60), 60)
            * 24
            * 3600
            * 1000,
    }
}
