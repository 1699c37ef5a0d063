use leptos::prelude::*;

use crate::components::public::PublicLayout;
use crate::i18n::{tr, Rules};

#[component]
pub fn FaqPage() -> impl IntoView {
    let t = tr();
    view! {
        <PublicLayout title=t.faq_title description=t.faq_description>
            <div class="prose">
                <h1>{t.faq_title}</h1>
                <div class="faq-list">
                    {(t.faq_items)(&Rules::current()).into_iter().map(|(question, answer)| view! {
                        <details>
                            <summary>{question}</summary>
                            <div class="faq-answer"><p>{answer}</p></div>
                        </details>
                    }).collect_view()}
                </div>
            </div>
        </PublicLayout>
    }
}
