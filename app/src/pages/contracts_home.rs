//! 合同管理: the guide panel, the party A card, the create buttons (greyed out with the
//! rule that blocks them) and the contract records.

use crate::i18n::console_text;
use domain::contract::ContractType;
use domain::ids::mask_phone;
use leptos::prelude::*;

use crate::resource::Reload;
use std::time::Duration;

use domain::calendar::format_cst_minute;
use domain::money::format_yuan;
use domain::status::background_step_running;
use domain::{Operation, Status};

use crate::api::contracts::list_contracts;
use crate::api::home::contract_home;
use crate::components::console::ConsoleLayout;
use crate::components::deferred::deferred;
use crate::components::load_error::error_alert;
use crate::components::operations::OperationButtons;
use crate::components::pager::Pager;
use crate::components::poll::{moved_on, poll_while};
use crate::components::status_badge::StatusBadge;
use crate::dto::{
    ContractHomeView, ContractListView, ContractRowView, CreateOption, ExpiringView, PartyAView,
};

#[component]
pub fn ContractsHomePage() -> impl IntoView {
    let txt = console_text();
    // Every resource of the page is created here, before any Suspense: a resource created
    // inside a suspended branch gets a different id on the server (which may run the
    // branch more than once) than in the browser, and hydration then reads another
    // resource's data.
    let home = crate::resource::data(|| (), |_| contract_home());
    let records = Records::new();
    view! {
        <ConsoleLayout title=txt.nav_contracts crumb=txt.crumb_contracts>
            <div class="stack">
                <GuidePanel/>
                <Suspense fallback=|| view! { <p class="muted">{txt.loading}</p> }>
                    {move || Suspend::new(async move {
                        match home.await {
                            Ok(view) => view! { <HomeBody view records/> }.into_any(),
                            Err(e) => error_alert(e),
                        }
                    })}
                </Suspense>
            </div>
        </ConsoleLayout>
    }
}

#[component]
fn GuidePanel() -> impl IntoView {
    let txt = console_text();
    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{txt.guide_panel_title}</h2></header>
            <div class="card-body">
                <ol class="guide-flow">
                    // The guide page's steps, in the page's language.
                    {crate::i18n::tr().guide_steps.iter().map(|(title, _)| view! { <li>{*title}</li> }).collect_view()}
                </ol>
            </div>
        </section>
    }
}

type DrawExpiring = fn(Vec<ExpiringView>) -> AnyView;

/// The banners over filing contracts that expire within 30 days (R24): a piece of the
/// bundle of its own (`deferred`), fetched only by the homes that have one, so the main
/// module every console page loads first does not carry them.
#[lazy]
fn expiring_banners() -> DrawExpiring {
    |expiring| {
        let txt = console_text();
        expiring
            .into_iter()
            .map(|e| {
                view! {
                    <div class="alert alert-warning" role="note" data-expiring=e.number.clone()>
                        <strong>{txt.expiring_title}</strong>" "
                        <a href=format!("/contracts/{}", e.number)>{e.number.clone()}</a>" "
                        <span>{txt.expires_in(e.days_left)}</span>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    }
}

#[component]
fn HomeBody(view: ContractHomeView, records: Records) -> impl IntoView {
    let txt = console_text();
    let unverified = !view.party_a.verified;
    view! {
        {unverified.then(|| view! {
            <div class="alert alert-warning" role="note">
                <strong>{txt.gate_unverified_title}</strong>
                <p>{txt.gate_unverified_body}" "<a href="/account">{txt.gate_go_verify}</a></p>
            </div>
        })}
        {(!view.expiring.is_empty()).then(|| {
            let expiring = view.expiring;
            deferred(expiring_banners, move |draw| draw(expiring.clone()))
        })}
        <div class="grid-2">
            <PartyACard party_a=view.party_a/>
            <CreateCard options=view.create/>
        </div>
        <RecordsCard records/>
    }
}

#[component]
fn PartyACard(party_a: PartyAView) -> impl IntoView {
    let txt = console_text();
    let body = match (party_a.name, party_a.profile) {
        (None, _) => view! { <p class="muted">{txt.party_a_needs_verification}</p> }.into_any(),
        (Some(name), profile) => view! {
            <p><strong translate="no">{name}</strong>" "<span class="verified-mark">{txt.verified_mark}</span></p>
            {match profile {
                Some(p) => view! {
                    <dl class="kv">
                        <dt>{txt.field_contact}</dt><dd translate="no">{p.contact}</dd>
                        <dt>{txt.field_phone}</dt><dd>{mask_phone(&p.phone)}</dd>
                        <dt>{txt.field_address}</dt><dd translate="no">{p.address}</dd>
                    </dl>
                }.into_any(),
                None => view! { <p class="muted">{txt.party_a_empty}</p> }.into_any(),
            }}
        }
        .into_any(),
    };
    view! {
        <section class="card">
            <header class="card-header">
                <h2 class="card-title">{txt.party_a_title}</h2>
                <div class="card-actions"><a class="btn btn-text" href="/party-a">{txt.manage}</a></div>
            </header>
            <div class="card-body">{body}</div>
        </section>
    }
}

#[component]
fn CreateCard(options: Vec<CreateOption>) -> impl IntoView {
    let txt = console_text();
    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{txt.create_title}</h2></header>
            <div class="card-body">
                <div class="create-grid">
                    {options.into_iter().map(|option| view! { <CreateButton option/> }).collect_view()}
                </div>
            </div>
        </section>
    }
}

#[component]
fn CreateButton(option: CreateOption) -> impl IntoView {
    let txt = console_text();
    let label = txt.create_kind(option.kind);
    let reason_id = format!("create-{}-reason", option.kind.as_str());
    match option.blocked {
        // A disabled link would not be focusable; aria-disabled keeps it reachable so a
        // keyboard user can read why it is blocked.
        Some(block) => view! {
            <div class="create-option">
                <a class="btn" role="link" aria-disabled="true" aria-describedby=reason_id.clone()
                    data-kind=option.kind.as_str()>{label}</a>
                <p class="create-reason" id=reason_id>{txt.refused(&domain::Refused::Gate(block))}</p>
            </div>
        }
        .into_any(),
        None => view! {
            <div class="create-option">
                <a class="btn btn-primary" href=create_href(option.kind) data-kind=option.kind.as_str()>{label}</a>
            </div>
        }
        .into_any(),
    }
}

fn create_href(kind: ContractType) -> String {
    format!("/contracts/new/{}", kind.as_str())
}

/// 合同申请记录's query (applied filters, page) and its resource.
#[derive(Clone, Copy)]
struct Records {
    applied: RwSignal<(String, String, String)>,
    page: RwSignal<i64>,
    reload: Reload,
    list: crate::resource::Data<Result<ContractListView, crate::error::AppError>>,
}

impl Records {
    fn new() -> Self {
        let applied = RwSignal::new((String::new(), String::new(), String::new()));
        let page = RwSignal::new(1_i64);
        let reload = Reload::new();
        let list = crate::resource::data(
            move || (applied.get(), page.get(), reload.key()),
            |((kind, status, number), page, _)| {
                list_contracts(
                    ContractType::parse(&kind),
                    Status::parse(&status),
                    number,
                    page,
                )
            },
        );
        Self {
            applied,
            page,
            reload,
            list,
        }
    }
}

#[component]
fn RecordsCard(records: Records) -> impl IntoView {
    let txt = console_text();
    let kind = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let Records {
        applied,
        page,
        reload,
        list,
    } = records;
    // Live records: while any row runs a background step, look again shortly.
    poll_while(list, Duration::from_secs(2), reload, |view| {
        view.rows
            .iter()
            .any(|r| background_step_running(r.state))
            .then(moved_on)
    });
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        page.set(1);
        applied.set((
            kind.get_untracked(),
            status.get_untracked(),
            number.get_untracked(),
        ));
    };
    let on_done = Callback::new(move |_| reload.again());

    view! {
        <section class="card" id="records">
            <header class="card-header">
                <h2 class="card-title">{txt.records_title}</h2>
                <div class="card-actions"><a class="btn btn-text" href="/contracts/archive">{txt.archive_title}</a></div>
            </header>
            <div class="card-body">
                <form class="filters" on:submit=on_search>
                    <label>{txt.filter_kind}
                        <select class="input" id="filter-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                            <option value="">{txt.filter_all}</option>
                            {ContractType::ALL.iter().map(|k| view! { <option value=k.as_str()>{txt.contract_type(*k)}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>{txt.filter_status}
                        <select class="input" id="filter-status" on:change=move |ev| status.set(event_target_value(&ev))>
                            <option value="">{txt.filter_all}</option>
                            {[Status::Draft, Status::Signing, Status::Effective, Status::Voided].iter()
                                .map(|s| view! { <option value=s.as_str()>{txt.status(*s)}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>{txt.filter_number}
                        <input class="input" id="filter-number" type="search" placeholder=txt.filter_number_placeholder bind:value=number/>
                    </label>
                    <button class="btn btn-primary" type="submit">{txt.search}</button>
                </form>
                <Transition fallback=|| view! { <p class="muted">{txt.loading}</p> }>
                    {move || Suspend::new(async move {
                        match list.await {
                            Ok(view) if view.rows.is_empty() => view! { <div class="empty-state">{txt.records_empty}</div> }.into_any(),
                            Ok(view) => view! { <RecordsTable view page on_done/> }.into_any(),
                            Err(e) => error_alert(e),
                        }
                    })}
                </Transition>
            </div>
        </section>
    }
}

#[component]
fn RecordsTable(
    view: ContractListView,
    page: RwSignal<i64>,
    on_done: Callback<Operation>,
) -> impl IntoView {
    let txt = console_text();
    let current = view.page;
    view! {
        <div class="table-wrap">
            <table class="data-table">
                <thead><tr>
                    <th>{txt.col_number}</th><th>{txt.col_kind}</th><th>{txt.col_channel}</th><th>{txt.col_status}</th>
                    <th class="num">{txt.col_amount}</th><th>{txt.col_created}</th><th>{txt.col_operations}</th>
                </tr></thead>
                <tbody>
                    {view.rows.into_iter().map(|row| {
                        let href = format!("/contracts/{}", row.number);
                        view! {
                            <tr data-number=row.number.clone()>
                                <td class="mono nowrap"><a href=href.clone()>{row.number.clone()}</a></td>
                                <td>{txt.contract_type(row.kind)}</td>
                                <td>{txt.channel_short(row.channel)}</td>
                                <td><StatusBadge state=row.state/></td>
                                <td class="num">{amount_cell(&row)}</td>
                                <td class="nowrap">{format_cst_minute(row.created_at_ms)}</td>
                                <td><div class="btn-row">
                                    <a class="btn btn-text btn-sm" href=href.clone()>{txt.view}</a>
                                    {awaits_customer(row.state).then(|| view! {
                                        <a class="btn btn-text btn-sm" href=href data-action="continue">{txt.continue_signing}</a>
                                    })}
                                    {download_link(&row)}
                                    <OperationButtons number=row.number.clone() channel=row.channel state=row.state on_done small=true/>
                                </div></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager page current total=view.total per_page=view.per_page more=view.more/>
    }
}

/// A dual-channel step waiting for the customer: the row offers to continue it.
fn awaits_customer(state: domain::ContractState) -> bool {
    use domain::SubStatus as S;
    matches!(
        state.sub_status,
        S::FillingInfo | S::ConfirmingText | S::ConfirmingSigning | S::CustomerSigning
    )
}

fn amount_cell(row: &ContractRowView) -> String {
    match row.kind {
        ContractType::Framework => "–".into(),
        _ => format_yuan(row.total_fen),
    }
}

/// The document of the moment: the formal PDF once effective, the draft before.
pub fn download_link(row: &ContractRowView) -> Option<impl IntoView> {
    let txt = console_text();
    let which = if row.has_formal {
        "formal"
    } else if row.has_draft {
        "draft"
    } else {
        return None;
    };
    let label = if row.has_formal {
        txt.download_formal
    } else {
        txt.download_draft
    };
    Some(view! {
        <a class="btn btn-text btn-sm" rel="external" download href=format!("/contracts/{}/pdf/{which}", row.number)>{label}</a>
    })
}
