//! 运营控制台 (`/ops`, operators only; anyone else gets 404): the queues with their
//! counts — paper to ship, offline stamping parcels, subject-change holds — and every
//! contract searchable by number, account or status, with its audit timeline.

use crate::i18n::console::ops_words::ops_text as words;
use crate::i18n::console_text;
use domain::account::Role;
use domain::api_key::{ApiScope, VALIDITY_DAYS};
use domain::calendar::format_cst_minute;
use domain::field_errors::FieldErrors;
use domain::paper::{PaperStatus, StampingStatus, SubjectResolution, CARRIER, TRACKING_NO};
use domain::Status;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::ops::{
    ops_api_keys, ops_contract, ops_overview, ops_search, AdvanceStamping, CreateApiKey,
    ResolveSubjectHold, RevokeApiKey, ShipPaper,
};
use crate::components::console::{ConsoleLayout, Nav};
use crate::components::deferred::deferred;
use crate::components::load_error::{error_alert, not_found_or_error};
use crate::components::pager::Pager;
use crate::components::status_badge::StatusBadge;
use crate::components::toast::{use_toasts, ToastKind};
use crate::current_user::CurrentUser;
use crate::dto::{OpsHoldRow, OpsPaperRow, OpsStampingRow, OpsView};
use crate::error::AppError;
use crate::pages::contract_detail::TimelineCard;
use crate::pages::ops_exports::{Applied, ExportsCard};
use crate::pages::NotFoundPage;

/// 导出记录: a piece of its own, fetched once the console is shown.
#[lazy]
fn exports_card() -> fn(Applied) -> AnyView {
    |applied| view! { <ExportsCard applied/> }.into_any()
}

#[component]
pub fn OpsPage() -> impl IntoView {
    let txt = console_text();
    let reload = RwSignal::new(0_u32);
    let filters = Filters {
        paper: RwSignal::new(String::new()),
        stamping: RwSignal::new(String::new()),
    };
    let overview = crate::resource::data(
        move || (reload.get(), filters.paper.get(), filters.stamping.get()),
        |(_, paper, stamping)| ops_overview(paper, stamping),
    );
    let search = Search::new();
    let applied = search.applied;
    let keys_reload = RwSignal::new(0_u32);
    let keys = crate::resource::data(move || keys_reload.get(), |_| ops_api_keys());
    view! {
        <OperatorOnly>
            <ConsoleLayout title=words().ops_title crumb=txt.crumb_ops nav=Nav::Operator>
                <Transition fallback=|| view! { <p class="muted">{txt.loading}</p> }>
                    {move || Suspend::new(async move {
                        match overview.await {
                            Ok(view) => view! {
                                <Queues view reload filters/>
                                <ContractSearch search/>
                                {deferred(exports_card, move |draw| draw(applied))}
                                <ApiKeys keys reload=keys_reload/>
                            }.into_any(),
                            Err(e) => not_found_or_error(e, txt.not_found_body),
                        }
                    })}
                </Transition>
            </ConsoleLayout>
        </OperatorOnly>
    }
}

/// The console's pages exist for operators only: anyone else gets the site's ordinary
/// 404 page, as for an address that does not exist — no operator title or navigation.
/// (The server functions refuse them on their own; this is what the page shows.)
/// It reads the app's current-user resource and creates none, so the pages' resources
/// keep being created before any Suspense.
#[component]
fn OperatorOnly(children: ChildrenFn) -> impl IntoView {
    let txt = console_text();
    let me = expect_context::<CurrentUser>().0;
    view! {
        <Suspense fallback=|| view! { <p class="muted">{txt.loading}</p> }>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match me.await {
                        Ok(Some(user)) if user.role == Role::Operator => children().into_any(),
                        _ => view! { <NotFoundPage/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The queue filters (status tokens; "" is the default view of each queue).
#[derive(Clone, Copy)]
struct Filters {
    paper: RwSignal<String>,
    stamping: RwSignal<String>,
}

/// A status filter in a queue's header.
#[component]
fn QueueFilter(
    id: &'static str,
    value: RwSignal<String>,
    options: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    let txt = console_text();
    view! {
        <label class="sr-only" for=id>{txt.filter_status}</label>
        <select class="input input-short" id=id on:change=move |ev| value.set(event_target_value(&ev))>
            {options.into_iter().map(|(token, label)| view! {
                <option value=token selected=move || value.get() == token>{label}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
fn Queues(view: OpsView, reload: RwSignal<u32>, filters: Filters) -> impl IntoView {
    let txt = console_text();
    let paper_options = vec![
        ("", txt.paper_status(PaperStatus::Requested)),
        ("shipped", txt.paper_status(PaperStatus::Shipped)),
        ("all", txt.filter_all),
    ];
    let mut stamping_options = vec![("", words().ops_open)];
    stamping_options.extend(
        StampingStatus::ALL
            .iter()
            .map(|s| (s.as_str(), txt.stamping_status(*s))),
    );
    let done = Callback::new(move |_: ()| reload.update(|n| *n += 1));
    view! {
        <div class="ops-counts" id="ops-counts">
            <a class="ops-count" href="#ops-paper"><strong data-count="paper">{view.paper_to_ship}</strong>{words().ops_paper_queue}</a>
            <a class="ops-count" href="#ops-stamping"><strong data-count="stamping">{view.stampings_open}</strong>{words().ops_stamping_queue}</a>
            <a class="ops-count" href="#ops-holds"><strong data-count="holds">{view.holds_open}</strong>{words().ops_holds}</a>
        </div>
        <section class="card" id="ops-paper">
            <header class="card-header"><h2 class="card-title">{words().ops_paper_queue}</h2>
                <div class="card-actions"><QueueFilter id="paper-filter" value=filters.paper options=paper_options/></div></header>
            <div class="card-body">
                {if view.paper.is_empty() { view! { <p class="muted">{txt.ops_empty}</p> }.into_any() } else {
                    view.paper.into_iter().map(|row| view! { <PaperRow row done/> }).collect_view().into_any()
                }}
            </div>
        </section>
        <section class="card" id="ops-stamping">
            <header class="card-header"><h2 class="card-title">{words().ops_stamping_queue}</h2>
                <div class="card-actions"><QueueFilter id="stamping-filter" value=filters.stamping options=stamping_options/></div></header>
            <div class="card-body">
                {if view.stampings.is_empty() { view! { <p class="muted">{txt.ops_empty}</p> }.into_any() } else {
                    view.stampings.into_iter().map(|row| view! { <StampingRow row done/> }).collect_view().into_any()
                }}
            </div>
        </section>
        <section class="card" id="ops-holds">
            <header class="card-header"><h2 class="card-title">{words().ops_holds}</h2></header>
            <div class="card-body">
                {if view.holds.is_empty() { view! { <p class="muted">{txt.ops_empty}</p> }.into_any() } else {
                    view.holds.into_iter().map(|row| view! { <HoldRow row done/> }).collect_view().into_any()
                }}
            </div>
        </section>
    }
}

/// A carrier and tracking-number pair of inputs with their errors.
#[component]
fn ShipmentInputs(
    id: String,
    carrier: RwSignal<String>,
    tracking: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
) -> impl IntoView {
    let txt = console_text();
    let err =
        move |field: &'static str| move || errors.with(|e| e.get(field).map(|p| txt.problem(p)));
    view! {
        <label class="sr-only" for=format!("{id}-carrier")>{txt.paper_carrier}</label>
        <input class="input input-short" id=format!("{id}-carrier") placeholder=txt.paper_carrier bind:value=carrier
            aria-invalid=move || err(CARRIER)().map(|_| "true")/>
        <label class="sr-only" for=format!("{id}-tracking")>{txt.paper_tracking}</label>
        <input class="input input-short" id=format!("{id}-tracking") placeholder=txt.paper_tracking bind:value=tracking
            aria-invalid=move || err(TRACKING_NO)().map(|_| "true")/>
        {move || err(CARRIER)().or_else(err(TRACKING_NO)).map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
    }
}

fn show_error(
    e: AppError,
    errors: RwSignal<FieldErrors>,
    toasts: crate::components::toast::Toasts,
) {
    match e.fields() {
        Some(fields) => errors.set(fields.clone()),
        None => toasts.push(ToastKind::Error, console_text().error(&e)),
    }
}

#[component]
fn PaperRow(row: OpsPaperRow, done: Callback<()>) -> impl IntoView {
    let txt = console_text();
    let carrier = RwSignal::new(String::new());
    let tracking = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let ship = ServerAction::<ShipPaper>::new();
    let toasts = use_toasts();
    Effect::new(move |_| match ship.value().get() {
        Some(Ok(())) => {
            toasts.push(ToastKind::Success, words().ops_done_toast);
            done.run(());
        }
        Some(Err(e)) => show_error(e, errors, toasts),
        None => {}
    });
    let number = row.number.clone();
    let r = row.request;
    view! {
        <div class="ops-item" data-number=row.number.clone()>
            <p><a class="mono" href=format!("/ops/contracts/{}", row.number)>{row.number.clone()}</a>" · "{row.login}
                " · "{txt.copies(r.copies)}" · "<span class="muted small">{format_cst_minute(r.created_at_ms)}</span></p>
            <p class="small" translate="no">{format!("{} {} · {}", r.mailing.recipient, r.mailing.phone, txt.bracketed(&r.mailing.full_address(), &r.mailing.postcode))}</p>
            {r.tracking_no.clone().map(|no| view! {
                // The status with its separator ("：" / ": "), then the carrier as entered.
                <p class="small"><span>{txt.labelled(txt.paper_status(PaperStatus::Shipped), "")}</span>
                    <span translate="no">{r.carrier.clone().unwrap_or_default()}</span>" "<span class="mono">{no}</span></p>
            })}
            <div class="btn-row" hidden={r.status == PaperStatus::Shipped}>
                <ShipmentInputs id=format!("ship-{}", row.number) carrier tracking errors/>
                <button class="btn btn-sm btn-primary" type="button" data-action="ship" disabled=move || ship.pending().get()
                    on:click=move |_| {
                        errors.set(FieldErrors::new());
                        ship.dispatch(ShipPaper { number: number.clone(), carrier: carrier.get_untracked(), tracking_no: tracking.get_untracked() });
                    }>{words().ops_ship}</button>
            </div>
        </div>
    }
}

#[component]
fn StampingRow(row: OpsStampingRow, done: Callback<()>) -> impl IntoView {
    let txt = console_text();
    let carrier = RwSignal::new(String::new());
    let tracking = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let advance = ServerAction::<AdvanceStamping>::new();
    let toasts = use_toasts();
    Effect::new(move |_| match advance.value().get() {
        Some(Ok(())) => {
            toasts.push(ToastKind::Success, words().ops_done_toast);
            done.run(());
        }
        Some(Err(e)) => show_error(e, errors, toasts),
        None => {}
    });
    let s = row.stamping;
    let id = s.id;
    let next = s.status.next();
    let label = match next {
        Some(StampingStatus::Received) => words().ops_mark_received,
        Some(StampingStatus::Stamped) => words().ops_mark_stamped,
        _ => words().ops_mark_returned,
    };
    let returning = next == Some(StampingStatus::Returned);
    view! {
        <div class="ops-item" data-stamping=id data-status=s.status.as_str()>
            <p><a class="mono" href=format!("/ops/contracts/{}", row.number)>{row.number.clone()}</a>" · "{row.login}
                " · "<span class="badge">{txt.stamping_status(s.status)}</span></p>
            <p class="small">{txt.copies(s.copies)}" · "<span translate="no">{format!("{} {}", s.courier, s.tracking_no)}</span></p>
            <p class="small"><span>{txt.labelled(txt.stamping_return_title, "")}</span>
                <span translate="no">{format!("{} {} · {}", s.return_to.recipient, s.return_to.phone,
                    txt.bracketed(&s.return_to.full_address(), &s.return_to.postcode))}</span></p>
            {next.map(|to| view! {
                <div class="btn-row">
                    {returning.then(|| view! { <ShipmentInputs id=format!("return-{id}") carrier tracking errors/> })}
                    <button class="btn btn-sm btn-primary" type="button" data-action=to.as_str() disabled=move || advance.pending().get()
                        on:click=move |_| {
                            errors.set(FieldErrors::new());
                            advance.dispatch(AdvanceStamping { id, to, carrier: carrier.get_untracked(), tracking_no: tracking.get_untracked() });
                        }>{label}</button>
                </div>
            })}
        </div>
    }
}

#[component]
fn HoldRow(row: OpsHoldRow, done: Callback<()>) -> impl IntoView {
    let txt = console_text();
    let resolution = RwSignal::new(SubjectResolution::TransferSupplement);
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let resolve = ServerAction::<ResolveSubjectHold>::new();
    let toasts = use_toasts();
    Effect::new(move |_| match resolve.value().get() {
        Some(Ok(())) => {
            toasts.push(ToastKind::Success, words().ops_done_toast);
            done.run(());
        }
        Some(Err(e)) => show_error(e, errors, toasts),
        None => {}
    });
    let change_id = row.change_id;
    let note_error = move || errors.with(|e| e.get("note").map(|p| txt.problem(p)));
    view! {
        <div class="ops-item" data-hold=change_id data-login=row.login.clone()>
            <p><strong>{row.login.clone()}</strong>" · "<span translate="no">{format!("{} → {}", row.old_name, row.new_name)}</span>
                " · "<span class="muted small">{format_cst_minute(row.created_at_ms)}</span></p>
            <div class="btn-row">
                <label class="sr-only" for=format!("hold-{change_id}-resolution")>{words().ops_resolution}</label>
                <select class="input input-short" id=format!("hold-{change_id}-resolution")
                    on:change=move |ev| if let Some(r) = SubjectResolution::parse(&event_target_value(&ev)) { resolution.set(r) }>
                    {SubjectResolution::ALL.iter().map(|r| view! { <option value=r.as_str()>{txt.subject_resolution(*r)}</option> }).collect_view()}
                </select>
                <label class="sr-only" for=format!("hold-{change_id}-note")>{words().ops_note}</label>
                <input class="input" id=format!("hold-{change_id}-note") placeholder=words().ops_note bind:value=note
                    aria-invalid=move || note_error().map(|_| "true")/>
                <button class="btn btn-sm btn-primary" type="button" data-action="resolve" disabled=move || resolve.pending().get()
                    on:click=move |_| {
                        errors.set(FieldErrors::new());
                        resolve.dispatch(ResolveSubjectHold { change_id, resolution: resolution.get_untracked(), note: note.get_untracked() });
                    }>{words().ops_record}</button>
            </div>
            {move || note_error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </div>
    }
}

/// The contract search's query and its resource, created with the page (see the
/// contract home on why resources are never created inside a suspended branch).
#[derive(Clone, Copy)]
struct Search {
    applied: RwSignal<(String, String, String)>,
    page: RwSignal<i64>,
    results: crate::resource::Data<Result<crate::dto::OpsSearchView, AppError>>,
}

impl Search {
    fn new() -> Self {
        let applied = RwSignal::new((String::new(), String::new(), String::new()));
        let page = RwSignal::new(1_i64);
        let results = crate::resource::data(
            move || (applied.get(), page.get()),
            |((number, login, status), page)| {
                ops_search(number, login, Status::parse(&status), page)
            },
        );
        Self {
            applied,
            page,
            results,
        }
    }
}

#[component]
fn ContractSearch(search: Search) -> impl IntoView {
    let txt = console_text();
    let number = RwSignal::new(String::new());
    let login = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let Search {
        applied,
        page,
        results,
    } = search;
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        page.set(1);
        applied.set((
            number.get_untracked(),
            login.get_untracked(),
            status.get_untracked(),
        ));
    };
    view! {
        <section class="card" id="ops-contracts">
            <header class="card-header"><h2 class="card-title">{words().ops_contracts}</h2></header>
            <div class="card-body">
                <form class="filters" on:submit=on_search>
                    <label>{txt.filter_number}<input class="input" id="ops-number" type="search" bind:value=number/></label>
                    <label>{words().ops_search_login}<input class="input" id="ops-login" type="search" bind:value=login/></label>
                    <label>{txt.filter_status}
                        <select class="input" id="ops-status" on:change=move |ev| status.set(event_target_value(&ev))>
                            <option value="">{txt.filter_all}</option>
                            {Status::ALL.iter().map(|s| view! { <option value=s.as_str()>{txt.status(*s)}</option> }).collect_view()}
                        </select>
                    </label>
                    <button class="btn btn-primary" type="submit">{txt.search}</button>
                </form>
                <Transition fallback=|| view! { <p class="muted">{txt.loading}</p> }>
                    {move || Suspend::new(async move {
                        match results.await {
                            Ok(view) if view.rows.is_empty() => view! { <p class="muted">{txt.ops_empty}</p> }.into_any(),
                            Ok(view) => {
                                view! {
                                    <div class="table-wrap">
                                        <table class="data-table" id="ops-results">
                                            <thead><tr><th>{txt.col_number}</th><th>{words().ops_col_account}</th><th>{txt.col_kind}</th>
                                                <th>{txt.col_status}</th><th>{txt.col_created}</th></tr></thead>
                                            <tbody>
                                                {view.rows.into_iter().map(|r| view! {
                                                    <tr data-number=r.row.number.clone()>
                                                        <td class="mono"><a href=format!("/ops/contracts/{}", r.row.number)>{r.row.number.clone()}</a></td>
                                                        <td>{r.login}</td><td>{txt.contract_type(r.row.kind)}</td>
                                                        <td><StatusBadge state=r.row.state/></td>
                                                        <td class="nowrap">{format_cst_minute(r.row.created_at_ms)}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                    <Pager page current=view.page total=view.total per_page=view.per_page/>
                                }.into_any()
                            }
                            Err(e) => error_alert(e),
                        }
                    })}
                </Transition>
            </div>
        </section>
    }
}

/// One contract as the operator sees it, with its full audit timeline.
#[component]
pub fn OpsContractPage() -> impl IntoView {
    let txt = console_text();
    let params = use_params_map();
    let contract = crate::resource::data(
        move || params.read().get("number").unwrap_or_default(),
        ops_contract,
    );
    view! {
        <OperatorOnly>
            <ConsoleLayout title=txt.detail_title crumb=txt.crumb_ops nav=Nav::Operator>
                <Transition fallback=|| view! { <p class="muted">{txt.loading}</p> }>
                    {move || Suspend::new(async move {
                        match contract.await {
                            Ok(view) => view! {
                                <div class="stack">
                                    <div class="page-header">
                                        <div>
                                            <h2 class="mono" id="contract-number">{view.row.number.clone()}</h2>
                                            <p class="muted">{view.login.clone()}" · "<span translate="no">{view.party_a_name.clone()}</span>
                                                {format!(" · {} · {}", txt.contract_type(view.row.kind), txt.channel(view.row.channel))}</p>
                                        </div>
                                        <StatusBadge state=view.row.state/>
                                    </div>
                                    <TimelineCard entries=view.timeline.clone()/>
                                </div>
                            }.into_any(),
                            Err(e) => not_found_or_error(e, txt.not_found_body),
                        }
                    })}
                </Transition>
            </ConsoleLayout>
        </OperatorOnly>
    }
}

/// The billing system's API keys: create (the key is shown once), list, revoke.
#[component]
fn ApiKeys(
    keys: crate::resource::Data<Result<Vec<crate::dto::ApiKeyView>, AppError>>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let txt = console_text();
    let name = RwSignal::new(String::new());
    let scope = RwSignal::new(ApiScope::Full.as_str().to_string());
    let valid_days = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let created = RwSignal::new(None::<String>);
    let create = ServerAction::<CreateApiKey>::new();
    let revoke = ServerAction::<RevokeApiKey>::new();
    let toasts = use_toasts();
    Effect::new(move |_| match create.value().get() {
        Some(Ok(key)) => {
            created.set(Some(key));
            name.set(String::new());
            password.set(String::new());
            reload.update(|n| *n += 1);
        }
        Some(Err(e)) => show_error(e, errors, toasts),
        None => {}
    });
    Effect::new(move |_| match revoke.value().get() {
        Some(Ok(())) => {
            toasts.push(ToastKind::Success, words().ops_done_toast);
            reload.update(|n| *n += 1);
        }
        Some(Err(e)) => toasts.push(ToastKind::Error, txt.error(&e)),
        None => {}
    });
    let field_error =
        move |field: &'static str| errors.with(|e| e.get(field).map(|p| txt.problem(p)));
    let name_error = move || field_error("name");
    let password_error = move || field_error("password");
    view! {
        <section class="card" id="ops-keys">
            <header class="card-header"><h2 class="card-title">{words().api_keys_title}</h2>
                <div class="card-actions"><a class="btn btn-text" href="/api/v1/openapi.json" rel="external">{words().api_key_doc}</a></div></header>
            <div class="card-body">
                <div class="btn-row">
                    <label class="sr-only" for="api-key-name">{words().api_key_name}</label>
                    <input class="input" id="api-key-name" placeholder=words().api_key_name bind:value=name
                        aria-invalid=move || name_error().map(|_| "true")/>
                    <label class="sr-only" for="api-key-scope">{words().api_key_scope}</label>
                    <select class="input" id="api-key-scope" bind:value=scope>
                        <option value=ApiScope::Full.as_str()>{txt.api_key_scope_full}</option>
                        <option value=ApiScope::Read.as_str()>{txt.api_key_scope_read}</option>
                    </select>
                    <label class="sr-only" for="api-key-validity">{words().api_key_validity}</label>
                    <select class="input" id="api-key-validity" bind:value=valid_days>
                        <option value="">{txt.api_key_never_expires}</option>
                        {VALIDITY_DAYS.map(|days| view! {
                            <option value=days.to_string()>{(txt.api_key_valid_days)(days)}</option>
                        })}
                    </select>
                    <label class="sr-only" for="api-key-password">{words().api_key_password}</label>
                    <input class="input" id="api-key-password" type="password" autocomplete="current-password"
                        placeholder=words().api_key_password bind:value=password
                        aria-invalid=move || password_error().map(|_| "true")/>
                    <button class="btn btn-primary" type="button" id="api-key-create" disabled=move || create.pending().get()
                        on:click=move |_| {
                            errors.set(FieldErrors::new());
                            create.dispatch(CreateApiKey {
                                name: name.get_untracked(),
                                scope: ApiScope::from_stored(&scope.get_untracked()),
                                valid_days: valid_days.get_untracked().parse().ok(),
                                password: password.get_untracked(),
                            });
                        }>{words().api_key_create}</button>
                </div>
                {move || name_error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                {move || password_error().map(|e| view! { <p class="field-error" id="api-key-password-error" role="alert">{e}</p> })}
                {move || created.get().map(|key| view! {
                    <div class="alert alert-warning" role="status"><p>{words().api_key_created}</p>
                        <p class="mono" id="api-key-new">{key}</p></div>
                })}
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        // Scrolls inside its box on a phone rather than widening the page.
                        keys.await.map(|keys| view! {
                            <div class="table-wrap">
                            <table class="data-table" id="api-keys">
                                <tbody>
                                    {keys.into_iter().map(|k| {
                                        let id = k.id;
                                        view! {
                                            <tr data-key=id>
                                                <td translate="no">{k.name}</td>
                                                <td>{match k.scope { ApiScope::Full => txt.api_key_scope_full, ApiScope::Read => txt.api_key_scope_read }}</td>
                                                <td class="nowrap">{format_cst_minute(k.created_at_ms)}</td>
                                                <td class="nowrap">{k.expires_at_ms.map_or_else(|| txt.api_key_never_expires.to_string(), |at| (txt.api_key_expires)(&format_cst_minute(at)))}</td>
                                                <td>{if k.revoked_at_ms.is_some() { words().api_key_revoked } else if k.expired { words().api_key_expired } else { words().api_key_active }}</td>
                                                <td>{k.revoked_at_ms.is_none().then(|| view! {
                                                    <button class="btn btn-sm" type="button" data-action="revoke"
                                                        on:click=move |_| { revoke.dispatch(RevokeApiKey { id }); }>{words().api_key_revoke}</button>
                                                })}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                        })
                    })}
                </Transition>
            </div>
        </section>
    }
}
