//! The creation wizard: 签署方式 → select items (orders / filings / recharge records) →
//! confirm the selection → party A (auto-filled, name locked) → 保存合同草稿. Framework
//! contracts skip the item steps. On the dual channel the contract is saved after the
//! items and its own page continues with 填写甲方信息 (each step a sub-status). Every rule is checked here as the customer goes, and again
//! by the server.

use crate::i18n::console_text;
use domain::eligibility::check_selection;
use domain::new_contract::{NewContract, ITEMS};
use domain::party_a::PartyAInput;
use domain::{Channel, ContractType, FieldErrors};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::contracts::{wizard_start, CreateContract};
use crate::components::console::ConsoleLayout;
use crate::components::deferred::deferred;
use crate::components::field::FormError;
use crate::components::load_error::error_alert;
use crate::components::party_a_fields::{PartyAFields, PartyAFieldset};
use crate::components::steps::{DualStep, Steps};
use crate::components::submission::{after_each, form_errors};
use crate::dto::WizardContext;
use crate::pages::item_picker::{ItemPicker, PickerSource, SelectedItems};

type DrawPicker = fn(ContractType, PickerSource, SelectedItems, Callback<()>) -> AnyView;

/// The item picker, a piece of the bundle of its own (`deferred`): framework contracts
/// and the later steps do without it.
#[lazy]
fn item_picker() -> DrawPicker {
    |kind, source, selected, on_next| {
        view! { <ItemPicker kind source selected on_next/> }.into_any()
    }
}

/// A link to the type's template, so the terms can be read before anything is created.
#[component]
fn TemplateNote(kind: ContractType) -> impl IntoView {
    let txt = console_text();
    view! {
        <p class="muted small template-note">{txt.template_note}" "
            <a rel="external" target="_blank" href=format!("/templates/{}.pdf", kind.as_str())>{txt.template_view}</a>
        </p>
    }
}

#[component]
pub fn NewContractPage() -> impl IntoView {
    let txt = console_text();
    let params = use_params_map();
    let kind = move || {
        params
            .read()
            .get("kind")
            .and_then(|k| ContractType::parse(&k))
    };
    // Created before any Suspense, like every resource (see the contract home).
    let picker = PickerSource::new(kind);
    let start = crate::resource::data(kind, |kind| async move {
        match kind {
            Some(kind) => wizard_start(kind).await.map(|s| Some((kind, s))),
            None => Ok(None),
        }
    });
    // The frame's title is drawn once (read untracked: it is not a reactive view).
    let title = move || {
        params
            .read_untracked()
            .get("kind")
            .and_then(|k| ContractType::parse(&k))
            .map(|k| txt.create_kind(k))
            .unwrap_or_default()
    };
    view! {
        <ConsoleLayout title=title() crumb=txt.crumb_new>
            <Suspense fallback=|| view! { <p class="muted">{txt.loading}</p> }>
                {move || Suspend::new(async move {
                    match start.await {
                        Ok(Some((kind, WizardContext { blocked: Some(block), .. }))) => view! {
                            <div class="alert alert-warning" role="alert">
                                <strong>{txt.create_blocked_title}</strong><p>{txt.refused(&domain::Refused::Gate(block))}</p>
                                <p><a href="/contracts">{txt.back_to_contracts}</a></p>
                            </div>
                            // The terms can still be read while creation waits on a rule.
                            <TemplateNote kind/>
                        }.into_any(),
                        Ok(Some((kind, start))) => view! { <Wizard kind start picker/> }.into_any(),
                        Ok(None) => view! { <div class="empty-state">{txt.not_found_title}</div> }.into_any(),
                        Err(e) => error_alert(e),
                    }
                })}
            </Suspense>
        </ConsoleLayout>
    }
}

/// Where the creation wizard is. Party A is the last step before the contract exists;
/// a framework contract, which has no items, starts there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WizardStep {
    SelectItems,
    ConfirmItems,
    PartyA,
}

impl WizardStep {
    /// Its place on the wizard's bar.
    fn position(self, needs_items: bool) -> usize {
        match (self, needs_items) {
            (Self::SelectItems, _) => 0,
            (Self::ConfirmItems, _) => 1,
            (Self::PartyA, true) => 2,
            (Self::PartyA, false) => 0,
        }
    }
}

#[component]
fn Wizard(kind: ContractType, start: WizardContext, picker: PickerSource) -> impl IntoView {
    let txt = console_text();
    let needs_items = kind != ContractType::Framework;
    let channel = RwSignal::new(Channel::Single);
    let labels = move || {
        let mut labels = Vec::new();
        if needs_items {
            labels.extend([(txt.step_select)(kind), txt.step_confirm_items]);
        }
        match channel.get() {
            Channel::Single => labels.extend([txt.step_party_a, txt.step_save]),
            // The rest of the dual steps continue on the contract's page.
            Channel::Dual => labels.extend(DualStep::ALL[1..].iter().map(|s| s.label())),
        }
        labels
    };
    let step = RwSignal::new(if needs_items {
        WizardStep::SelectItems
    } else {
        WizardStep::PartyA
    });
    let selected: SelectedItems = RwSignal::new(Vec::new());
    let profile = start.party_a.profile.unwrap_or_default();
    let fields = PartyAFields::new(profile.clone());
    let name = start.party_a.name.unwrap_or_default();
    let dual_block = start.dual_block;
    // R9: once the party A step is reached the choice is about to become permanent.
    // (A framework contract starts there: it has no choice to lock before it.)
    let locked = Signal::derive(move || needs_items && step.get() == WizardStep::PartyA);

    view! {
        <section class="card">
            <div class="card-body">
                <TemplateNote kind/>
                <ChannelChoice channel dual_block locked/>
                {move || view! { <Steps labels=labels() current=Signal::derive(move || step.get().position(needs_items))/> }}
            </div>
        </section>
        {move || match step.get() {
            WizardStep::SelectItems => {
                let on_next = Callback::new(move |_| step.set(WizardStep::ConfirmItems));
                deferred(item_picker, move |draw| draw(kind, picker, selected, on_next)).into_any()
            }
            WizardStep::ConfirmItems => view! { <ConfirmItems kind selected
                on_back=Callback::new(move |_| step.set(WizardStep::SelectItems))
                on_next=Callback::new(move |_| step.set(WizardStep::PartyA))/> }.into_any(),
            WizardStep::PartyA => {
                let on_back = needs_items.then(|| Callback::new(move |_| step.set(WizardStep::ConfirmItems)));
                if channel.get() == Channel::Dual {
                    view! { <DualStart kind selected profile=profile.clone() on_back/> }.into_any()
                } else {
                    view! { <PartyAStep kind name=name.clone() fields selected on_back/> }.into_any()
                }
            }
        }}
    }
}

/// 签署方式: chosen before anything else, fixed once the contract exists (R9). The dual
/// channel is greyed out with its reason and a link while the account cannot use it.
#[component]
fn ChannelChoice(
    channel: RwSignal<Channel>,
    dual_block: Option<domain::Refused>,
    #[prop(into)] locked: Signal<bool>,
) -> impl IntoView {
    let txt = console_text();
    let dual_disabled = dual_block.is_some();
    view! {
        <fieldset class="field channel-choice">
            <legend>{txt.field_channel}</legend>
            <div class="radio-group">
                <label><input type="radio" name="channel" value="single" prop:checked=move || channel.get() == Channel::Single
                    on:change=move |_| channel.set(Channel::Single)/>{txt.channel(Channel::Single)}</label>
                <label><input type="radio" name="channel" value="dual" disabled=dual_disabled aria-describedby="dual-reason"
                    prop:checked=move || channel.get() == Channel::Dual
                    on:change=move |_| channel.set(Channel::Dual)/>{txt.channel(Channel::Dual)}</label>
            </div>
            {dual_block.map(|reason| view! {
                <p class="field-hint" id="dual-reason">{txt.refused(&reason)}" "<a href="/esign">{txt.esign_activate_link}</a></p>
            })}
            {move || locked.get().then(|| view! { <p class="field-hint">{txt.field_channel_hint_locked}</p> })}
        </fieldset>
    }
}

/// The dual channel's creation: the contract is saved with its items now (so they are
/// held), and its own page continues with 填写甲方信息.
#[component]
fn DualStart(
    kind: ContractType,
    selected: SelectedItems,
    profile: PartyAInput,
    on_back: Option<Callback<()>>,
) -> impl IntoView {
    let txt = console_text();
    let create = ServerAction::<CreateContract>::new();
    let form_error = Signal::derive(move || {
        let e = create.value().get()?.err()?;
        Some(
            e.fields()
                .and_then(|f| f.get(ITEMS).map(|p| txt.problem(p)))
                .unwrap_or_else(|| txt.error(&e)),
        )
    });
    let navigate = use_navigate();
    after_each(create, move |result| {
        if let Ok(number) = result {
            navigate(&format!("/contracts/{number}"), Default::default());
        }
    });
    let start = move |_| {
        let items = selected.get_untracked();
        create.dispatch(CreateContract {
            contract: NewContract {
                kind,
                channel: Channel::Dual,
                item_ids: items.iter().map(|r| r.id).collect(),
                party_a: profile.clone(),
                confirmed: false,
            },
        });
    };
    view! {
        <section class="card">
            <div class="card-body">
                <FormError message=form_error/>
                <p>{txt.dual_start_hint}</p>
                <div class="form-actions">
                    {on_back.map(|back| view! {
                        <button class="btn" type="button" on:click=move |_| back.run(())>{txt.prev_step}</button>
                    })}
                    <button class="btn btn-primary" type="button" id="dual-start" on:click=start
                        disabled=move || create.pending().get()>{txt.dual_start}</button>
                </div>
            </div>
        </section>
    }
}

#[component]
fn ConfirmItems(
    kind: ContractType,
    selected: SelectedItems,
    on_back: Callback<()>,
    on_next: Callback<()>,
) -> impl IntoView {
    let txt = console_text();
    let (reference, description, detail) = (txt.item_columns)(kind);
    let rows = selected.get_untracked();
    let total: i64 = rows.iter().map(|r| r.amount_fen).sum();
    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{txt.step_confirm_items}</h2></header>
            <div class="card-body table-wrap">
                <table class="data-table" id="confirm-items">
                    <thead><tr><th>{reference}</th><th>{description}</th><th>{detail}</th><th class="num">{txt.col_amount}</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| {
                            // As the picker words it: an order's billing mode in the page's language.
                            let mode = r.billing_mode.map(|m| txt.billing_mode(m));
                            view! {
                                <tr><td class="mono">{r.reference}</td><td translate="no">{r.description}</td>
                                    <td translate=mode.is_none().then_some("no")>{mode.map_or(r.detail, String::from)}</td>
                                    <td class="num">{domain::money::format_yuan(r.amount_fen)}</td></tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <p class="total-line">{txt.total_label}" "<strong>{txt.money(total)}</strong>
                    {txt.capital_amount(total).map(|words| format!(" · {words}"))}</p>
                <div class="form-actions">
                    <button class="btn" type="button" on:click=move |_| on_back.run(())>{txt.prev_step}</button>
                    <button class="btn btn-primary" type="button" on:click=move |_| on_next.run(())>{txt.next_party_a}</button>
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
    let txt = console_text();
    let create = ServerAction::<CreateContract>::new();
    let checked = RwSignal::new(FieldErrors::new());
    let (errors, answered) = form_errors(create, checked);
    // Item errors belong to an earlier step: say them at the top.
    let form_error = Signal::derive(move || {
        errors
            .with(|e| e.get(ITEMS).map(|p| txt.problem(p)))
            .or_else(|| answered.get())
    });
    let navigate = use_navigate();
    after_each(create, move |result| {
        if let Ok(number) = result {
            navigate(&format!("/contracts/{number}"), Default::default());
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = fields.check();
        let items = selected.get_untracked();
        let total = items.iter().map(|r| r.amount_fen).sum();
        if let Err(e) = check_selection(kind, items.len(), total) {
            problems.add(ITEMS, e);
        }
        checked.set(problems.clone());
        if problems.is_empty() {
            create.dispatch(CreateContract {
                contract: NewContract {
                    kind,
                    channel: Channel::Single,
                    item_ids: items.iter().map(|r| r.id).collect(),
                    party_a: fields.input(),
                    confirmed: true,
                },
            });
        }
    };

    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{txt.step_party_a}</h2></header>
            <div class="card-body">
                <form class="form" novalidate on:submit=on_submit>
                    <FormError message=form_error/>
                    <PartyAFieldset name fields errors/>
                    <div class="form-actions">
                        {on_back.map(|back| view! {
                            <button class="btn" type="button" on:click=move |_| back.run(())>{txt.prev_step}</button>
                        })}
                        <button class="btn btn-primary" type="submit" disabled=move || create.pending().get()>{txt.save_draft}</button>
                    </div>
                </form>
            </div>
        </section>
    }
}
