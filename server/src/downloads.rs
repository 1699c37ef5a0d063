//! `GET /contracts/{number}/pdf/{draft|formal}`: the owner's PDF, checked against its
//! recorded SHA-256 before it is served (R10). Anyone else gets 404.

use app::ssr::ServerState;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::ContractNumber;
use service::contracts::documents::{fetch, PdfKind};
use service::identity::session_store::ACCOUNT_KEY;
use service::ServiceError;
use tower_sessions::Session;

/// `?inline=1`: shown in the page (the dual channel's 确认合同文本内容) instead of saved.
#[derive(Debug, serde::Deserialize)]
pub struct View {
    inline: Option<String>,
}

pub async fn download(
    State(state): State<ServerState>,
    session: Session,
    Path((number, which)): Path<(String, String)>,
    Query(view): Query<View>,
) -> Response {
    let Ok(Some(account_id)) = session.get::<i64>(ACCOUNT_KEY).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let (Some(number), Some(kind)) = (ContractNumber::parse(&number), PdfKind::parse(&which))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match fetch(&state.ctx, account_id, &number, kind).await {
        Ok(download) => pdf_response(
            download.bytes,
            &download.filename,
            view.inline.is_some(),
            "private, no-store",
        ),
        Err(ServiceError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!("download {number}/{which}: {e}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// A PDF answer: shown in the browser (`inline`) or saved as `filename`.
pub(crate) fn pdf_response(
    bytes: impl Into<Body>,
    filename: &str,
    inline: bool,
    cache_control: &'static str,
) -> Response {
    let mut disposition = content_disposition(filename);
    if inline {
        disposition = disposition.replacen("attachment", "inline", 1);
    }
    let mut response = bytes.into().into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name (草稿 / 正式合同).
pub(crate) fn content_disposition(filename: &str) -> String {
    let ascii: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = filename
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filenames_are_encoded_for_every_browser() {
        assert_eq!(
            content_disposition("QY-20261123-000042-草稿.pdf"),
            "attachment; filename=\"QY-20261123-000042-__.pdf\"; \
             filename*=UTF-8''QY-20261123-000042-%E8%8D%89%E7%A8%BF.pdf"
        );
    }
}
