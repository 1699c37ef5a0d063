//! Where contract events are delivered (`QY_WEBHOOK_*`).

use std::path::PathBuf;

use super::error::ConfigError;
use super::values::{flag, is_loopback_host};

/// Where contract events are delivered and how.
#[derive(Clone)]
pub struct WebhookSetting {
    /// `QY_WEBHOOK_URL`: `https://…` (the certificate checked), or `http://` to loopback
    /// or with `QY_WEBHOOK_ALLOW_HTTP=1` (a receiver on a private network you trust).
    pub url: String,
    /// `QY_WEBHOOK_SECRET`: the HMAC-SHA256 key the deliveries are signed with.
    pub secret: service::platform::secret::Secret,
    /// `QY_WEBHOOK_CA_FILE`: PEM certificates trusted for the receiver beside the public
    /// roots (a receiver with a certificate of a private CA).
    pub ca_file: Option<PathBuf>,
}

impl std::fmt::Debug for WebhookSetting {
    // The URL may carry the receiver's token (user info, query): shown without them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookSetting")
            .field("url", &service::billing::webhooks::shown_url(&self.url))
            .field("secret", &self.secret)
            .field("ca_file", &self.ca_file)
            .finish()
    }
}

/// `QY_WEBHOOK_URL` and `QY_WEBHOOK_SECRET`, both or neither, and how the URL may be
/// reached.
pub(super) fn webhook(
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<Option<WebhookSetting>, ConfigError> {
    let value = |name: &str| {
        lookup(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let (url, secret) = match (value("QY_WEBHOOK_URL"), value("QY_WEBHOOK_SECRET")) {
        (None, None) => return Ok(None),
        (Some(_), None) => {
            return Err(ConfigError::Missing {
                name: "QY_WEBHOOK_SECRET",
                because: "QY_WEBHOOK_URL",
            })
        }
        (None, Some(_)) => {
            return Err(ConfigError::Missing {
                name: "QY_WEBHOOK_URL",
                because: "QY_WEBHOOK_SECRET",
            })
        }
        (Some(url), Some(secret)) => (url, secret),
    };
    let Some(uri) = url
        .parse::<axum::http::Uri>()
        .ok()
        .filter(|uri| uri.host().is_some_and(|h| !h.is_empty()))
    else {
        return Err(ConfigError::BadWebhookUrl(url));
    };
    let allow_http = flag(lookup, "QY_WEBHOOK_ALLOW_HTTP")?;
    match uri.scheme_str() {
        Some("https") => {}
        Some("http") if allow_http || is_loopback_host(uri.host().unwrap_or("")) => {}
        Some("http") => return Err(ConfigError::PlainWebhookUrl(url)),
        _ => return Err(ConfigError::BadWebhookUrl(url)),
    }
    Ok(Some(WebhookSetting {
        url,
        secret: service::platform::secret::Secret::from(secret),
        ca_file: value("QY_WEBHOOK_CA_FILE").map(PathBuf::from),
    }))
}
