//! The HTTP router: Leptos pages and server functions, static files, middleware.
//! Built without binding a socket so tests can drive it with `oneshot`.

use std::convert::Infallible;
use std::sync::{Arc, OnceLock};

use app::{shell, App};

use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::Route;
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use service::identity::session_store::DbSessionStore;
use tower::{Layer, Service};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tracing::Level;

use crate::config::Config;
use crate::rate_limit::{self, RateLimits};
use crate::state::Built;
use crate::verify::{self, VerifyState};
use crate::{client_address, csrf, downloads, guard, outbox, security_headers, templates};

pub use crate::session_cookie::{session_cookie, SECURE_SESSION_COOKIE, SESSION_COOKIE};

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
    let routes = Router::new()
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
        .with_state(options);
    // Each `from_fn` layer clones the service inside it on every request. Applied with
    // `Router::layer`, that inner service is the rest of the stack down to the page
    // handler with its `LeptosOptions` and `ServerState`, cloned per route and per layer:
    // clones and drops were a fifth of the server's CPU on a kept public page (perf,
    // issue 33). Behind a router of its own (`around`), each layer clones an `Arc`.
    // No layer reads the matched route from the request; `metrics::mark_route` hands it
    // out on the response, as before.
    let router = around(
        routes,
        middleware::from_fn_with_state(store, guard::console_guard),
    );
    let router = around(
        router,
        middleware::from_fn(crate::assets::pages_revalidated),
    );
    let router = around(router, crate::assets::pages_compressed());
    let router = around(
        router,
        middleware::from_fn_with_state(
            Arc::new(crate::uploads::UploadSlots::new(config.verify_uploads)),
            crate::uploads::bound,
        ),
    );
    // After the same-origin check: a refused cross-site post takes no token.
    let router = around(
        router,
        middleware::from_fn_with_state(Arc::new(RateLimits::new(&config.rates)), rate_limit::limit),
    );
    let router = around(router, middleware::from_fn(csrf::origin_check));
    let router = around(router, sessions);
    // Past the kept public pages: a span per request, named by its id and (once routed)
    // its route; a 5xx is logged as an error inside it. Requests' own start and end are
    // debug lines (RUST_LOG=tower_http=debug).
    let router = around(router, middleware::from_fn(crate::request_id::assign));
    let router = around(
        router,
        TraceLayer::new_for_http()
            .make_span_with(crate::request_id::span)
            .on_request(())
            .on_response(DefaultOnResponse::new().level(Level::DEBUG)),
    );
    // A kept public page answers here, before the session is read.
    let router = around(
        router,
        middleware::from_fn_with_state(
            Arc::new(crate::public_cache::PublicPages::default()),
            crate::public_cache::serve,
        ),
    );
    let router = around(
        router,
        middleware::from_fn_with_state(
            Arc::new(config.trusted_proxies.clone()),
            client_address::record,
        ),
    )
    // The header layers call their inner service in place: no clone, no router needed.
    .layer(nosniff)
    .layer(frames)
    .layer(referrer)
    .layer(policy);
    let router = around(router, middleware::from_fn(crate::metrics::track));
    security_headers::strict_transport_security(router, config.secure_cookies)
}

/// `layer` around `inner` as a whole: `inner` becomes the fallback of a router with no
/// routes of its own, so the layer's service holds a `Router` (an `Arc`) and not a copy
/// of the stack per route.
fn around<L>(inner: Router, layer: L) -> Router
where
    L: Layer<Route> + Clone + Send + Sync + 'static,
    L::Service: Service<Request> + Clone + Send + Sync + 'static,
    <L::Service as Service<Request>>::Response: IntoResponse + 'static,
    <L::Service as Service<Request>>::Error: Into<Infallible> + 'static,
    <L::Service as Service<Request>>::Future: Send + 'static,
{
    Router::new().fallback_service(inner).layer(layer)
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
