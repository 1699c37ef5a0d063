//! Labelled form inputs with their field-level error underneath.

use domain::field_errors::FieldErrors;
use leptos::prelude::*;

use crate::i18n::console_text;

/// A labelled input. With `value` it is bound to a signal (controlled); without, the
/// browser keeps the value and the form posts it (for `ActionForm`).
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    #[prop(into)] errors: Signal<FieldErrors>,
    #[prop(optional)] value: Option<RwSignal<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let txt = console_text();
    let error = move || errors.with(|e| e.get(name).map(|p| txt.problem(p)));
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || error().map(|_| "true");
    let input = match value {
        Some(value) => view! {
            <input class="input" id=id.clone() name=name type=input_type autocomplete=autocomplete
                aria-required=required.then_some("true") aria-invalid=invalid aria-describedby=described
                bind:value=value/>
        }
        .into_any(),
        None => view! {
            <input class="input" id=id.clone() name=name type=input_type autocomplete=autocomplete
                aria-required=required.then_some("true") aria-invalid=invalid aria-describedby=described/>
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=id>{label}{required.then(|| view! { <span class="required" aria-hidden="true">"*"</span> })}</label>
            {input}
            {hint.map(|h| view! { <p class="field-hint" id=hint_id.clone()>{h}</p> })}
            {move || error().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
        </div>
    }
}

/// A form-level error banner (anything that is not about one field).
#[component]
pub fn FormError(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message
            .get()
            .map(|m| view! { <div class="form-error" role="alert">{m}</div> })
    }
}

/// The errors of an `ActionForm`'s last submission: per field, and for the form as a
/// whole (anything that is not about one field).
pub fn action_errors<A>(action: ServerAction<A>) -> (Signal<FieldErrors>, Signal<Option<String>>)
where
    A: leptos::server_fn::ServerFn<Error = crate::error::AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    let txt = console_text();
    let error = move || action.value().get().and_then(Result::err);
    let fields = Signal::derive(move || {
        error()
            .and_then(|e| e.fields().cloned())
            .unwrap_or_default()
    });
    let form_error = Signal::derive(move || {
        error()
            .filter(|e| e.fields().is_none())
            .map(|e| txt.error(&e))
    });
    (fields, form_error)
}
