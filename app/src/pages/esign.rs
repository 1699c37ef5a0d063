//! 电子签署 (R11): an enterprise activates e-sign once (its administrator confirms by SMS
//! code, and the e-seal is fixed from the verified name), adds signers, and the
//! administrator approves or rejects each with a code of their own.

use domain::account::AccountKind;
use domain::calendar::format_cst_minute;
use domain::esign::{SignerStatus, NAME, PHONE};
use domain::field_errors::FieldErrors;
use domain::sms::CODE;
use domain::text as t;
use leptos::prelude::*;

use crate::api::esign::{
    esign_overview, AddSigner, ConfirmEsignActivation, DecideSigner, SendApprovalCode,
    StartEsignActivation,
};
use crate::components::console::ConsoleLayout;
use crate::components::field::{Field, FormError};
use crate::components::load_error::error_alert;
use crate::components::seal::SealPreview;
use crate::components::toast::{use_toasts, ToastKind};
use crate::dto::{EsignView, SignerView};
use crate::error::AppError;

#[component]
pub fn EsignPage() -> impl IntoView {
    let reload = RwSignal::new(0_u32);
    let overview = Resource::new(move || reload.get(), |_| esign_overview());
    view! {
        <ConsoleLayout title=t::ESIGN_TITLE crumb=t::CRUMB_ESIGN>
            <Transition fallback=|| view! { <p class="muted">{t::LOADING}</p> }>
                {move || Suspend::new(async move {
                    match overview.await {
                        Ok(view) if view.kind == AccountKind::Individual => view! {
                            <div class="alert alert-info">{t::ESIGN_ENTERPRISE_ONLY}</div>
                        }.into_any(),
                        Ok(view) if !view.verified => view! {
                            <div class="alert alert-warning">
                                <strong>{t::GATE_UNVERIFIED_TITLE}</strong>
                                <p>{t::GATE_UNVERIFIED}" "<a href="/account">{t::GATE_GO_VERIFY}</a></p>
                            </div>
                        }.into_any(),
                        Ok(view) if view.activated_at_ms.is_none() => view! { <Activation view reload/> }.into_any(),
                        Ok(view) => view! { <Activated view reload/> }.into_any(),
                        Err(e) => error_alert(e),
                    }
                })}
            </Transition>
        </ConsoleLayout>
    }
}

/// Field errors and the form-level message of a failed call.
fn show_error(e: AppError, errors: RwSignal<FieldErrors>, form_error: RwSignal<Option<String>>) {
    match e.fields() {
        Some(fields) => errors.set(fields.clone()),
        None => form_error.set(Some(e.to_string())),
    }
}

#[component]
fn Activation(view: EsignView, reload: RwSignal<u32>) -> impl IntoView {
    let name = RwSignal::new(view.pending_admin.clone().unwrap_or_default());
    let phone = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let code_sent = RwSignal::new(view.pending_admin.is_some());
    let errors = RwSignal::new(FieldErrors::new());
    let form_error = RwSignal::new(None::<String>);
    let start = ServerAction::<StartEsignActivation>::new();
    let confirm = ServerAction::<ConfirmEsignActivation>::new();
    let toasts = use_toasts();
    Effect::new(move |_| match start.value().get() {
        Some(Ok(())) => {
            code_sent.set(true);
            toasts.push(ToastKind::Success, t::SMS_SENT_TOAST);
        }
        Some(Err(e)) => show_error(e, errors, form_error),
        None => {}
    });
    Effect::new(move |_| match confirm.value().get() {
        Some(Ok(())) => {
            toasts.push(ToastKind::Success, t::ESIGN_ACTIVATED_TOAST);
            reload.update(|n| *n += 1);
        }
        Some(Err(e)) => show_error(e, errors, form_error),
        None => {}
    });
    let send = move |_| {
        errors.set(FieldErrors::new());
        form_error.set(None);
        match domain::esign::validate_person(&name.get_untracked(), &phone.get_untracked()) {
            Ok((name, phone)) => {
                start.dispatch(StartEsignActivation { name, phone });
            }
            Err(fields) => errors.set(fields),
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.set(FieldErrors::new());
        form_error.set(None);
        confirm.dispatch(ConfirmEsignActivation {
            code: code.get_untracked(),
        });
    };
    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{t::ESIGN_ACTIVATE}</h2></header>
            <div class="card-body">
                <p class="muted">{t::ESIGN_INTRO}</p>
                <form class="form" novalidate on:submit=on_submit id="esign-activation">
                    <FormError message=form_error/>
                    <Field label=t::ESIGN_ADMIN_NAME name=NAME value=name errors=errors required=true autocomplete="name"/>
                    <Field label=t::ESIGN_ADMIN_PHONE name=PHONE value=phone errors=errors required=true input_type="tel" autocomplete="tel"/>
                    <div class="form-actions">
                        <button class="btn" type="button" id="esign-send-code" on:click=send
                            disabled=move || start.pending().get()>{t::SMS_SEND}</button>
                    </div>
                    <Show when=move || code_sent.get()>
                        <Field label=t::SMS_CODE_LABEL name=CODE value=code errors=errors required=true
                            hint=t::SMS_CODE_HINT autocomplete="one-time-code"/>
                        <div class="form-actions">
                            <button class="btn btn-primary" type="submit" disabled=move || confirm.pending().get()>{t::ESIGN_ACTIVATE}</button>
                        </div>
                    </Show>
                </form>
            </div>
        </section>
    }
}

#[component]
fn Activated(view: EsignView, reload: RwSignal<u32>) -> impl IntoView {
    let pending: Vec<SignerView> = view
        .signers
        .iter()
        .filter(|s| s.status == SignerStatus::Pending)
        .cloned()
        .collect();
    view! {
        <div class="grid-2">
            <section class="card">
                <header class="card-header"><h2 class="card-title">{t::ESIGN_ALREADY_ACTIVATED}</h2></header>
                <div class="card-body">
                    <dl class="kv" id="esign-info">
                        <dt>{t::ESIGN_ADMIN_NAME}</dt><dd>{view.admin_name.clone().unwrap_or_default()}</dd>
                        <dt>{t::ESIGN_ADMIN_PHONE}</dt><dd>{view.admin_phone_masked.clone().unwrap_or_default()}</dd>
                        <dt>{t::ESIGN_ACTIVATED_AT}</dt><dd>{view.activated_at_ms.map(format_cst_minute).unwrap_or_default()}</dd>
                    </dl>
                </div>
            </section>
            <section class="card">
                <header class="card-header"><h2 class="card-title">{t::ESIGN_SEAL_LABEL}</h2></header>
                <div class="card-body seal-card">
                    <SealPreview text=view.seal_text.clone().unwrap_or_default()/>
                    <p class="field-hint">{t::ESIGN_SEAL_HINT}</p>
                </div>
            </section>
        </div>
        <SignersCard signers=view.signers.clone() reload/>
        <section class="card" id="approvals">
            <header class="card-header"><h2 class="card-title">{t::APPROVALS_TITLE}</h2></header>
            <div class="card-body">
                <p class="field-hint">{t::APPROVALS_HINT}</p>
                {if pending.is_empty() {
                    view! { <p class="muted">{t::APPROVALS_EMPTY}</p> }.into_any()
                } else {
                    pending.into_iter().map(|s| view! { <ApprovalRow signer=s reload/> }).collect_view().into_any()
                }}
            </div>
        </section>
    }
}

#[component]
fn SignersCard(signers: Vec<SignerView>, reload: RwSignal<u32>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let form_error = RwSignal::new(None::<String>);
    let add = ServerAction::<AddSigner>::new();
    let toasts = use_toasts();
    Effect::new(move |_| match add.value().get() {
        Some(Ok(())) => {
            toasts.push(ToastKind::Success, t::SIGNER_ADDED_TOAST);
            reload.update(|n| *n += 1);
        }
        Some(Err(e)) => show_error(e, errors, form_error),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form_error.set(None);
        match domain::esign::validate_person(&name.get_untracked(), &phone.get_untracked()) {
            Ok((name, phone)) => {
                errors.set(FieldErrors::new());
                add.dispatch(AddSigner { name, phone });
            }
            Err(fields) => errors.set(fields),
        }
    };
    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{t::SIGNERS_TITLE}</h2></header>
            <div class="card-body table-wrap">
                <table class="data-table" id="signers">
                    <thead><tr><th>{t::COL_SIGNER}</th><th>{t::COL_PHONE}</th><th>{t::COL_SIGNER_STATUS}</th></tr></thead>
                    <tbody>
                        {signers.into_iter().map(|s| view! {
                            <tr data-signer=s.id><td>{s.name}</td><td class="mono">{s.phone_masked}</td>
                                <td><span class=format!("badge badge-{}", s.status.as_str())>{s.status.label()}</span></td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <form class="form form-inline" novalidate on:submit=on_submit id="add-signer">
                    <FormError message=form_error/>
                    <Field label=t::SIGNER_NAME name=NAME value=name errors=errors required=true/>
                    <Field label=t::SIGNER_PHONE name=PHONE value=phone errors=errors required=true input_type="tel"/>
                    <div class="form-actions">
                        <button class="btn btn-primary" type="submit" disabled=move || add.pending().get()>{t::SIGNER_ADD}</button>
                    </div>
                </form>
            </div>
        </section>
    }
}

/// One pending signer: the administrator gets a code, then approves or rejects.
#[component]
fn ApprovalRow(signer: SignerView, reload: RwSignal<u32>) -> impl IntoView {
    let id = signer.id;
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let send = ServerAction::<SendApprovalCode>::new();
    let decide = ServerAction::<DecideSigner>::new();
    let toasts = use_toasts();
    let message = |e: AppError| {
        e.fields()
            .and_then(|f| f.get(CODE).map(str::to_string))
            .unwrap_or_else(|| e.to_string())
    };
    Effect::new(move |_| match send.value().get() {
        Some(Ok(())) => toasts.push(ToastKind::Success, t::SMS_SENT_TOAST),
        Some(Err(e)) => error.set(Some(message(e))),
        None => {}
    });
    Effect::new(move |_| match decide.value().get() {
        Some(Ok(())) => {
            toasts.push(ToastKind::Success, t::SIGNER_DECIDED_TOAST);
            reload.update(|n| *n += 1);
        }
        Some(Err(e)) => error.set(Some(message(e))),
        None => {}
    });
    let decide_with = move |approve: bool| {
        error.set(None);
        decide.dispatch(DecideSigner {
            signer_id: id,
            approve,
            code: code.get_untracked(),
        });
    };
    let input_id = format!("approval-code-{id}");
    view! {
        <div class="approval" data-approval=id>
            <p><strong>{signer.name}</strong>" "<span class="mono">{signer.phone_masked}</span></p>
            <div class="btn-row">
                <button class="btn btn-sm" type="button" data-action="send-code" on:click=move |_| {
                    error.set(None);
                    send.dispatch(SendApprovalCode { signer_id: id });
                }>{t::SMS_SEND}</button>
                <label class="sr-only" for=input_id.clone()>{t::SMS_CODE_LABEL}</label>
                <input class="input input-code" id=input_id inputmode="numeric" autocomplete="one-time-code"
                    placeholder=t::SMS_CODE_LABEL bind:value=code aria-invalid=move || error.get().map(|_| "true")/>
                <button class="btn btn-sm btn-primary" type="button" data-action="approve"
                    disabled=move || decide.pending().get() on:click=move |_| decide_with(true)>{t::SIGNER_APPROVE}</button>
                <button class="btn btn-sm" type="button" data-action="reject"
                    disabled=move || decide.pending().get() on:click=move |_| decide_with(false)>{t::SIGNER_REJECT}</button>
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </div>
    }
}
