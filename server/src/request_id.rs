//! Every answer that reaches the app carries an `X-Request-Id`, and every line logged
//! while answering it is inside a `request{id, method, route}` span (tower-http's
//! `TraceLayer`; [`assign`], right inside it, names the id, and the route template is
//! recorded once routing has matched it): one filter finds everything about one request,
//! and the id a customer quotes from an error finds it. Kept public pages answer before
//! these layers and carry none.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Span;

pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// An id set by the proxy in front is kept when it is short and plain; any other value is
/// replaced, so a client's header never writes odd bytes or kilobytes into the log.
fn usable(value: &HeaderValue) -> bool {
    let bytes = value.as_bytes();
    (1..=64).contains(&bytes.len())
        && bytes
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || b"-_.:".contains(c))
}

/// A new id: this process's random prefix and a count, unique across instances without a
/// system call per request (std's hasher keys are random per process).
fn next_id() -> HeaderValue {
    static PREFIX: OnceLock<u32> = OnceLock::new();
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let prefix = *PREFIX.get_or_init(|| RandomState::new().hash_one(std::process::id()) as u32);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    HeaderValue::try_from(format!("{prefix:08x}-{n:x}")).unwrap_or(HeaderValue::from_static("-"))
}

/// The request's span, for the layers inside that enter spans of their own (the
/// session's): [`crate::metrics::mark_route`] records the route on it.
#[derive(Clone)]
pub struct RequestSpan(pub Span);

/// Gives the request its id (kept or new), names it in the request's span (this runs
/// directly inside the `TraceLayer`, so the current span is the request's) and answers
/// with it.
pub async fn assign(mut req: Request, next: Next) -> Response {
    let id = match req.headers().get(&HEADER) {
        Some(id) if usable(id) => id.clone(),
        _ => {
            let id = next_id();
            req.headers_mut().insert(HEADER, id.clone());
            id
        }
    };
    let span = Span::current();
    // Usable ids and ours are plain ASCII.
    span.record(
        "id",
        tracing::field::display(id.to_str().unwrap_or_default()),
    );
    req.extensions_mut().insert(RequestSpan(span));
    let mut response = next.run(req).await;
    response.headers_mut().insert(HEADER, id);
    response
}

/// The span of one request (the `TraceLayer`'s `make_span_with`): [`assign`] records its
/// `id`, [`crate::metrics::mark_route`] its `route` once the router has matched one.
pub fn span(req: &Request<Body>) -> Span {
    tracing::info_span!(
        "request",
        id = tracing::field::Empty,
        method = %req.method(),
        route = tracing::field::Empty,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxys_plain_id_is_kept_and_anything_else_replaced() {
        assert!(usable(&HeaderValue::from_static("req-42_a.b:c")));
        for odd in ["", "a b", "a\"b", "<script>", &"x".repeat(65)] {
            assert!(!usable(&HeaderValue::from_str(odd).unwrap()), "{odd:?}");
        }
        let (a, b) = (next_id(), next_id());
        assert_ne!(a, b);
        assert!(usable(&a) && usable(&b), "{a:?}");
    }
}
