//! The provider's certificates: the signing certificate of the formal documents and the
//! event CA that issues each signing's own certificate.

use std::path::PathBuf;

use super::error::ConfigError;

/// `QY_SIGNING_CERT` and `QY_SIGNING_KEY`: both or neither. One alone is a mistake to
/// say, not a reason to fall back to a development CA.
pub(super) fn signing(
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<Option<(PathBuf, PathBuf)>, ConfigError> {
    certificate_and_key(lookup, "QY_SIGNING_CERT", "QY_SIGNING_KEY")
}

/// Two file settings that come together: both or neither.
fn certificate_and_key(
    lookup: &impl Fn(&str) -> Option<String>,
    cert_name: &'static str,
    key_name: &'static str,
) -> Result<Option<(PathBuf, PathBuf)>, ConfigError> {
    let value = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
    match (value(cert_name), value(key_name)) {
        (None, None) => Ok(None),
        (Some(cert), Some(key)) => Ok(Some((cert.into(), key.into()))),
        (Some(_), None) => Err(ConfigError::Missing {
            name: key_name,
            because: cert_name,
        }),
        (None, Some(_)) => Err(ConfigError::Missing {
            name: cert_name,
            because: key_name,
        }),
    }
}

/// The provider's event CA (事件证书, issue 30): a CA certificate chain (the CA first,
/// then its issuers) and its P-256 key, PEM files (`QY_EVENT_CA_CERT`,
/// `QY_EVENT_CA_KEY`), and the OCSP URL its event certificates name
/// (`QY_EVENT_OCSP_URL`): each signing's status is answered in-process and carried in
/// the document, and the URL tells a validator where the CA answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventCaSetting {
    pub chain: PathBuf,
    pub key: PathBuf,
    pub ocsp_url: String,
}

pub(super) fn event_ca(
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<Option<EventCaSetting>, ConfigError> {
    let Some((chain, key)) = certificate_and_key(lookup, "QY_EVENT_CA_CERT", "QY_EVENT_CA_KEY")?
    else {
        return Ok(None);
    };
    let ocsp_url = lookup("QY_EVENT_OCSP_URL")
        .filter(|v| !v.trim().is_empty())
        .ok_or(ConfigError::Missing {
            name: "QY_EVENT_OCSP_URL",
            because: "QY_EVENT_CA_CERT",
        })?;
    Ok(Some(EventCaSetting {
        chain,
        key,
        ocsp_url: ocsp_url.trim().to_string(),
    }))
}
