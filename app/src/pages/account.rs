//! 账号与实名: account kind, real-name status and masked ID; in demo mode an unverified
//! account can verify here (production verification arrives from the billing system).

use domain::account::{
    AccountKind, RealNameStatus, CURRENT_PASSWORD, ID_NUMBER, PASSWORD, PASSWORD_CONFIRM,
    SUBJECT_NAME,
};
use domain::text as t;
use leptos::prelude::*;

use crate::api::account::{get_account, ChangePassword, VerifyRealname};
use crate::components::console::ConsoleLayout;
use crate::components::field::{action_errors, Field, FormError};
use crate::components::load_error::error_alert;
use crate::dto::AccountView;
use crate::nav::hard_navigate;

#[component]
pub fn AccountPage() -> impl IntoView {
    let account = Resource::new(|| (), |_| get_account());
    view! {
        <ConsoleLayout title=t::NAV_ACCOUNT crumb=t::CRUMB_ACCOUNT>
            <Suspense fallback=|| view! { <p class="muted">{t::LOADING}</p> }>
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
            view! { <p class="muted">{t::VERIFY_IN_BILLING}</p> }.into_any()
        }
    });
    view! {
        <div class="stack">
            {(!verified).then(|| view! {
                <div class="alert alert-warning" role="note">
                    <strong>{t::GATE_UNVERIFIED_TITLE}</strong>
                    <p>{t::GATE_UNVERIFIED_BODY}</p>
                </div>
            })}
            <section class="card">
                <header class="card-header"><h2 class="card-title">{t::ACCOUNT_INFO_TITLE}</h2></header>
                <div class="card-body">
                    <dl class="kv">
                        <dt>{t::FIELD_LOGIN}</dt><dd>{view.login}</dd>
                        <dt>{t::FIELD_ACCOUNT_KIND}</dt><dd>{view.kind.label()}</dd>
                        <dt>{t::FIELD_REALNAME_STATUS}</dt>
                        <dd><span class=status_class id="realname-status">{view.realname.label()}</span></dd>
                        <dt>{t::FIELD_SUBJECT_NAME}</dt><dd>{view.subject_name.unwrap_or_else(|| "–".into())}</dd>
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
    match kind {
        AccountKind::Enterprise => t::FIELD_USCC,
        AccountKind::Individual => t::FIELD_RESIDENT_ID,
    }
}

#[component]
fn VerifyForm(kind: AccountKind) -> impl IntoView {
    let action = ServerAction::<VerifyRealname>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            hard_navigate("/account");
        }
    });
    let (fields, form_error) = action_errors(action);
    let name_label = match kind {
        AccountKind::Enterprise => t::FIELD_COMPANY_NAME,
        AccountKind::Individual => t::FIELD_PERSON_NAME,
    };
    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{t::VERIFY_TITLE}</h2></header>
            <div class="card-body">
                <p class="muted">{t::VERIFY_DEMO_NOTE}</p>
                <ActionForm action=action>
                    <div class="form">
                        <FormError message=form_error/>
                        <Field label=name_label name=SUBJECT_NAME errors=fields required=true/>
                        <Field label=id_label(kind) name=ID_NUMBER errors=fields required=true/>
                        <div class="form-actions">
                            <button class="btn btn-primary" type="submit" disabled=move || action.pending().get()>
                                {t::VERIFY_SUBMIT}
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
            <header class="card-header"><h2 class="card-title">{t::CHANGE_PASSWORD_TITLE}</h2></header>
            <div class="card-body">
                <p class="muted">{t::CHANGE_PASSWORD_NOTE}</p>
                <ActionForm action=action node_ref=form>
                    <div class="form">
                        <FormError message=form_error/>
                        {move || changed().then(|| view! {
                            <div class="alert alert-success" role="status" id="password-changed">{t::PASSWORD_CHANGED}</div>
                        })}
                        <Field label=t::FIELD_CURRENT_PASSWORD name=CURRENT_PASSWORD input_type="password"
                            errors=fields required=true autocomplete="current-password"/>
                        <Field label=t::FIELD_NEW_PASSWORD name=PASSWORD input_type="password" errors=fields
                            required=true autocomplete="new-password" hint=t::PASSWORD_HINT/>
                        <Field label=t::FIELD_NEW_PASSWORD_CONFIRM name=PASSWORD_CONFIRM input_type="password"
                            errors=fields required=true autocomplete="new-password"/>
                        <div class="form-actions">
                            <button class="btn btn-primary" type="submit" disabled=move || action.pending().get()>
                                {t::CHANGE_PASSWORD_SUBMIT}
                            </button>
                        </div>
                    </div>
                </ActionForm>
            </div>
        </section>
    }
}
