//! The billing system's API keys in the operator console.

use crate::i18n::console::ops_words::ops_text as words;
use crate::i18n::console_text;
use domain::api_key::{ApiScope, VALIDITY_DAYS};
use domain::calendar::format_cst_minute;
use leptos::prelude::*;

use crate::resource::Reload;

use crate::api::ops::{CreateApiKey, RevokeApiKey};
use crate::components::toast::use_toasts;
use crate::error::AppError;

use super::{toast_refusal, toast_result};
use crate::components::submission::{after_each, answer_errors};

/// The billing system's API keys: create (the key is shown once), list, revoke.
#[component]
pub(super) fn ApiKeys(
    keys: crate::resource::Data<Result<Vec<crate::dto::ApiKeyView>, AppError>>,
    reload: Reload,
) -> impl IntoView {
    let txt = console_text();
    let name = RwSignal::new(String::new());
    let scope = RwSignal::new(ApiScope::Full.as_str().to_string());
    let valid_days = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let create = ServerAction::<CreateApiKey>::new();
    let revoke = ServerAction::<RevokeApiKey>::new();
    let (errors, _) = answer_errors(create);
    // The newest key stays shown (it is shown once) until another is created.
    let created = Memo::new(
        move |before: Option<&Option<String>>| match create.value().get() {
            Some(Ok(key)) => Some(key),
            _ => before.cloned().flatten(),
        },
    );
    let toasts = use_toasts();
    after_each(create, move |result| match result {
        Ok(_) => {
            name.set(String::new());
            password.set(String::new());
            reload.again();
        }
        Err(e) => toast_refusal(toasts, &e),
    });
    after_each(revoke, move |result| {
        toast_result(toasts, result, move || reload.again())
    });
    let field_error =
        move |field: &'static str| errors.with(|e| e.get(field).map(|p| txt.problem(p)));
    let name_error = move || field_error("name");
    let password_error = move || field_error("password");
    view! {
        <section class="card" id="ops-keys">
            <header class="card-header"><h2 class="card-title">{words().api_keys_title}</h2>
                <div class="card-actions"><a class="btn btn-text" href="/api/v1/openapi.json" rel="external">{words().api_key_doc}</a></div></header>
            <div class="card-body">
                <div class="btn-row">
                    <label class="sr-only" for="api-key-name">{words().api_key_name}</label>
                    <input class="input" id="api-key-name" placeholder=words().api_key_name bind:value=name
                        aria-invalid=move || name_error().map(|_| "true")/>
                    <label class="sr-only" for="api-key-scope">{words().api_key_scope}</label>
                    <select class="input" id="api-key-scope" bind:value=scope>
                        <option value=ApiScope::Full.as_str()>{txt.api_scope(ApiScope::Full)}</option>
                        <option value=ApiScope::Read.as_str()>{txt.api_scope(ApiScope::Read)}</option>
                    </select>
                    <label class="sr-only" for="api-key-validity">{words().api_key_validity}</label>
                    <select class="input" id="api-key-validity" bind:value=valid_days>
                        <option value="">{txt.api_key_validity(None)}</option>
                        {VALIDITY_DAYS.map(|days| view! {
                            <option value=days.to_string()>{txt.api_key_validity(Some(days))}</option>
                        })}
                    </select>
                    <label class="sr-only" for="api-key-password">{words().api_key_password}</label>
                    <input class="input" id="api-key-password" type="password" autocomplete="current-password"
                        placeholder=words().api_key_password bind:value=password
                        aria-invalid=move || password_error().map(|_| "true")/>
                    <button class="btn btn-primary" type="button" id="api-key-create" disabled=move || create.pending().get()
                        on:click=move |_| {
                            create.dispatch(CreateApiKey {
                                name: name.get_untracked(),
                                scope: ApiScope::from_stored(&scope.get_untracked()),
                                valid_days: valid_days.get_untracked().parse().ok(),
                                password: password.get_untracked(),
                            });
                        }>{words().api_key_create}</button>
                </div>
                {move || name_error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                {move || password_error().map(|e| view! { <p class="field-error" id="api-key-password-error" role="alert">{e}</p> })}
                {move || created.get().map(|key| view! {
                    <div class="alert alert-warning" role="status"><p>{words().api_key_created}</p>
                        <p class="mono" id="api-key-new">{key}</p></div>
                })}
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        // Scrolls inside its box on a phone rather than widening the page.
                        keys.await.map(|keys| view! {
                            <div class="table-wrap">
                            <table class="data-table" id="api-keys">
                                <tbody>
                                    {keys.into_iter().map(|k| {
                                        let id = k.id;
                                        view! {
                                            <tr data-key=id>
                                                <td translate="no">{k.name}</td>
                                                <td>{txt.api_scope(k.scope)}</td>
                                                <td class="nowrap">{format_cst_minute(k.created_at_ms)}</td>
                                                <td class="nowrap">{k.expires_at_ms.map_or_else(|| txt.api_key_validity(None), |at| (txt.api_key_expires)(&format_cst_minute(at)))}</td>
                                                <td>{if k.revoked_at_ms.is_some() { words().api_key_revoked } else if k.expired { words().api_key_expired } else { words().api_key_active }}</td>
                                                <td>{k.revoked_at_ms.is_none().then(|| view! {
                                                    <button class="btn btn-sm" type="button" data-action="revoke"
                                                        on:click=move |_| { revoke.dispatch(RevokeApiKey { id }); }>{words().api_key_revoke}</button>
                                                })}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                        })
                    })}
                </Transition>
            </div>
        </section>
    }
}
