//! Renewal (续签, R25) on a filing contract's page: the 续签 action in the contract's last
//! 30 days, then the link between the contract and its renewal, both ways.

use crate::i18n::console::renewal::renewal_text;
use crate::i18n::console_text;
use domain::calendar::format_cst_minute;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::contracts::Renew;
use crate::components::field::{action_errors, FormError};
use crate::dto::RenewalView;

#[component]
pub fn RenewalPanel(number: String, view: RenewalView) -> impl IntoView {
    let words = renewal_text();
    let txt = console_text();
    let renew = ServerAction::<Renew>::new();
    let (fields, form_error) = action_errors(renew);
    // A problem with the filings or party A is about this action as a whole here.
    let error = Signal::derive(move || {
        form_error.get().or_else(|| {
            fields.with(|f| {
                let problems: Vec<String> = f.iter().map(|(_, p)| txt.problem(p)).collect();
                (!problems.is_empty()).then(|| problems.join(" "))
            })
        })
    });
    let navigate = use_navigate();
    Effect::watch(
        move || renew.version().get(),
        move |_, _, _| {
            if let Some(Ok(renewal)) = renew.value().get_untracked() {
                navigate(&format!("/contracts/{renewal}"), Default::default());
            }
        },
        false,
    );
    view! {
        <section class="card" id="renewal">
            <header class="card-header"><h2 class="card-title">{words.title}</h2></header>
            <div class="card-body stack">
                <dl class="kv">
                    {view.renews.map(|old| view! {
                        <dt>{words.renews}</dt>
                        <dd><a class="mono" id="renews" href=format!("/contracts/{old}")>{old.clone()}</a></dd>
                    })}
                    {view.term_starts_at_ms.map(|at| view! {
                        <dt>{words.term_starts}</dt><dd id="term-starts">{format_cst_minute(at)}</dd>
                    })}
                    {view.renewed_by.map(|new| view! {
                        <dt>{words.renewed_by}</dt>
                        <dd><a class="mono" id="renewed-by" href=format!("/contracts/{new}")>{new.clone()}</a></dd>
                    })}
                </dl>
                {view.can_renew.then(|| view! {
                    <p class="muted small">{words.hint}</p>
                    <FormError message=error/>
                    <div class="btn-row">
                        <button class="btn btn-primary" type="button" id="renew"
                            disabled=move || renew.pending().get()
                            on:click=move |_| { renew.dispatch(Renew { number: number.clone() }); }>
                            {move || if renew.pending().get() { words.renewing } else { words.renew }}
                        </button>
                    </div>
                })}
            </div>
        </section>
    }
}
