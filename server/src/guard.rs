//! Console pages are for signed-in accounts only: a signed-out GET is redirected to the
//! login page before anything is rendered (server functions check the session themselves).
//! The gate reads the account with the session in one query and hands it to the page
//! (request extensions: `app::ssr::current_account`), which would otherwise read both again.
//! When the database cannot be read the page answers "briefly unavailable" (503), never
//! a redirect to sign-in.

use axum::body::Body;
use axum::extract::State;
use axum::http::{Method, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use service::identity::session_store::DbSessionStore;
use tower_sessions::Session;

const CONSOLE_PREFIXES: &[&str] = &["/contracts", "/party-a", "/account", "/esign", "/ops"];

fn is_console_path(path: &str) -> bool {
    CONSOLE_PREFIXES
        .iter()
        .any(|prefix| path == *prefix || path.starts_with(&format!("{prefix}/")))
}

pub async fn console_guard(
    State(store): State<DbSessionStore>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    if req.method() != Method::GET || !is_console_path(req.uri().path()) {
        return next.run(req).await;
    }
    let session_id = req.extensions().get::<Session>().and_then(Session::id);
    let signed_in = match session_id {
        Some(id) => match store.signed_in(&id).await {
            Ok(signed_in) => signed_in,
            // Not a reason to send a signed-in customer to the sign-in page: the session
            // is still there, the database is not (or failed); say so, briefly.
            Err(e) => {
                match e {
                    service::ServiceError::Unavailable(_) => {
                        tracing::warn!("reading the signed-in account: {e}")
                    }
                    _ => tracing::error!("reading the signed-in account failed: {e}"),
                }
                return crate::unavailable::answer(req.uri(), req.headers());
            }
        },
        None => None,
    };
    match signed_in {
        Some(signed_in) => {
            req.extensions_mut().insert(signed_in);
            next.run(req).await
        }
        None => {
            let target = req
                .uri()
                .path_and_query()
                .map(|pq| pq.as_str())
                .unwrap_or("/contracts");
            Redirect::to(&format!("/login?next={}", encode_component(target))).into_response()
        }
    }
}

/// Percent-encodes everything but unreserved characters and `/`.
fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn console_paths() {
        assert!(is_console_path("/contracts"));
        assert!(is_console_path("/contracts/42"));
        assert!(is_console_path("/ops"));
        assert!(!is_console_path("/contractsx"));
        assert!(!is_console_path("/"));
        assert!(!is_console_path("/faq"));
    }

    #[test]
    fn next_is_encoded() {
        assert_eq!(
            encode_component("/contracts?type=order&q=QY 1"),
            "/contracts%3Ftype%3Dorder%26q%3DQY%201"
        );
    }
}
