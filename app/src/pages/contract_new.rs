//! The creation wizard: select items (orders / filings / recharge records) → confirm the
//! selection → party A (auto-filled, name locked) → 保存合同草稿. Framework contracts
//! skip the first two steps. Every rule is checked here as the customer goes, and again
//! by the server.

use domain::eligibility::check_selection;
use domain::new_contract::{NewContract, CONFIRMED, ITEMS};
use domain::party_a::{validate_party_a, PartyAInput, ADDRESS, CONTACT, EMAIL, PHONE, POSTCODE};
use domain::text as t;
use domain::{Channel, ContractType, FieldErrors};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::contracts::{wizard_start, CreateContract};
use crate::components::console::ConsoleLayout;
use crate::components::field::{Field, FormError};
use crate::components::steps::Steps;
use crate::dto::WizardContext;
use crate::pages::item_picker::{ItemPicker, SelectedItems};

#[component]
pub fn NewContractPage() -> impl IntoView {
    let params = use_params_map();
    let kind = move || {
        params
            .read()
            .get("kind")
            .and_then(|k| ContractType::parse(&k))
    };
    let start = Resource::new(kind, |kind| async move {
        match kind {
            Some(kind) => wizard_start(kind).await.map(|s| Some((kind, s))),
            None => Ok(None),
        }
    });
    let title = move || {
        kind()
            .map(|k| format!("{}{}", t::CREATE_PREFIX, k.label()))
            .unwrap_or_default()
    };
    view! {
        <ConsoleLayout title=title() crumb=t::CRUMB_NEW>
            <Suspense fallback=|| view! { <p class="muted">{t::LOADING}</p> }>
                {move || Suspend::new(async move {
                    match start.await {
                        Ok(Some((_, WizardContext { blocked: Some(block), .. }))) => view! {
                            <div class="alert alert-warning" role="alert">
                                <strong>{t::CREATE_BLOCKED_TITLE}</strong><p>{block.reason()}</p>
                                <p><a href="/contracts">{t::BACK_TO_CONTRACTS}</a></p>
                            </div>
                        }.into_any(),
                        Ok(Some((kind, start))) => view! { <Wizard kind start/> }.into_any(),
                        Ok(None) => view! { <div class="empty-state">{t::NOT_FOUND_TITLE}</div> }.into_any(),
                        Err(e) => view! { <div class="alert alert-error">{e.to_string()}</div> }.into_any(),
                    }
                })}
            </Suspense>
        </ConsoleLayout>
    }
}

/// The party A form's values, kept at the wizard level so moving between steps loses
/// nothing.
#[derive(Clone, Copy)]
struct PartyAFields {
    address: RwSignal<String>,
    contact: RwSignal<String>,
    phone: RwSignal<String>,
    email: RwSignal<String>,
    postcode: RwSignal<String>,
}

impl PartyAFields {
    fn new(saved: PartyAInput) -> Self {
        Self {
            address: RwSignal::new(saved.address),
            contact: RwSignal::new(saved.contact),
            phone: RwSignal::new(saved.phone),
            email: RwSignal::new(saved.email),
            postcode: RwSignal::new(saved.postcode),
        }
    }
    fn input(&self) -> PartyAInput {
        PartyAInput {
            address: self.address.get_untracked(),
            contact: self.contact.get_untracked(),
            phone: self.phone.get_untracked(),
            email: self.email.get_untracked(),
            postcode: self.postcode.get_untracked(),
        }
    }
}

#[component]
fn Wizard(kind: ContractType, start: WizardContext) -> impl IntoView {
    let needs_items = kind != ContractType::Framework;
    let labels = if needs_items {
        vec![
            t::step_select(kind.as_str()),
            t::STEP_CONFIRM_ITEMS,
            t::STEP_PARTY_A,
            t::STEP_SAVE,
        ]
    } else {
        vec![t::STEP_PARTY_A, t::STEP_SAVE]
    };
    let step = RwSignal::new(0_usize);
    let selected: SelectedItems = RwSignal::new(Vec::new());
    let fields = PartyAFields::new(start.party_a.profile.unwrap_or_default());
    let name = start.party_a.name.unwrap_or_default();
    let party_step = if needs_items { 2 } else { 0 };

    view! {
        <section class="card">
            <div class="card-body"><Steps labels current=step/></div>
        </section>
        {move || {
            let current = step.get();
            if current < party_step && current == 0 {
                view! { <ItemPicker kind selected on_next=Callback::new(move |_| step.set(1))/> }.into_any()
            } else if current < party_step {
                view! { <ConfirmItems kind selected on_back=Callback::new(move |_| step.set(0))
                    on_next=Callback::new(move |_| step.set(2))/> }.into_any()
            } else {
                let on_back = needs_items.then(|| Callback::new(move |_| step.set(1)));
                view! { <PartyAStep kind name=name.clone() fields selected on_back/> }.into_any()
            }
        }}
    }
}

#[component]
fn ConfirmItems(
    kind: ContractType,
    selected: SelectedItems,
    on_back: Callback<()>,
    on_next: Callback<()>,
) -> impl IntoView {
    let (reference, description, detail) = t::item_columns(kind.as_str());
    let rows = selected.get_untracked();
    let total: i64 = rows.iter().map(|r| r.amount_fen).sum();
    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{t::STEP_CONFIRM_ITEMS}</h2></header>
            <div class="card-body table-wrap">
                <table class="data-table" id="confirm-items">
                    <thead><tr><th>{reference}</th><th>{description}</th><th>{detail}</th><th class="num">{t::COL_AMOUNT}</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr><td class="mono">{r.reference}</td><td>{r.description}</td><td>{r.detail}</td>
                                <td class="num">{domain::money::format_yuan(r.amount_fen)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <p class="total-line">{t::TOTAL_LABEL}" "<strong>{format!("¥{}", domain::money::format_yuan(total))}</strong>
                    " · "{format!("人民币{}", domain::money::chinese_capital(total))}</p>
                <div class="form-actions">
                    <button class="btn" type="button" on:click=move |_| on_back.run(())>{t::PREV_STEP}</button>
                    <button class="btn btn-primary" type="button" on:click=move |_| on_next.run(())>{t::NEXT_PARTY_A}</button>
                </div>
            </div>
        </section>
    }
}

#[component]
fn PartyAStep(
    kind: ContractType,
    name: String,
    fields: PartyAFields,
    selected: SelectedItems,
    on_back: Option<Callback<()>>,
) -> impl IntoView {
    let create = ServerAction::<CreateContract>::new();
    let errors = RwSignal::new(FieldErrors::new());
    let form_error = RwSignal::new(None::<String>);
    let confirmed = RwSignal::new(false);
    let navigate = use_navigate();

    Effect::new(move |_| match create.value().get() {
        Some(Ok(number)) => navigate(&format!("/contracts/{number}"), Default::default()),
        Some(Err(e)) => match e.fields() {
            Some(fields) => {
                // Item errors belong to an earlier step: say them at the top.
                form_error.set(fields.get(ITEMS).map(str::to_string));
                errors.set(fields.clone());
            }
            None => form_error.set(Some(e.to_string())),
        },
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form_error.set(None);
        let party_a = fields.input();
        let mut problems = validate_party_a(&party_a).err().unwrap_or_default();
        if !confirmed.get_untracked() {
            problems.add(CONFIRMED, t::CONFIRM_PARTY_A_REQUIRED);
        }
        let items = selected.get_untracked();
        let total = items.iter().map(|r| r.amount_fen).sum();
        if let Err(e) = check_selection(kind, items.len(), total) {
            problems.add(ITEMS, &e.to_string());
            form_error.set(Some(e.to_string()));
        }
        errors.set(problems.clone());
        if problems.is_empty() {
            create.dispatch(CreateContract {
                contract: NewContract {
                    kind,
                    channel: Channel::Single,
                    item_ids: items.iter().map(|r| r.id).collect(),
                    party_a,
                    confirmed: true,
                },
            });
        }
    };
    let confirm_error = move || errors.with(|e| e.get(CONFIRMED).map(str::to_string));

    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{t::STEP_PARTY_A}</h2></header>
            <div class="card-body">
                <form class="form" novalidate on:submit=on_submit>
                    <FormError message=form_error/>
                    <fieldset class="field">
                        <legend>{t::FIELD_CHANNEL}</legend>
                        <div class="radio-group">
                            <label><input type="radio" name="channel" value="single" checked=true/>{Channel::Single.label()}</label>
                            <label><input type="radio" name="channel" value="dual" disabled=true aria-describedby="dual-reason"/>{Channel::Dual.label()}</label>
                        </div>
                        <p class="field-hint" id="dual-reason">{t::ESIGN_NOT_ACTIVATED}</p>
                    </fieldset>
                    <div class="field">
                        <span class="label">{t::FIELD_PARTY_A_NAME}</span>
                        <div class="field-readonly" id="party-a-name">{name}</div>
                        <p class="field-hint">{t::PARTY_A_NAME_LOCKED}</p>
                    </div>
                    <Field label=t::FIELD_ADDRESS name=ADDRESS value=fields.address errors=errors required=true/>
                    <Field label=t::FIELD_CONTACT name=CONTACT value=fields.contact errors=errors required=true/>
                    <Field label=t::FIELD_PHONE name=PHONE value=fields.phone errors=errors required=true input_type="tel" hint=t::PHONE_HINT/>
                    <Field label=t::FIELD_EMAIL name=EMAIL value=fields.email errors=errors required=true input_type="email"/>
                    <Field label=t::FIELD_POSTCODE name=POSTCODE value=fields.postcode errors=errors required=true/>
                    <div class="field">
                        <label class="checkbox">
                            <input type="checkbox" id="f-confirmed" aria-invalid=move || confirm_error().map(|_| "true")
                                prop:checked=move || confirmed.get()
                                on:change=move |ev| confirmed.set(event_target_checked(&ev))/>
                            {t::CONFIRM_PARTY_A}
                        </label>
                        {move || confirm_error().map(|e| view! { <p class="field-error" id="f-confirmed-error">{e}</p> })}
                    </div>
                    <div class="form-actions">
                        {on_back.map(|back| view! {
                            <button class="btn" type="button" on:click=move |_| back.run(())>{t::PREV_STEP}</button>
                        })}
                        <button class="btn btn-primary" type="submit" disabled=move || create.pending().get()>{t::SAVE_DRAFT}</button>
                    </div>
                </form>
            </div>
        </section>
    }
}
