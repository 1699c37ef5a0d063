use leptos::prelude::*;

use crate::components::public::PublicLayout;
use crate::i18n::{tr, Rules};

/// The application flow as an inline SVG (no script, no external file), drawn from the
/// same step list as the console's guide panel.
#[component]
fn FlowDiagram() -> impl IntoView {
    let t = tr();
    let steps = t.guide_steps;
    let width = 180;
    let gap = 36;
    let total = steps.len() as i32 * (width + gap) - gap + 20;
    view! {
        <figure class="flow-diagram">
            <svg viewBox=format!("0 0 {total} 120") role="img" aria-labelledby="flow-title">
                <title id="flow-title">{t.guide_diagram_title}</title>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
                        <path d="M0,0 L10,5 L0,10 z" fill="#0052d9"></path>
                    </marker>
                </defs>
                {steps.iter().enumerate().map(|(i, (title, note))| {
                    let x = 10 + i as i32 * (width + gap);
                    let arrow = (i + 1 < steps.len()).then(|| view! {
                        <line x1=x + width x2=x + width + gap - 4 y1="50" y2="50" stroke="#0052d9"
                            stroke-width="2" marker-end="url(#arrow)"></line>
                    });
                    view! {
                        <g>
                            <rect x=x y="20" width=width height="60" rx="8" fill="#ecf2fe" stroke="#0052d9"></rect>
                            <text x=x + width / 2 y="46" text-anchor="middle" font-size="15" fill="#1f2329">{*title}</text>
                            <text x=x + width / 2 y="68" text-anchor="middle" font-size="12" fill="#646a73">{*note}</text>
                            {arrow}
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption class="muted small">{t.guide_diagram_caption}</figcaption>
        </figure>
    }
}

#[component]
pub fn GuidePage() -> impl IntoView {
    let t = tr();
    view! {
        <PublicLayout title=t.guide_title description=t.guide_description>
            <div class="prose">
                <h1>{t.guide_title}</h1>
                <p>{t.guide_intro}</p>
            </div>
            <FlowDiagram/>
            <div class="prose">
                {(t.guide_sections)(&Rules::current()).into_iter().map(|(heading, body)| view! {
                    <h2>{heading}</h2>
                    <p>{body}</p>
                }).collect_view()}
            </div>
        </PublicLayout>
    }
}
