//! 合同模板: the current template of each contract type, readable before signing up
//! (SPEC "Pages"). Static, server-rendered; the PDFs come from `/templates/{type}.pdf`.

use domain::ContractType;
use leptos::prelude::*;

use crate::components::public::PublicLayout;
use crate::i18n::{tr, Rules};

#[component]
pub fn TemplatesPage() -> impl IntoView {
    let t = tr();
    let rules = Rules::current();
    view! {
        <PublicLayout title=t.templates_title description=t.templates_description>
            <div class="prose">
                <h1>{t.templates_title}</h1>
                <p>{t.templates_intro}</p>
            </div>
            <section class="feature-grid template-grid" aria-label=t.templates_title>
                {ContractType::ALL.into_iter().map(|kind| view! {
                    <div class="feature template" data-kind=kind.as_str()>
                        <h2>{(t.contract_type)(kind)}</h2>
                        <p>{(t.template_summary)(kind, &rules)}</p>
                        <p class="muted small">{t.template_version}": "<span class="nowrap">{kind.template_version()}</span></p>
                        // rel=external: a file, not a page of the app's router.
                        <a class="btn" rel="external" target="_blank"
                            href=format!("/templates/{}.pdf", kind.as_str())>{t.template_view}</a>
                    </div>
                }).collect_view()}
            </section>
        </PublicLayout>
    }
}
