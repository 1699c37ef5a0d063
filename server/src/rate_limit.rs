//! Per-client rate limits (token buckets, the `governor` crate) on what anyone can call
//! and what costs us: signing in, registering, `/verify` (parses an uploaded PDF), and
//! every request that sends an SMS. Each kind has its own bucket per client (an IPv4
//! address, an IPv6 /64: `service::identity::throttle::client_bucket`), `Config::rates` requests a
//! minute with bursts of as many. A refused request is answered at once — 429 with
//! `Retry-After` and the app's typed error in the encoding its caller reads, or for the
//! no-JavaScript `/verify` form a redirect back to it with the reason — and never reaches
//! a handler. It runs after the same-origin check: cross-site posts, refused there, use
//! up nobody's budget.
//!
//! Beside, not instead of, the limits inside the service: the login throttle per login
//! and client, the bound on concurrent password hashes, the SMS resend interval.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use app::error::AppError;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::client_address::ClientAddr;
use crate::config::Rates;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    SignIn,
    Register,
    Verify,
    Sms,
    /// The bulk download: up to 50 documents read and hashed a request; and the
    /// download of an operators' export.
    Archive,
    /// Asking for an operators' export (a server function): the archives' bucket.
    Export,
}

impl Kind {
    /// The metric label.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::SignIn => "sign_in",
            Kind::Register => "register",
            Kind::Verify => "verify",
            Kind::Sms => "sms",
            Kind::Archive => "archive",
            Kind::Export => "export",
        }
    }
}

/// The kind of a request, if it is one of the limited ones (POSTs, and the GETs of
/// archives: the bulk download's and the operators' exports').
pub fn kind_of(method: &Method, path: &str) -> Option<Kind> {
    if method == Method::GET
        && (path == crate::archive::PATH || path.starts_with(crate::exports::DOWNLOADS))
    {
        return Some(Kind::Archive);
    }
    if method != Method::POST {
        return None;
    }
    match path {
        // Both check a password (an argon2 verification each).
        "/fn/login" | "/fn/account/password" => Some(Kind::SignIn),
        "/fn/register" => Some(Kind::Register),
        "/verify" => Some(Kind::Verify),
        // Signing codes (first and again), 催签 reminders, the e-sign administrator's
        // activation code and a signer approval's code.
        "/fn/dual/signer"
        | "/fn/dual/resend"
        | "/fn/dual/remind"
        | "/fn/esign/start"
        | "/fn/esign/signers/code" => Some(Kind::Sms),
        // An operators' export: a long background write.
        "/fn/ops/export" => Some(Kind::Export),
        _ => None,
    }
}

/// Every limited path, for the tests that check each is a real route.
pub const LIMITED_PATHS: [&str; 10] = [
    "/fn/login",
    "/fn/account/password",
    "/fn/register",
    "/verify",
    "/fn/dual/signer",
    "/fn/dual/resend",
    "/fn/dual/remind",
    "/fn/esign/start",
    "/fn/esign/signers/code",
    "/fn/ops/export",
];

pub struct RateLimits {
    sign_in: DefaultKeyedRateLimiter<IpAddr>,
    register: DefaultKeyedRateLimiter<IpAddr>,
    verify: DefaultKeyedRateLimiter<IpAddr>,
    sms: DefaultKeyedRateLimiter<IpAddr>,
    archive: DefaultKeyedRateLimiter<IpAddr>,
    clock: DefaultClock,
    checks: AtomicU64,
}

impl RateLimits {
    pub fn new(rates: &Rates) -> Self {
        let bucket = |per_minute: NonZeroU32| RateLimiter::keyed(Quota::per_minute(per_minute));
        RateLimits {
            sign_in: bucket(rates.sign_in),
            register: bucket(rates.register),
            verify: bucket(rates.verify),
            sms: bucket(rates.sms),
            archive: bucket(rates.archive),
            clock: DefaultClock::default(),
            checks: AtomicU64::new(0),
        }
    }

    /// Takes one token of `kind` for `client`; when there is none, how long until one.
    pub fn check(&self, kind: Kind, client: IpAddr) -> Result<(), Duration> {
        // Buckets that have refilled are forgotten now and then, so addresses seen once
        // do not accumulate.
        if self.checks.fetch_add(1, Ordering::Relaxed) % 1024 == 1023 {
            for bucket in [
                &self.sign_in,
                &self.register,
                &self.verify,
                &self.sms,
                &self.archive,
            ] {
                bucket.retain_recent();
                bucket.shrink_to_fit();
            }
        }
        let bucket = match kind {
            Kind::SignIn => &self.sign_in,
            Kind::Register => &self.register,
            Kind::Verify => &self.verify,
            Kind::Sms => &self.sms,
            Kind::Archive | Kind::Export => &self.archive,
        };
        bucket
            .check_key(&service::identity::throttle::client_bucket(client))
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }
}

pub async fn limit(
    State(limits): State<Arc<RateLimits>>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let kind = kind_of(req.method(), req.uri().path());
    let client = req.extensions().get::<ClientAddr>().map(|c| c.0);
    if let (Some(kind), Some(client)) = (kind, client) {
        if let Err(wait) = limits.check(kind, client) {
            return refuse(kind, wait);
        }
    }
    next.run(req).await
}

fn refuse(kind: Kind, wait: Duration) -> Response {
    metrics::counter!("qianyue_rate_limited_total", "kind" => kind.as_str()).increment(1);
    let retry_after_secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let retry_after_secs = retry_after_secs.max(1);
    let mut response = match kind {
        Kind::Verify => Redirect::to("/verify?error=rate").into_response(),
        // A form's download: the browser keeps its page and reports the download failed.
        Kind::Archive => axum::http::StatusCode::TOO_MANY_REQUESTS.into_response(),
        // Every other limited path is a server function's.
        _ => crate::refusal::server_fn_error(&AppError::RateLimited {
            retry_after_secs: retry_after_secs as i64,
        }),
    };
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rates(n: u32) -> Rates {
        let n = NonZeroU32::new(n).unwrap();
        Rates {
            sign_in: n,
            register: n,
            verify: n,
            sms: n,
            archive: n,
        }
    }

    #[test]
    fn a_client_gets_its_burst_then_waits_while_others_and_other_kinds_go_on() {
        let limits = RateLimits::new(&rates(3));
        let (a, b): (IpAddr, IpAddr) = (
            "203.0.113.1".parse().unwrap(),
            "203.0.113.2".parse().unwrap(),
        );
        for _ in 0..3 {
            assert!(limits.check(Kind::SignIn, a).is_ok());
        }
        let wait = limits.check(Kind::SignIn, a).unwrap_err();
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_secs(20),
            "{wait:?}"
        );
        assert!(limits.check(Kind::SignIn, b).is_ok(), "another client");
        assert!(limits.check(Kind::Sms, a).is_ok(), "another kind");
    }

    #[test]
    fn an_ipv6_client_is_its_64() {
        let limits = RateLimits::new(&rates(2));
        let one: IpAddr = "2001:db8:5:6::1".parse().unwrap();
        let same_64: IpAddr = "2001:db8:5:6:ffff::9".parse().unwrap();
        let other_64: IpAddr = "2001:db8:5:7::1".parse().unwrap();
        assert!(limits.check(Kind::SignIn, one).is_ok());
        assert!(limits.check(Kind::SignIn, same_64).is_ok());
        assert!(limits.check(Kind::SignIn, same_64).is_err(), "one client");
        assert!(limits.check(Kind::SignIn, other_64).is_ok());
    }

    #[test]
    fn only_the_limited_posts_are_classified() {
        for path in LIMITED_PATHS {
            assert!(kind_of(&Method::POST, path).is_some(), "{path}");
            assert_eq!(kind_of(&Method::GET, path), None, "{path}");
        }
        assert_eq!(kind_of(&Method::POST, "/fn/contracts/create"), None);
        assert_eq!(kind_of(&Method::POST, "/fn/login/"), None);
        assert_eq!(
            kind_of(&Method::GET, crate::archive::PATH),
            Some(Kind::Archive)
        );
        assert_eq!(kind_of(&Method::GET, "/contracts"), None);
        assert_eq!(
            kind_of(&Method::GET, "/ops/exports/7.zip"),
            Some(Kind::Archive)
        );
        assert_eq!(kind_of(&Method::POST, "/fn/ops/export"), Some(Kind::Export));
    }

    #[test]
    fn a_refusal_says_when_to_come_back() {
        let response = refuse(Kind::SignIn, Duration::from_millis(2500));
        assert_eq!(response.status(), axum::http::StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "3");
        let response = refuse(Kind::Verify, Duration::from_millis(10));
        assert_eq!(response.status(), axum::http::StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[header::LOCATION], "/verify?error=rate");
        assert_eq!(response.headers()[header::RETRY_AFTER], "1");
    }
}
