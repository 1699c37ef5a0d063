//! The language of a request, on the server: `?lang=`, else the `lang` cookie, else
//! `Accept-Language`, else zh-CN ([`domain::Lang::negotiate`]), and the headers that say
//! which one a page is in. Pages, server functions and the server's own answers (the
//! "briefly unavailable" page, downloads) all ask here.

use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use domain::Lang;

/// The name of the cookie that keeps a visitor's choice.
pub const COOKIE: &str = "lang";

/// The page's language, negotiated from the request.
pub fn request_lang() -> Lang {
    match use_context::<axum::http::request::Parts>() {
        Some(parts) => lang_of(&parts.uri, &parts.headers),
        None => Lang::default(),
    }
}

/// The language of a request (`?lang=`, the cookie, `Accept-Language`), for the server's
/// own answers outside a page too (the "briefly unavailable" page).
pub fn lang_of(uri: &axum::http::Uri, headers: &axum::http::HeaderMap) -> Lang {
    Lang::negotiate(
        query_lang(uri).as_deref(),
        cookie_in(headers, COOKIE).as_deref(),
        headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

/// The language headers of a page: `Content-Language`; `Vary` (the same URL answers per
/// `Accept-Language` and cookie, which caches must know); and a
/// `?lang=` choice kept in the cookie for the visitor's next pages (a year; not a secret).
pub fn send_language_headers(lang: Lang) {
    use axum::http::{header, HeaderValue};
    let (Some(parts), Some(options)) = (
        use_context::<axum::http::request::Parts>(),
        use_context::<ResponseOptions>(),
    ) else {
        return;
    };
    options.insert_header(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.tag()),
    );
    options.append_header(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    let chosen = query_lang(&parts.uri).and_then(|q| Lang::parse(&q));
    if let Some(chosen) = chosen {
        let cookie = format!(
            "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            COOKIE,
            chosen.tag()
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            options.append_header(header::SET_COOKIE, value);
        }
    }
}

fn query_lang(uri: &axum::http::Uri) -> Option<String> {
    uri.query()?
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .map(str::to_string)
}

pub(crate) fn cookie_in(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(name)?.strip_prefix('='))
        .map(str::to_string)
}
