//! The language of the API's answers: `Accept-Language` (English or Chinese), else
//! zh-CN. The same negotiation as the pages, without their cookie and `?lang=` (a machine
//! client says what it reads in a header). The answer says its language
//! (`Content-Language`) and that it depends on the header (`Vary`).

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use domain::Lang;

/// Negotiates the language, hands it to the handlers and extractors as an extension.
pub async fn negotiate(mut req: Request, next: Next) -> Response {
    let lang = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
        .unwrap_or_default();
    req.extensions_mut().insert(lang);
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.tag()),
    );
    headers.append(header::VARY, HeaderValue::from_static("accept-language"));
    response
}

/// The negotiated language of a request (zh-CN where no negotiation ran).
pub fn of(extensions: &axum::http::Extensions) -> Lang {
    extensions.get::<Lang>().copied().unwrap_or_default()
}
