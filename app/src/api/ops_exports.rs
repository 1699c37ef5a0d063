//! Server functions of the operators' exports (issue 31): ask for one of the current
//! search, list the recent ones. The file itself is a plain download
//! (`/ops/exports/{id}.zip`, the server's `exports` module). Operators only.

use domain::Status;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use leptos::server_fn::codec::Postcard;

use crate::dto::OpsExportView;
use crate::error::AppError;

/// How many of the newest exports the console lists.
pub const RECENT: i64 = 10;

#[cfg(feature = "ssr")]
fn view_of(e: service::ops::exports::Export, now: i64) -> OpsExportView {
    use crate::dto::OpsExportState as S;
    use service::ops::exports::ExportState;
    let state = match e.state {
        ExportState::Queued => S::Queued,
        ExportState::Running => S::Running,
        ExportState::Failed => S::Failed,
        ExportState::Done if e.downloadable(now) => S::Done,
        ExportState::Done => S::Expired,
    };
    OpsExportView {
        id: e.id,
        created_at_ms: e.created_at,
        number: e.filter.number,
        login: e.filter.login,
        status: e.filter.status,
        documents: e.documents,
        state,
        size_bytes: e.size_bytes,
        sha256: e.sha256,
        expires_at_ms: e.expires_at,
    }
}

/// Exports the documents of the contracts matching the search (the search form's fields).
#[server(prefix = "/fn", endpoint = "ops/export", input = Json, output = Postcard)]
pub async fn export_contracts(
    number: String,
    login: String,
    status: Option<Status>,
) -> Result<OpsExportView, AppError> {
    use crate::ssr::{ctx, request_lang, require_operator};
    let actor = require_operator().await?;
    let ctx = ctx()?;
    let filter = service::ops::exports::ExportFilter {
        number,
        login,
        status,
    };
    let export = service::ops::exports::request(&ctx, &actor, &filter, request_lang()).await?;
    Ok(view_of(export, ctx.now()))
}

/// The newest exports, newest first.
#[server(prefix = "/fn", endpoint = "ops/exports", input = Json, output = Postcard)]
pub async fn recent_exports() -> Result<Vec<OpsExportView>, AppError> {
    use crate::ssr::{ctx, require_operator};
    require_operator().await?;
    let ctx = ctx()?;
    let now = ctx.now();
    Ok(service::ops::exports::recent(&ctx, RECENT)
        .await?
        .into_iter()
        .map(|e| view_of(e, now))
        .collect())
}
