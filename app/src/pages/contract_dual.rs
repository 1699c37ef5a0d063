//! The dual channel's steps on the contract page (双方电子签章): a progress bar of the
//! steps, and the panel of the step the contract is at — each step is a sub-status, so
//! leaving and coming back continues where the customer was.

use crate::i18n::console::signing::dual_text;
use crate::i18n::console_text;
use domain::Check;
use std::time::Duration;

use domain::account::AccountKind;
use domain::esign::{SignerChoice, PHONE, SIGNER};
use domain::field_errors::FieldErrors;
use domain::mark::{Stroke, SIGNATURE};
use domain::sms::CODE;
use domain::{Operation, Status, SubStatus};
use leptos::prelude::*;

use crate::resource::Reload;

use crate::api::contracts::Operate;
use crate::api::dual::{
    ConfirmDualSigner, RemindSigner, ResendSigningCode, SaveDualPartyA, SignContract,
};
use crate::components::field::{Field, FormError};
use crate::components::party_a_fields::{PartyAFields, PartyAFieldset};
use crate::components::seal::SealPreview;
use crate::components::signature_pad::SignaturePad;
use crate::components::steps::{DualStep, Steps};
use crate::components::submission::{after_each, form_errors};
use crate::components::toast::{use_toasts, ToastKind};
use crate::dto::{ContractDetailView, DualView};

#[component]
pub fn DualPanel(view: ContractDetailView, reload: Reload) -> impl IntoView {
    let words = dual_text();
    let Some(dual) = view.dual.clone() else {
        return ().into_any();
    };
    let state = view.row.state;
    let number = view.row.number.clone();
    let done = Callback::new(move |_: ()| reload.again());
    let panel = match (state.status, state.sub_status) {
        (_, SubStatus::FillingInfo) => view! { <PartyAPanel view=view.clone() done/> }.into_any(),
        (_, SubStatus::ConfirmingText) => view! { <TextPanel number done/> }.into_any(),
        (_, SubStatus::ConfirmingSigning) => view! { <SignerPanel number dual done/> }.into_any(),
        (_, SubStatus::CustomerSigning) => view! { <SignPanel number dual done/> }.into_any(),
        (_, SubStatus::ProviderSigning) => view! {
            <div class="alert alert-info" id="waiting-provider">{words.dual_waiting_provider}</div>
        }
        .into_any(),
        _ => ().into_any(),
    };
    let show_steps = state.status != Status::Voided;
    view! {
        {show_steps.then(|| view! {
            <section class="card" id="dual-steps">
                <div class="card-body"><Steps labels=DualStep::ALL.map(DualStep::label).to_vec() current=DualStep::progress(state)/></div>
            </section>
        })}
        {panel}
    }
    .into_any()
}

/// 填写甲方信息: the contract's snapshot (the saved profile) as the starting values.
#[component]
fn PartyAPanel(view: ContractDetailView, done: Callback<()>) -> impl IntoView {
    let words = dual_text();
    let fields = PartyAFields::new(view.party_a.clone());
    let checked = RwSignal::new(FieldErrors::new());
    let save = ServerAction::<SaveDualPartyA>::new();
    let (errors, form_error) = form_errors(save, checked);
    after_each(save, move |result| {
        if result.is_ok() {
            done.run(());
        }
    });
    let number = view.row.number.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let problems = fields.check();
        checked.set(problems.clone());
        if problems.is_empty() {
            save.dispatch(SaveDualPartyA {
                number: number.clone(),
                party_a: fields.input(),
                confirmed: true,
            });
        }
    };
    view! {
        <section class="card" id="dual-party-a">
            <header class="card-header"><h2 class="card-title">{DualStep::PartyA.label()}</h2></header>
            <div class="card-body">
                <form class="form" novalidate on:submit=on_submit>
                    <FormError message=form_error/>
                    <PartyAFieldset name=view.party_a_name.clone() fields errors/>
                    <div class="form-actions">
                        <button class="btn btn-primary" type="submit" disabled=move || save.pending().get()>{words.dual_save_party_a}</button>
                    </div>
                </form>
            </div>
        </section>
    }
}

/// 确认合同文本内容: the draft shown in the page, then confirmed.
#[component]
fn TextPanel(number: String, done: Callback<()>) -> impl IntoView {
    let txt = console_text();
    let words = dual_text();
    let confirm = ServerAction::<Operate>::new();
    let toasts = use_toasts();
    after_each(confirm, move |result| match result {
        Ok(()) => done.run(()),
        Err(e) => toasts.push(ToastKind::Error, txt.error(&e)),
    });
    let src = format!("/contracts/{number}/pdf/draft?inline=1");
    view! {
        <section class="card" id="dual-text">
            <header class="card-header"><h2 class="card-title">{DualStep::ConfirmText.label()}</h2></header>
            <div class="card-body">
                <p class="muted">{words.dual_text_hint}</p>
                <iframe class="pdf-frame" src=src title=DualStep::ConfirmText.label()></iframe>
                <div class="form-actions">
                    <a class="btn" rel="external" download href=format!("/contracts/{number}/pdf/draft")>{txt.download_draft}</a>
                    <button class="btn btn-primary" type="button" id="confirm-text" disabled=move || confirm.pending().get()
                        on:click=move |_| { confirm.dispatch(Operate { number: number.clone(), operation: Operation::ConfirmText }); }>
                        {words.dual_confirm_text}
                    </button>
                </div>
            </div>
        </section>
    }
}

/// 确认签署信息: an enterprise picks an approved signer; an individual confirms the phone.
#[component]
fn SignerPanel(number: String, dual: DualView, done: Callback<()>) -> impl IntoView {
    let txt = console_text();
    let words = dual_text();
    let checked = RwSignal::new(FieldErrors::new());
    let confirm = ServerAction::<ConfirmDualSigner>::new();
    let (errors, form_error) = form_errors(confirm, checked);
    let toasts = use_toasts();
    after_each(confirm, move |result| {
        if result.is_ok() {
            toasts.push(ToastKind::Success, txt.sms_sent_toast);
            done.run(());
        }
    });
    let enterprise = dual.account_kind == AccountKind::Enterprise;
    let chosen = RwSignal::new(dual.approved_signers.first().map(|s| s.id));
    let phone = RwSignal::new(dual.default_phone.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = FieldErrors::new();
        let choice = if enterprise {
            match chosen.get_untracked() {
                Some(signer_id) => Some(SignerChoice::Signer { signer_id }),
                None => {
                    problems.add(SIGNER, Check::SignerNotApproved);
                    None
                }
            }
        } else {
            match domain::esign::validate_mobile(&phone.get_untracked()) {
                Ok(()) => Some(SignerChoice::Myself {
                    phone: phone.get_untracked(),
                }),
                Err(e) => {
                    problems.add(PHONE, e);
                    None
                }
            }
        };
        checked.set(problems);
        if let Some(choice) = choice {
            confirm.dispatch(ConfirmDualSigner {
                number: number.clone(),
                choice,
            });
        }
    };
    let signer_error = move || errors.with(|e| e.get(SIGNER).map(|p| txt.problem(p)));
    let signers = dual.approved_signers.clone();
    view! {
        <section class="card" id="dual-signer">
            <header class="card-header"><h2 class="card-title">{DualStep::ConfirmSigner.label()}</h2></header>
            <div class="card-body">
                <form class="form" novalidate on:submit=on_submit>
                    <FormError message=form_error/>
                    {if enterprise {
                        view! {
                            <fieldset class="field">
                                <legend>{words.signer_label}</legend>
                                <p class="field-hint">{words.dual_signer_hint_enterprise}</p>
                                {signers.is_empty().then(|| view! {
                                    <p class="alert alert-warning">{words.dual_signer_none}" "<a href="/esign">{txt.esign_title}</a></p>
                                })}
                                <div class="radio-group radio-list">
                                    {signers.into_iter().map(|s| view! {
                                        <label><input type="radio" name="signer" value=s.id
                                            prop:checked=move || chosen.get() == Some(s.id)
                                            on:change=move |_| chosen.set(Some(s.id))/>
                                            <span translate="no">{format!("{} · {}", s.name, s.phone_masked)}</span></label>
                                    }).collect_view()}
                                </div>
                                {move || signer_error().map(|e| view! { <p class="field-error" id="f-signer-error">{e}</p> })}
                            </fieldset>
                        }.into_any()
                    } else {
                        view! {
                            <p class="field-hint">{words.dual_signer_hint_individual}</p>
                            <Field label=txt.signer_phone name=PHONE value=phone errors=errors required=true input_type="tel"/>
                        }.into_any()
                    }}
                    <div class="form-actions">
                        <button class="btn btn-primary" type="submit" disabled=move || confirm.pending().get()>{words.dual_confirm_signer}</button>
                    </div>
                </form>
            </div>
        </section>
    }
}

/// Counts a number of seconds down to zero, one a second (the resend button's wait).
fn count_down(seconds: RwSignal<i64>) {
    Effect::new(move |_| {
        if seconds.get() > 0 {
            set_timeout(
                move || {
                    seconds.try_update(|s| *s = (*s - 1).max(0));
                },
                Duration::from_secs(1),
            );
        }
    });
}

/// 在线签署: the code, and the drawn signature (individuals) or the e-seal (enterprises);
/// 重新发送 with its countdown, 催签.
#[component]
fn SignPanel(number: String, dual: DualView, done: Callback<()>) -> impl IntoView {
    let txt = console_text();
    let words = dual_text();
    let code = RwSignal::new(String::new());
    let strokes = RwSignal::new(Vec::<Stroke>::new());
    let checked = RwSignal::new(FieldErrors::new());
    let wait = RwSignal::new(dual.resend_wait_secs);
    count_down(wait);
    let sign = ServerAction::<SignContract>::new();
    let resend = ServerAction::<ResendSigningCode>::new();
    let remind = ServerAction::<RemindSigner>::new();
    let (errors, form_error) = form_errors(sign, checked);
    let toasts = use_toasts();
    after_each(sign, move |result| {
        if result.is_ok() {
            toasts.push(ToastKind::Success, words.signed_toast);
            done.run(());
        }
    });
    after_each(resend, move |result| match result {
        Ok(()) => {
            wait.set(domain::sms::RESEND_AFTER_MS / 1000);
            toasts.push(ToastKind::Success, txt.sms_sent_toast);
        }
        Err(e) => toasts.push(ToastKind::Error, txt.error(&e)),
    });
    // Reminded already (before the page was opened, or from it): the button stays off.
    let reminded_before = dual.remind_wait_secs > 0;
    let reminded = Memo::new(move |before: Option<&bool>| {
        before.copied().unwrap_or(reminded_before) || matches!(remind.value().get(), Some(Ok(())))
    });
    after_each(remind, move |result| match result {
        Ok(()) => toasts.push(ToastKind::Success, words.remind_sent_toast),
        Err(e) => toasts.push(ToastKind::Error, txt.error(&e)),
    });
    let individual = dual.account_kind == AccountKind::Individual;
    let submit_number = number.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = FieldErrors::new();
        if !domain::sms::is_well_formed(code.get_untracked().trim()) {
            problems.add(CODE, Check::SmsCodeMalformed);
        }
        if individual {
            if let Err(e) = strokes.with_untracked(|s| domain::mark::validate_strokes(s)) {
                problems.add(SIGNATURE, e);
            }
        }
        checked.set(problems.clone());
        if problems.is_empty() {
            sign.dispatch(SignContract {
                number: submit_number.clone(),
                code: code.get_untracked(),
                strokes: individual.then(|| strokes.get_untracked()),
            });
        }
    };
    let signature_error =
        Signal::derive(move || errors.with(|e| e.get(SIGNATURE).map(|p| txt.problem(p))));
    let (resend_number, remind_number) = (number.clone(), number);
    let (signer_name, signer_phone) = dual.signer.clone().unwrap_or_default();
    view! {
        <section class="card" id="dual-sign">
            <header class="card-header"><h2 class="card-title">{DualStep::Sign.label()}</h2></header>
            <div class="card-body">
                <p>{words.dual_signing_hint}" "<strong translate="no">{signer_name}</strong>" "<span class="mono" id="signer-phone">{signer_phone}</span></p>
                {dual.signing_deadline_ms.map(|at| view! {
                    <p class="muted small" id="signing-deadline">{crate::i18n::console::signing::deadline_note(at)}</p>
                })}
                <form class="form" novalidate on:submit=on_submit>
                    <FormError message=form_error/>
                    <div class="code-row">
                        <Field label=txt.sms_code_label name=CODE value=code errors=errors required=true
                            hint=txt.sms_code_hint autocomplete="one-time-code"/>
                        <button class="btn" type="button" id="resend-code"
                            disabled=move || { wait.get() > 0 || resend.pending().get() }
                            on:click=move |_| { resend.dispatch(ResendSigningCode { number: resend_number.clone() }); }>
                            {move || match wait.get() { 0 => txt.operation(Operation::ResendSms).to_string(), s => (words.resend_countdown)(s) }}
                        </button>
                    </div>
                    {if individual {
                        view! { <SignaturePad strokes error=signature_error/> }.into_any()
                    } else {
                        view! {
                            <div class="field seal-card">
                                <p class="field-hint">{words.dual_seal_hint}</p>
                                <SealPreview text=dual.seal_text.clone().unwrap_or_default()/>
                            </div>
                        }.into_any()
                    }}
                    <div class="form-actions">
                        <button class="btn" type="button" id="remind" disabled=move || reminded.get() || remind.pending().get()
                            title=txt.refused(&domain::Refused::RemindTooSoon)
                            on:click=move |_| { remind.dispatch(RemindSigner { number: remind_number.clone() }); }>{words.remind}</button>
                        <button class="btn btn-primary" type="submit" id="sign-submit" disabled=move || sign.pending().get()>{words.sign_submit}</button>
                    </div>
                </form>
            </div>
        </section>
    }
}
