//! The status badge: one colour per status, an animated dot while a background step runs.

use domain::status::background_step_running;
use domain::ContractState;
use leptos::prelude::*;

use crate::i18n::console_text;

#[component]
pub fn StatusBadge(#[prop(into)] state: Signal<ContractState>) -> impl IntoView {
    let txt = console_text();
    view! {
        <span class=move || format!("badge badge-{}", state.get().status.badge_class()) data-testid="status">
            <span class="badge-dot" class:pulse=move || background_step_running(state.get())></span>
            {move || txt.state(state.get())}
        </span>
    }
}
