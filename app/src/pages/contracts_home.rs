//! 合同管理: the guide panel, the party A card, the create buttons (greyed out with the
//! rule that blocks them) and the contract records.

use domain::contract::ContractType;
use domain::ids::mask_phone;
use domain::text as t;
use leptos::prelude::*;

use crate::api::home::contract_home;
use crate::components::console::ConsoleLayout;
use crate::dto::{ContractHomeView, CreateOption, PartyAView};

#[component]
pub fn ContractsHomePage() -> impl IntoView {
    let home = Resource::new(|| (), |_| contract_home());
    view! {
        <ConsoleLayout title=t::NAV_CONTRACTS crumb=t::CRUMB_CONTRACTS>
            <div class="stack">
                <GuidePanel/>
                <Suspense fallback=|| view! { <p class="muted">{t::LOADING}</p> }>
                    {move || Suspend::new(async move {
                        match home.await {
                            Ok(view) => view! { <HomeBody view/> }.into_any(),
                            Err(e) => view! { <div class="alert alert-error">{e.to_string()}</div> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </ConsoleLayout>
    }
}

#[component]
fn GuidePanel() -> impl IntoView {
    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{t::GUIDE_PANEL_TITLE}</h2></header>
            <div class="card-body">
                <ol class="guide-flow">
                    {t::GUIDE_STEPS.iter().map(|(title, _)| view! { <li>{*title}</li> }).collect_view()}
                </ol>
            </div>
        </section>
    }
}

#[component]
fn HomeBody(view: ContractHomeView) -> impl IntoView {
    let unverified = !view.party_a.verified;
    view! {
        {unverified.then(|| view! {
            <div class="alert alert-warning" role="note">
                <strong>{t::GATE_UNVERIFIED_TITLE}</strong>
                <p>{t::GATE_UNVERIFIED_BODY}" "<a href="/account">{t::GATE_GO_VERIFY}</a></p>
            </div>
        })}
        <div class="grid-2">
            <PartyACard party_a=view.party_a/>
            <CreateCard options=view.create/>
        </div>
        <RecordsCard/>
    }
}

#[component]
fn PartyACard(party_a: PartyAView) -> impl IntoView {
    let body = match (party_a.name, party_a.profile) {
        (None, _) => view! { <p class="muted">{t::PARTY_A_NEEDS_VERIFICATION}</p> }.into_any(),
        (Some(name), profile) => view! {
            <p><strong>{name}</strong>" "<span class="verified-mark">{t::VERIFIED_MARK}</span></p>
            {match profile {
                Some(p) => view! {
                    <dl class="kv">
                        <dt>{t::FIELD_CONTACT}</dt><dd>{p.contact}</dd>
                        <dt>{t::FIELD_PHONE}</dt><dd>{mask_phone(&p.phone)}</dd>
                        <dt>{t::FIELD_ADDRESS}</dt><dd>{p.address}</dd>
                    </dl>
                }.into_any(),
                None => view! { <p class="muted">{t::PARTY_A_EMPTY}</p> }.into_any(),
            }}
        }
        .into_any(),
    };
    view! {
        <section class="card">
            <header class="card-header">
                <h2 class="card-title">{t::PARTY_A_TITLE}</h2>
                <div class="card-actions"><a class="btn btn-text" href="/party-a">{t::MANAGE}</a></div>
            </header>
            <div class="card-body">{body}</div>
        </section>
    }
}

#[component]
fn CreateCard(options: Vec<CreateOption>) -> impl IntoView {
    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{t::CREATE_TITLE}</h2></header>
            <div class="card-body">
                <div class="create-grid">
                    {options.into_iter().map(|option| view! { <CreateButton option/> }).collect_view()}
                </div>
            </div>
        </section>
    }
}

#[component]
fn CreateButton(option: CreateOption) -> impl IntoView {
    let label = format!("{}{}", t::CREATE_PREFIX, option.kind.label());
    let reason_id = format!("create-{}-reason", option.kind.as_str());
    match option.blocked {
        // A disabled link would not be focusable; aria-disabled keeps it reachable so a
        // keyboard user can read why it is blocked.
        Some(block) => view! {
            <div class="create-option">
                <a class="btn" role="link" aria-disabled="true" aria-describedby=reason_id.clone()
                    data-kind=option.kind.as_str()>{label}</a>
                <p class="create-reason" id=reason_id>{block.reason()}</p>
            </div>
        }
        .into_any(),
        None => view! {
            <div class="create-option">
                <a class="btn btn-primary" href=create_href(option.kind) data-kind=option.kind.as_str()>{label}</a>
            </div>
        }
        .into_any(),
    }
}

fn create_href(kind: ContractType) -> String {
    format!("/contracts/new/{}", kind.as_str())
}

#[component]
fn RecordsCard() -> impl IntoView {
    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{t::RECORDS_TITLE}</h2></header>
            <div class="card-body">
                <div class="empty-state">{t::RECORDS_EMPTY}</div>
            </div>
        </section>
    }
}
