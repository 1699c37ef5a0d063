//! 账号与实名: account kind, real-name status and masked ID; in demo mode an unverified
//! account can verify here (production verification arrives from the billing system).

use crate::i18n::console_text;
use domain::account::{
    AccountKind, RealNameStatus, CURRENT_PASSWORD, ID_NUMBER, PASSWORD, PASSWORD_CONFIRM,
    SUBJECT_NAME,
};
use leptos::prelude::*;

use crate::api::account::{get_account, ChangePassword, VerifyRealname};
use crate::components::console::ConsoleLayout;
use crate::components::field::{action_errors, Field, FormError};
use crate::components::load_error::error_alert;
use crate::dto::AccountView;
use crate::nav::hard_navigate;

#[component]
pub fn AccountPage() -> impl IntoView {
    let txt = console_text();
    let account = crate::resource::data(|| (), |_| get_account());
    view! {
        <ConsoleLayout title=txt.nav_account crumb=txt.crumb_account>
            <Suspense fallback=|| view! { <p class="muted">{txt.loading}</p> }>
                {move || Suspend::new(async move {
                    match account.await {
                        Ok(view) => view! { <AccountBody view/> }.into_any(),
                        Err(e) => error_alert(e),
                    }
                })}
            </Suspense>
        </ConsoleLayout>
    }
}

#[component]
fn AccountBody(view: AccountView) -> impl IntoView {
    let txt = console_text();
    let verified = view.realname == RealNameStatus::Verified;
    let status_class = if verified {
        "tag tag-success"
    } else {
        "tag tag-warning"
    };
    let verification = (!verified).then(|| {
        if view.demo_verification {
            view! { <VerifyForm kind=view.kind/> }.into_any()
        } else {
            view! { <p class="muted">{txt.verify_in_billing}</p> }.into_any()
        }
    });
    view! {
        <div class="stack">
            {(!verified).then(|| view! {
                <div class="alert alert-warning" role="note">
                    <strong>{txt.gate_unverified_title}</strong>
                    <p>{txt.gate_unverified_body}</p>
                </div>
            })}
            <section class="card">
                <header class="card-header"><h2 class="card-title">{txt.account_info_title}</h2></header>
                <div class="card-body">
                    <dl class="kv">
                        <dt>{txt.field_login}</dt><dd>{view.login}</dd>
                        <dt>{txt.field_account_kind}</dt><dd>{txt.account_kind(view.kind)}</dd>
                        <dt>{txt.field_realname_status}</dt>
                        <dd><span class=status_class id="realname-status">{txt.realname(view.realname)}</span></dd>
                        <dt>{txt.field_subject_name}</dt><dd translate="no">{view.subject_name.unwrap_or_else(|| "–".into())}</dd>
                        <dt>{id_label(view.kind)}</dt><dd class="mono">{view.id_number_masked.unwrap_or_else(|| "–".into())}</dd>
                    </dl>
                </div>
            </section>
            {verification}
            <ChangePasswordForm/>
        </div>
    }
}

fn id_label(kind: AccountKind) -> &'static str {
    let txt = console_text();
    match kind {
        AccountKind::Enterprise => txt.field_uscc,
        AccountKind::Individual => txt.field_resident_id,
    }
}

#[component]
fn VerifyForm(kind: AccountKind) -> impl IntoView {
    let txt = console_text();
    let action = ServerAction::<VerifyRealname>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            hard_navigate("/account");
        }
    });
    let (fields, form_error) = action_errors(action);
    let name_label = match kind {
        AccountKind::Enterprise => txt.field_company_name,
        AccountKind::Individual => txt.field_person_name,
    };
    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{txt.verify_title}</h2></header>
            <div class="card-body">
                <p class="muted">{txt.verify_demo_note}</p>
                <ActionForm action=action>
                    <div class="form">
                        <FormError message=form_error/>
                        <Field label=name_label name=SUBJECT_NAME errors=fields required=true/>
                        <Field label=id_label(kind) name=ID_NUMBER errors=fields required=true/>
                        <div class="form-actions">
                            <button class="btn btn-primary" type="submit" disabled=move || action.pending().get()>
                                {txt.verify_submit}
                            </button>
                        </div>
                    </div>
                </ActionForm>
            </div>
        </section>
    }
}

/// 修改密码: the current password, the new one twice. On success the form is emptied and
/// says so; the account's other sessions have ended.
#[component]
fn ChangePasswordForm() -> impl IntoView {
    let txt = console_text();
    let action = ServerAction::<ChangePassword>::new();
    let (fields, form_error) = action_errors(action);
    let changed = move || matches!(action.value().get(), Some(Ok(())));
    let form = NodeRef::<leptos::html::Form>::new();
    // Emptied after a change, so the passwords do not stay in the page.
    Effect::new(move |_| {
        if changed() {
            if let Some(form) = form.get() {
                form.reset();
            }
        }
    });
    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{txt.change_password_title}</h2></header>
            <div class="card-body">
                <p class="muted">{txt.change_password_note}</p>
                <ActionForm action=action node_ref=form>
                    <div class="form">
                        <FormError message=form_error/>
                        {move || changed().then(|| view! {
                            <div class="alert alert-success" role="status" id="password-changed">{txt.password_changed}</div>
                        })}
                        <Field label=txt.field_current_password name=CURRENT_PASSWORD input_type="password"
                            errors=fields required=true autocomplete="current-password"/>
                        <Field label=txt.field_new_password name=PASSWORD input_type="password" errors=fields
                            required=true autocomplete="new-password" hint=txt.password_hint/>
                        <Field label=txt.field_new_password_confirm name=PASSWORD_CONFIRM input_type="password"
                            errors=fields required=true autocomplete="new-password"/>
                        <div class="form-actions">
                            <button class="btn btn-primary" type="submit" disabled=move || action.pending().get()>
                                {txt.change_password_submit}
                            </button>
                        </div>
                    </div>
                </ActionForm>
            </div>
        </section>
    }
}
