//! A confirmation dialog (modal) for operations that cannot be undone.

use crate::i18n::console_text;
use leptos::prelude::*;

#[component]
pub fn ConfirmDialog(
    open: RwSignal<bool>,
    title: &'static str,
    body: &'static str,
    confirm_label: &'static str,
    #[prop(optional)] danger: bool,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let txt = console_text();
    let title_id = format!("dialog-{}", title.len());
    view! {
        <Show when=move || open.get()>
            <div class="modal-backdrop" on:click=move |_| open.set(false)>
                <div class="modal" role="dialog" aria-modal="true" aria-labelledby=title_id.clone()
                    on:click=|ev| ev.stop_propagation()
                    on:keydown=move |ev| if ev.key() == "Escape" { open.set(false) }>
                    <h2 class="modal-title" id=title_id.clone()>{title}</h2>
                    <div class="modal-body"><p>{body}</p></div>
                    <div class="modal-actions">
                        <button class="btn" type="button" on:click=move |_| open.set(false)>{txt.cancel}</button>
                        <button class=if danger { "btn btn-danger" } else { "btn btn-primary" } type="button" autofocus
                            on:click=move |_| { open.set(false); on_confirm.run(()); }>{confirm_label}</button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
