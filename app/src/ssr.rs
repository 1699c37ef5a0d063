//! Server-only glue for server functions: the shared state, the session, the signed-in
//! account, and the mapping of service errors to what the user sees.

use axum::http::StatusCode;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use service::identity::accounts::Account;
use service::identity::session_store::{touch_due, SignedIn, ACCOUNT_KEY, TOUCHED_KEY};
use service::{Ctx, Db, ServiceError};
use tower_sessions::Session;

use crate::error::AppError;
use crate::i18n::negotiate::cookie_in;
pub use crate::i18n::negotiate::{lang_of, request_lang, send_language_headers};

/// Provided to every server function and SSR render by the server crate.
#[derive(Clone, Debug)]
pub struct ServerState {
    pub ctx: Ctx,
    /// The provider (乙方), from configuration (R17).
    pub provider: domain::provider::Provider,
    /// Demo mode: the account page offers real-name verification (off in production).
    pub demo: bool,
    /// Issues and recognises the device cookies of sign-ins (`service::identity::devices`).
    pub devices: service::identity::devices::DeviceKey,
    /// Served over HTTPS: cookies are `Secure` with the `__Host-` prefix.
    pub secure_cookies: bool,
}

/// The client address, put into request extensions by the server (for audit events and
/// the login throttle).
#[derive(Clone, Copy, Debug)]
pub struct ClientIp(pub std::net::IpAddr);

/// Sets the HTTP status for `err` and returns it, so every refusal carries a truthful
/// status code (4xx for anything the user can fix; 500 only for our own faults).
pub fn fail(err: AppError) -> AppError {
    if let Some(options) = use_context::<ResponseOptions>() {
        options.set_status(StatusCode::from_u16(err.status()).unwrap_or(StatusCode::BAD_REQUEST));
    }
    err
}

/// A contract number from a request, parsed once: text that cannot be a number is a
/// contract that does not exist (the same 404 as another account's contract).
pub fn contract_number(text: &str) -> Result<domain::ContractNumber, AppError> {
    domain::ContractNumber::parse(text).ok_or_else(|| fail(AppError::NotFound))
}

pub fn state() -> Result<ServerState, AppError> {
    use_context::<ServerState>().ok_or_else(|| {
        // A client that goes away mid-render leaves the page's resources running with
        // their request's context already cleaned up: nothing is missing, nobody waits.
        // With the request's own context still there, the state was never provided.
        if use_context::<axum::http::request::Parts>().is_none() {
            tracing::debug!("a request ended before its page was drawn");
        } else {
            tracing::error!("ServerState missing from context");
        }
        fail(AppError::Internal)
    })
}

pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!("session layer missing: {e}");
        fail(AppError::Internal)
    })
}

/// The client's address, as the trusted-proxy layer (`server::client_address`) found it
/// and as audit events record it.
pub fn client_addr() -> Option<std::net::IpAddr> {
    let parts = use_context::<axum::http::request::Parts>()?;
    parts.extensions.get::<ClientIp>().map(|ip| ip.0)
}

/// The device cookie's name (`service::identity::devices`): `__Host-` over HTTPS, like the
/// session's.
fn device_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-qy_device"
    } else {
        "qy_device"
    }
}

/// The device cookie this request carries, if any.
pub fn device_cookie() -> Option<String> {
    let secure = use_context::<ServerState>()?.secure_cookies;
    let parts = use_context::<axum::http::request::Parts>()?;
    cookie(&parts, device_cookie_name(secure))
}

/// Sets the device cookie to `value`: HttpOnly, sent to this site only, for
/// `service::identity::devices::MAX_AGE_SECS` after this sign-in.
pub fn set_device_cookie(value: &str) {
    let (Some(state), Some(options)) = (
        use_context::<ServerState>(),
        use_context::<ResponseOptions>(),
    ) else {
        return;
    };
    let cookie = format!(
        "{}={value}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}",
        device_cookie_name(state.secure_cookies),
        service::identity::devices::MAX_AGE_SECS,
        if state.secure_cookies { "; Secure" } else { "" }
    );
    if let Ok(value) = axum::http::HeaderValue::from_str(&cookie) {
        options.append_header(axum::http::header::SET_COOKIE, value);
    }
}

/// Signs `account_id` in on this session, under a new session id (which defeats
/// session fixation).
pub async fn sign_in(account_id: i64) -> Result<(), AppError> {
    let session = session().await?;
    session
        .cycle_id()
        .await
        .map_err(|_| fail(AppError::Internal))?;
    session
        .insert(ACCOUNT_KEY, account_id)
        .await
        .map_err(|_| fail(AppError::Internal))?;
    session
        .insert(TOUCHED_KEY, service::platform::clock::wall_clock_ms())
        .await
        .map_err(|_| fail(AppError::Internal))?;
    Ok(())
}

/// Keeps a signed-in visitor's session alive while they use it: the inactivity expiry
/// (and the cookie's) is pushed back when the last push is a few minutes old. Changing the
/// session is what makes the session layer save it; a page view in between writes nothing.
async fn keep_alive(session: &Session, touched: Option<i64>) {
    let now = service::platform::clock::wall_clock_ms();
    if touch_due(touched, now) {
        if let Err(e) = session.insert(TOUCHED_KEY, now).await {
            tracing::warn!("session keep-alive: {e}");
        }
    }
}

/// The signed-in account as read once for a page: the page's resources (the header's
/// user, the contract home, the list) each ask for it, concurrently. The server provides
/// one per request; it is used for GETs only — a GET changes no account, while a server
/// function (a POST) may sign in, out, or change the account and then read it again.
#[derive(Clone, Default)]
pub struct AccountOnce(std::sync::Arc<tokio::sync::OnceCell<Option<Account>>>);

/// The signed-in account, if any.
pub async fn current_account() -> Result<Option<Account>, AppError> {
    let once = use_context::<AccountOnce>().filter(|_| {
        use_context::<axum::http::request::Parts>()
            .is_some_and(|parts| parts.method == axum::http::Method::GET)
    });
    match once {
        Some(once) => once.0.get_or_try_init(read_account).await.cloned(),
        None => read_account().await,
    }
}

async fn read_account() -> Result<Option<Account>, AppError> {
    // A console page's GET: the server's gate has read it with the session already.
    let gate = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<SignedIn>().cloned());
    if let Some(SignedIn {
        account,
        touched_at,
    }) = gate
    {
        keep_alive(&session().await?, touched_at).await;
        return Ok(Some(account));
    }
    // Anything else (a server function, the sign-in pages): the account with its live
    // session in one query, which says "unavailable" as such when the database is out of
    // reach (the session layer's own read would only say "failed").
    let session = session().await?;
    let Some(id) = session.id() else {
        return Ok(None);
    };
    let store = service::identity::session_store::DbSessionStore::new(state()?.ctx.db);
    match store.signed_in(&id).await? {
        Some(SignedIn {
            account,
            touched_at,
        }) => {
            keep_alive(&session, touched_at).await;
            Ok(Some(account))
        }
        None => Ok(None),
    }
}

/// The signed-in account, or 401.
pub async fn require_account() -> Result<Account, AppError> {
    current_account()
        .await?
        .ok_or_else(|| fail(AppError::Unauthenticated))
}

pub fn db() -> Result<Db, AppError> {
    Ok(state()?.ctx.db)
}

pub fn ctx() -> Result<Ctx, AppError> {
    let mut ctx = state()?.ctx;
    // The SMS this request causes are written in the language of its page.
    ctx.lang = request_lang();
    Ok(ctx)
}

/// The signed-in account and an audit actor for it.
pub async fn require_actor() -> Result<(Account, service::platform::audit::Actor), AppError> {
    let account = require_account().await?;
    let actor = service::platform::audit::Actor::customer(account.id, client_addr());
    Ok((account, actor))
}

/// What a customer's use case on one of their contracts takes: the request's context,
/// the signed-in account, the contract's number (parsed once) and the audit actor.
pub struct OnContract {
    pub ctx: Ctx,
    pub account_id: i64,
    pub number: domain::ContractNumber,
    pub actor: service::platform::audit::Actor,
}

/// [`OnContract`] for `number`: 401 when signed out, 404 for text that is not a number.
pub async fn on_contract(number: &str) -> Result<OnContract, AppError> {
    let (account, actor) = require_actor().await?;
    Ok(OnContract {
        ctx: ctx()?,
        account_id: account.id,
        number: contract_number(number)?,
        actor,
    })
}

/// The signed-in operator and an audit actor; anyone else is told the page does not
/// exist (404), so the console's existence is not advertised to customers.
pub async fn require_operator() -> Result<service::platform::audit::Actor, AppError> {
    let account = require_account().await?;
    if account.role != domain::account::Role::Operator {
        return Err(fail(AppError::NotFound));
    }
    Ok(service::platform::audit::Actor::operator(
        account.id,
        client_addr(),
    ))
}

/// When to try again after an outage answer (the database or the store out of reach).
pub const UNAVAILABLE_RETRY_AFTER_SECS: i64 = 5;

/// Tells the client when to try again (429 and 503 answers).
fn retry_after(secs: i64) {
    if let Some(options) = use_context::<ResponseOptions>() {
        options.insert_header(axum::http::header::RETRY_AFTER, secs.max(1).into());
    }
}

/// A use case's failure as a server function's: `?` in a server function converts.
impl From<ServiceError> for AppError {
    fn from(err: ServiceError) -> Self {
        into_app(err)
    }
}

/// Maps a service error to what the user sees (and logs our own faults).
pub fn into_app(err: ServiceError) -> AppError {
    let app = match err {
        ServiceError::Validation(fields) | ServiceError::Conflict(fields) => {
            AppError::Validation(fields)
        }
        ServiceError::BadCredentials => AppError::BadCredentials,
        ServiceError::Throttled { retry_after_secs } => {
            retry_after(retry_after_secs);
            AppError::LoginThrottled {
                minutes: (retry_after_secs + 59) / 60,
            }
        }
        ServiceError::Busy { retry_after_secs } => {
            retry_after(retry_after_secs);
            AppError::Busy
        }
        ServiceError::NotFound => AppError::NotFound,
        ServiceError::Unavailable(e) => {
            tracing::warn!("unavailable: {e}");
            retry_after(UNAVAILABLE_RETRY_AFTER_SECS);
            AppError::Unavailable
        }
        ServiceError::Refused(reason) => AppError::Refused(reason),
        ServiceError::Database(e) => {
            tracing::error!("database error: {e}");
            AppError::Internal
        }
        ServiceError::Internal(e) => {
            tracing::error!("internal error: {e}");
            AppError::Internal
        }
        // Only the billing API's operations refuse this way; none is a page's.
        e @ ServiceError::BillingInput(_) => {
            tracing::error!("billing input error on a page: {e}");
            AppError::Internal
        }
    };
    fail(app)
}

fn cookie(parts: &axum::http::request::Parts, name: &str) -> Option<String> {
    cookie_in(&parts.headers, name)
}

/// The public pages: they carry `hreflang` alternates for search engines.
pub const PUBLIC_PATHS: [&str; 5] = ["/", "/guide", "/faq", "/templates", "/verify"];

/// The public pages and a verification's result.
fn is_public_page(path: &str) -> bool {
    PUBLIC_PATHS.contains(&path) || path.starts_with("/verify/result/")
}

/// Whether this page is sent as plain HTML, without the browser bundle: the public pages
/// and a verification's result. They are links, `<details>` and a plain form, so the
/// bundle would add nothing but its weight (issue 13: a public page transfers at most
/// 150 KB; the bundle alone is three times that). Their links lead to the console with a
/// full page load, which brings the bundle where it is needed.
pub fn is_plain_html_page() -> bool {
    use_context::<axum::http::request::Parts>()
        .is_some_and(|parts| is_public_page(parts.uri.path()))
}

/// `(hreflang, absolute URL)` of each language of this page, and `x-default`, when the
/// page is a translated public one. Absolute, as search engines require: the origin is
/// the request's (`X-Forwarded-Proto` from a TLS-terminating proxy, else http on
/// loopback and https elsewhere).
pub fn hreflang_alternates() -> Vec<(&'static str, String)> {
    let Some(parts) = use_context::<axum::http::request::Parts>() else {
        return Vec::new();
    };
    let path = parts.uri.path();
    let host = parts
        .headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok());
    // Only a plain host[:port] is echoed into the links (the header is the client's).
    let plain = |h: &&str| {
        h.chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
    };
    let (true, Some(host)) = (PUBLIC_PATHS.contains(&path), host.filter(plain)) else {
        return Vec::new();
    };
    let loopback = host.starts_with("127.0.0.1") || host.starts_with("localhost");
    let scheme = parts
        .headers
        .get("x-forwarded-proto")
        .and_then(|p| p.to_str().ok())
        .filter(|p| matches!(*p, "http" | "https"))
        .unwrap_or(if loopback { "http" } else { "https" });
    let base = format!("{scheme}://{host}{path}");
    let mut links: Vec<(&'static str, String)> = crate::i18n::Lang::ALL
        .iter()
        .map(|lang| (lang.tag(), format!("{base}?lang={}", lang.tag())))
        .collect();
    links.push(("x-default", base));
    links
}
