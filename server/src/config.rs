//! Configuration from the environment, with defaults that run the demo out of the box.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::path::PathBuf;

use domain::provider::Provider;
use thiserror::Error;

#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen (`QY_ADDR`, default 127.0.0.1:3000).
    pub addr: SocketAddr,
    /// Where Prometheus scrapes `/metrics` (`QY_METRICS_ADDR`, e.g. 0.0.0.0:9464 on the
    /// private network); unset, metrics are not served. Never the public port.
    pub metrics_addr: Option<SocketAddr>,
    /// `DATABASE_URL`: `sqlite://…` (default: a file under ./data) or `postgres://…`.
    pub database_url: String,
    /// Built browser assets and public files (`LEPTOS_SITE_ROOT`, default target/site).
    pub site_root: String,
    /// Documents and keys (`QY_DATA_DIR`, default ./data).
    pub data_dir: PathBuf,
    /// Where documents are stored: files under `QY_DATA_DIR/documents` (default) or an
    /// S3-compatible bucket (`QY_S3_*`, see `storage_setting`).
    pub storage: Option<service::storage::S3Settings>,
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
    /// How long short-lived records are kept (`service::retention`).
    pub retention: service::retention::Retention,
    /// Caps on SMS (`service::sms::SmsCaps`).
    pub sms_caps: service::sms::SmsCaps,
    /// The signing deadline (`QY_SIGNING_DEADLINE_DAYS`, 7) and the quiet hours of the
    /// automatic reminders (`QY_REMIND_QUIET_HOURS`, "21-8" China time, or "off"): R23.
    pub signing_policy: service::reminders::SigningPolicy,
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
fn pades(
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

/// Every problem found in a configuration; shown one per line.
#[derive(Debug, Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct ConfigErrors(pub Vec<ConfigError>);

/// Collects problems while the settings are read.
#[derive(Default)]
struct Problems(std::cell::RefCell<Vec<ConfigError>>);

impl Problems {
    /// The value, or `stand_in` with the problem noted.
    fn note<T>(&self, result: Result<T, ConfigError>, stand_in: T) -> T {
        result.unwrap_or_else(|problem| {
            self.0.borrow_mut().push(problem);
            stand_in
        })
    }

    fn into_result(self, config: Config) -> Result<Config, ConfigErrors> {
        let problems = self.0.into_inner();
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(ConfigErrors(problems))
        }
    }
}

/// Where contract events are delivered and how.
#[derive(Clone)]
pub struct WebhookSetting {
    /// `QY_WEBHOOK_URL`: `https://…` (the certificate checked), or `http://` to loopback
    /// or with `QY_WEBHOOK_ALLOW_HTTP=1` (a receiver on a private network you trust).
    pub url: String,
    /// `QY_WEBHOOK_SECRET`: the HMAC-SHA256 key the deliveries are signed with.
    pub secret: service::secret::Secret,
    /// `QY_WEBHOOK_CA_FILE`: PEM certificates trusted for the receiver beside the public
    /// roots (a receiver with a certificate of a private CA).
    pub ca_file: Option<PathBuf>,
}

impl std::fmt::Debug for WebhookSetting {
    // The URL may carry the receiver's token (user info, query): shown without them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookSetting")
            .field("url", &service::webhooks::shown_url(&self.url))
            .field("secret", &self.secret)
            .field("ca_file", &self.ca_file)
            .finish()
    }
}

/// `QY_WEBHOOK_URL` and `QY_WEBHOOK_SECRET`, both or neither, and how the URL may be
/// reached.
fn webhook(
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
        secret: service::secret::Secret(secret),
        ca_file: value("QY_WEBHOOK_CA_FILE").map(PathBuf::from),
    }))
}

/// `localhost` or a loopback address (a local stub or test server).
fn is_loopback_host(host: &str) -> bool {
    host == "localhost"
        || host
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

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
            database_url: text("DATABASE_URL", service::db::DEFAULT_URL),
            site_root: text("LEPTOS_SITE_ROOT", "target/site"),
            data_dir,
            storage: problems.note(crate::storage_setting::s3_settings(&lookup), None),
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
                let keep = service::retention::Retention::default();
                let days = |name, default| problems.note(whole(&lookup, name, default), default);
                service::retention::Retention {
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
                let policy = service::reminders::SigningPolicy::default();
                let days = domain::reminders::DEADLINE_DAYS;
                service::reminders::SigningPolicy {
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

/// `QY_SIGNING_CERT` and `QY_SIGNING_KEY`: both or neither. One alone is a mistake to
/// say, not a reason to fall back to a development CA.
fn signing(
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

fn event_ca(
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

/// An `https://host[:port]/` URL of a service we send credentials to; plain `http://`
/// only to a loopback address (a local stub or test server).
pub fn endpoint(name: &'static str, value: &str) -> Result<axum::http::Uri, ConfigError> {
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

fn flag(lookup: &impl Fn(&str) -> Option<String>, name: &'static str) -> Result<bool, ConfigError> {
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

fn count(
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
fn whole(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: i64,
) -> Result<i64, ConfigError> {
    let default = u32::try_from(default).unwrap_or(u32::MAX);
    count(lookup, name, default).map(|n| i64::from(n.get()))
}

fn quiet_hours(
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

fn proxies(
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
fn positive_seconds(
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

fn seconds(
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn all(pairs: &[(&str, &str)]) -> Result<Config, ConfigErrors> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    /// The first problem.
    fn with(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        all(pairs).map_err(|e| e.0.into_iter().next().expect("a problem"))
    }

    #[test]
    fn every_problem_is_reported_one_per_line() {
        let problems = all(&[
            ("QY_ADDR", "localhost"),
            ("QY_RATE_SMS", "many"),
            ("QY_WEBHOOK_URL", "billing.internal/hooks"),
            ("QY_WEBHOOK_SECRET", "s"),
            ("QY_S3_BUCKET", "contracts"),
        ])
        .unwrap_err();
        let text = problems.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        for name in [
            "QY_ADDR",
            "QY_RATE_SMS",
            "QY_WEBHOOK_URL",
            "QY_S3_ACCESS_KEY_ID",
        ] {
            assert!(text.contains(name), "{name}: {text}");
        }
        assert!(matches!(
            with(&[("QY_WEBHOOK_SECRET", "s")]),
            Err(ConfigError::Missing {
                name: "QY_WEBHOOK_URL",
                ..
            })
        ));
        let hooks = with(&[
            ("QY_WEBHOOK_URL", "https://billing.internal/hooks"),
            ("QY_WEBHOOK_SECRET", "s"),
        ])
        .unwrap();
        assert!(hooks.webhook.is_some());
    }

    #[test]
    fn defaults_run_the_embedded_database_without_demo_mode() {
        let config = with(&[]).unwrap();
        assert_eq!(config.addr.to_string(), "127.0.0.1:3000");
        assert!(config.database_url.starts_with("sqlite://"));
        assert!(!config.demo);
        assert!(config.secure_cookies);
        assert_eq!((config.draft_delay_ms, config.sign_delay_ms), (3000, 5000));
        assert_eq!(config.provider, Provider::demo());
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
        assert!(matches!(
            with(&[("QY_SIGN_DELAY_SECS", "-1")]),
            Err(ConfigError::BadSeconds { .. })
        ));
        assert!(matches!(
            with(&[("QY_SIGN_DELAY_SECS", "soon")]),
            Err(ConfigError::BadSeconds { .. })
        ));
        assert!(with(&[("QY_DEMO", "1")]).unwrap().demo);
        assert_eq!(
            with(&[("QY_DRAFT_DELAY_SECS", "0.5")])
                .unwrap()
                .draft_delay_ms,
            500
        );
    }

    #[test]
    fn cookies_are_secure_unless_turned_off() {
        // Loopback too: a TLS proxy on the same host reaches the server there.
        assert!(
            with(&[("QY_ADDR", "127.0.0.1:3000")])
                .unwrap()
                .secure_cookies
        );
        assert!(with(&[("QY_ADDR", "[::1]:3000")]).unwrap().secure_cookies);
        assert!(with(&[("QY_ADDR", "0.0.0.0:3000")]).unwrap().secure_cookies);
        assert!(with(&[("QY_ADDR", "10.0.0.5:80")]).unwrap().secure_cookies);
        let plain = with(&[("QY_ADDR", "0.0.0.0:3000"), ("QY_SECURE_COOKIES", "0")]);
        assert!(!plain.unwrap().secure_cookies);
        let forced = with(&[("QY_SECURE_COOKIES", "1")]);
        assert!(forced.unwrap().secure_cookies);
    }

    #[test]
    fn rate_limits_and_trusted_proxies_are_configuration() {
        let defaults = with(&[]).unwrap();
        assert_eq!(defaults.rates.sign_in.get(), 20);
        assert!(defaults.trusted_proxies.is_empty());
        let set = with(&[
            ("QY_RATE_SMS", "3"),
            ("QY_TRUSTED_PROXIES", "10.0.0.2, ::1"),
        ])
        .unwrap();
        assert_eq!(set.rates.sms.get(), 3);
        assert_eq!(set.trusted_proxies.len(), 2);
        for bad in ["0", "-1", "many", "1000001"] {
            assert!(
                matches!(
                    with(&[("QY_RATE_SIGN_IN", bad)]),
                    Err(ConfigError::BadCount { .. })
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            with(&[("QY_TRUSTED_PROXIES", "10.0.0.2, proxy.local")]),
            Err(ConfigError::BadProxies { .. })
        ));
    }

    #[test]
    fn webhooks_go_over_https_and_plain_http_only_to_loopback_or_when_allowed() {
        let hook = |url: &str, extra: &[(&str, &str)]| {
            let mut pairs = vec![("QY_WEBHOOK_URL", url), ("QY_WEBHOOK_SECRET", "whsec-9")];
            pairs.extend_from_slice(extra);
            with(&pairs)
        };
        assert!(hook("https://billing.example.com/hooks", &[]).is_ok());
        assert!(hook("http://127.0.0.1:9000/hooks", &[]).is_ok());
        assert!(hook("http://localhost:9000/hooks", &[]).is_ok());
        assert!(matches!(
            hook("http://10.0.0.9:8080/hooks", &[]),
            Err(ConfigError::PlainWebhookUrl(_))
        ));
        let allowed = hook(
            "http://10.0.0.9:8080/hooks",
            &[("QY_WEBHOOK_ALLOW_HTTP", "1")],
        );
        assert!(allowed.unwrap().webhook.is_some());
        assert!(matches!(
            hook("ftp://10.0.0.9/hooks", &[]),
            Err(ConfigError::BadWebhookUrl(_))
        ));
        let ca = hook(
            "https://b.example/h",
            &[("QY_WEBHOOK_CA_FILE", "/etc/qy/ca.pem")],
        );
        assert_eq!(
            ca.unwrap().webhook.unwrap().ca_file,
            Some(PathBuf::from("/etc/qy/ca.pem"))
        );
    }

    /// Secrets never reach a log line through the configuration's debug output.
    #[test]
    fn secrets_are_not_in_the_debug_output() {
        let config = with(&[
            (
                "QY_WEBHOOK_URL",
                "https://hook:url-secret-3@billing.example.com/hooks?token=url-secret-4",
            ),
            ("QY_WEBHOOK_SECRET", "whsec-very-secret-1"),
            ("QY_S3_BUCKET", "contracts"),
            ("QY_S3_ACCESS_KEY_ID", "AKIDEXAMPLE"),
            ("QY_S3_SECRET_ACCESS_KEY", "s3-very-secret-2"),
            ("QY_DEMO", "1"),
        ])
        .unwrap();
        let shown = format!("{config:?}");
        for secret in [
            "whsec-very-secret-1",
            "s3-very-secret-2",
            "url-secret-3",
            "url-secret-4",
        ] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(
            shown.contains("https://billing.example.com/hooks"),
            "{shown}"
        );
    }

    #[test]
    fn a_time_stamped_level_needs_a_tsa_when_the_certificate_is_the_providers_own() {
        let own = [("QY_SIGNING_CERT", "c.pem"), ("QY_SIGNING_KEY", "k.pem")];
        // The default, b-lta, and every level from b-t up.
        for level in ["", "b-t", "b-lt", "B-LTA"] {
            let problem = with(&[own[0], own[1], ("QY_PADES_LEVEL", level)]).unwrap_err();
            assert!(matches!(problem, ConfigError::TsaRequired(_)), "{level}");
            assert!(problem.to_string().contains("QY_TSA_URLS"));
        }
        let b_b = with(&[own[0], own[1], ("QY_PADES_LEVEL", "b-b")]).unwrap();
        assert_eq!(b_b.pades.level, pdf::Level::BB);
        let with_tsa = with(&[
            own[0],
            own[1],
            (
                "QY_TSA_URLS",
                " https://tsa.example/, http://127.0.0.1:8080/tsa ,",
            ),
            ("QY_TSA_TIMEOUT_SECS", "2.5"),
        ])
        .unwrap();
        assert_eq!(with_tsa.pades.level, pdf::Level::BLTA);
        assert_eq!(
            with_tsa.pades.tsa_urls,
            ["https://tsa.example/", "http://127.0.0.1:8080/tsa"]
        );
        assert_eq!(with_tsa.pades.timeout_ms, 2500);
        // The demo's development CA answers itself.
        let demo = with(&[("QY_DEMO", "1")]).unwrap();
        assert_eq!(demo.pades.level, pdf::Level::BLTA);
        assert!(demo.pades.tsa_urls.is_empty());
        assert!(matches!(
            with(&[("QY_PADES_LEVEL", "lta")]),
            Err(ConfigError::BadChoice {
                name: "QY_PADES_LEVEL",
                ..
            })
        ));
        assert!(matches!(
            with(&[("QY_TSA_URLS", "ftp://tsa.example/")]),
            Err(ConfigError::BadTsaUrl(_))
        ));
    }

    #[test]
    fn the_event_ca_comes_with_its_key_and_responder_url() {
        assert_eq!(with(&[]).unwrap().event_ca, None);
        let full = with(&[
            ("QY_EVENT_CA_CERT", "ca.pem"),
            ("QY_EVENT_CA_KEY", "ca-key.pem"),
            ("QY_EVENT_OCSP_URL", "https://pki.example.cn/ocsp"),
        ])
        .unwrap();
        assert_eq!(
            full.event_ca,
            Some(EventCaSetting {
                chain: "ca.pem".into(),
                key: "ca-key.pem".into(),
                ocsp_url: "https://pki.example.cn/ocsp".into(),
            })
        );
        assert!(matches!(
            with(&[("QY_EVENT_CA_CERT", "ca.pem"), ("QY_EVENT_CA_KEY", "k.pem")]),
            Err(ConfigError::Missing {
                name: "QY_EVENT_OCSP_URL",
                because: "QY_EVENT_CA_CERT",
            })
        ));
        assert!(matches!(
            with(&[("QY_EVENT_CA_KEY", "k.pem")]),
            Err(ConfigError::Missing {
                name: "QY_EVENT_CA_CERT",
                because: "QY_EVENT_CA_KEY",
            })
        ));
    }

    #[test]
    fn the_signing_certificate_and_key_come_together() {
        assert!(with(&[]).unwrap().signing.is_none());
        let both = with(&[
            ("QY_SIGNING_CERT", "c.pem"),
            ("QY_SIGNING_KEY", "k.pem"),
            ("QY_PADES_LEVEL", "b-b"),
        ]);
        assert!(both.unwrap().signing.is_some());
        assert!(matches!(
            with(&[("QY_SIGNING_CERT", "c.pem"), ("QY_DEMO", "1")]),
            Err(ConfigError::Missing {
                name: "QY_SIGNING_KEY",
                ..
            })
        ));
        assert!(matches!(
            with(&[("QY_SIGNING_KEY", "k.pem")]),
            Err(ConfigError::Missing {
                name: "QY_SIGNING_CERT",
                ..
            })
        ));
    }

    #[test]
    fn slow_clients_and_backend_waits_are_bounded_by_configuration() {
        let defaults = with(&[]).unwrap();
        assert_eq!(
            defaults.connections,
            crate::serve::ConnectionLimits::default()
        );
        assert_eq!(defaults.verify_uploads, 8);
        assert_eq!(defaults.backend_timeout_ms, 5000);
        let set = with(&[
            ("QY_MAX_CONNECTIONS", "50"),
            ("QY_HEADER_TIMEOUT_SECS", "2"),
            ("QY_BODY_TIMEOUT_SECS", "1.5"),
            ("QY_VERIFY_UPLOADS", "3"),
            ("QY_BACKEND_TIMEOUT_SECS", "2"),
        ])
        .unwrap();
        assert_eq!(set.connections.max_connections, 50);
        assert_eq!(set.connections.header_timeout.as_millis(), 2000);
        assert_eq!(set.connections.body_idle_timeout.as_millis(), 1500);
        assert_eq!(set.verify_uploads, 3);
        assert_eq!(set.backend_timeout_ms, 2000);
        for name in [
            "QY_HEADER_TIMEOUT_SECS",
            "QY_BODY_TIMEOUT_SECS",
            "QY_BACKEND_TIMEOUT_SECS",
        ] {
            assert!(
                matches!(with(&[(name, "0")]), Err(ConfigError::BadSeconds { .. })),
                "{name}"
            );
        }
    }

    #[test]
    fn the_provider_is_configuration() {
        let config = with(&[("QY_PROVIDER_NAME", "某某云有限公司")]).unwrap();
        assert_eq!(config.provider.name, "某某云有限公司");
        assert_eq!(config.provider.uscc, Provider::demo().uscc);
    }
}
