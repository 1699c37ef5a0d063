//! What can be wrong with a setting, and the collection of every problem found in one
//! reading (an operator fixes them in one go).

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{name} must be an address like 127.0.0.1:3000, got {value:?}")]
    BadAddr { name: &'static str, value: String },
    #[error("{name} must be 0/1/true/false, got {value:?}")]
    BadFlag { name: &'static str, value: String },
    #[error("{name} must be a whole number from 1 to 100000, got {value:?}")]
    BadCount { name: &'static str, value: String },
    #[error("{name} must be IP addresses separated by commas, got {value:?}")]
    BadProxies { name: &'static str, value: String },
    #[error("{name} must be a number of seconds (0–86400), got {value:?}")]
    BadSeconds { name: &'static str, value: String },
    #[error("{name} must be one of {choices}, got {value:?}")]
    BadChoice {
        name: &'static str,
        value: String,
        choices: &'static str,
    },
    #[error("{name} is required with {because}")]
    Missing {
        name: &'static str,
        because: &'static str,
    },
    #[error("{name} must be two hours of the day like 21-8 (China time), or off, got {value:?}")]
    BadQuietHours { name: &'static str, value: String },
    #[error("{name} must be an https:// URL without a path (http:// only to a loopback stub), got {value:?}")]
    BadEndpoint { name: &'static str, value: String },
    #[error("QY_SMS_PROVIDER=outbox keeps verification codes in plain text: only with QY_DEMO=1")]
    OutboxOutsideDemo,
    #[error(
        "QY_TSA_URLS must be http:// or https:// URLs with a host, separated by commas, got {0:?}"
    )]
    BadTsaUrl(String),
    #[error("QY_PADES_LEVEL={0} (b-lta by default) time-stamps every signature: QY_TSA_URLS must name a time-stamping service (RFC 3161) when the signing certificate is configured; or set QY_PADES_LEVEL=b-b to sign without a trusted time")]
    TsaRequired(&'static str),
    #[error("QY_WEBHOOK_URL must be an http:// or https:// URL with a host, got {0:?}")]
    BadWebhookUrl(String),
    #[error("QY_WEBHOOK_URL {0:?} is plain http:// to another host: deliveries would cross the network unencrypted; use https://, or set QY_WEBHOOK_ALLOW_HTTP=1 for a private network you trust")]
    PlainWebhookUrl(String),
}

/// Every problem found in a configuration; shown one per line.
#[derive(Debug, Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct ConfigErrors(pub Vec<ConfigError>);

/// Collects problems while the settings are read.
#[derive(Default)]
pub(super) struct Problems(std::cell::RefCell<Vec<ConfigError>>);

impl Problems {
    /// The value, or `stand_in` with the problem noted.
    pub(super) fn note<T>(&self, result: Result<T, ConfigError>, stand_in: T) -> T {
        result.unwrap_or_else(|problem| {
            self.0.borrow_mut().push(problem);
            stand_in
        })
    }

    pub(super) fn into_result<T>(self, value: T) -> Result<T, ConfigErrors> {
        let problems = self.0.into_inner();
        if problems.is_empty() {
            Ok(value)
        } else {
            Err(ConfigErrors(problems))
        }
    }
}
