//! The status badge: one colour per status, an animated dot while a background step runs.

use domain::status::background_step_running;
use domain::ContractState;
use leptos::prelude::*;

#[component]
pub fn StatusBadge(#[prop(into)] state: Signal<ContractState>) -> impl IntoView {
    view! {
        <span class=move || format!("badge badge-{}", state.get().status.badge_class()) data-testid="status">
            <span class="badge-dot" class:pulse=move || background_step_running(state.get())></span>
            {move || state.get().label()}
        </span>
    }
}
