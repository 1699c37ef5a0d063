use leptos::prelude::*;

use crate::components::public::PublicLayout;
use crate::i18n::{tr, Rules};

#[component]
pub fn LandingPage() -> impl IntoView {
    let t = tr();
    view! {
        <PublicLayout title=t.landing_title description=t.landing_description>
            <section class="hero">
                <h1>{t.landing_heading}</h1>
                <p class="lead">{t.landing_lead}</p>
                <div class="hero-actions">
                    <a class="btn btn-primary" href="/contracts">{t.landing_cta_console}</a>
                    <a class="btn" href="/guide">{t.landing_cta_guide}</a>
                </div>
            </section>
            <section class="feature-grid" aria-label=t.landing_features_label>
                {(t.landing_features)(&Rules::current()).into_iter().map(|(title, body)| view! {
                    <div class="feature"><h2>{title}</h2><p>{body}</p></div>
                }).collect_view()}
            </section>
        </PublicLayout>
    }
}
