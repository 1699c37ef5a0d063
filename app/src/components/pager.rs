//! ‹ 上一页  2 / 5  下一页 › under a paged table; `2 / 1000+` when the rows were counted
//! only up to a cap (a very large account), and the next page stays open past it.

use crate::i18n::console_text;
use leptos::prelude::*;

#[component]
pub fn Pager(
    page: RwSignal<i64>,
    current: i64,
    total: i64,
    per_page: i64,
    #[prop(optional)] more: bool,
) -> impl IntoView {
    let txt = console_text();
    let pages = ((total + per_page - 1) / per_page.max(1)).max(1);
    let shown = if more {
        format!("{pages}+")
    } else {
        pages.to_string()
    };
    let last = current >= pages && !more;
    view! {
        <nav class="pager" aria-label=txt.pager_label>
            <button class="btn btn-sm" type="button" disabled={current <= 1} on:click=move |_| page.set(current - 1)>{txt.page_prev}</button>
            <span>{format!("{current} / {shown}")}</span>
            <button class="btn btn-sm" type="button" disabled=last on:click=move |_| page.set(current + 1)>{txt.page_next}</button>
        </nav>
    }
}
