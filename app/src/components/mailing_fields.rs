//! The fields of a mailing address (recipient, phone, province / city / district, street,
//! postcode), bound to signals kept by the caller. Field ids carry a prefix so two
//! address forms can share a page.

use crate::i18n::console_text;
use domain::field_errors::FieldErrors;
use domain::paper::{
    MailingAddress, ADDRESS, CITY, DISTRICT, PHONE, POSTCODE, PROVINCE, RECIPIENT,
};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct MailingSignals {
    pub recipient: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub province: RwSignal<String>,
    pub city: RwSignal<String>,
    pub district: RwSignal<String>,
    pub address: RwSignal<String>,
    pub postcode: RwSignal<String>,
}

impl MailingSignals {
    pub fn new() -> Self {
        Self {
            recipient: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
            province: RwSignal::new(String::new()),
            city: RwSignal::new(String::new()),
            district: RwSignal::new(String::new()),
            address: RwSignal::new(String::new()),
            postcode: RwSignal::new(String::new()),
        }
    }

    pub fn value(&self) -> MailingAddress {
        MailingAddress {
            recipient: self.recipient.get_untracked(),
            phone: self.phone.get_untracked(),
            province: self.province.get_untracked(),
            city: self.city.get_untracked(),
            district: self.district.get_untracked(),
            address: self.address.get_untracked(),
            postcode: self.postcode.get_untracked(),
        }
    }
}

impl Default for MailingSignals {
    fn default() -> Self {
        Self::new()
    }
}

/// One labelled input with its field error; `id` is `{prefix}-{name}`.
#[component]
fn AddressInput(
    prefix: &'static str,
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    errors: Signal<FieldErrors>,
    #[prop(default = "text")] input_type: &'static str,
) -> impl IntoView {
    let id = format!("{prefix}-{name}");
    let error_id = format!("{id}-error");
    let txt = console_text();
    let error = move || errors.with(|e| e.get(name).map(|p| txt.problem(p)));
    let described = {
        let error_id = error_id.clone();
        move || error().map(|_| error_id.clone())
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}<span class="required" aria-hidden="true">"*"</span></label>
            <input class="input" id=id type=input_type aria-required="true"
                aria-invalid=move || error().map(|_| "true") aria-describedby=described bind:value=value/>
            {move || error().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
        </div>
    }
}

#[component]
pub fn MailingFields(
    prefix: &'static str,
    signals: MailingSignals,
    #[prop(into)] errors: Signal<FieldErrors>,
) -> impl IntoView {
    let txt = console_text();
    view! {
        <div class="grid-2 form-grid">
            <AddressInput prefix label=txt.paper_field_recipient name=RECIPIENT value=signals.recipient errors/>
            <AddressInput prefix label=txt.paper_field_phone name=PHONE value=signals.phone errors input_type="tel"/>
        </div>
        <div class="grid-3 form-grid">
            <AddressInput prefix label=txt.paper_field_province name=PROVINCE value=signals.province errors/>
            <AddressInput prefix label=txt.paper_field_city name=CITY value=signals.city errors/>
            <AddressInput prefix label=txt.paper_field_district name=DISTRICT value=signals.district errors/>
        </div>
        <AddressInput prefix label=txt.paper_field_address name=ADDRESS value=signals.address errors/>
        <AddressInput prefix label=txt.paper_field_postcode name=POSTCODE value=signals.postcode errors/>
    }
}
