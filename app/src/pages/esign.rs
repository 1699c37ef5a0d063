//! 电子签署 (R11): an enterprise activates e-sign once (its administrator confirms by SMS
//! code, and the e-seal is fixed from the verified name), adds signers, and the
//! administrator approves or rejects each with a code of their own.

use crate::i18n::console::esign_words::esign_text;
use crate::i18n::console_text;
use domain::account::AccountKind;
use domain::calendar::format_cst_minute;
use domain::esign::{SignerStatus, NAME, PHONE};
use domain::field_errors::FieldErrors;
use domain::sms::CODE;
use leptos::prelude::*;

use crate::resource::Reload;

use crate::api::esign::{
    esign_overview, AddSigner, ConfirmEsignActivation, DecideSigner, SendApprovalCode,
    StartEsignActivation,
};
use crate::components::console::ConsoleLayout;
use crate::components::field::{Field, FormError};
use crate::components::load_error::error_alert;
use crate::components::seal::SealPreview;
use crate::components::submission::{after_each, either, form_errors};
use crate::components::toast::{use_toasts, ToastKind};
use crate::dto::{EsignView, SignerView};
use crate::error::AppError;

#[component]
pub fn EsignPage() -> impl IntoView {
    let txt = console_text();
    let words = esign_text();
    let reload = Reload::new();
    let overview = crate::resource::data(move || reload.key(), |_| esign_overview());
    view! {
        <ConsoleLayout title=txt.esign_title crumb=words.crumb_esign>
            <Transition fallback=|| view! { <p class="muted">{txt.loading}</p> }>
                {move || Suspend::new(async move {
                    match overview.await {
                        Ok(view) if view.kind == AccountKind::Individual => view! {
                            <div class="alert alert-info">{txt.refused(&domain::Refused::EsignEnterpriseOnly)}</div>
                        }.into_any(),
                        Ok(view) if !view.verified => view! {
                            <div class="alert alert-warning">
                                <strong>{txt.gate_unverified_title}</strong>
                                <p>{txt.refused(&domain::Refused::Gate(domain::gate::CreationBlock::Unverified))}" "<a href="/account">{txt.gate_go_verify}</a></p>
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

#[component]
fn Activation(view: EsignView, reload: Reload) -> impl IntoView {
    let txt = console_text();
    let words = esign_text();
    let name = RwSignal::new(view.pending_admin.clone().unwrap_or_default());
    let phone = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let checked = RwSignal::new(FieldErrors::new());
    let start = ServerAction::<StartEsignActivation>::new();
    let confirm = ServerAction::<ConfirmEsignActivation>::new();
    let (errors, form_error) = either(form_errors(start, checked), form_errors(confirm, checked));
    // Once a code has gone out (now or before the page was opened), the code field stays.
    let pending_admin = view.pending_admin.is_some();
    let code_sent = Memo::new(move |before: Option<&bool>| {
        before.copied().unwrap_or(pending_admin) || matches!(start.value().get(), Some(Ok(())))
    });
    let toasts = use_toasts();
    after_each(start, move |result| {
        if result.is_ok() {
            toasts.push(ToastKind::Success, txt.sms_sent_toast);
        }
    });
    after_each(confirm, move |result| {
        if result.is_ok() {
            toasts.push(ToastKind::Success, words.esign_activated_toast);
            reload.again();
        }
    });
    let send = move |_| {
        confirm.clear();
        match domain::esign::validate_person(&name.get_untracked(), &phone.get_untracked()) {
            Ok((name, phone)) => {
                checked.set(FieldErrors::new());
                start.dispatch(StartEsignActivation { name, phone });
            }
            Err(fields) => checked.set(fields),
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        checked.set(FieldErrors::new());
        start.clear();
        confirm.dispatch(ConfirmEsignActivation {
            code: code.get_untracked(),
        });
    };
    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{words.esign_activate}</h2></header>
            <div class="card-body">
                <p class="muted">{words.esign_intro}</p>
                <form class="form" novalidate on:submit=on_submit id="esign-activation">
                    <FormError message=form_error/>
                    <Field label=words.esign_admin_name name=NAME value=name errors=errors required=true autocomplete="name"/>
                    <Field label=words.esign_admin_phone name=PHONE value=phone errors=errors required=true input_type="tel" autocomplete="tel"/>
                    <div class="form-actions">
                        <button class="btn" type="button" id="esign-send-code" on:click=send
                            disabled=move || start.pending().get()>{words.sms_send}</button>
                    </div>
                    <Show when=move || code_sent.get()>
                        <Field label=txt.sms_code_label name=CODE value=code errors=errors required=true
                            hint=txt.sms_code_hint autocomplete="one-time-code"/>
                        <div class="form-actions">
                            <button class="btn btn-primary" type="submit" disabled=move || confirm.pending().get()>{words.esign_activate}</button>
                        </div>
                    </Show>
                </form>
            </div>
        </section>
    }
}

#[component]
fn Activated(view: EsignView, reload: Reload) -> impl IntoView {
    let txt = console_text();
    let words = esign_text();
    let pending: Vec<SignerView> = view
        .signers
        .iter()
        .filter(|s| s.status == SignerStatus::Pending)
        .cloned()
        .collect();
    view! {
        <div class="grid-2">
            <section class="card">
                <header class="card-header"><h2 class="card-title">{txt.refused(&domain::Refused::EsignAlreadyActivated)}</h2></header>
                <div class="card-body">
                    <dl class="kv" id="esign-info">
                        <dt>{words.esign_admin_name}</dt><dd translate="no">{view.admin_name.clone().unwrap_or_default()}</dd>
                        <dt>{words.esign_admin_phone}</dt><dd>{view.admin_phone_masked.clone().unwrap_or_default()}</dd>
                        <dt>{words.esign_activated_at}</dt><dd>{view.activated_at_ms.map(format_cst_minute).unwrap_or_default()}</dd>
                    </dl>
                </div>
            </section>
            <section class="card">
                <header class="card-header"><h2 class="card-title">{words.esign_seal_label}</h2></header>
                <div class="card-body seal-card">
                    <SealPreview text=view.seal_text.clone().unwrap_or_default()/>
                    <p class="field-hint">{words.esign_seal_hint}</p>
                </div>
            </section>
        </div>
        <SignersCard signers=view.signers.clone() reload/>
        <section class="card" id="approvals">
            <header class="card-header"><h2 class="card-title">{words.approvals_title}</h2></header>
            <div class="card-body">
                <p class="field-hint">{words.approvals_hint}</p>
                {if pending.is_empty() {
                    view! { <p class="muted">{words.approvals_empty}</p> }.into_any()
                } else {
                    pending.into_iter().map(|s| view! { <ApprovalRow signer=s reload/> }).collect_view().into_any()
                }}
            </div>
        </section>
    }
}

#[component]
fn SignersCard(signers: Vec<SignerView>, reload: Reload) -> impl IntoView {
    let txt = console_text();
    let words = esign_text();
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let checked = RwSignal::new(FieldErrors::new());
    let add = ServerAction::<AddSigner>::new();
    let (errors, form_error) = form_errors(add, checked);
    let toasts = use_toasts();
    after_each(add, move |result| {
        if result.is_ok() {
            toasts.push(ToastKind::Success, words.signer_added_toast);
            reload.again();
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match domain::esign::validate_person(&name.get_untracked(), &phone.get_untracked()) {
            Ok((name, phone)) => {
                checked.set(FieldErrors::new());
                add.dispatch(AddSigner { name, phone });
            }
            Err(fields) => checked.set(fields),
        }
    };
    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{words.signers_title}</h2></header>
            <div class="card-body table-wrap">
                <table class="data-table" id="signers">
                    <thead><tr><th>{words.col_signer}</th><th>{words.col_phone}</th><th>{words.col_signer_status}</th></tr></thead>
                    <tbody>
                        {signers.into_iter().map(|s| view! {
                            <tr data-signer=s.id><td translate="no">{s.name}</td><td class="mono">{s.phone_masked}</td>
                                <td><span class=format!("badge badge-{}", s.status.as_str())>{txt.signer_status(s.status)}</span></td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <form class="form form-inline" novalidate on:submit=on_submit id="add-signer">
                    <FormError message=form_error/>
                    <Field label=words.signer_name name=NAME value=name errors=errors required=true/>
                    <Field label=txt.signer_phone name=PHONE value=phone errors=errors required=true input_type="tel"/>
                    <div class="form-actions">
                        <button class="btn btn-primary" type="submit" disabled=move || add.pending().get()>{words.signer_add}</button>
                    </div>
                </form>
            </div>
        </section>
    }
}

/// One pending signer: the administrator gets a code, then approves or rejects.
#[component]
fn ApprovalRow(signer: SignerView, reload: Reload) -> impl IntoView {
    let txt = console_text();
    let words = esign_text();
    let id = signer.id;
    let code = RwSignal::new(String::new());
    let send = ServerAction::<SendApprovalCode>::new();
    let decide = ServerAction::<DecideSigner>::new();
    let toasts = use_toasts();
    let message = |e: AppError| {
        e.fields()
            .and_then(|f| f.get(CODE).map(|p| txt.problem(p)))
            .unwrap_or_else(|| txt.error(&e))
    };
    // The last answer's error, of whichever was dispatched last (each clears the other).
    let error = Signal::derive(move || {
        let failed = |value: Option<Result<(), AppError>>| value.and_then(Result::err);
        failed(decide.value().get())
            .or_else(|| failed(send.value().get()))
            .map(message)
    });
    after_each(send, move |result| {
        if result.is_ok() {
            toasts.push(ToastKind::Success, txt.sms_sent_toast);
        }
    });
    after_each(decide, move |result| {
        if result.is_ok() {
            toasts.push(ToastKind::Success, words.signer_decided_toast);
            reload.again();
        }
    });
    let decide_with = move |approve: bool| {
        send.clear();
        decide.dispatch(DecideSigner {
            signer_id: id,
            approve,
            code: code.get_untracked(),
        });
    };
    let input_id = format!("approval-code-{id}");
    view! {
        <div class="approval" data-approval=id>
            <p><strong translate="no">{signer.name}</strong>" "<span class="mono">{signer.phone_masked}</span></p>
            <div class="btn-row">
                <button class="btn btn-sm" type="button" data-action="send-code" on:click=move |_| {
                    decide.clear();
                    send.dispatch(SendApprovalCode { signer_id: id });
                }>{words.sms_send}</button>
                <label class="sr-only" for=input_id.clone()>{txt.sms_code_label}</label>
                <input class="input input-code" id=input_id inputmode="numeric" autocomplete="one-time-code"
                    placeholder=txt.sms_code_label bind:value=code aria-invalid=move || error.get().map(|_| "true")/>
                <button class="btn btn-sm btn-primary" type="button" data-action="approve"
                    disabled=move || decide.pending().get() on:click=move |_| decide_with(true)>{words.signer_approve}</button>
                <button class="btn btn-sm" type="button" data-action="reject"
                    disabled=move || decide.pending().get() on:click=move |_| decide_with(false)>{words.signer_reject}</button>
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </div>
    }
}
