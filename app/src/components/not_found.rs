//! The "not found" card of console pages (another account's contract, the operator
//! console for a customer): the HTTP status is 404 during server rendering.

use crate::i18n::console_text;
use leptos::prelude::*;

#[component]
pub fn NotFoundCard(message: &'static str) -> impl IntoView {
    let txt = console_text();
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <div class="empty-state" id="not-found">
            <h2>{txt.not_found_title}</h2>
            <p>{message}</p>
            <a class="btn btn-primary" href="/contracts">{txt.back_to_contracts}</a>
        </div>
    }
}
