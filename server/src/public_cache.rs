//! The public pages at static-file speed (issue 33): `/`, `/guide`, `/faq`, `/templates`
//! and `/verify` carry no script and depend only on their language and on the origin
//! their `hreflang` links name. Each is rendered once per (page, language, origin), on
//! first use, and its bytes are kept: with a strong `ETag` (an `If-None-Match` that
//! matches is a 304), and gzip'ed once at the best level for the browsers that accept it.
//! A hit answers before the session, the rate limits and Leptos: the layers outside this
//! one (security headers, client address, metrics) still see every request; a hit has no
//! request id or span of its own (`crate::request_id`).
//!
//! A public page is plain HTML (`app::ssr::is_plain_html_page`): no bundle, nothing to
//! hydrate. The inline scripts Leptos still writes (its resources' state, for a hydration
//! that never comes) are left out of the kept page, which is sent with a policy that
//! allows no script: there is no nonce to keep or to reuse.
//!
//! Not kept: a request with a query (`?lang=` sets the language cookie: rendered fresh),
//! an answer that is not a 200 page or sets a cookie. The kept pages are few and bounded:
//! a client can send any `Host`, so past [`MAX_ENTRIES`] the cache starts over rather
//! than grow (a flood of hosts costs renders, never memory).

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};

use app::i18n::Lang;
use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_SECURITY_POLICY,
    CONTENT_TYPE, ETAG, HOST, IF_NONE_MATCH, SET_COOKIE, VARY,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// Entries kept before the cache starts over: 5 pages × 2 languages × a few origins.
pub const MAX_ENTRIES: usize = 64;
/// The largest page kept (the public pages are a few KB).
const MAX_PAGE: usize = 1 << 20;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    path: &'static str,
    lang: Lang,
    /// `Host` and `X-Forwarded-Proto` as sent: what the page's absolute links are made of.
    origin: String,
}

struct Page {
    headers: HeaderMap,
    body: Bytes,
    gzip: Bytes,
    etag: HeaderValue,
    route: Option<MatchedPath>,
}

#[derive(Default)]
pub struct PublicPages {
    pages: Mutex<HashMap<Key, Arc<Page>>>,
}

impl PublicPages {
    fn get(&self, key: &Key) -> Option<Arc<Page>> {
        self.pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(key)
            .cloned()
    }

    fn keep(&self, key: Key, page: Arc<Page>) {
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        if pages.len() >= MAX_ENTRIES {
            pages.clear();
        }
        pages.insert(key, page);
    }

    /// How many pages are kept (tests).
    pub fn len(&self) -> usize {
        self.pages.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The cache's key for a request, when its answer may be kept.
fn key_of(request: &Request) -> Option<Key> {
    if request.method() != Method::GET || request.uri().query().is_some() {
        return None;
    }
    let path = app::ssr::PUBLIC_PATHS
        .iter()
        .find(|p| **p == request.uri().path())?;
    let headers = request.headers();
    let value = |v: Option<&HeaderValue>| {
        v.map_or(String::new(), |v| {
            v.to_str().unwrap_or("\u{fffd}").to_string()
        })
    };
    let origin = format!(
        "{}|{}",
        value(headers.get(HOST)),
        value(headers.get("x-forwarded-proto"))
    );
    (origin.len() <= 300).then(|| Key {
        path,
        lang: app::ssr::lang_of(request.uri(), headers),
        origin,
    })
}

pub async fn serve(
    State(pages): State<Arc<PublicPages>>,
    mut request: Request,
    next: Next,
) -> Response {
    let Some(key) = key_of(&request) else {
        return next.run(request).await;
    };
    if let Some(page) = pages.get(&key) {
        return page.answer(request.headers());
    }
    // Rendered as any page, but not compressed: the kept bytes are the page itself.
    let asked = request.headers().clone();
    request.headers_mut().remove(ACCEPT_ENCODING);
    let response = next.run(request).await;
    let keepable = response.status() == StatusCode::OK
        && !response.headers().contains_key(SET_COOKIE)
        && !response.headers().contains_key(CONTENT_ENCODING)
        && response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
    if !keepable {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_PAGE).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let Some(body) = without_scripts(&body) else {
        // Not the page we know how to read: sent as rendered, not kept.
        let mut response = Response::from_parts(parts, Body::from(body));
        response.headers_mut().remove(CONTENT_LENGTH);
        return response;
    };
    let page = Arc::new(Page::new(
        parts.headers,
        Bytes::from(body),
        parts.extensions.get::<MatchedPath>().cloned(),
    ));
    pages.keep(key, page.clone());
    page.answer(&asked)
}

impl Page {
    fn new(mut headers: HeaderMap, body: Bytes, route: Option<MatchedPath>) -> Self {
        let digest = Sha256::digest(&body);
        let etag = format!("\"{}\"", service::platform::storage::hex(&digest[..16]));
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let gzip = gzip
            .write_all(&body)
            .and_then(|()| gzip.finish())
            .unwrap_or_default();
        headers.remove(CONTENT_LENGTH);
        // The first visitor's request id is theirs: a kept page answers with none.
        headers.remove(crate::request_id::HEADER);
        if let Ok(policy) = HeaderValue::from_str(&app::csp::plain_page_policy()) {
            headers.insert(CONTENT_SECURITY_POLICY, policy);
        }
        // The same for every visitor, signed in or not: revalidated on each visit.
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        let varies_by_encoding = headers
            .get_all(VARY)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|v| v.to_ascii_lowercase().contains("accept-encoding"));
        if !varies_by_encoding {
            headers.append(VARY, HeaderValue::from_static("Accept-Encoding"));
        }
        Self {
            etag: HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\"")),
            headers,
            gzip: Bytes::from(gzip),
            body,
            route,
        }
    }

    fn answer(&self, asked: &HeaderMap) -> Response {
        let mut headers = self.headers.clone();
        headers.insert(ETAG, self.etag.clone());
        let (status, body) = if matches(asked, &self.etag) {
            (StatusCode::NOT_MODIFIED, Body::empty())
        } else if accepts_gzip(asked) && !self.gzip.is_empty() {
            headers.insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            headers.insert(CONTENT_LENGTH, HeaderValue::from(self.gzip.len()));
            (StatusCode::OK, Body::from(self.gzip.clone()))
        } else {
            headers.insert(CONTENT_LENGTH, HeaderValue::from(self.body.len()));
            (StatusCode::OK, Body::from(self.body.clone()))
        };
        if status == StatusCode::NOT_MODIFIED {
            headers.remove(CONTENT_TYPE);
        }
        let mut response = (status, body).into_response();
        *response.headers_mut() = headers;
        if let Some(route) = &self.route {
            response.extensions_mut().insert(route.clone());
        }
        response
    }
}

/// The page without its `<script>` elements, or `None` when one is not closed.
fn without_scripts(html: &[u8]) -> Option<Vec<u8>> {
    const END: &str = "</script>";
    let html = std::str::from_utf8(html).ok()?;
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let end = start + rest[start..].find(END)? + END.len();
        out.push_str(&rest[..start]);
        rest = &rest[end..];
    }
    out.push_str(rest);
    Some(out.into_bytes())
}

/// `If-None-Match` names this ETag (or `*`).
fn matches(asked: &HeaderMap, etag: &HeaderValue) -> bool {
    let Ok(etag) = etag.to_str() else {
        return false;
    };
    asked
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == etag || tag == "*")
}

/// `Accept-Encoding` offers gzip with a weight above zero.
fn accepts_gzip(asked: &HeaderMap) -> bool {
    asked
        .get_all(ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';');
            let name = parts.next().unwrap_or("").trim();
            let weight = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (name.eq_ignore_ascii_case("gzip") || name == "*") && weight > 0.0
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(*name, HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn a_matching_etag_and_an_accepted_gzip_are_read_as_rfc_9110_says() {
        let etag = HeaderValue::from_static("\"abc\"");
        assert!(matches(
            &asked(&[("if-none-match", "\"x\", \"abc\"")]),
            &etag
        ));
        assert!(matches(&asked(&[("if-none-match", "W/\"abc\"")]), &etag));
        assert!(matches(&asked(&[("if-none-match", "*")]), &etag));
        assert!(!matches(&asked(&[("if-none-match", "\"abcd\"")]), &etag));
        assert!(!matches(&asked(&[]), &etag));
        assert!(accepts_gzip(&asked(&[(
            "accept-encoding",
            "br, gzip;q=0.8"
        )])));
        assert!(!accepts_gzip(&asked(&[(
            "accept-encoding",
            "gzip;q=0, br"
        )])));
        assert!(!accepts_gzip(&asked(&[("accept-encoding", "identity")])));
    }

    #[test]
    fn inline_scripts_are_left_out_and_an_unclosed_one_is_not_read() {
        let page = b"<head><script nonce=\"n\">__R=[];</script><title>t</title></head><body><script nonce=\"n\">x()</script><p>a</p></body>";
        assert_eq!(
            without_scripts(page).unwrap(),
            b"<head><title>t</title></head><body><p>a</p></body>".to_vec()
        );
        assert_eq!(
            without_scripts(b"<p>no script</p>").unwrap(),
            b"<p>no script</p>".to_vec()
        );
        assert!(without_scripts(b"<script>never closed").is_none());
    }

    #[test]
    fn the_cache_starts_over_rather_than_grow() {
        let pages = PublicPages::default();
        for i in 0..MAX_ENTRIES + 3 {
            let key = Key {
                path: "/",
                lang: Lang::ZhCn,
                origin: format!("host-{i}|"),
            };
            pages.keep(
                key,
                Arc::new(Page::new(
                    HeaderMap::new(),
                    Bytes::from_static(b"<p>x</p>"),
                    None,
                )),
            );
            assert!(pages.len() <= MAX_ENTRIES);
        }
    }
}
