//! 导出记录 on the operator console (issue 31): export the documents of the contracts the
//! search finds, then follow the export until its archive can be downloaded (24 hours).

use crate::i18n::console::ops_words::ops_text;
use crate::i18n::console_text;
use domain::calendar::format_cst_minute;
use domain::Status;
use leptos::prelude::*;

use crate::resource::Reload;
use std::time::Duration;

use crate::api::ops_exports::{recent_exports, ExportContracts};
use crate::components::field::{action_errors, FormError};
use crate::components::load_error::error_alert;
use crate::components::poll::{moved_on, poll_while};
use crate::components::submission::after_each;
use crate::components::toast::{use_toasts, ToastKind};
use crate::dto::{OpsExportState, OpsExportView};

/// The search the export takes: number fragment, login, status token.
pub type Applied = RwSignal<(String, String, String)>;

#[component]
pub fn ExportsCard(applied: Applied) -> impl IntoView {
    let words = ops_text();
    let txt = console_text();
    let export = ServerAction::<ExportContracts>::new();
    let (_, form_error) = action_errors(export);
    let toasts = use_toasts();
    after_each(export, move |result| {
        if result.is_ok() {
            toasts.push(ToastKind::Success, words.export_started);
        }
    });
    // Looked at again while an export is being written.
    let tick = Reload::new();
    let list = crate::resource::data(
        move || (export.version().get(), tick.key()),
        |_| recent_exports(),
    );
    poll_while(list, Duration::from_millis(1500), tick, |rows| {
        rows.iter().any(|r| r.state.pending()).then(moved_on)
    });
    let start = move |_| {
        let (number, login, status) = applied.get_untracked();
        export.dispatch(ExportContracts {
            number,
            login,
            status: Status::parse(&status),
        });
    };
    view! {
        <section class="card" id="ops-exports">
            <header class="card-header"><h2 class="card-title">{words.export_title}</h2></header>
            <div class="card-body stack">
                <p class="muted small">{words.export_hint}</p>
                <FormError message=form_error/>
                <div class="btn-row">
                    <button class="btn btn-primary" type="button" id="export-start"
                        disabled=move || export.pending().get() on:click=start>{words.export_button}</button>
                </div>
                <Transition fallback=|| view! { <p class="muted">{txt.loading}</p> }>
                    {move || Suspend::new(async move {
                        match list.await {
                            Ok(rows) if rows.is_empty() => view! { <p class="muted">{txt.ops_empty}</p> }.into_any(),
                            Ok(rows) => view! { <ExportsTable rows/> }.into_any(),
                            Err(e) => error_alert(e),
                        }
                    })}
                </Transition>
            </div>
        </section>
    }
}

#[component]
fn ExportsTable(rows: Vec<OpsExportView>) -> impl IntoView {
    let words = ops_text();
    let txt = console_text();
    let state = move |s: OpsExportState| match s {
        OpsExportState::Queued => words.export_queued,
        OpsExportState::Running => words.export_running,
        OpsExportState::Done => words.export_done,
        OpsExportState::Failed => words.export_failed,
        OpsExportState::Expired => words.export_expired,
    };
    view! {
        <div class="table-wrap">
            <table class="data-table" id="exports">
                <thead><tr><th>{words.export_col_created}</th><th>{words.export_col_filter}</th>
                    <th class="num">{words.export_col_documents}</th><th>{words.export_col_status}</th><th></th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let filter = [r.number.clone(), r.login.clone(), r.status.map(|s| txt.status(s).to_string()).unwrap_or_default()]
                            .into_iter().filter(|f| !f.is_empty()).collect::<Vec<_>>().join(" · ");
                        let filter = if filter.is_empty() { words.export_all.to_string() } else { filter };
                        view! {
                            <tr data-export=r.id data-state=format!("{:?}", r.state).to_lowercase()>
                                <td class="nowrap">{format_cst_minute(r.created_at_ms)}</td>
                                <td translate="no">{filter}</td>
                                <td class="num">{r.documents}</td>
                                <td>{state(r.state)}</td>
                                <td>{(r.state == OpsExportState::Done).then(|| view! {
                                    <a class="btn btn-sm" rel="external" download href=format!("/ops/exports/{}.zip", r.id)>{words.export_download}</a>
                                })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
