//! Step one of the wizard: pick orders / filings / recharge records. Search, billing-mode
//! and date filters, keyset "load more" paging, every ineligible or occupied item shown
//! greyed with its reason, the type's limit enforced as the customer clicks, and the
//! running total.

use crate::i18n::console_text;
use domain::calendar::{cst_midnight_ms, format_cst_date, is_valid_date, MS_PER_DAY};
use domain::eligibility::{check_selection, SelectionError};
use domain::money::format_yuan;
use domain::picker::{Cursor, PickerPage, PickerQuery, PickerRow};
use domain::{BillingMode, ContractType};
use leptos::prelude::*;

use crate::api::contracts::pick_items;
use crate::components::load_error::error_alert;
use crate::error::AppError;

pub type SelectedItems = RwSignal<Vec<PickerRow>>;

const PAGE: i64 = 20;

/// "2026-11-23" (a date input's value) → the UTC instant of that CST midnight.
fn parse_day(value: &str) -> Option<i64> {
    let mut parts = value.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    let (y, m, d) = (
        i32::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
    );
    is_valid_date(y, m, d).then(|| cst_midnight_ms(y, m, d))
}

/// The picker's query and its first page. The page creates it before any Suspense, so
/// its resource id is the same on the server and in the browser (see the contract home).
#[derive(Clone, Copy)]
pub struct PickerSource {
    query: RwSignal<PickerQuery>,
    first: crate::resource::Data<Result<PickerPage, AppError>>,
}

impl PickerSource {
    /// For the page's contract type, if it has items (framework contracts have none).
    pub fn new(kind: impl Fn() -> Option<ContractType> + Send + Sync + 'static) -> Self {
        let query = RwSignal::new(PickerQuery {
            limit: PAGE,
            ..Default::default()
        });
        let first = crate::resource::data(
            move || (kind(), query.get()),
            |(kind, q)| async move {
                match kind.filter(|k| *k != ContractType::Framework) {
                    Some(kind) => pick_items(kind, q).await,
                    None => Ok(PickerPage {
                        rows: Vec::new(),
                        next: None,
                    }),
                }
            },
        );
        Self { query, first }
    }
}

/// The rows "load more" read after a query's first page, and where to go on from.
#[derive(Clone)]
struct MorePages {
    query: PickerQuery,
    rows: Vec<PickerRow>,
    next: Option<Cursor>,
}

#[component]
pub fn ItemPicker(
    kind: ContractType,
    source: PickerSource,
    selected: SelectedItems,
    on_next: Callback<()>,
) -> impl IntoView {
    let txt = console_text();
    let search = RwSignal::new(String::new());
    let mode = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let PickerSource { query, first } = source;
    // The pages "load more" added, kept with the query they continue: a new query's
    // first page stands alone, with no reset to run.
    let more = RwSignal::new(None::<MorePages>);
    let more_of =
        move |q: &PickerQuery| more.with(|m| m.as_ref().filter(|m| m.query == *q).cloned());
    let loading_more = RwSignal::new(false);
    let limit_error = RwSignal::new(None::<String>);
    let limit = kind.item_limit().unwrap_or(0);

    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        query.set(PickerQuery {
            search: search.get_untracked(),
            billing_mode: BillingMode::parse(&mode.get_untracked()),
            from_ms: parse_day(&from.get_untracked()),
            to_ms: parse_day(&to.get_untracked()).map(|day| day + MS_PER_DAY),
            after: None,
            limit: PAGE,
        });
    };
    // The page after `after`, for the query `base` whose pages are shown.
    let load_more = move |base: PickerQuery, after: Cursor| {
        let q = PickerQuery {
            after: Some(after),
            ..base.clone()
        };
        loading_more.set(true);
        leptos::task::spawn_local(async move {
            if let Ok(page) = pick_items(kind, q).await {
                more.update(|m| match m {
                    Some(later) if later.query == base => {
                        later.rows.extend(page.rows);
                        later.next = page.next;
                    }
                    _ => {
                        *m = Some(MorePages {
                            query: base,
                            rows: page.rows,
                            next: page.next,
                        })
                    }
                });
            }
            loading_more.set(false);
        });
    };
    let toggle = move |row: PickerRow, checked: bool| {
        limit_error.set(None);
        selected.update(|list| {
            if !checked {
                list.retain(|r| r.id != row.id);
            } else if list.len() >= limit {
                // R6, as the customer clicks: the (limit + 1)th item is refused.
                limit_error.set(Some(
                    txt.selection(&SelectionError::TooMany { kind, limit }),
                ));
            } else if !list.iter().any(|r| r.id == row.id) {
                list.push(row);
            }
        });
    };
    let total = move || selected.with(|list| list.iter().map(|r| r.amount_fen).sum::<i64>());
    let count = move || selected.with(Vec::len);
    let blocker = move || {
        check_selection(kind, count(), total())
            .err()
            .map(|e| txt.selection(&e))
    };
    let (reference, description, detail) = (txt.item_columns)(kind);
    let shows_amount = kind != ContractType::Filing;

    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{(txt.step_select)(kind)}</h2></header>
            <div class="card-body">
                <form class="filters" on:submit=apply>
                    <label>{txt.picker_search}
                        <input class="input" type="search" id="picker-search" placeholder=(txt.picker_placeholder)(kind) bind:value=search/>
                    </label>
                    {(kind == ContractType::Order).then(|| view! {
                        <label>{txt.picker_billing_mode}
                            <select class="input" id="picker-mode" on:change=move |ev| mode.set(event_target_value(&ev))>
                                <option value="">{txt.filter_all}</option>
                                {BillingMode::ALL.iter().map(|m| view! { <option value=m.as_str()>{txt.billing_mode(*m)}</option> }).collect_view()}
                            </select>
                        </label>
                    })}
                    <label>{txt.picker_from}<input class="input" type="date" id="picker-from" bind:value=from/></label>
                    <label>{txt.picker_to}<input class="input" type="date" id="picker-to" bind:value=to/></label>
                    <button class="btn btn-primary" type="submit">{txt.search}</button>
                </form>
                {move || limit_error.get().map(|e| view! { <div class="alert alert-error" role="alert" id="limit-error">{e}</div> })}
                <Transition fallback=|| view! { <p class="muted">{txt.loading}</p> }>
                    {move || Suspend::new(async move {
                        match first.await {
                            Ok(page) if page.rows.is_empty() => view! { <div class="empty-state">{txt.picker_empty}</div> }.into_any(),
                            Ok(page) => {
                            // The query this page answers. "Load more" continues it, also
                            // while a newer query's first page is on its way and the
                            // Transition still shows this one.
                            let shown = query.get_untracked();
                            let rows_of = shown.clone();
                            let first_next = page.next;
                            let next_of = shown.clone();
                            let next = move || more_of(&next_of).map_or(first_next, |m| m.next);
                            view! {
                                <div class="table-wrap">
                                    <table class="data-table" id="picker">
                                        <thead><tr>
                                            <th><span class="sr-only">{txt.picker_select}</span></th>
                                            <th>{reference}</th><th>{description}</th><th>{detail}</th>
                                            {shows_amount.then(|| view! { <th class="num">{txt.col_amount}</th> })}
                                            <th>{txt.col_date}</th><th>{txt.picker_note}</th>
                                        </tr></thead>
                                        <tbody>
                                            <For each=move || page.rows.clone().into_iter().chain(more_of(&rows_of).map(|m| m.rows).unwrap_or_default()) key=|r| r.id let:row>
                                                <PickerLine row selected shows_amount toggle/>
                                            </For>
                                        </tbody>
                                    </table>
                                </div>
                                {move || next().map(|after| {
                                    let base = shown.clone();
                                    view! {
                                        <p><button class="btn" type="button" id="picker-more" disabled=move || loading_more.get()
                                            on:click=move |_| load_more(base.clone(), after)>{txt.load_more}</button></p>
                                    }
                                })}
                            }.into_any()
                            }
                            Err(e) => error_alert(e),
                        }
                    })}
                </Transition>
                <div class="picker-footer">
                    <p id="selection-summary">
                        {move || (txt.selection_summary)(count(), limit, kind)}
                        {shows_amount.then(|| view! { " · "{txt.total_label}" "<strong id="selection-total">{move || txt.money(total())}</strong> })}
                    </p>
                    {move || blocker().map(|b| {
                        // Nothing picked yet is a hint, not an error.
                        let class = if count() == 0 { "field-hint" } else { "field-error" };
                        view! { <p class=class id="selection-blocker">{b}</p> }
                    })}
                    <div class="form-actions">
                        <a class="btn" href="/contracts">{txt.cancel}</a>
                        <button class="btn btn-primary" type="button" disabled=move || blocker().is_some()
                            on:click=move |_| on_next.run(())>{txt.next_confirm}</button>
                    </div>
                </div>
            </div>
        </section>
    }
}

#[component]
fn PickerLine(
    row: PickerRow,
    selected: SelectedItems,
    shows_amount: bool,
    toggle: impl Fn(PickerRow, bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let txt = console_text();
    let id = row.id;
    let selectable = row.selectable();
    let note = row
        .ineligible
        .map(|r| txt.ineligible(r).to_string())
        .or_else(|| {
            row.occupied_by
                .as_ref()
                .map(|number| txt.item_occupied(&row.reference, number))
        });
    // An order's billing mode is a typed value, worded in the page's language; a filing's
    // domain or a recharge's channel is the billing system's data.
    let mode = row.billing_mode.map(|m| txt.billing_mode(m));
    let checkbox_id = format!("pick-{id}");
    let is_selected = move || selected.with(|list| list.iter().any(|r| r.id == id));
    let for_toggle = row.clone();
    view! {
        <tr aria-disabled=(!selectable).then_some("true") data-ref=row.reference.clone()>
            <td><input type="checkbox" id=checkbox_id.clone() disabled=!selectable
                prop:checked=is_selected
                on:change=move |ev| toggle(for_toggle.clone(), event_target_checked(&ev))/></td>
            <td class="mono"><label for=checkbox_id>{row.reference.clone()}</label></td>
            <td translate="no">{row.description.clone()}</td>
            <td translate=mode.is_none().then_some("no")>{mode.map_or_else(|| row.detail.clone(), String::from)}</td>
            {shows_amount.then(|| view! { <td class="num">{format_yuan(row.amount_fen)}</td> })}
            <td class="nowrap">{format_cst_date(row.date_ms)}</td>
            <td class="small muted">{note}</td>
        </tr>
    }
}
