//! 运营控制台 (`/ops`, operators only; anyone else gets 404): the queues with their
//! counts — paper to ship, offline stamping parcels, subject-change holds — and every
//! contract searchable by number, account or status, with its audit timeline.

use domain::account::Role;
use leptos::prelude::*;

use crate::resource::Reload;

use crate::api::ops::{ops_api_keys, ops_overview};
use crate::components::console::{ConsoleLayout, Nav};
use crate::components::deferred::deferred;
use crate::components::load_error::not_found_or_error;
use crate::components::toast::{ToastKind, Toasts};
use crate::current_user::CurrentUser;
use crate::error::AppError;
use crate::i18n::console::ops_words::ops_text as words;
use crate::i18n::console_text;
use crate::pages::NotFoundPage;

mod api_keys;
mod contract;
mod exports;
mod queues;
mod search;

use api_keys::ApiKeys;
pub use contract::OpsContractPage;
use exports::{Applied, ExportsCard};
use queues::{Filters, Queues};
use search::{ContractSearch, Search};

/// 导出记录: a piece of its own, fetched once the console is shown.
#[lazy]
fn exports_card() -> fn(Applied) -> AnyView {
    |applied| view! { <ExportsCard applied/> }.into_any()
}

#[component]
pub fn OpsPage() -> impl IntoView {
    let txt = console_text();
    let reload = Reload::new();
    let filters = Filters::new();
    let overview = crate::resource::data(
        move || (reload.key(), filters.paper.get(), filters.stamping.get()),
        |(_, paper, stamping)| ops_overview(paper, stamping),
    );
    let search = Search::new();
    let applied = search.applied;
    let keys_reload = Reload::new();
    let keys = crate::resource::data(move || keys_reload.key(), |_| ops_api_keys());
    view! {
        <OperatorOnly>
            <ConsoleLayout title=words().ops_title crumb=txt.crumb_ops nav=Nav::Operator>
                <Transition fallback=|| view! { <p class="muted">{txt.loading}</p> }>
                    {move || Suspend::new(async move {
                        match overview.await {
                            Ok(view) => view! {
                                <Queues view reload filters/>
                                <ContractSearch search/>
                                {deferred(exports_card, move |draw| draw(applied))}
                                <ApiKeys keys reload=keys_reload/>
                            }.into_any(),
                            Err(e) => not_found_or_error(e, txt.not_found_body),
                        }
                    })}
                </Transition>
            </ConsoleLayout>
        </OperatorOnly>
    }
}

/// The console's pages exist for operators only: anyone else gets the site's ordinary
/// 404 page, as for an address that does not exist — no operator title or navigation.
/// (The server functions refuse them on their own; this is what the page shows.)
/// It reads the app's current-user resource and creates none, so the pages' resources
/// keep being created before any Suspense.
#[component]
fn OperatorOnly(children: ChildrenFn) -> impl IntoView {
    let txt = console_text();
    let me = expect_context::<CurrentUser>().0;
    view! {
        <Suspense fallback=|| view! { <p class="muted">{txt.loading}</p> }>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match me.await {
                        Ok(Some(user)) if user.role == Role::Operator => children().into_any(),
                        _ => view! { <NotFoundPage/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// What follows an operator's action: a toast for success, and for a refusal that is not
/// about one input (an input's own problem shows beside it, derived from the action).
fn toast_result(toasts: Toasts, result: Result<(), AppError>, done: impl Fn()) {
    match result {
        Ok(()) => {
            toasts.push(ToastKind::Success, words().ops_done_toast);
            done();
        }
        Err(e) => toast_refusal(toasts, &e),
    }
}

/// A refusal that is not about one input, as a toast (an input's own problem shows beside
/// it, derived from the action).
fn toast_refusal(toasts: Toasts, error: &AppError) {
    if error.fields().is_none() {
        toasts.push(ToastKind::Error, console_text().error(error));
    }
}
