//! Server functions of the operator console (`/ops`). Every one requires the operator
//! role; for anyone else they answer 404.

use domain::paper::{PaperStatus, StampingStatus, SubjectResolution};
use domain::Status;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use leptos::server_fn::codec::Postcard;

use crate::dto::{OpsContractView, OpsSearchView, OpsView};
use crate::error::AppError;

/// The counts and the queues: the paper requests of one status (`None`: all of them) and
/// the stamping parcels of one status (`None`: those not yet returned).
#[server(prefix = "/fn", endpoint = "ops", input = Json, output = Postcard)]
pub async fn ops_overview(
    paper: Option<PaperStatus>,
    stamping: Option<StampingStatus>,
) -> Result<OpsView, AppError> {
    use crate::api::after_signing::{to_paper_view, to_stamping_view};
    use crate::dto::{OpsHoldRow, OpsPaperRow, OpsStampingRow};
    use crate::ssr::{db, require_operator};
    require_operator().await?;
    let db = db()?;
    let counts = service::ops::counts(&db).await?;
    let paper = service::ops::paper_queue(&db, paper).await?;
    let stampings = service::ops::stamping_queue(&db, stamping).await?;
    let holds = service::ops::open_holds(&db).await?;
    Ok(OpsView {
        paper_to_ship: counts.paper_to_ship,
        stampings_open: counts.stampings_open,
        holds_open: counts.holds_open,
        // Operators ship to the full number.
        paper: paper
            .into_iter()
            .map(|q| OpsPaperRow {
                number: q.number,
                login: q.login,
                request: to_paper_view(q.item, false),
            })
            .collect(),
        stampings: stampings
            .into_iter()
            .map(|q| OpsStampingRow {
                number: q.number,
                login: q.login,
                stamping: to_stamping_view(q.item, false),
            })
            .collect(),
        holds: holds
            .into_iter()
            .map(|h| OpsHoldRow {
                change_id: h.change_id,
                login: h.login,
                old_name: h.old_name,
                new_name: h.new_name,
                created_at_ms: h.created_at,
            })
            .collect(),
    })
}

/// Marks a paper request shipped.
#[server(prefix = "/fn", endpoint = "ops/ship", input = Json, output = Postcard)]
pub async fn ship_paper(
    number: String,
    carrier: String,
    tracking_no: String,
) -> Result<(), AppError> {
    use crate::ssr::{ctx, require_operator};
    let actor = require_operator().await?;
    service::after_signing::paper::ship(
        &ctx()?,
        &crate::ssr::contract_number(&number)?,
        &carrier,
        &tracking_no,
        &actor,
    )
    .await
    .map_err(AppError::from)
}

/// Moves an offline stamping parcel to its next step (the return with its shipment).
#[server(prefix = "/fn", endpoint = "ops/stamping", input = Json, output = Postcard)]
pub async fn advance_stamping(
    id: i64,
    to: StampingStatus,
    carrier: String,
    tracking_no: String,
) -> Result<(), AppError> {
    use crate::ssr::{ctx, require_operator};
    let actor = require_operator().await?;
    let shipment =
        (to == StampingStatus::Returned).then_some((carrier.as_str(), tracking_no.as_str()));
    service::after_signing::stamping::advance(&ctx()?, id, to, shipment, &actor)
        .await
        .map_err(AppError::from)
}

/// Records the transfer supplement or rename letter, lifting the hold (R2).
#[server(prefix = "/fn", endpoint = "ops/hold", input = Json, output = Postcard)]
pub async fn resolve_subject_hold(
    change_id: i64,
    resolution: SubjectResolution,
    note: String,
) -> Result<(), AppError> {
    use crate::ssr::{ctx, require_operator};
    let actor = require_operator().await?;
    service::ops::resolve_hold(&ctx()?, change_id, resolution, &note, &actor)
        .await
        .map_err(AppError::from)
}

#[server(prefix = "/fn", endpoint = "ops/contracts", input = Json, output = Postcard)]
pub async fn ops_search(
    number: String,
    login: String,
    status: Option<Status>,
    page: i64,
) -> Result<OpsSearchView, AppError> {
    use crate::api::contracts::row_view;
    use crate::dto::OpsContractRow;
    use crate::ssr::{db, require_operator};
    require_operator().await?;
    let q = service::ops::Search {
        number,
        login,
        status,
        page,
    };
    let (rows, total) = service::ops::search_contracts(&db()?, &q).await?;
    Ok(OpsSearchView {
        rows: rows
            .iter()
            .map(|(c, login)| OpsContractRow {
                row: row_view(c),
                login: login.clone(),
            })
            .collect(),
        total,
        page: page.max(1),
        per_page: service::ops::SEARCH_PAGE,
    })
}

#[server(prefix = "/fn", endpoint = "ops/contract", input = Json, output = Postcard)]
pub async fn ops_contract(number: String) -> Result<OpsContractView, AppError> {
    use crate::api::contracts::{row_view, timeline_views};
    use crate::ssr::{db, require_operator};
    require_operator().await?;
    let db = db()?;
    let contract =
        service::contracts::find_any(&db, &crate::ssr::contract_number(&number)?).await?;
    let account = service::identity::accounts::find(&db, contract.account_id).await?;
    let events = service::contracts::timeline(&db, contract.id).await?;
    Ok(OpsContractView {
        row: row_view(&contract),
        login: account.login,
        party_a_name: contract.party_a_name.clone(),
        timeline: timeline_views(events),
    })
}

#[server(prefix = "/fn", endpoint = "ops/keys", input = Json, output = Postcard)]
pub async fn ops_api_keys() -> Result<Vec<crate::dto::ApiKeyView>, AppError> {
    use crate::ssr::{db, require_operator};
    require_operator().await?;
    let db = db()?;
    let keys = service::billing::api_keys::list(&db).await?;
    let now = db.now();
    Ok(keys
        .into_iter()
        .map(|k| crate::dto::ApiKeyView {
            id: k.id,
            name: k.name,
            scope: k.scope,
            created_at_ms: k.created_at,
            expires_at_ms: k.expires_at,
            expired: k.expires_at.is_some_and(|at| at <= now),
            revoked_at_ms: k.revoked_at,
        })
        .collect())
}

/// Creates a key for the billing system; returns it (the only time it is shown). The
/// operator enters their password again: a key outlives the session that made it.
#[server(prefix = "/fn", endpoint = "ops/keys/create", input = Json, output = Postcard)]
pub async fn create_api_key(
    name: String,
    scope: domain::api_key::ApiScope,
    valid_days: Option<u32>,
    password: String,
) -> Result<String, AppError> {
    use crate::ssr::{db, require_operator};
    let actor = require_operator().await?;
    let db = db()?;
    let operator = actor.id.ok_or(AppError::NotFound)?;
    service::identity::account_admin::confirm_password(
        &db, operator, &password, "password", &actor,
    )
    .await?;
    let new = service::billing::api_keys::NewApiKey {
        name,
        scope,
        valid_days,
    };
    let (_, key) = service::billing::api_keys::create_audited(&db, &new, &actor).await?;
    Ok(key)
}

#[server(prefix = "/fn", endpoint = "ops/keys/revoke", input = Json, output = Postcard)]
pub async fn revoke_api_key(id: i64) -> Result<(), AppError> {
    use crate::ssr::{db, require_operator};
    let actor = require_operator().await?;
    service::billing::api_keys::revoke_audited(&db()?, id, &actor)
        .await
        .map_err(AppError::from)
}
