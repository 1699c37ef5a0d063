//! Server functions of the contract pages: records, detail, live status, operations,
//! the item picker and creation. JSON in (structured arguments), postcard out (`crate::resource`).

use domain::new_contract::NewContract;
use domain::picker::{PickerPage, PickerQuery};
use domain::{ContractType, Operation};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use leptos::server_fn::codec::Postcard;

use crate::dto::{ContractDetailView, ContractListView, StatusView, WizardContext};
use crate::error::AppError;

#[cfg(feature = "ssr")]
pub(crate) fn row_view(c: &service::contracts::Contract) -> crate::dto::ContractRowView {
    crate::dto::ContractRowView {
        number: c.number.to_string(),
        kind: c.kind,
        channel: c.channel,
        state: c.state,
        total_fen: c.total_fen,
        created_at_ms: c.created_at,
        has_draft: c.draft_pdf.is_some(),
        has_formal: c.formal_pdf.is_some(),
    }
}

#[cfg(feature = "ssr")]
pub(crate) fn timeline_views(
    events: Vec<service::contracts::TimelineEntry>,
) -> Vec<crate::dto::TimelineView> {
    events
        .into_iter()
        .map(|e| crate::dto::TimelineView {
            // A failed step's detail is our internal error (file paths, SQL), recorded
            // there before failures were kept to the log: never shown.
            detail: e
                .detail
                .filter(|_| !e.action.is_some_and(domain::AuditAction::is_failed_step)),
            at_ms: e.at_ms,
            action: e.action,
            actor_kind: e.actor_kind,
            state_after: e.state_after,
        })
        .collect()
}

#[server(prefix = "/fn", endpoint = "contracts/list", input = Json, output = Postcard)]
pub async fn list_contracts(
    kind: Option<ContractType>,
    status: Option<domain::Status>,
    number: String,
    page: i64,
) -> Result<ContractListView, AppError> {
    use crate::ssr::require_account;
    use service::contracts::ContractFilter;
    let account = require_account().await?;
    let filter = ContractFilter {
        kind,
        status,
        number,
        page,
        per_page: 10,
        with_document: false,
    };
    list_view(account.id, &filter).await
}

/// The bulk download's list: the account's contracts that have a document, a page of as
/// many as one archive holds.
#[server(prefix = "/fn", endpoint = "contracts/documents", input = Json, output = Postcard)]
pub async fn list_documents(
    kind: Option<ContractType>,
    page: i64,
) -> Result<ContractListView, AppError> {
    use crate::ssr::require_account;
    use service::contracts::ContractFilter;
    let account = require_account().await?;
    let filter = ContractFilter {
        kind,
        page,
        per_page: service::after_signing::archive::ARCHIVE_LIMIT as i64,
        with_document: true,
        ..Default::default()
    };
    list_view(account.id, &filter).await
}

#[cfg(feature = "ssr")]
async fn list_view(
    account_id: i64,
    filter: &service::contracts::ContractFilter,
) -> Result<ContractListView, AppError> {
    use crate::ssr::db;
    let page = service::contracts::list(&db()?, account_id, filter).await?;
    Ok(ContractListView {
        rows: page.rows.iter().map(row_view).collect(),
        total: page.total,
        more: page.more,
        page: page.page,
        per_page: page.per_page,
    })
}

#[server(prefix = "/fn", endpoint = "contracts/get", input = Json, output = Postcard)]
pub async fn get_contract(number: String) -> Result<ContractDetailView, AppError> {
    use crate::dto::ItemView;
    use crate::ssr::{db, require_account, state};
    use service::contracts::{find_for_account, items_of, timeline};
    let account = require_account().await?;
    let db = db()?;
    let contract =
        find_for_account(&db, account.id, &crate::ssr::contract_number(&number)?).await?;
    let items = items_of(&db, contract.id).await?;
    let events = timeline(&db, contract.id).await?;
    let (renewal, running_renewal) = renewal_view(&db, &contract).await?;
    Ok(ContractDetailView {
        row: row_view(&contract),
        party_a_name: contract.party_a_name.clone(),
        party_a: contract.party_a.clone(),
        provider: state()?.provider,
        items: items
            .into_iter()
            .map(|i| ItemView {
                reference: i.reference,
                description: i.description,
                detail: i.detail,
                amount_fen: i.amount_fen,
                date_ms: i.occurred_at,
            })
            .collect(),
        template_version: contract.template_version.clone(),
        effective_at_ms: contract.effective_at,
        expires_at_ms: contract.expires_at,
        days_left: contract
            .expires_at
            .filter(|&at| {
                contract.kind == domain::ContractType::Filing
                    && contract.state.status == domain::Status::Effective
                    && !running_renewal
                    && domain::expiry::is_expiring(db.now(), at)
            })
            .map(|at| domain::expiry::days_left(db.now(), at)),
        renewal,
        paper: crate::api::after_signing::paper_view(&db, contract.id).await?,
        stampings: crate::api::after_signing::stamping_views(&db, contract.id).await?,
        dual: match contract.channel {
            domain::Channel::Dual => Some(crate::api::dual::dual_view(&account, &contract).await?),
            domain::Channel::Single => None,
        },
        timeline: timeline_views(events),
    })
}

/// R25 on a filing contract's page: what it renews, what renews it and whether 续签 is
/// open; and whether a running renewal continues it (then it is not shown as expiring).
#[cfg(feature = "ssr")]
async fn renewal_view(
    db: &service::Db,
    c: &service::contracts::Contract,
) -> Result<(Option<crate::dto::RenewalView>, bool), AppError> {
    if c.kind != ContractType::Filing {
        return Ok((None, false));
    }
    let renewal = service::contracts::renewal_of(db, c.id).await?;
    let renews = c.renews_number.clone();
    let can_renew = domain::renewal::renewal_block(
        c.kind,
        c.state.status,
        c.expires_at,
        renewal.is_some(),
        db.now(),
    )
    .is_none();
    let running = renewal.as_ref().is_some_and(|r| r.live);
    let view =
        (renews.is_some() || renewal.is_some() || can_renew).then(|| crate::dto::RenewalView {
            renews,
            term_starts_at_ms: c.term_starts_at,
            renewed_by: renewal.map(|r| r.number),
            can_renew,
        });
    Ok((view, running))
}

/// Renews a filing contract in its last 30 days (续签, R25); the renewal's number.
#[server(prefix = "/fn", endpoint = "contracts/renew", input = Json, output = Postcard)]
pub async fn renew(number: String) -> Result<String, AppError> {
    let c = crate::ssr::on_contract(&number).await?;
    service::contracts::renew(&c.ctx, c.account_id, &c.number, &c.actor)
        .await
        .map(String::from)
        .map_err(AppError::from)
}

/// The small status the detail page polls while a background step runs.
#[server(prefix = "/fn", endpoint = "contracts/status", input = Json, output = Postcard)]
pub async fn contract_status(number: String) -> Result<StatusView, AppError> {
    use crate::ssr::{db, require_account};
    let account = require_account().await?;
    let c = service::contracts::find_for_account(
        &db()?,
        account.id,
        &crate::ssr::contract_number(&number)?,
    )
    .await?;
    Ok(StatusView {
        state: c.state,
        has_draft: c.draft_pdf.is_some(),
        has_formal: c.formal_pdf.is_some(),
    })
}

/// A customer operation (转为正式合同, 作废, 删除 …); refused with the status machine's reason.
#[server(prefix = "/fn", endpoint = "contracts/operate", input = Json, output = Postcard)]
pub async fn operate(number: String, operation: Operation) -> Result<(), AppError> {
    let c = crate::ssr::on_contract(&number).await?;
    service::contracts::perform(&c.ctx, c.account_id, &c.number, operation, &c.actor).await?;
    Ok(())
}

#[server(prefix = "/fn", endpoint = "contracts/pick", input = Json, output = Postcard)]
pub async fn pick_items(kind: ContractType, query: PickerQuery) -> Result<PickerPage, AppError> {
    use crate::ssr::{db, require_account};
    let account = require_account().await?;
    let db = db()?;
    service::contracts::items::pick(&db, account.id, kind, &query, db.now())
        .await
        .map_err(AppError::from)
}

#[server(prefix = "/fn", endpoint = "contracts/start", input = Json, output = Postcard)]
pub async fn wizard_start(kind: ContractType) -> Result<WizardContext, AppError> {
    let (facts, party_a) = crate::api::home::gate_and_party_a().await?;
    use crate::ssr::require_account;
    let account = require_account().await?;
    Ok(WizardContext {
        party_a,
        blocked: domain::gate::creation_block(kind, &facts),
        dual_block: domain::esign::dual_channel_block(account.kind, account.esign_activated),
    })
}

/// Saves the contract draft (保存合同草稿); returns the new contract's number.
#[server(prefix = "/fn", endpoint = "contracts/create", input = Json, output = Postcard)]
pub async fn create_contract(contract: NewContract) -> Result<String, AppError> {
    use crate::ssr::{ctx, require_actor};
    let (account, actor) = require_actor().await?;
    service::contracts::create_contract(&ctx()?, account.id, &contract, &actor)
        .await
        .map(String::from)
        .map_err(AppError::from)
}
