use crate::i18n::console_text;
use domain::account::AccountKind;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::auth::Register;
use crate::components::field::{action_errors, Field, FormError};
use crate::nav::hard_navigate;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let txt = console_text();
    let action = ServerAction::<Register>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            hard_navigate("/account");
        }
    });
    let (fields, form_error) = action_errors(action);
    let kind_error = move || fields.with(|f| f.get("kind").map(|p| txt.problem(p)));

    view! {
        <Title text=format!("{} · {}", txt.register_title, txt.app_name)/>
        <div class="auth-page">
            <div class="auth-card">
                <a class="brand" href="/"><span class="brand-mark">"◆"</span>{txt.brand_console}</a>
                <h1>{txt.register_title}</h1>
                <ActionForm action=action>
                    <div class="form">
                        <FormError message=form_error/>
                        <fieldset class="field">
                            <legend>{txt.field_account_kind}</legend>
                            <div class="radio-group">
                                <label><input type="radio" name="kind" value="enterprise" checked=true/>{txt.account_kind(AccountKind::Enterprise)}</label>
                                <label><input type="radio" name="kind" value="individual"/>{txt.account_kind(AccountKind::Individual)}</label>
                            </div>
                            {move || kind_error().map(|e| view! { <p class="field-error">{e}</p> })}
                        </fieldset>
                        <Field label=txt.field_login name="login" errors=fields required=true
                            autocomplete="username" hint=txt.login_hint/>
                        <Field label=txt.field_password name="password" input_type="password" errors=fields
                            required=true autocomplete="new-password" hint=txt.password_hint/>
                        <Field label=txt.field_password_confirm name="password_confirm" input_type="password"
                            errors=fields required=true autocomplete="new-password"/>
                        <div class="form-actions">
                            <button class="btn btn-primary" type="submit" disabled=move || action.pending().get()>
                                {txt.register_submit}
                            </button>
                        </div>
                    </div>
                </ActionForm>
                <p class="auth-switch">{txt.register_have_account}" "<a href="/login">{txt.login_title}</a></p>
            </div>
        </div>
    }
}
