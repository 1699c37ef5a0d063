//! The operator console's queues: paper copies to ship, offline stamping parcels and
//! subject-change holds, each row with its action.

use crate::i18n::console::ops_words::ops_text as words;
use crate::i18n::console_text;
use domain::calendar::format_cst_minute;
use domain::field_errors::FieldErrors;
use domain::paper::{PaperStatus, StampingStatus, SubjectResolution, CARRIER, TRACKING_NO};
use leptos::prelude::*;

use crate::resource::Reload;

use crate::api::ops::{AdvanceStamping, ResolveSubjectHold, ShipPaper};
use crate::components::toast::use_toasts;
use crate::dto::{OpsHoldRow, OpsPaperRow, OpsStampingRow, OpsView};

use super::toast_result;
use crate::components::submission::{after_each, answer_errors};

/// The queue filters: the paper requests of one status (`None`: every one), and the
/// stamping parcels of one status (`None`: those not yet returned).
#[derive(Clone, Copy)]
pub(super) struct Filters {
    pub(super) paper: RwSignal<Option<PaperStatus>>,
    pub(super) stamping: RwSignal<Option<StampingStatus>>,
}

impl Filters {
    /// What an operator sees first: paper to ship, parcels still open.
    pub(super) fn new() -> Self {
        Self {
            paper: RwSignal::new(Some(PaperStatus::Requested)),
            stamping: RwSignal::new(None),
        }
    }
}

/// A status filter in a queue's header: each option's value is its status's token, or
/// `none` for the option without a status, parsed back to the typed filter on change.
#[component]
fn QueueFilter<T>(
    id: &'static str,
    value: RwSignal<Option<T>>,
    options: Vec<(Option<T>, &'static str)>,
    token: fn(T) -> &'static str,
    parse: fn(&str) -> Option<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let txt = console_text();
    view! {
        <label class="sr-only" for=id>{txt.filter_status}</label>
        <select class="input input-short" id=id on:change=move |ev| value.set(parse(&event_target_value(&ev)))>
            {options.into_iter().map(|(option, label)| view! {
                <option value=option.map_or("none", token) selected=move || value.get() == option>{label}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
pub(super) fn Queues(view: OpsView, reload: Reload, filters: Filters) -> impl IntoView {
    let txt = console_text();
    let mut paper_options: Vec<_> = PaperStatus::ALL
        .iter()
        .map(|s| (Some(*s), txt.paper_status(*s)))
        .collect();
    paper_options.push((None, txt.filter_all));
    let mut stamping_options = vec![(None, words().ops_open)];
    stamping_options.extend(
        StampingStatus::ALL
            .iter()
            .map(|s| (Some(*s), txt.stamping_status(*s))),
    );
    let done = Callback::new(move |_: ()| reload.again());
    view! {
        <div class="ops-counts" id="ops-counts">
            <a class="ops-count" href="#ops-paper"><strong data-count="paper">{view.paper_to_ship}</strong>{words().ops_paper_queue}</a>
            <a class="ops-count" href="#ops-stamping"><strong data-count="stamping">{view.stampings_open}</strong>{words().ops_stamping_queue}</a>
            <a class="ops-count" href="#ops-holds"><strong data-count="holds">{view.holds_open}</strong>{words().ops_holds}</a>
        </div>
        <section class="card" id="ops-paper">
            <header class="card-header"><h2 class="card-title">{words().ops_paper_queue}</h2>
                <div class="card-actions"><QueueFilter id="paper-filter" value=filters.paper options=paper_options
                    token=PaperStatus::as_str parse=PaperStatus::parse/></div></header>
            <div class="card-body">
                {if view.paper.is_empty() { view! { <p class="muted">{txt.ops_empty}</p> }.into_any() } else {
                    view.paper.into_iter().map(|row| view! { <PaperRow row done/> }).collect_view().into_any()
                }}
            </div>
        </section>
        <section class="card" id="ops-stamping">
            <header class="card-header"><h2 class="card-title">{words().ops_stamping_queue}</h2>
                <div class="card-actions"><QueueFilter id="stamping-filter" value=filters.stamping options=stamping_options
                    token=StampingStatus::as_str parse=StampingStatus::parse/></div></header>
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
    #[prop(into)] errors: Signal<FieldErrors>,
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

#[component]
fn PaperRow(row: OpsPaperRow, done: Callback<()>) -> impl IntoView {
    let txt = console_text();
    let carrier = RwSignal::new(String::new());
    let tracking = RwSignal::new(String::new());
    let ship = ServerAction::<ShipPaper>::new();
    let (errors, _) = answer_errors(ship);
    let toasts = use_toasts();
    after_each(ship, move |result| {
        toast_result(toasts, result, move || done.run(()))
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
    let advance = ServerAction::<AdvanceStamping>::new();
    let (errors, _) = answer_errors(advance);
    let toasts = use_toasts();
    after_each(advance, move |result| {
        toast_result(toasts, result, move || done.run(()))
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
    let resolve = ServerAction::<ResolveSubjectHold>::new();
    let (errors, _) = answer_errors(resolve);
    let toasts = use_toasts();
    after_each(resolve, move |result| {
        toast_result(toasts, result, move || done.run(()))
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
                        resolve.dispatch(ResolveSubjectHold { change_id, resolution: resolution.get_untracked(), note: note.get_untracked() });
                    }>{words().ops_record}</button>
            </div>
            {move || note_error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </div>
    }
}
