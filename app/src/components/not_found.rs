//! The "not found" card of console pages (another account's contract, the operator
//! console for a customer): the HTTP status is 404 during server rendering.

use domain::text as t;
use leptos::prelude::*;

#[component]
pub fn NotFoundCard(message: &'static str) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <div class="empty-state" id="not-found">
            <h2>{t::NOT_FOUND_TITLE}</h2>
            <p>{message}</p>
            <a class="btn btn-primary" href="/contracts">{t::BACK_TO_CONTRACTS}</a>
        </div>
    }
}
