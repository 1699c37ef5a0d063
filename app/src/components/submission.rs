//! What a form takes from its `ServerAction`, derived instead of copied into signals by
//! effects: the errors to show ([`form_errors`]) and what follows each finished
//! submission once ([`after_each`]: a toast, the page's data read again, a navigation).

use domain::field_errors::FieldErrors;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::components::field::action_errors;
use crate::error::AppError;

/// Runs `then` with the result of each submission of `action` once it has finished.
/// Keyed on the action's version (the count of finished submissions), not on its value:
/// the first render runs nothing, and rebuilding a view never replays an old result.
pub fn after_each<A>(action: ServerAction<A>, then: impl Fn(Result<A::Output, AppError>) + 'static)
where
    A: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    Effect::watch(
        move || action.version().get(),
        move |_, _, _| {
            if let Some(result) = action.value().get_untracked() {
                then(result);
            }
        },
        false,
    );
}

/// A form's errors: what the browser's own check found (`checked`, which the submit
/// handler writes), else the server's answer to the last submission. The answer is
/// hidden while the next submission is on its way, as the form starts over.
pub fn form_errors<A>(
    action: ServerAction<A>,
    checked: RwSignal<FieldErrors>,
) -> (Signal<FieldErrors>, Signal<Option<String>>)
where
    A: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    let (answered, answered_form) = action_errors(action);
    let pending = action.pending();
    let own = move || checked.with(|c| !c.is_empty()) || pending.get();
    let fields = Signal::derive(move || if own() { checked.get() } else { answered.get() });
    let form = Signal::derive(move || if own() { None } else { answered_form.get() });
    (fields, form)
}

/// The server's answer to the last submission, hidden while the next one is on its way:
/// the errors of a form with no check of its own in the browser.
pub fn answer_errors<A>(action: ServerAction<A>) -> (Signal<FieldErrors>, Signal<Option<String>>)
where
    A: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    form_errors(action, RwSignal::new(FieldErrors::new()))
}

/// The errors of two forms' worth of submissions shown on one form (a code is sent by
/// one action and confirmed by another): the newer submission clears the other's
/// answer when it is dispatched, so at most one of them has errors.
pub fn either(
    (a_fields, a_form): (Signal<FieldErrors>, Signal<Option<String>>),
    (b_fields, b_form): (Signal<FieldErrors>, Signal<Option<String>>),
) -> (Signal<FieldErrors>, Signal<Option<String>>) {
    let fields = Signal::derive(move || {
        let mut all = a_fields.get();
        all.merge(b_fields.get());
        all
    });
    let form = Signal::derive(move || a_form.get().or_else(|| b_form.get()));
    (fields, form)
}
