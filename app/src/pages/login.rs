use crate::i18n::console_text;
use domain::account::Role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::Login;
use crate::components::field::{action_errors, Field, FormError};
use crate::nav::{hard_navigate, safe_next};

#[component]
pub fn LoginPage() -> impl IntoView {
    let txt = console_text();
    let action = ServerAction::<Login>::new();
    let query = use_query_map();
    let next = move || query.read().get("next");
    Effect::new(move |_| {
        if let Some(Ok(role)) = action.value().get() {
            // Operators land on their console unless they were sent somewhere.
            match (role, next()) {
                (Role::Operator, None) => hard_navigate("/ops"),
                (_, next) => hard_navigate(&safe_next(next)),
            }
        }
    });
    let (fields, form_error) = action_errors(action);

    view! {
        <Title text=format!("{} · {}", txt.login_title, txt.app_name)/>
        <div class="auth-page">
            <div class="auth-card">
                <a class="brand" href="/"><span class="brand-mark">"◆"</span>{txt.brand_console}</a>
                <h1>{txt.login_title}</h1>
                <ActionForm action=action>
                    <div class="form">
                        <FormError message=form_error/>
                        <Field label=txt.field_login name="login" errors=fields required=true autocomplete="username"/>
                        <Field label=txt.field_password name="password" input_type="password" errors=fields
                            required=true autocomplete="current-password"/>
                        <div class="form-actions">
                            <button class="btn btn-primary" type="submit" disabled=move || action.pending().get()>
                                {txt.login_submit}
                            </button>
                        </div>
                    </div>
                </ActionForm>
                <p class="auth-switch">{txt.login_no_account}" "<a href="/register">{txt.register_title}</a></p>
            </div>
        </div>
    }
}
