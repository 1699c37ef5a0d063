//! The Content-Security-Policy, in one place for both kinds of answer: HTML pages carry a
//! script policy bound to the nonce Leptos puts on each of its inline scripts (the
//! hydration module and the serialized resources); everything else (PDFs, JSON) gets the
//! base policy from the server's header layer.

use leptos::prelude::*;

/// What every answer may do: be framed by our own pages only (the contract page frames
/// our PDFs), embed no plugins, keep its base URL, post forms only to us.
const BASE: &str = "frame-ancestors 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// The policy; with a page's nonce, scripts run only if they carry it or were loaded by
/// one that does ('strict-dynamic': the bundle the hydration module imports), and the
/// WebAssembly bundle may be compiled. 'self' is for browsers without 'strict-dynamic'.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    match nonce {
        Some(nonce) => {
            format!("{BASE}; script-src 'nonce-{nonce}' 'strict-dynamic' 'self' 'wasm-unsafe-eval'")
        }
        None => BASE.to_string(),
    }
}

/// A plain HTML page's policy (`ssr::is_plain_html_page`, kept by the server's public
/// page cache without the inline scripts Leptos writes): no script at all.
pub fn plain_page_policy() -> String {
    format!("{BASE}; script-src 'none'")
}

/// Called while a page is rendered: sends the nonce-bound policy with it.
pub fn send_page_policy() {
    use axum::http::{header, HeaderValue};
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&content_security_policy(Some(&nonce.to_string()))) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::content_security_policy;

    #[test]
    fn pages_add_a_nonce_bound_script_policy_to_the_base() {
        let base = content_security_policy(None);
        assert!(!base.contains("script-src"));
        let page = content_security_policy(Some("abc123"));
        assert!(page.starts_with(&base));
        assert!(page.contains("script-src 'nonce-abc123' 'strict-dynamic'"));
        assert!(page.contains("'wasm-unsafe-eval'"));
        assert!(!page.contains("unsafe-inline"));
    }
}
