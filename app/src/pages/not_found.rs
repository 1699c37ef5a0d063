use leptos::prelude::*;

use crate::components::public::PublicLayout;
use crate::i18n::tr;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let t = tr();
    view! {
        <PublicLayout title=t.not_found_title description=t.not_found_title>
            <section class="hero">
                <h1>{t.not_found_title}</h1>
                <p class="lead">{t.not_found_body}</p>
                <div class="hero-actions">
                    <a class="btn btn-primary" href="/contracts">{t.nav_console}</a>
                    <a class="btn" href="/">{t.not_found_home}</a>
                </div>
            </section>
        </PublicLayout>
    }
}
