//! `GET /dev/outbox`: the SMS messages the outbox sender wrote, newest first, so a person
//! trying the demo (or a browser test) can read a verification code. Routed only with
//! `QY_DEV_OUTBOX=1`; anywhere else the path is a 404.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::calendar::format_cst_minute;
use domain::text as t;
use html_escape::{encode_double_quoted_attribute, encode_text};
use service::Db;

#[derive(Clone)]
pub struct OutboxState {
    pub db: Db,
    /// The bundle's stylesheet (its name carries the build's hash).
    pub stylesheet: std::sync::Arc<str>,
}

pub async fn page(State(state): State<OutboxState>) -> Response {
    let messages = match service::sms::outbox(&state.db, 50).await {
        Ok(messages) => messages,
        Err(e) => {
            tracing::error!("outbox: {e}");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let rows: String = messages
        .iter()
        .map(|m| {
            format!(
                "<tr data-phone=\"{attr}\"><td class=\"mono\">{at}</td><td class=\"mono\">{phone}</td><td class=\"sms-body\">{body}</td></tr>",
                at = format_cst_minute(m.created_at),
                attr = encode_double_quoted_attribute(&m.phone),
                phone = encode_text(&m.phone),
                body = encode_text(&m.body),
            )
        })
        .collect();
    let empty = if messages.is_empty() {
        format!("<p class=\"muted\">{}</p>", t::OUTBOX_EMPTY)
    } else {
        String::new()
    };
    let html = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <link rel=\"stylesheet\" href=\"{stylesheet}\"></head><body class=\"dev-page\"><main class=\"page\">\
         <h1>{title}</h1>{empty}<table class=\"data-table\" id=\"outbox\"><tbody>{rows}</tbody></table></main></body></html>",
        title = t::OUTBOX_TITLE,
        stylesheet = encode_double_quoted_attribute(&state.stylesheet),
    );
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}
