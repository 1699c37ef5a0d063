//! Configuration from the environment, with defaults that run the demo out of the box.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::path::PathBuf;

use domain::provider::Provider;

mod error;
mod event_ca;
mod pades;
mod storage;
pub(crate) mod values;
mod webhook;

use error::Problems;
pub use error::{ConfigError, ConfigErrors};
pub use event_ca::EventCaSetting;
use event_ca::{event_ca, signing};
use pades::pades;
pub use pades::PadesSetting;
use values::{count, flag, flag_or, positive_seconds, proxies, quiet_hours, seconds, whole};
use webhook::webhook;
pub use webhook::WebhookSetting;

#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen (`QY_ADDR`, default 127.0.0.1:3000).
    pub addr: SocketAddr,
    /// Where Prometheus scrapes `/metrics` (`QY_METRICS_ADDR`, e.g. 0.0.0.0:9464 on the
    /// private network); unset, metrics are not served. Never the public port.
    pub metrics_addr: Option<SocketAddr>,
    /// `DATABASE_URL`: `sqlite://…` (default: a file under ./data) or `postgres://…`.
    pub database_url: service::platform::secret::Secret,
    /// Built browser assets and public files (`LEPTOS_SITE_ROOT`, default target/site).
    pub site_root: String,
    /// Documents and keys (`QY_DATA_DIR`, default ./data).
    pub data_dir: PathBuf,
    /// Where documents are stored: files under `QY_DATA_DIR/documents` (default) or an
    /// S3-compatible bucket (`QY_S3_*`, see `config/storage.rs`).
    pub storage: Option<service::platform::storage::S3Settings>,
    /// Noto Sans SC for the PDFs (`QY_FONT_DIR`).
    pub font_dir: PathBuf,
    /// The provider's signing certificate chain and P-256 key, PEM files
    /// (`QY_SIGNING_CERT`, `QY_SIGNING_KEY`). Required outside demo mode; in demo mode,
    /// without them a development CA is created under the data directory on first start
    /// (and a warning logged).
    pub signing: Option<(PathBuf, PathBuf)>,
    /// The provider's event CA, with a configured certificate: on the dual channel the
    /// customer signs too, with an event certificate it issues (see [`EventCaSetting`]).
    /// Without one, dual-channel documents carry the provider's signature alone (a
    /// warning at start). The demo's development CA issues them itself.
    pub event_ca: Option<EventCaSetting>,
    /// How formal documents are sealed (`QY_PADES_LEVEL`, `QY_TSA_URLS`,
    /// `QY_TSA_TIMEOUT_SECS`; see [`PadesSetting`]).
    pub pades: PadesSetting,
    /// The 32-byte HMAC key SMS codes are stored under (`QY_SMS_CODE_KEY_FILE`, default
    /// `QY_DATA_DIR/keys/sms-code.key`); every instance needs the same one. Created on
    /// first start only in demo mode.
    pub sms_code_key: PathBuf,
    /// Demo mode (`QY_DEMO=1`): demo real-name verification is offered. Off by default.
    pub demo: bool,
    /// The dev page `/dev/outbox` showing sent SMS messages (`QY_DEV_OUTBOX=1`; on in
    /// the demo command, off otherwise: it shows verification codes). Served only when
    /// the outbox is the sender.
    pub dev_outbox: bool,
    /// Who sends SMS (`QY_SMS_PROVIDER`, see `crate::sms::sms_setting`).
    pub sms: crate::sms::SmsSetting,
    /// Webhooks of contract status changes (`QY_WEBHOOK_*`); off unless a URL and a
    /// secret are set.
    pub webhook: Option<WebhookSetting>,
    /// Served over HTTPS (`QY_SECURE_COOKIES`): cookies are `Secure` with the `__Host-`
    /// prefix and answers carry HSTS. On by default, whatever the listen address: a TLS
    /// proxy on the same host reaches the server on loopback. Off only when set to 0 — the
    /// local demo over plain HTTP (`scripts/run.sh`) — and then a warning is logged.
    pub secure_cookies: bool,
    /// Per-client rate limits, requests a minute (see `rate_limit`).
    pub rates: Rates,
    /// Our reverse proxies (`QY_TRUSTED_PROXIES`, comma-separated addresses): from these
    /// peers the client's address is read from `X-Forwarded-For`. None by default.
    pub trusted_proxies: Vec<IpAddr>,
    /// How long short-lived records are kept (`service::platform::retention`).
    pub retention: service::platform::retention::Retention,
    /// Caps on SMS (`service::sms::SmsCaps`).
    pub sms_caps: service::sms::SmsCaps,
    /// The signing deadline (`QY_SIGNING_DEADLINE_DAYS`, 7) and the quiet hours of the
    /// automatic reminders (`QY_REMIND_QUIET_HOURS`, "21-8" China time, or "off"): R23.
    pub signing_policy: service::contracts::reminders::SigningPolicy,
    /// New contracts an account may create a day (`QY_CONTRACTS_PER_DAY`, default 80).
    pub contracts_per_day: i64,
    /// Background step delays (`QY_DRAFT_DELAY_SECS`, `QY_SIGN_DELAY_SECS`, seconds,
    /// fractions allowed): the real provider takes minutes; the demo a few seconds.
    pub draft_delay_ms: i64,
    pub sign_delay_ms: i64,
    /// How long a worker's claim on a job lasts (`QY_JOB_LEASE_SECS`, default 15).
    pub job_lease_ms: i64,
    /// How often each instance sweeps for due work — archive renewals, expiry notices
    /// (`QY_SWEEP_EVERY_SECS`, default 3600; the browser tests take seconds).
    pub sweep_every_ms: i64,
    /// On SIGTERM, how long requests in flight and the worker's current step may take
    /// before the server stops anyway (`QY_SHUTDOWN_GRACE_SECS`, default 20: inside the
    /// 30 s an orchestrator such as Kubernetes waits before SIGKILL).
    pub shutdown_grace_ms: i64,
    /// How connections are bounded (`serve`): `QY_MAX_CONNECTIONS` (default 1024),
    /// `QY_HEADER_TIMEOUT_SECS` and `QY_BODY_TIMEOUT_SECS` (10 each).
    pub connections: crate::serve::ConnectionLimits,
    /// `/verify` uploads in progress at once (`QY_VERIFY_UPLOADS`, default 8; one client
    /// at most `uploads::PER_CLIENT` of them); past it: 503 with `Retry-After`.
    pub verify_uploads: usize,
    /// How long a request waits for the database or the document store before it is
    /// answered "briefly unavailable" (`QY_BACKEND_TIMEOUT_SECS`, default 5).
    pub backend_timeout_ms: i64,
    /// The provider (乙方, R17): `QY_PROVIDER_NAME`, `…_USCC`, `…_ADDRESS`, `…_PHONE`,
    /// `…_MAILING_ADDRESS`, `…_SEAL_TEXT`; the fictional demo provider by default.
    pub provider: Provider,
}

/// Requests a minute one client address may make of each limited kind, in bursts of as
/// many: `QY_RATE_SIGN_IN` (default 20), `QY_RATE_REGISTER` (5), `QY_RATE_VERIFY` (20),
/// `QY_RATE_SMS` (10), `QY_RATE_ARCHIVE` (10: bulk downloads of up to 50 documents).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rates {
    pub sign_in: NonZeroU32,
    pub register: NonZeroU32,
    pub verify: NonZeroU32,
    pub sms: NonZeroU32,
    pub archive: NonZeroU32,
}

/// Where `scripts/setup.sh` installs the font package (npm `@embedpdf/fonts-sc`).
pub const DEFAULT_FONT_DIR: &str = "fonts/node_modules/@embedpdf/fonts-sc/fonts";

impl Config {
    pub fn from_env() -> Result<Config, ConfigErrors> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup` (the environment in production, a map in tests).
    /// Every problem is reported, not only the first: an operator fixes them in one go.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigErrors> {
        let problems = Problems::default();
        let config = Self::read(&lookup, &problems);
        problems.into_result(config)
    }

    /// The settings, with a stand-in value (and a problem noted) for each bad one.
    fn read(lookup: &impl Fn(&str) -> Option<String>, problems: &Problems) -> Config {
        let lookup = |name: &str| lookup(name);
        let addr_value = lookup("QY_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr = problems.note(
            addr_value.parse().map_err(|_| ConfigError::BadAddr {
                name: "QY_ADDR",
                value: addr_value.clone(),
            }),
            SocketAddr::from(([127, 0, 0, 1], 3000)),
        );
        let demo = problems.note(flag(&lookup, "QY_DEMO"), false);
        let demo_provider = Provider::demo();
        let text = |name: &str, default: &str| {
            lookup(name)
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| default.into())
        };
        let metrics_addr = match lookup("QY_METRICS_ADDR").filter(|v| !v.trim().is_empty()) {
            None => None,
            Some(value) => problems.note(
                value
                    .trim()
                    .parse()
                    .map(Some)
                    .map_err(|_| ConfigError::BadAddr {
                        name: "QY_METRICS_ADDR",
                        value: value.clone(),
                    }),
                None,
            ),
        };
        let data_dir: PathBuf = text("QY_DATA_DIR", "data").into();
        let signing = problems.note(signing(&lookup), None);
        Config {
            addr,
            metrics_addr,
            sms_code_key: lookup("QY_SMS_CODE_KEY_FILE")
                .filter(|v| !v.trim().is_empty())
                .map_or_else(|| data_dir.join("keys").join("sms-code.key"), PathBuf::from),
            database_url: text("DATABASE_URL", service::platform::db::DEFAULT_URL).into(),
            site_root: text("LEPTOS_SITE_ROOT", "target/site"),
            data_dir,
            storage: problems.note(storage::s3_settings(&lookup), None),
            font_dir: text("QY_FONT_DIR", DEFAULT_FONT_DIR).into(),
            pades: pades(&lookup, problems, signing.is_some()),
            signing,
            event_ca: problems.note(event_ca(&lookup), None),
            demo,
            sms: problems.note(
                crate::sms::sms_setting(&lookup, demo),
                crate::sms::SmsSetting::Off,
            ),
            dev_outbox: problems.note(flag(&lookup, "QY_DEV_OUTBOX"), false),
            webhook: problems.note(webhook(&lookup), None),
            secure_cookies: problems.note(flag_or(&lookup, "QY_SECURE_COOKIES", true), true),
            rates: Rates {
                sign_in: problems.note(count(&lookup, "QY_RATE_SIGN_IN", 20), NonZeroU32::MIN),
                register: problems.note(count(&lookup, "QY_RATE_REGISTER", 5), NonZeroU32::MIN),
                verify: problems.note(count(&lookup, "QY_RATE_VERIFY", 20), NonZeroU32::MIN),
                sms: problems.note(count(&lookup, "QY_RATE_SMS", 10), NonZeroU32::MIN),
                archive: problems.note(count(&lookup, "QY_RATE_ARCHIVE", 10), NonZeroU32::MIN),
            },
            trusted_proxies: problems.note(proxies(&lookup, "QY_TRUSTED_PROXIES"), Vec::new()),
            retention: {
                let keep = service::platform::retention::Retention::default();
                let days = |name, default| problems.note(whole(&lookup, name, default), default);
                service::platform::retention::Retention {
                    verifications_days: days("QY_KEEP_VERIFICATIONS_DAYS", keep.verifications_days),
                    sms_days: days("QY_KEEP_SMS_DAYS", keep.sms_days),
                    api_calls_days: days("QY_KEEP_API_CALLS_DAYS", keep.api_calls_days),
                }
            },
            sms_caps: {
                let caps = service::sms::SmsCaps::default();
                let cap = |name, default| problems.note(whole(&lookup, name, default), default);
                service::sms::SmsCaps {
                    per_phone_hour: cap("QY_SMS_PER_PHONE_HOUR", caps.per_phone_hour),
                    per_phone_day: cap("QY_SMS_PER_PHONE_DAY", caps.per_phone_day),
                    per_account_hour: cap("QY_SMS_PER_ACCOUNT_HOUR", caps.per_account_hour),
                    per_account_day: cap("QY_SMS_PER_ACCOUNT_DAY", caps.per_account_day),
                    exhausted_codes_per_day: cap(
                        "QY_SMS_EXHAUSTED_CODES_PER_DAY",
                        caps.exhausted_codes_per_day,
                    ),
                    pending_signers: cap("QY_PENDING_SIGNERS", caps.pending_signers),
                }
            },
            signing_policy: {
                let policy = service::contracts::reminders::SigningPolicy::default();
                let days = domain::reminders::DEADLINE_DAYS;
                service::contracts::reminders::SigningPolicy {
                    deadline_ms: problems
                        .note(whole(&lookup, "QY_SIGNING_DEADLINE_DAYS", days), days)
                        * 86_400_000,
                    quiet: problems
                        .note(quiet_hours(&lookup, "QY_REMIND_QUIET_HOURS"), policy.quiet),
                }
            },
            contracts_per_day: problems.note(
                whole(&lookup, "QY_CONTRACTS_PER_DAY", service::CONTRACTS_PER_DAY),
                service::CONTRACTS_PER_DAY,
            ),
            draft_delay_ms: problems.note(seconds(&lookup, "QY_DRAFT_DELAY_SECS", 3.0), 0),
            sign_delay_ms: problems.note(seconds(&lookup, "QY_SIGN_DELAY_SECS", 5.0), 0),
            job_lease_ms: problems.note(seconds(&lookup, "QY_JOB_LEASE_SECS", 15.0), 0),
            sweep_every_ms: problems.note(seconds(&lookup, "QY_SWEEP_EVERY_SECS", 3600.0), 0),
            shutdown_grace_ms: problems.note(seconds(&lookup, "QY_SHUTDOWN_GRACE_SECS", 20.0), 0),
            connections: {
                let defaults = crate::serve::ConnectionLimits::default();
                let timeout = |name, default: std::time::Duration| {
                    let ms = problems.note(
                        positive_seconds(&lookup, name, default.as_secs_f64()),
                        default.as_millis() as i64,
                    );
                    std::time::Duration::from_millis(ms.max(1) as u64)
                };
                crate::serve::ConnectionLimits {
                    max_connections: problems.note(
                        count(
                            &lookup,
                            "QY_MAX_CONNECTIONS",
                            defaults.max_connections as u32,
                        )
                        .map(|n| n.get() as usize),
                        defaults.max_connections,
                    ),
                    header_timeout: timeout("QY_HEADER_TIMEOUT_SECS", defaults.header_timeout),
                    body_idle_timeout: timeout("QY_BODY_TIMEOUT_SECS", defaults.body_idle_timeout),
                }
            },
            verify_uploads: problems.note(
                count(&lookup, "QY_VERIFY_UPLOADS", 8).map(|n| n.get() as usize),
                8,
            ),
            backend_timeout_ms: problems.note(
                positive_seconds(&lookup, "QY_BACKEND_TIMEOUT_SECS", 5.0),
                5000,
            ),
            provider: Provider {
                name: text("QY_PROVIDER_NAME", &demo_provider.name),
                uscc: text("QY_PROVIDER_USCC", &demo_provider.uscc),
                address: text("QY_PROVIDER_ADDRESS", &demo_provider.address),
                phone: text("QY_PROVIDER_PHONE", &demo_provider.phone),
                mailing_address: text(
                    "QY_PROVIDER_MAILING_ADDRESS",
                    &demo_provider.mailing_address,
                ),
                seal_text: text("QY_PROVIDER_SEAL_TEXT", &demo_provider.seal_text),
            },
        }
    }
}

#[cfg(test)]
mod tests;
