//! The operators' exports on the server (issue 31, `service::ops::exports`): the background
//! loop that writes them (every instance runs one; a claim decides who writes which) and
//! `GET /ops/exports/{id}.zip`, the download, for operators only and for 24 hours. The
//! manifest is worded in the language the operator asked in, by the bulk download's words.

use std::time::Duration;

use app::i18n::Lang;
use app::ssr::ServerState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use domain::account::Role;
use domain::Refused;
use service::identity::session_store::ACCOUNT_KEY;
use service::{Ctx, ServiceError};
use tower_sessions::Session;

use crate::archive::Words;

/// Where the exports are downloaded (`{DOWNLOADS}{id}.zip`).
pub const DOWNLOADS: &str = "/ops/exports/";

/// How often the files of exports past their 24 hours are looked for and removed.
const PURGE_EVERY: Duration = Duration::from_secs(600);

/// Writes exports until `stop`. A stop in the middle of one drops it and gives its claim
/// back, so another instance (or this one, restarted) writes it again at once.
pub async fn run(
    ctx: Ctx,
    instance: String,
    every: Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let mut next_purge = tokio::time::Instant::now();
    loop {
        if *stop.borrow() {
            return;
        }
        if tokio::time::Instant::now() >= next_purge {
            next_purge = tokio::time::Instant::now() + PURGE_EVERY;
            match service::ops::exports::purge(&ctx).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(removed = n, "expired exports removed"),
                Err(e) => tracing::warn!("exports: purge: {e}"),
            }
        }
        let wrote = tokio::select! {
            wrote = service::ops::exports::run_next(&ctx, &instance, Words) => wrote,
            _ = stop.changed() => {
                if let Err(e) = service::ops::exports::release(&ctx, &instance).await {
                    tracing::warn!("exports: giving the claim back: {e}");
                }
                return;
            }
        };
        match wrote {
            Ok(true) => continue,
            Ok(false) => {}
            Err(e) => tracing::warn!("exports: {e}"),
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = stop.changed() => {}
        }
    }
}

/// `/ops/exports/{id}.zip`: anyone but an operator gets the ordinary 404, as for the
/// console's pages.
pub async fn download(
    State(state): State<ServerState>,
    session: Session,
    Path(file): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let lang = app::ssr::lang_of(&uri, &headers);
    let Ok(Some(account_id)) = session.get::<i64>(ACCOUNT_KEY).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let operator = service::identity::accounts::find(&state.ctx.db, account_id)
        .await
        .is_ok_and(|a| a.role == Role::Operator);
    let id = file
        .strip_suffix(".zip")
        .and_then(|id| id.parse::<i64>().ok());
    let (true, Some(id)) = (operator, id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match service::ops::exports::open(&state.ctx, id).await {
        Ok((export, chunks)) => {
            let body = Body::from_stream(chunks);
            let mut response = body.into_response();
            let out = response.headers_mut();
            out.insert(
                header::CONTENT_TYPE,
                header::HeaderValue::from_static("application/zip"),
            );
            out.insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("private, no-store"),
            );
            if let Some(size) = export.size_bytes {
                out.insert(header::CONTENT_LENGTH, header::HeaderValue::from(size));
            }
            if let Some(Ok(sha)) = export.sha256.as_deref().map(header::HeaderValue::from_str) {
                out.insert("x-content-sha256", sha);
            }
            let name = format!("{}-{id}.zip", filename(lang));
            if let Ok(value) = crate::downloads::content_disposition(&name).parse() {
                out.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(ServiceError::Refused(refused @ Refused::ExportExpired)) => {
            let message = catalog::refused::refused(lang, &refused);
            crate::plain_page::PlainPage {
                lang,
                title: &message,
                message: &message,
                alert: true,
                back: "/ops",
                back_label: back(lang),
            }
            .respond(StatusCode::GONE)
        }
        Err(ServiceError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(export = id, "export download: {e}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

fn filename(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => "合同导出",
        Lang::En => "contract-export",
    }
}

fn back(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => "返回运营控制台",
        Lang::En => "Back to the operator console",
    }
}
