use domain::text as t;
use leptos::prelude::*;

use crate::components::public::PublicLayout;

#[component]
pub fn FaqPage() -> impl IntoView {
    view! {
        <PublicLayout title=t::FAQ_TITLE description=t::FAQ_DESCRIPTION>
            <div class="prose">
                <h1>{t::FAQ_TITLE}</h1>
                <div class="faq-list">
                    {t::FAQ_ITEMS.iter().map(|(question, answer)| view! {
                        <details>
                            <summary>{*question}</summary>
                            <div class="faq-answer"><p>{*answer}</p></div>
                        </details>
                    }).collect_view()}
                </div>
            </div>
        </PublicLayout>
    }
}
