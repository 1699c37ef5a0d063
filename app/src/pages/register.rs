use domain::text as t;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::auth::Register;
use crate::components::field::{action_errors, Field, FormError};
use crate::nav::hard_navigate;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            hard_navigate("/account");
        }
    });
    let (fields, form_error) = action_errors(action);
    let kind_error = move || fields.with(|f| f.get("kind").map(str::to_string));

    view! {
        <Title text=format!("{} · {}", t::REGISTER_TITLE, t::APP_NAME)/>
        <div class="auth-page">
            <div class="auth-card">
                <a class="brand" href="/"><span class="brand-mark">"◆"</span>{t::BRAND_CONSOLE}</a>
                <h1>{t::REGISTER_TITLE}</h1>
                <ActionForm action=action>
                    <div class="form">
                        <FormError message=form_error/>
                        <fieldset class="field">
                            <legend>{t::FIELD_ACCOUNT_KIND}</legend>
                            <div class="radio-group">
                                <label><input type="radio" name="kind" value="enterprise" checked=true/>{t::ACCOUNT_KIND_ENTERPRISE}</label>
                                <label><input type="radio" name="kind" value="individual"/>{t::ACCOUNT_KIND_INDIVIDUAL}</label>
                            </div>
                            {move || kind_error().map(|e| view! { <p class="field-error">{e}</p> })}
                        </fieldset>
                        <Field label=t::FIELD_LOGIN name="login" errors=fields required=true
                            autocomplete="username" hint=t::LOGIN_HINT/>
                        <Field label=t::FIELD_PASSWORD name="password" input_type="password" errors=fields
                            required=true autocomplete="new-password" hint=t::PASSWORD_HINT/>
                        <Field label=t::FIELD_PASSWORD_CONFIRM name="password_confirm" input_type="password"
                            errors=fields required=true autocomplete="new-password"/>
                        <div class="form-actions">
                            <button class="btn btn-primary" type="submit" disabled=move || action.pending().get()>
                                {t::REGISTER_SUBMIT}
                            </button>
                        </div>
                    </div>
                </ActionForm>
                <p class="auth-switch">{t::REGISTER_HAVE_ACCOUNT}" "<a href="/login">{t::LOGIN_TITLE}</a></p>
            </div>
        </div>
    }
}
