//! 合同模板: the current template of each contract type, readable before signing up
//! (SPEC "Pages"). Static, server-rendered; the PDFs come from `/templates/{type}.pdf`.

use domain::text as t;
use domain::ContractType;
use leptos::prelude::*;

use crate::components::public::PublicLayout;

#[component]
pub fn TemplatesPage() -> impl IntoView {
    view! {
        <PublicLayout title=t::TEMPLATES_TITLE description=t::TEMPLATES_DESCRIPTION>
            <div class="prose">
                <h1>{t::TEMPLATES_TITLE}</h1>
                <p>{t::TEMPLATES_INTRO}</p>
            </div>
            <section class="feature-grid template-grid" aria-label=t::TEMPLATES_TITLE>
                {ContractType::ALL.into_iter().map(|kind| view! {
                    <div class="feature template" data-kind=kind.as_str()>
                        <h2>{kind.label()}</h2>
                        <p>{kind.summary()}</p>
                        <p class="muted small">{t::TEMPLATE_VERSION}"："<span class="nowrap">{kind.template_version()}</span></p>
                        // rel=external: a file, not a page of the app's router.
                        <a class="btn" rel="external" target="_blank"
                            href=format!("/templates/{}.pdf", kind.as_str())>{t::TEMPLATE_VIEW}</a>
                    </div>
                }).collect_view()}
            </section>
        </PublicLayout>
    }
}
