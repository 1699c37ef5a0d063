//! 批量下载: the account's contracts that have a document, a page of up to 50 — as many
//! as one archive holds — to choose from and download as one zip with a manifest
//! (`server/src/archive.rs`). The choice is a plain form: the browser submits the chosen
//! numbers and saves the archive as it streams, and the page stays where it is.

use std::collections::BTreeSet;

use crate::i18n::console::archive::archive_text;
use crate::i18n::console_text;
use domain::calendar::format_cst_minute;
use domain::contract::{ContractType, ARCHIVE_LIMIT};
use leptos::prelude::*;

use crate::api::contracts::list_documents;
use crate::components::console::ConsoleLayout;
use crate::components::load_error::error_alert;
use crate::components::pager::Pager;
use crate::components::status_badge::StatusBadge;
use crate::dto::ContractListView;

#[component]
pub fn ArchivePage() -> impl IntoView {
    let txt = console_text();
    let words = archive_text();
    let kind = RwSignal::new(String::new());
    let page = RwSignal::new(1_i64);
    let list = crate::resource::data(
        move || (kind.get(), page.get()),
        |(kind, page)| list_documents(ContractType::parse(&kind), page),
    );
    view! {
        <ConsoleLayout title=txt.archive_title crumb=txt.archive_title>
            <section class="card">
                <div class="card-body stack">
                    <p class="muted">{words.hint}</p>
                    <label class="filters">{txt.filter_kind}
                        <select class="input" id="archive-kind" on:change=move |ev| {
                            page.set(1);
                            kind.set(event_target_value(&ev));
                        }>
                            <option value="">{txt.filter_all}</option>
                            {ContractType::ALL.iter().map(|k| view! { <option value=k.as_str()>{txt.contract_type(*k)}</option> }).collect_view()}
                        </select>
                    </label>
                    <Transition fallback=|| view! { <p class="muted">{txt.loading}</p> }>
                        {move || Suspend::new(async move {
                            match list.await {
                                Ok(view) if view.rows.is_empty() => view! { <div class="empty-state">{words.empty}</div> }.into_any(),
                                Ok(view) => view! { <Choice view page/> }.into_any(),
                                Err(e) => error_alert(e),
                            }
                        })}
                    </Transition>
                </div>
            </section>
        </ConsoleLayout>
    }
}

/// One page of contracts to choose from, and the download of the chosen ones.
#[component]
fn Choice(view: ContractListView, page: RwSignal<i64>) -> impl IntoView {
    let txt = console_text();
    let words = archive_text();
    let numbers: Vec<String> = view.rows.iter().map(|r| r.number.clone()).collect();
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let count = move || chosen.with(BTreeSet::len);
    let all = {
        let numbers = numbers.clone();
        move || chosen.with(|c| c.len() == numbers.len())
    };
    let toggle_all = move |ev| {
        let on = event_target_checked(&ev);
        chosen.set(if on {
            numbers.iter().cloned().collect()
        } else {
            BTreeSet::new()
        });
    };
    view! {
        <form method="get" action="/contracts/archive.zip" id="archive-form">
            <div class="btn-row archive-bar">
                <label><input type="checkbox" id="archive-all" prop:checked=all on:change=toggle_all/>" "{words.select_page}</label>
                <span id="archive-count" aria-live="polite">{move || format!("{} {} / {ARCHIVE_LIMIT}", words.selected, count())}</span>
                <button class="btn btn-primary" type="submit" id="archive-download" disabled=move || count() == 0>{words.download}</button>
            </div>
            <div class="table-wrap">
                <table class="data-table">
                    <thead><tr>
                        <th><span class="sr-only">{words.select_page}</span></th>
                        <th>{txt.col_number}</th><th>{txt.col_kind}</th><th>{txt.col_status}</th><th>{txt.col_created}</th>
                    </tr></thead>
                    <tbody>
                        {view.rows.into_iter().map(|row| {
                            let number = row.number;
                            let shown = number.clone();
                            let checked = {
                                let number = number.clone();
                                move || chosen.with(|c| c.contains(&number))
                            };
                            let toggle = {
                                let number = number.clone();
                                move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| {
                                        if on {
                                            c.insert(number.clone());
                                        } else {
                                            c.remove(&number);
                                        }
                                    });
                                }
                            };
                            view! {
                                <tr data-number=number.clone()>
                                    <td><input type="checkbox" name="number" value=number.clone() aria-label=number.clone()
                                        prop:checked=checked on:change=toggle/></td>
                                    <td class="mono nowrap">{shown}</td>
                                    <td>{txt.contract_type(row.kind)}</td>
                                    <td><StatusBadge state=row.state/></td>
                                    <td class="nowrap">{format_cst_minute(row.created_at_ms)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </form>
        <Pager page current=view.page total=view.total per_page=view.per_page more=view.more/>
    }
}
