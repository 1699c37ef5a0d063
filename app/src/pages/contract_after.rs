//! After signing, on the contract page: 申请纸质合同 / 查看邮寄信息 (R13) and 线下盖章
//! with its parcel's progress (R14).

use crate::i18n::console::after_signing::after_signing_text;
use crate::i18n::console_text;
use domain::calendar::format_cst_minute;
use domain::field_errors::FieldErrors;
use domain::paper::{
    validate_paper_request, validate_stamping, PaperRequestInput, PaperStatus, StampingInput,
    StampingStatus, CONFIRMED, COPIES, COURIER, STAMPING_COPIES, TRACKING_NO,
};
use domain::status::allowed_operations;
use domain::{ContractType, Operation};
use leptos::prelude::*;

use crate::resource::Reload;

use crate::api::after_signing::{ApplyPaper, SubmitStamping};
use crate::components::field::{Field, FormError};
use crate::components::mailing_fields::{MailingFields, MailingSignals};
use crate::components::submission::{after_each, form_errors};
use crate::components::toast::{use_toasts, ToastKind};
use crate::dto::{ContractDetailView, PaperView, StampingView};

/// What the customer may start after signing: paper copies, offline stamping.
struct Openings {
    can_apply: bool,
    can_stamp: bool,
}

impl Openings {
    fn of(view: &ContractDetailView) -> Self {
        let ops = allowed_operations(view.row.channel, view.row.state);
        let open_stamping = view
            .stampings
            .iter()
            .any(|s| s.status != StampingStatus::Returned);
        Openings {
            can_apply: ops.contains(&Operation::ApplyPaper) && view.paper.is_none(),
            can_stamp: ops.contains(&Operation::OfflineStamping) && !open_stamping,
        }
    }
}

/// Whether the contract page has an after-signing panel: something may be started, or
/// paper copies or stampings exist.
pub fn after_signing(view: &ContractDetailView) -> bool {
    let Openings {
        can_apply,
        can_stamp,
    } = Openings::of(view);
    can_apply || can_stamp || view.paper.is_some() || !view.stampings.is_empty()
}

#[component]
pub fn AfterSigningPanel(view: ContractDetailView, reload: Reload) -> impl IntoView {
    let txt = console_text();
    let words = after_signing_text();
    let row = view.row.clone();
    let Openings {
        can_apply,
        can_stamp,
    } = Openings::of(&view);
    let done = Callback::new(move |_: ()| reload.again());
    let is_filing = row.kind == ContractType::Filing;
    after_signing(&view).then(|| {
        view! {
            <div class="grid-2">
                <section class="card" id="paper">
                    <header class="card-header"><h2 class="card-title">{words.paper_title}</h2></header>
                    <div class="card-body">
                        {match view.paper.clone() {
                            Some(paper) => view! { <MailingInfo paper is_filing/> }.into_any(),
                            None if can_apply => view! { <PaperForm number=row.number.clone() is_filing done/> }.into_any(),
                            None => view! { <p class="muted">{txt.ops_empty}</p> }.into_any(),
                        }}
                    </div>
                </section>
                <section class="card" id="stamping">
                    <header class="card-header"><h2 class="card-title">{words.stamping_title}</h2></header>
                    <div class="card-body">
                        {view.stampings.iter().cloned().map(|s| view! { <StampingProgress stamping=s/> }).collect_view()}
                        {can_stamp.then(|| view! {
                            <StampingForm number=row.number.clone() mailing_to=view.provider.mailing_address.clone()
                                has_formal=row.has_formal done/>
                        })}
                    </div>
                </section>
            </div>
        }
    })
}

/// A form that opens with a button, so the page stays short until it is wanted.
#[component]
fn Disclosure(label: &'static str, id: &'static str, children: ChildrenFn) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <Show when=move || open.get() fallback=move || view! {
            <button class="btn btn-primary" type="button" id=id on:click=move |_| open.set(true)>{label}</button>
        }>
            {children()}
        </Show>
    }
}

#[component]
fn PaperForm(number: String, is_filing: bool, done: Callback<()>) -> impl IntoView {
    let txt = console_text();
    let number = StoredValue::new(number);
    view! {
        <Disclosure label=txt.operation(Operation::ApplyPaper) id="open-paper">
            {move || view! { <PaperFormBody number=number.get_value() is_filing done/> }}
        </Disclosure>
    }
}

#[component]
fn PaperFormBody(number: String, is_filing: bool, done: Callback<()>) -> impl IntoView {
    let txt = console_text();
    let words = after_signing_text();
    let mailing = MailingSignals::new();
    let copies = RwSignal::new("1".to_string());
    let confirmed = RwSignal::new(false);
    let checked = RwSignal::new(FieldErrors::new());
    let apply = ServerAction::<ApplyPaper>::new();
    let (errors, form_error) = form_errors(apply, checked);
    let toasts = use_toasts();
    after_each(apply, move |result| {
        if result.is_ok() {
            toasts.push(ToastKind::Success, words.paper_submitted_toast);
            done.run(());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = PaperRequestInput {
            mailing: mailing.value(),
            copies: copies.get_untracked().trim().parse().unwrap_or(0),
            confirmed: confirmed.get_untracked(),
        };
        match validate_paper_request(&input) {
            Ok(input) => {
                checked.set(FieldErrors::new());
                apply.dispatch(ApplyPaper {
                    number: number.clone(),
                    input,
                });
            }
            Err(fields) => checked.set(fields),
        }
    };
    let confirm_error = move || errors.with(|e| e.get(CONFIRMED).map(|p| txt.problem(p)));
    view! {
        <form class="form" novalidate on:submit=on_submit id="paper-form">
            <p class="muted">{words.paper_intro}</p>
            <FormError message=form_error/>
            <MailingFields prefix="paper" signals=mailing errors/>
            <Field label=words.paper_field_copies name=COPIES value=copies errors required=true input_type="number"
                hint=words.paper_copies_hint/>
            {is_filing.then(filing_extras)}
            <div class="field">
                <label class="checkbox">
                    <input type="checkbox" id="paper-confirmed" prop:checked=move || confirmed.get()
                        aria-invalid=move || confirm_error().map(|_| "true")
                        on:change=move |ev| confirmed.set(event_target_checked(&ev))/>
                    {words.paper_confirm}
                </label>
                {move || confirm_error().map(|e| view! { <p class="field-error" id="paper-confirmed-error">{e}</p> })}
            </div>
            <div class="form-actions">
                <button class="btn btn-primary" type="submit" disabled=move || apply.pending().get()>{words.paper_submit}</button>
            </div>
        </form>
    }
}

fn filing_extras() -> impl IntoView {
    let txt = console_text();
    let words = after_signing_text();
    view! {
        <div class="field" id="filing-extras">
            <span class="label">{words.paper_filing_extras_title}</span>
            <ul class="plain-list">{txt.paper_filing_extras.iter().map(|e| view! { <li>{*e}</li> }).collect_view()}</ul>
        </div>
    }
}

/// 查看邮寄信息: the address as submitted, the status, and once shipped the tracking.
#[component]
fn MailingInfo(paper: PaperView, is_filing: bool) -> impl IntoView {
    let txt = console_text();
    let words = after_signing_text();
    let shipped = paper.status == PaperStatus::Shipped;
    view! {
        <dl class="kv" id="mailing-info">
            <dt>{txt.paper_status}</dt><dd><span class=format!("badge badge-{}", paper.status.as_str())>{txt.paper_status(paper.status)}</span></dd>
            <dt>{txt.paper_field_recipient}</dt><dd translate="no">{format!("{} · {}", paper.mailing.recipient, paper.mailing.phone)}</dd>
            <dt>{txt.paper_field_address}</dt><dd translate="no">{txt.bracketed(&paper.mailing.full_address(), &paper.mailing.postcode)}</dd>
            <dt>{words.paper_field_copies}</dt><dd>{paper.copies}</dd>
            {shipped.then(|| view! {
                <dt>{txt.paper_carrier}</dt><dd id="paper-carrier" translate="no">{paper.carrier.clone().unwrap_or_default()}</dd>
                <dt>{txt.paper_tracking}</dt><dd class="mono" id="paper-tracking">{paper.tracking_no.clone().unwrap_or_default()}</dd>
            })}
        </dl>
        {is_filing.then(filing_extras)}
    }
}

#[component]
fn StampingProgress(stamping: StampingView) -> impl IntoView {
    let txt = console_text();
    let words = after_signing_text();
    let reached = stamping.steps.clone();
    view! {
        <div class="stamping" data-stamping=stamping.id>
            <ol class="timeline stamping-steps">
                {StampingStatus::ALL.iter().map(|status| {
                    let at = reached.iter().find(|(s, _)| s == status).map(|(_, at)| *at);
                    view! {
                        <li class:todo=at.is_none() data-step=status.as_str()>
                            <strong>{txt.stamping_status(*status)}</strong>" "
                            <span class="mono small">{at.map(format_cst_minute).unwrap_or_default()}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <p class="small muted">{txt.copies(stamping.copies)}" · "
                <span translate="no">{format!("{} {}", stamping.courier, stamping.tracking_no)}</span></p>
            {stamping.return_tracking_no.clone().map(|no| view! {
                // The label's own separator ("：" / ": "), then the carrier as entered.
                <p id="stamping-return"><span>{txt.labelled(words.stamping_return_tracking, "")}</span>
                    <span translate="no">{stamping.return_carrier.clone().unwrap_or_default()}</span>" "<span class="mono">{no}</span></p>
            })}
        </div>
    }
}

#[component]
fn StampingForm(
    number: String,
    mailing_to: String,
    has_formal: bool,
    done: Callback<()>,
) -> impl IntoView {
    let number = StoredValue::new(number);
    let txt = console_text();
    let mailing_to = StoredValue::new(mailing_to);
    view! {
        <Disclosure label=txt.operation(Operation::OfflineStamping) id="open-stamping">
            {move || view! { <StampingFormBody number=number.get_value() mailing_to=mailing_to.get_value() has_formal done/> }}
        </Disclosure>
    }
}

#[component]
fn StampingFormBody(
    number: String,
    mailing_to: String,
    has_formal: bool,
    done: Callback<()>,
) -> impl IntoView {
    let txt = console_text();
    let words = after_signing_text();
    let copies = RwSignal::new(2_i64);
    let all_stamped = RwSignal::new(false);
    let courier = RwSignal::new(String::new());
    let tracking = RwSignal::new(String::new());
    let return_to = MailingSignals::new();
    let checked = RwSignal::new(FieldErrors::new());
    let submit = ServerAction::<SubmitStamping>::new();
    let (errors, form_error) = form_errors(submit, checked);
    let toasts = use_toasts();
    after_each(submit, move |result| {
        if result.is_ok() {
            toasts.push(ToastKind::Success, words.stamping_submitted_toast);
            done.run(());
        }
    });
    let submit_number = number.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = StampingInput {
            copies: copies.get_untracked(),
            all_stamped: all_stamped.get_untracked(),
            courier: courier.get_untracked(),
            tracking_no: tracking.get_untracked(),
            return_to: return_to.value(),
        };
        match validate_stamping(&input) {
            Ok(input) => {
                checked.set(FieldErrors::new());
                submit.dispatch(SubmitStamping {
                    number: submit_number.clone(),
                    input,
                });
            }
            Err(fields) => checked.set(fields),
        }
    };
    let error_of =
        move |field: &'static str| move || errors.with(|e| e.get(field).map(|p| txt.problem(p)));
    view! {
        <form class="form" novalidate on:submit=on_submit id="stamping-form">
            <p class="muted">{words.stamping_intro}</p>
            <FormError message=form_error/>
            <fieldset class="field">
                <legend>{words.paper_field_copies}</legend>
                <div class="radio-group">
                    {STAMPING_COPIES.iter().map(|&n| view! {
                        <label><input type="radio" name="stamping-copies" value=n prop:checked=move || copies.get() == n
                            on:change=move |_| copies.set(n)/>{txt.copies(n)}</label>
                    }).collect_view()}
                </div>
                {move || error_of(COPIES)().map(|e| view! { <p class="field-error">{e}</p> })}
            </fieldset>
            {has_formal.then(|| view! {
                <p><a class="btn" rel="external" download href=format!("/contracts/{number}/pdf/formal")>{words.stamping_print}</a></p>
            })}
            <div class="field">
                <label class="checkbox">
                    <input type="checkbox" id="stamping-confirmed" prop:checked=move || all_stamped.get()
                        on:change=move |ev| all_stamped.set(event_target_checked(&ev))/>
                    {words.stamping_all_stamped}
                </label>
                {move || error_of(CONFIRMED)().map(|e| view! { <p class="field-error" id="stamping-confirmed-error">{e}</p> })}
            </div>
            <div class="field">
                <span class="label">{words.stamping_send_to}</span>
                <div class="field-readonly" id="provider-mailing" translate="no">{mailing_to}</div>
            </div>
            <div class="grid-2 form-grid">
                <Field label=words.stamping_courier name=COURIER value=courier errors required=true/>
                <Field label=words.stamping_tracking name=TRACKING_NO value=tracking errors required=true/>
            </div>
            <h3 class="form-section">{txt.stamping_return_title}</h3>
            <MailingFields prefix="return" signals=return_to errors/>
            <div class="form-actions">
                <button class="btn btn-primary" type="submit" disabled=move || submit.pending().get()>{words.stamping_submit}</button>
            </div>
        </form>
    }
}
