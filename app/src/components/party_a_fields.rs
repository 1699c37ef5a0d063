//! The party A form of a contract (the wizard's step and the dual channel's 填写甲方信息):
//! the verified name shown read-only (R1), the five editable fields, and the required
//! "I confirm party A is true and valid" checkbox.

use crate::i18n::console_text;
use domain::field_errors::FieldErrors;
use domain::new_contract::CONFIRMED;
use domain::party_a::{PartyAInput, ADDRESS, CONTACT, EMAIL, PHONE, POSTCODE};
use domain::Check;
use leptos::prelude::*;

use crate::components::field::Field;

/// The form's values, kept by the caller so moving between steps loses nothing.
#[derive(Clone, Copy)]
pub struct PartyAFields {
    pub address: RwSignal<String>,
    pub contact: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub email: RwSignal<String>,
    pub postcode: RwSignal<String>,
    pub confirmed: RwSignal<bool>,
}

impl PartyAFields {
    pub fn new(saved: PartyAInput) -> Self {
        Self {
            address: RwSignal::new(saved.address),
            contact: RwSignal::new(saved.contact),
            phone: RwSignal::new(saved.phone),
            email: RwSignal::new(saved.email),
            postcode: RwSignal::new(saved.postcode),
            confirmed: RwSignal::new(false),
        }
    }

    pub fn input(&self) -> PartyAInput {
        PartyAInput {
            address: self.address.get_untracked(),
            contact: self.contact.get_untracked(),
            phone: self.phone.get_untracked(),
            email: self.email.get_untracked(),
            postcode: self.postcode.get_untracked(),
        }
    }

    /// The browser-side check: the shared party A rules plus the confirmation.
    pub fn check(&self) -> FieldErrors {
        let mut problems = domain::party_a::validate_party_a(&self.input())
            .err()
            .unwrap_or_default();
        if !self.confirmed.get_untracked() {
            problems.add(CONFIRMED, Check::ConfirmPartyARequired);
        }
        problems
    }
}

#[component]
pub fn PartyAFieldset(
    name: String,
    fields: PartyAFields,
    #[prop(into)] errors: Signal<FieldErrors>,
) -> impl IntoView {
    let txt = console_text();
    let confirm_error = move || errors.with(|e| e.get(CONFIRMED).map(|p| txt.problem(p)));
    let confirmed = fields.confirmed;
    view! {
        <div class="field">
            <span class="label">{txt.field_party_a_name}</span>
            <div class="field-readonly" id="party-a-name" translate="no">{name}</div>
            <p class="field-hint">{txt.party_a_name_locked}</p>
        </div>
        <Field label=txt.field_address name=ADDRESS value=fields.address errors=errors required=true/>
        <Field label=txt.field_contact name=CONTACT value=fields.contact errors=errors required=true/>
        <Field label=txt.field_phone name=PHONE value=fields.phone errors=errors required=true input_type="tel" hint=txt.phone_hint/>
        <Field label=txt.field_email name=EMAIL value=fields.email errors=errors required=true input_type="email"/>
        <Field label=txt.field_postcode name=POSTCODE value=fields.postcode errors=errors required=true/>
        <div class="field">
            <label class="checkbox">
                <input type="checkbox" id="f-confirmed" aria-invalid=move || confirm_error().map(|_| "true")
                    prop:checked=move || confirmed.get()
                    on:change=move |ev| confirmed.set(event_target_checked(&ev))/>
                {txt.confirm_party_a}
            </label>
            {move || confirm_error().map(|e| view! { <p class="field-error" id="f-confirmed-error">{e}</p> })}
        </div>
    }
}
