//! Response headers every answer carries, so a browser treats our pages and files the
//! way we mean them: no MIME sniffing, no framing by other sites (the contract page
//! frames our own PDFs), no referrer sent to other origins, forms that post only here.
//!
//! No `script-src` yet: hydration's inline module script and the serialized resources
//! are inline scripts, which a script policy would need per-response nonces for.

use axum::http::{header, HeaderName, HeaderValue};
use tower_http::set_header::SetResponseHeaderLayer;

pub const CONTENT_SECURITY_POLICY: &str =
    "frame-ancestors 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// The layers, outermost last; each leaves a header a handler set itself alone.
pub fn layers() -> [SetResponseHeaderLayer<HeaderValue>; 4] {
    let header = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    [
        header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        header(header::X_FRAME_OPTIONS, "SAMEORIGIN"),
        header(header::REFERRER_POLICY, "same-origin"),
        header(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
    ]
}
