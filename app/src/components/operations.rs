//! The operation buttons of a contract — exactly those its state allows, from the shared
//! status machine — each behind a confirmation, with the server's refusal shown if any.

use domain::status::allowed_operations;
use domain::text as t;
use domain::{Channel, ContractState, Operation};
use leptos::prelude::*;

use crate::api::contracts::Operate;
use crate::components::dialog::ConfirmDialog;
use crate::components::toast::{use_toasts, ToastKind};

/// The operations this release offers buttons for (the rest come with their features).
fn has_button(op: Operation) -> bool {
    matches!(
        op,
        Operation::ConvertToFormal | Operation::Void | Operation::Delete | Operation::CancelSigning
    )
}

fn confirm_text(op: Operation) -> (&'static str, &'static str, bool) {
    match op {
        Operation::ConvertToFormal => (t::CONFIRM_CONVERT_TITLE, t::CONFIRM_CONVERT_BODY, false),
        Operation::Void => (t::CONFIRM_VOID_TITLE, t::CONFIRM_VOID_BODY, true),
        Operation::CancelSigning => (t::OP_CANCEL_SIGNING, t::CANCEL_SIGNING_CONFIRM, true),
        _ => (t::CONFIRM_DELETE_TITLE, t::CONFIRM_DELETE_BODY, true),
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
    let operate = ServerAction::<Operate>::new();
    let toasts = use_toasts();
    let last = RwSignal::new(None::<Operation>);
    Effect::new(move |_| match operate.value().get() {
        Some(Ok(())) => {
            if let Some(op) = last.get_untracked() {
                toasts.push(
                    ToastKind::Success,
                    format!("{}{}", op.label(), t::DONE_SUFFIX),
                );
                on_done.run(op);
            }
        }
        Some(Err(e)) => toasts.push(ToastKind::Error, e.to_string()),
        None => {}
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
                    on:click=move |_| open.set(true)>{op.label()}</button>
                <ConfirmDialog open title body confirm_label=op.label() danger on_confirm=confirm/>
            }
        })
        .collect_view()
}
