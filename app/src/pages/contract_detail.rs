//! 合同详情: party A snapshot, provider, items, totals (figures and capitals), the live
//! state, the operations it allows, PDF downloads and the audit timeline.

use crate::i18n::console_text;
use std::time::Duration;

use domain::calendar::{format_cst_date, format_cst_minute};
use domain::ids::mask_phone;
use domain::money::format_yuan;
use domain::status::background_step_running;
use domain::{AuditDetail, ContractType, Operation};
use leptos::prelude::*;

use crate::resource::Reload;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::contracts::{contract_status, get_contract};
use crate::components::console::ConsoleLayout;
use crate::components::deferred::deferred;
use crate::components::load_error::not_found_or_error;
use crate::components::operations::OperationButtons;
use crate::components::poll::poll_while;
use crate::components::status_badge::StatusBadge;
use crate::dto::{ContractDetailView, ItemView, TimelineView};
use crate::pages::contract_after::{after_signing, AfterSigningPanel};
use crate::pages::contract_dual::DualPanel;
use crate::pages::contract_renewal::RenewalPanel;

/// How a part of the contract page is drawn, once its piece of the bundle is here.
type DrawPart = fn(ContractDetailView, Reload) -> AnyView;

/// The dual-signing steps (and the signature pad): only dual-channel contracts show them.
#[lazy]
fn dual_panel() -> DrawPart {
    |view, reload| view! { <DualPanel view reload/> }.into_any()
}

/// Renewal (R25): only filing contracts with one to show or offer.
#[lazy]
fn renewal_panel() -> DrawPart {
    |view, _| match view.renewal {
        Some(renewal) => {
            view! { <RenewalPanel number=view.row.number.clone() view=renewal/> }.into_any()
        }
        None => ().into_any(),
    }
}

/// Paper copies and offline stamping: only signed contracts show them.
#[lazy]
fn after_signing_panel() -> DrawPart {
    |view, reload| view! { <AfterSigningPanel view reload/> }.into_any()
}

#[component]
pub fn ContractDetailPage() -> impl IntoView {
    let txt = console_text();
    let params = use_params_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let reload = Reload::new();
    let detail = crate::resource::data(
        move || (number(), reload.key()),
        |(number, _)| get_contract(number),
    );
    // Live state: while a background step runs, ask the small status read and read the
    // page's data again once the state moves; stop when it is final.
    poll_while(detail, Duration::from_secs(1), reload, |view| {
        let (number, seen) = (view.row.number.clone(), view.row.state);
        background_step_running(seen).then_some(move || {
            let number = number.clone();
            async move { contract_status(number).await.is_ok_and(|s| s.state != seen) }
        })
    });
    view! {
        <ConsoleLayout title=txt.detail_title crumb=txt.crumb_detail>
            <Transition fallback=|| view! { <p class="muted">{txt.loading}</p> }>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(view) => view! { <Detail view reload/> }.into_any(),
                        Err(e) => not_found_or_error(e, txt.contract_not_found),
                    }
                })}
            </Transition>
        </ConsoleLayout>
    }
}

#[component]
fn Detail(view: ContractDetailView, reload: Reload) -> impl IntoView {
    let txt = console_text();
    let row = view.row.clone();
    let navigate = use_navigate();
    let on_done = Callback::new(move |op: Operation| {
        if op == Operation::Delete {
            navigate("/contracts", Default::default());
        } else {
            reload.again();
        }
    });
    // What failed, by the sub-status; why is in the server log, not for the customer.
    let failed = match row.state.sub_status {
        domain::SubStatus::GenerationFailed => Some(txt.step_failed_draft),
        domain::SubStatus::SigningFailed => Some(txt.step_failed_signing),
        _ => None,
    };
    view! {
        <div class="stack">
            <div class="page-header">
                <div>
                    <h2 class="mono" id="contract-number">{row.number.clone()}</h2>
                    <p class="muted">{format!("{} · {}", txt.contract_type(row.kind), txt.channel(row.channel))}</p>
                </div>
                <StatusBadge state=row.state/>
            </div>
            {view.days_left.map(|days| view! {
                <div class="alert alert-warning" role="note" id="expiring">
                    <strong>{txt.expiring_title}</strong>" "<span>{txt.expires_in(days)}</span>
                </div>
            })}
            {view.renewal.is_some().then(|| {
                let view = view.clone();
                deferred(renewal_panel, move |draw| draw(view.clone(), reload))
            })}
            {view.dual.is_some().then(|| {
                let view = view.clone();
                deferred(dual_panel, move |draw| draw(view.clone(), reload))
            })}
            {failed.map(|error| view! {
                <div class="alert alert-error" role="alert"><strong>{txt.step_failed_title}</strong><p>{error}</p><p>{txt.step_failed_hint}</p></div>
            })}
            <div class="grid-2">
                <InfoCard view=view.clone()/>
                <section class="card">
                    <header class="card-header"><h2 class="card-title">{txt.operations_title}</h2></header>
                    <div class="card-body">
                        <div class="btn-row">
                            {row.has_draft.then(|| view! {
                                <a class="btn" rel="external" download href=format!("/contracts/{}/pdf/draft", row.number)>{txt.download_draft}</a>
                            })}
                            {row.has_formal.then(|| view! {
                                <a class="btn btn-primary" rel="external" download href=format!("/contracts/{}/pdf/formal", row.number)>{txt.download_formal}</a>
                            })}
                            <OperationButtons number=row.number.clone() channel=row.channel state=row.state on_done/>
                        </div>
                        {background_step_running(row.state).then(|| view! { <p class="muted small">{txt.background_running_hint}</p> })}
                    </div>
                </section>
            </div>
            <PdfPreview number=row.number.clone() has_draft=row.has_draft has_formal=row.has_formal/>
            {after_signing(&view).then(|| {
                let view = view.clone();
                deferred(after_signing_panel, move |draw| draw(view.clone(), reload))
            })}
            {(!view.items.is_empty()).then(|| view! { <ItemsCard kind=row.kind items=view.items.clone() total=row.total_fen/> })}
            <TimelineCard entries=view.timeline.clone()/>
        </div>
    }
}

/// The current document (formal once there is one, else the draft) shown in the page,
/// folded until asked for: the frame exists only while the card is open, so the page
/// never fetches a PDF nobody looks at.
#[component]
fn PdfPreview(number: String, has_draft: bool, has_formal: bool) -> impl IntoView {
    let txt = console_text();
    let which = if has_formal {
        "formal"
    } else if has_draft {
        "draft"
    } else {
        return None;
    };
    let src = format!("/contracts/{number}/pdf/{which}?inline=1");
    let open = RwSignal::new(false);
    Some(view! {
        <details class="card pdf-preview" id="pdf-preview">
            // A summary's click (mouse, Enter or Space) is what toggles its details.
            <summary class="card-header" on:click=move |_| open.update(|o| *o = !*o)>
                <h2 class="card-title">{txt.preview_title}</h2>
            </summary>
            <div class="card-body">
                {move || open.get().then(|| view! {
                    <iframe class="pdf-frame" title=txt.preview_title src=src.clone()></iframe>
                })}
            </div>
        </details>
    })
}

#[component]
fn InfoCard(view: ContractDetailView) -> impl IntoView {
    let txt = console_text();
    let row = view.row;
    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{txt.info_title}</h2></header>
            <div class="card-body">
                <dl class="kv" id="contract-info">
                    <dt>{txt.party_a_label}</dt><dd translate="no">{view.party_a_name}</dd>
                    <dt>{txt.field_contact}</dt><dd translate="no">{format!("{} · {}", view.party_a.contact, mask_phone(&view.party_a.phone))}</dd>
                    <dt>{txt.field_address}</dt><dd translate="no">{txt.bracketed(&view.party_a.address, &view.party_a.postcode)}</dd>
                    <dt>{txt.field_email}</dt><dd translate="no">{view.party_a.email}</dd>
                    <dt>{txt.party_b_label}</dt><dd translate="no">{view.provider.name}</dd>
                    {(row.kind != ContractType::Framework).then(|| view! {
                        <dt>{txt.total_label}</dt>
                        <dd><strong id="total">{txt.money(row.total_fen)}</strong>
                            {txt.capital_amount(row.total_fen).map(|capital| view! { <br/><span id="total-capital">{capital}</span> })}</dd>
                    })}
                    <dt>{txt.col_created}</dt><dd>{format_cst_minute(row.created_at_ms)}</dd>
                    {view.effective_at_ms.map(|at| view! { <dt>{txt.effective_at}</dt><dd>{format_cst_minute(at)}</dd> })}
                    {view.expires_at_ms.map(|at| view! { <dt>{txt.expires_at}</dt><dd>{format_cst_date(at)}</dd> })}
                    <dt>{txt.template_version}</dt><dd class="mono">{view.template_version}</dd>
                </dl>
            </div>
        </section>
    }
}

#[component]
fn ItemsCard(kind: ContractType, items: Vec<ItemView>, total: i64) -> impl IntoView {
    let txt = console_text();
    let (reference, description, detail) = (txt.item_columns)(kind);
    let count = items.len();
    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{txt.bracketed(txt.items_title, &count.to_string())}</h2></header>
            <div class="card-body table-wrap">
                <table class="data-table" id="items">
                    <thead><tr><th>{reference}</th><th>{description}</th><th>{detail}</th>
                        <th class="num">{txt.col_amount}</th><th>{txt.col_date}</th></tr></thead>
                    <tbody>
                        {items.into_iter().map(|i| {
                            let mode = txt.saved_item_detail(kind, &i.detail);
                            view! {
                                <tr><td class="mono">{i.reference}</td><td translate="no">{i.description}</td>
                                    <td translate=mode.is_none().then_some("no")>{mode.map_or(i.detail, String::from)}</td>
                                    <td class="num">{format_yuan(i.amount_fen)}</td><td>{format_cst_date(i.date_ms)}</td></tr>
                            }
                        }).collect_view()}
                    </tbody>
                    <tfoot><tr><td colspan="3">{txt.total_label}</td><td class="num">{format_yuan(total)}</td><td></td></tr></tfoot>
                </table>
            </div>
        </section>
    }
}

#[component]
pub fn TimelineCard(entries: Vec<TimelineView>) -> impl IntoView {
    let txt = console_text();
    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{txt.timeline_title}</h2></header>
            <div class="card-body">
                <ol class="timeline" id="timeline">
                    {entries.into_iter().map(|e| view! {
                        <li>
                            <span class="mono small">{format_cst_minute(e.at_ms)}</span>" "
                            <strong>{txt.audit_action(e.action)}</strong>" "
                            <span class="muted small">{txt.actor(e.actor_kind)}</span>
                            {e.state_after.map(|s| view! { " → "<span>{txt.state(s)}</span> })}
                            {e.detail.map(|d| {
                                let data = quotes_data(&d).then_some("no");
                                view! { <p class="muted small" translate=data>{txt.audit_detail(&d)}</p> }
                            })}
                        </li>
                    }).collect_view()}
                </ol>
            </div>
        </section>
    }
}

/// Whether an event's detail quotes what someone entered (a name, a city, a carrier, a
/// note) or an older event's text as it was written: that line is data, marked so that
/// neither a translator nor the English walk takes it for the console's own words.
fn quotes_data(detail: &AuditDetail) -> bool {
    use AuditDetail as D;
    match detail {
        D::ContractCreated { .. }
        | D::Items { .. }
        | D::Phone { .. }
        | D::ApiKeyRevoked { .. }
        | D::Expiring { .. }
        | D::Renewal { .. }
        | D::ApiCall { .. } => false,
        D::PaperRequested { .. }
        | D::Shipment { .. }
        | D::StampingSubmitted { .. }
        | D::SubjectChanged { .. }
        | D::HoldLifted { .. }
        | D::Signer { .. }
        | D::Subject { .. }
        | D::ApiKeyCreated { .. }
        | D::Text(_) => true,
    }
}
