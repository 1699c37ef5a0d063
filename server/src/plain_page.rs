//! A small page the server writes itself, outside the app: plain HTML that needs nothing
//! else from the server (no stylesheet, no bundle), so it shows whatever else is down. The
//! "briefly unavailable" page and the bulk download's refusals.

use app::i18n::Lang;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};

/// `title` as the heading, then `message` (announced as an alert when `alert`), then a
/// link to `back` labelled `back_label`. Every text is escaped.
pub struct PlainPage<'a> {
    pub lang: Lang,
    pub title: &'a str,
    pub message: &'a str,
    pub alert: bool,
    pub back: &'a str,
    pub back_label: &'a str,
}

impl PlainPage<'_> {
    pub fn respond(&self, status: StatusCode) -> Response {
        let escape = |s: &str| html_escape::encode_text(s).into_owned();
        let body = format!(
            "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title}</title></head>\
             <body style=\"font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; \
             padding: 0 1rem; line-height: 1.6; color: #1f2329\">\
             <main><h1>{title}</h1><p{role}>{message}</p>\
             <p><a href=\"{back}\">{back_label}</a></p></main></body></html>",
            lang = self.lang.tag(),
            title = escape(self.title),
            role = if self.alert { " role=\"alert\"" } else { "" },
            message = escape(self.message),
            back = html_escape::encode_double_quoted_attribute(self.back),
            back_label = escape(self.back_label),
        );
        (status, [(header::CACHE_CONTROL, "no-store")], Html(body)).into_response()
    }
}
