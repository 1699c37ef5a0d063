//! Toasts: short confirmations ("已保存") that disappear by themselves.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Error,
}

#[derive(Clone, Copy, Default)]
pub struct Toasts(RwSignal<Vec<(u64, ToastKind, String)>>, RwSignal<u64>);

impl Toasts {
    pub fn push(&self, kind: ToastKind, message: impl Into<String>) {
        let id = self.1.get_untracked() + 1;
        self.1.set(id);
        self.0.update(|list| list.push((id, kind, message.into())));
        let list = self.0;
        set_timeout(
            move || list.update(|l| l.retain(|(i, _, _)| *i != id)),
            std::time::Duration::from_secs(4),
        );
    }
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <div class="toast-region" role="status" aria-live="polite">
            <For each=move || toasts.0.get() key=|(id, _, _)| *id let:toast>
                <div class=match toast.1 {
                    ToastKind::Success => "toast toast-success",
                    ToastKind::Error => "toast toast-error",
                }>{toast.2}</div>
            </For>
        </div>
    }
}
