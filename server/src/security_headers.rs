//! Response headers every answer carries, so a browser treats our pages and files the
//! way we mean them: no MIME sniffing, no framing by other sites (the contract page
//! frames our own PDFs), no referrer sent to other origins, forms that post only here.
//!
//! The Content-Security-Policy is `app::csp`'s: pages set their own, bound to the page's
//! script nonce; this layer gives every other answer the base policy.

use axum::http::{header, HeaderName, HeaderValue};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

/// The layers, outermost last; each leaves a header a handler set itself alone.
pub fn layers() -> [SetResponseHeaderLayer<HeaderValue>; 4] {
    let header =
        |name: HeaderName, value: HeaderValue| SetResponseHeaderLayer::if_not_present(name, value);
    let policy = HeaderValue::from_str(&app::csp::content_security_policy(None))
        .expect("the base policy is ASCII");
    [
        header(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        header(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("SAMEORIGIN"),
        ),
        header(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ),
        header(header::CONTENT_SECURITY_POLICY, policy),
    ]
}

/// On an HTTPS deployment: browsers that have seen us once refuse plain HTTP to this host
/// for a year (no `includeSubDomains`: other hosts under the domain are not ours to bind).
pub fn strict_transport_security(router: Router, secure: bool) -> Router {
    if !secure {
        return router;
    }
    router.layer(SetResponseHeaderLayer::if_not_present(
        header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=31536000"),
    ))
}
