//! The HTTP router: Leptos pages and server functions, static files, middleware.
//! Built without binding a socket so tests can drive it with `oneshot`.

use std::sync::{Arc, OnceLock};

use app::{shell, App};
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use service::session_store::DbSessionStore;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::config::Config;
use crate::rate_limit::{self, RateLimits};
use crate::state::Built;
use crate::verify::{self, VerifyState};
use crate::{client_address, csrf, downloads, guard, outbox, security_headers, templates};

/// The session cookie's name; HttpOnly, SameSite=Lax. Served over HTTPS (the default,
/// `Config::secure_cookies`) it is Secure and named with the `__Host-` prefix, which
/// browsers accept only from a secure origin, for the whole host and no domain: a
/// sibling subdomain or a plain-HTTP page cannot plant or shadow it.
pub const SESSION_COOKIE: &str = "qy_session";
pub const SECURE_SESSION_COOKIE: &str = "__Host-qy_session";

pub fn session_cookie(secure: bool) -> &'static str {
    if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(crate::assets::bundle_name(config.site_root.as_ref()))
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .build()
}

pub fn build_router(config: &Config, built: Built) -> Router {
    let Built {
        state: server_state,
        identity,
        renderer,
        readiness,
    } = built;
    let options = leptos_options(config);
    let store = DbSessionStore::new(server_state.ctx.db.clone());
    let sessions = SessionManagerLayer::new(store.clone())
        .with_name(session_cookie(config.secure_cookies))
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies)
        .with_expiry(Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::hours(12),
        ));

    let downloads = Router::new()
        .route("/contracts/{number}/pdf/{which}", get(downloads::download))
        .route(crate::archive::PATH, get(crate::archive::download))
        .route("/ops/exports/{file}", get(crate::exports::download))
        .with_state(server_state.clone());
    let templates = Router::new()
        .route("/templates/{file}", get(templates::sample))
        .with_state(Arc::new(templates::Samples::new(renderer)));
    let verification = Router::new()
        .route("/verify", post(verify::check))
        .route("/verify/ca.pem", get(verify::ca_certificate))
        .layer(DefaultBodyLimit::max(verify::MAX_BODY))
        .with_state(VerifyState {
            db: server_state.ctx.db.clone(),
            identity,
        });
    let outbox = Router::new()
        .route("/dev/outbox", get(outbox::page))
        .with_state(outbox::OutboxState {
            db: server_state.ctx.db.clone(),
            stylesheet: format!("/pkg/{}.css", options.output_name).into(),
        });
    let outbox = if config.dev_outbox && config.sms == crate::sms::SmsSetting::Outbox {
        outbox
    } else {
        Router::new()
    };
    let api = crate::api::router(server_state.ctx.clone());
    let [nosniff, frames, referrer, policy] = security_headers::layers();
    let context = move || {
        provide_context(server_state.clone());
        provide_context(app::ssr::AccountOnce::default());
    };
    let router = Router::new()
        .merge(crate::health::router(readiness))
        .merge(downloads)
        .merge(templates)
        .merge(verification)
        .merge(outbox)
        .merge(api)
        .merge(crate::assets::bundle_files(config.site_root.as_ref()))
        .leptos_routes_with_context(&options, route_list(), context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .route_layer(middleware::from_fn(crate::metrics::mark_route))
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context, shell,
        ))
        .layer(middleware::from_fn_with_state(store, guard::console_guard))
        .layer(middleware::from_fn(crate::assets::pages_revalidated))
        .layer(crate::assets::pages_compressed())
        .layer(middleware::from_fn_with_state(
            Arc::new(crate::uploads::UploadSlots::new(config.verify_uploads)),
            crate::uploads::bound,
        ))
        // After the same-origin check: a refused cross-site post takes no token.
        .layer(middleware::from_fn_with_state(
            Arc::new(RateLimits::new(&config.rates)),
            rate_limit::limit,
        ))
        .layer(middleware::from_fn(csrf::origin_check))
        .layer(sessions)
        // A kept public page answers here, before the session is read.
        .layer(middleware::from_fn_with_state(
            Arc::new(crate::public_cache::PublicPages::default()),
            crate::public_cache::serve,
        ))
        .layer(middleware::from_fn_with_state(
            Arc::new(config.trusted_proxies.clone()),
            client_address::record,
        ))
        .layer(nosniff)
        .layer(frames)
        .layer(referrer)
        .layer(policy)
        .layer(middleware::from_fn(crate::metrics::track))
        .with_state(options);
    security_headers::strict_transport_security(router, config.secure_cookies)
}

/// The app's routes, generated once per process and shared by every router built after.
///
/// Generating a route list renders the whole app once under Leptos' `SuppressResourceLoad`
/// guard, which sets a *process-global* flag: any resource whose future is first polled
/// on another thread while it is set parks on `pending()` for good, and the response it
/// belongs to never completes (upstream leptos #4773, open in leptos_server 0.8.8). A
/// process that builds a second router while serving — the HTTP tests build one per test,
/// in parallel — would hang some of its responses at 0 % CPU. With one generation per
/// process, and every router built after it, no page can render during a generation.
pub fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}
