use domain::text as t;
use leptos::prelude::*;

use crate::components::public::PublicLayout;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <PublicLayout title=t::NOT_FOUND_TITLE description=t::NOT_FOUND_TITLE>
            <section class="hero">
                <h1>{t::NOT_FOUND_TITLE}</h1>
                <p class="lead">{t::NOT_FOUND_BODY}</p>
                <div class="hero-actions">
                    <a class="btn btn-primary" href="/contracts">{t::NAV_CONSOLE}</a>
                    <a class="btn" href="/">{t::NOT_FOUND_HOME}</a>
                </div>
            </section>
        </PublicLayout>
    }
}
