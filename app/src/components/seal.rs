//! A preview of a round red e-seal (the enterprise's, fixed at e-sign activation): the
//! name on the arc, a star, the caption — the same design the PDF draws.

use crate::i18n::console_text;
use leptos::prelude::*;

#[component]
pub fn SealPreview(text: String) -> impl IntoView {
    let txt = console_text();
    let (label, data) = (text.clone(), text.clone());
    view! {
        <svg class="seal" viewBox="0 0 120 120" role="img" aria-label=label data-seal=data>
            <defs><path id="seal-arc" d="M 22 64 A 38 38 0 1 1 98 64" fill="none"/></defs>
            <circle cx="60" cy="60" r="55" class="seal-ring"/>
            // The name on the arc is the verified subject's, as it was entered.
            <text class="seal-text" font-size="11" translate="no"><textPath href="#seal-arc" startOffset="50%" text-anchor="middle">{text}</textPath></text>
            <text class="seal-text" x="60" y="72" font-size="28" text-anchor="middle">"★"</text>
            <text class="seal-text" x="60" y="96" font-size="9" text-anchor="middle">{txt.seal_caption}</text>
        </svg>
    }
}
