//! The step indicator of the creation wizard.

use leptos::prelude::*;

#[component]
pub fn Steps(labels: Vec<&'static str>, #[prop(into)] current: Signal<usize>) -> impl IntoView {
    view! {
        <ol class="steps">
            {labels.into_iter().enumerate().map(|(i, label)| {
                let class = move || match i.cmp(&current.get()) {
                    std::cmp::Ordering::Less => "step done",
                    std::cmp::Ordering::Equal => "step current",
                    std::cmp::Ordering::Greater => "step todo",
                };
                let mark = move || if i < current.get() { "✓".to_string() } else { (i + 1).to_string() };
                view! {
                    <li class=class aria-current=move || (i == current.get()).then_some("step")>
                        <span class="step-index">{mark}</span>
                        <span class="step-label">{label}</span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
