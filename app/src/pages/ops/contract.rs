//! One contract as the operator sees it (`/ops/contracts/:number`).

use crate::i18n::console_text;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::ops::ops_contract;
use crate::components::console::{ConsoleLayout, Nav};
use crate::components::load_error::not_found_or_error;
use crate::components::status_badge::StatusBadge;
use crate::pages::contract_detail::TimelineCard;

use super::OperatorOnly;

/// One contract as the operator sees it, with its full audit timeline.
#[component]
pub fn OpsContractPage() -> impl IntoView {
    let txt = console_text();
    let params = use_params_map();
    let contract = crate::resource::data(
        move || params.read().get("number").unwrap_or_default(),
        ops_contract,
    );
    view! {
        <OperatorOnly>
            <ConsoleLayout title=txt.detail_title crumb=txt.crumb_ops nav=Nav::Operator>
                <Transition fallback=|| view! { <p class="muted">{txt.loading}</p> }>
                    {move || Suspend::new(async move {
                        match contract.await {
                            Ok(view) => view! {
                                <div class="stack">
                                    <div class="page-header">
                                        <div>
                                            <h2 class="mono" id="contract-number">{view.row.number.clone()}</h2>
                                            <p class="muted">{view.login.clone()}" · "<span translate="no">{view.party_a_name.clone()}</span>
                                                {format!(" · {} · {}", txt.contract_type(view.row.kind), txt.channel(view.row.channel))}</p>
                                        </div>
                                        <StatusBadge state=view.row.state/>
                                    </div>
                                    <TimelineCard entries=view.timeline.clone()/>
                                </div>
                            }.into_any(),
                            Err(e) => not_found_or_error(e, txt.not_found_body),
                        }
                    })}
                </Transition>
            </ConsoleLayout>
        </OperatorOnly>
    }
}
