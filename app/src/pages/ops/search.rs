//! The operator console's contract search: by number, account or status, paged.

use crate::i18n::console::ops_words::ops_text as words;
use crate::i18n::console_text;
use domain::calendar::format_cst_minute;
use domain::Status;
use leptos::prelude::*;

use crate::api::ops::ops_search;
use crate::components::load_error::error_alert;
use crate::components::pager::Pager;
use crate::components::status_badge::StatusBadge;
use crate::error::AppError;

/// The contract search's query and its resource, created with the page (see the
/// contract home on why resources are never created inside a suspended branch).
#[derive(Clone, Copy)]
pub(super) struct Search {
    pub(super) applied: RwSignal<(String, String, String)>,
    page: RwSignal<i64>,
    results: crate::resource::Data<Result<crate::dto::OpsSearchView, AppError>>,
}

impl Search {
    pub(super) fn new() -> Self {
        let applied = RwSignal::new((String::new(), String::new(), String::new()));
        let page = RwSignal::new(1_i64);
        let results = crate::resource::data(
            move || (applied.get(), page.get()),
            |((number, login, status), page)| {
                ops_search(number, login, Status::parse(&status), page)
            },
        );
        Self {
            applied,
            page,
            results,
        }
    }
}

#[component]
pub(super) fn ContractSearch(search: Search) -> impl IntoView {
    let txt = console_text();
    let number = RwSignal::new(String::new());
    let login = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let Search {
        applied,
        page,
        results,
    } = search;
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        page.set(1);
        applied.set((
            number.get_untracked(),
            login.get_untracked(),
            status.get_untracked(),
        ));
    };
    view! {
        <section class="card" id="ops-contracts">
            <header class="card-header"><h2 class="card-title">{words().ops_contracts}</h2></header>
            <div class="card-body">
                <form class="filters" on:submit=on_search>
                    <label>{txt.filter_number}<input class="input" id="ops-number" type="search" bind:value=number/></label>
                    <label>{words().ops_search_login}<input class="input" id="ops-login" type="search" bind:value=login/></label>
                    <label>{txt.filter_status}
                        <select class="input" id="ops-status" on:change=move |ev| status.set(event_target_value(&ev))>
                            <option value="">{txt.filter_all}</option>
                            {Status::ALL.iter().map(|s| view! { <option value=s.as_str()>{txt.status(*s)}</option> }).collect_view()}
                        </select>
                    </label>
                    <button class="btn btn-primary" type="submit">{txt.search}</button>
                </form>
                <Transition fallback=|| view! { <p class="muted">{txt.loading}</p> }>
                    {move || Suspend::new(async move {
                        match results.await {
                            Ok(view) if view.rows.is_empty() => view! { <p class="muted">{txt.ops_empty}</p> }.into_any(),
                            Ok(view) => {
                                view! {
                                    <div class="table-wrap">
                                        <table class="data-table" id="ops-results">
                                            <thead><tr><th>{txt.col_number}</th><th>{words().ops_col_account}</th><th>{txt.col_kind}</th>
                                                <th>{txt.col_status}</th><th>{txt.col_created}</th></tr></thead>
                                            <tbody>
                                                {view.rows.into_iter().map(|r| view! {
                                                    <tr data-number=r.row.number.clone()>
                                                        <td class="mono"><a href=format!("/ops/contracts/{}", r.row.number)>{r.row.number.clone()}</a></td>
                                                        <td>{r.login}</td><td>{txt.contract_type(r.row.kind)}</td>
                                                        <td><StatusBadge state=r.row.state/></td>
                                                        <td class="nowrap">{format_cst_minute(r.row.created_at_ms)}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                    <Pager page current=view.page total=view.total per_page=view.per_page/>
                                }.into_any()
                            }
                            Err(e) => error_alert(e),
                        }
                    })}
                </Transition>
            </div>
        </section>
    }
}
