//! The operation buttons of a contract — exactly those its state allows, from the shared
//! status machine — each behind a confirmation, with the server's refusal shown if any.

use crate::i18n::console_text;
use domain::status::allowed_operations;
use domain::{Channel, ContractState, Operation};
use leptos::prelude::*;

use crate::api::contracts::Operate;
use crate::components::dialog::ConfirmDialog;
use crate::components::submission::after_each;
use crate::components::toast::{use_toasts, ToastKind};

/// The operations this release offers buttons for (the rest come with their features).
fn has_button(op: Operation) -> bool {
    matches!(
        op,
        Operation::ConvertToFormal | Operation::Void | Operation::Delete | Operation::CancelSigning
    )
}

fn confirm_text(op: Operation) -> (&'static str, &'static str, bool) {
    let txt = console_text();
    match op {
        Operation::ConvertToFormal => (txt.confirm_convert_title, txt.confirm_convert_body, false),
        Operation::Void => (txt.confirm_void_title, txt.confirm_void_body, true),
        Operation::CancelSigning => (
            txt.operation(Operation::CancelSigning),
            txt.cancel_signing_confirm,
            true,
        ),
        _ => (txt.confirm_delete_title, txt.confirm_delete_body, true),
    }
}

#[component]
pub fn OperationButtons(
    number: String,
    channel: Channel,
    state: ContractState,
    /// Called after an operation went through (to reload).
    on_done: Callback<Operation>,
    #[prop(optional)] small: bool,
) -> impl IntoView {
    let txt = console_text();
    let operate = ServerAction::<Operate>::new();
    let toasts = use_toasts();
    // Which button was confirmed: the action's input is gone once it has answered.
    let last = RwSignal::new(None::<Operation>);
    after_each(operate, move |result| match result {
        Ok(()) => {
            if let Some(op) = last.get_untracked() {
                toasts.push(
                    ToastKind::Success,
                    format!("{}{}", txt.operation(op), txt.done_suffix),
                );
                on_done.run(op);
            }
        }
        Err(e) => toasts.push(ToastKind::Error, txt.error(&e)),
    });

    let class = if small { "btn btn-sm" } else { "btn" };
    allowed_operations(channel, state)
        .into_iter()
        .filter(|op| has_button(*op))
        .map(|op| {
            let open = RwSignal::new(false);
            let (title, body, danger) = confirm_text(op);
            let number = number.clone();
            let confirm = Callback::new(move |_| {
                last.set(Some(op));
                operate.dispatch(Operate { number: number.clone(), operation: op });
            });
            view! {
                <button class=if op == Operation::ConvertToFormal && !small { "btn btn-primary" } else { class }
                    type="button" data-op=op.as_str() disabled=move || operate.pending().get()
                    on:click=move |_| open.set(true)>{txt.operation(op)}</button>
                <ConfirmDialog open title body confirm_label=txt.operation(op) danger on_confirm=confirm/>
            }
        })
        .collect_view()
}
