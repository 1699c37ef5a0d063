use domain::text as t;
use leptos::prelude::*;

use crate::components::public::PublicLayout;

#[component]
pub fn LandingPage() -> impl IntoView {
    view! {
        <PublicLayout title=t::LANDING_TITLE description=t::LANDING_DESCRIPTION>
            <section class="hero">
                <h1>{t::LANDING_HEADING}</h1>
                <p class="lead">{t::LANDING_LEAD}</p>
                <div class="hero-actions">
                    <a class="btn btn-primary" href="/contracts">{t::LANDING_CTA_CONSOLE}</a>
                    <a class="btn" href="/guide">{t::LANDING_CTA_GUIDE}</a>
                </div>
            </section>
            <section class="feature-grid" aria-label=t::LANDING_FEATURES_LABEL>
                {t::LANDING_FEATURES.iter().map(|(title, body)| view! {
                    <div class="feature"><h2>{*title}</h2><p>{*body}</p></div>
                }).collect_view()}
            </section>
        </PublicLayout>
    }
}
