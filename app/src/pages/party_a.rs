//! 甲方信息管理: the name comes from real-name verification and cannot be edited (R1);
//! the rest is validated in the browser before submitting and again on the server.

use crate::i18n::console_text;
use domain::field_errors::FieldErrors;
use domain::party_a::{validate_party_a, PartyAInput, ADDRESS, CONTACT, EMAIL, PHONE, POSTCODE};
use leptos::prelude::*;

use crate::api::party_a::{get_party_a, SavePartyA, SetExpirySms};
use crate::components::console::ConsoleLayout;
use crate::components::field::{Field, FormError};
use crate::components::load_error::error_alert;
use crate::components::submission::{after_each, form_errors};
use crate::components::toast::{use_toasts, ToastKind};
use crate::dto::PartyAView;

#[component]
pub fn PartyAPage() -> impl IntoView {
    let txt = console_text();
    let party_a = crate::resource::data(|| (), |_| get_party_a());
    view! {
        <ConsoleLayout title=txt.party_a_title crumb=txt.crumb_party_a>
            <Suspense fallback=|| view! { <p class="muted">{txt.loading}</p> }>
                {move || Suspend::new(async move {
                    match party_a.await {
                        Ok(view) if view.verified => view! {
                            <ExpirySms on=view.expiry_sms/>
                            <PartyAForm view/>
                        }.into_any(),
                        Ok(_) => view! {
                            <div class="alert alert-warning">
                                <strong>{txt.gate_unverified_title}</strong>
                                <p>{txt.party_a_needs_verification}" "<a href="/account">{txt.gate_go_verify}</a></p>
                            </div>
                        }.into_any(),
                        Err(e) => error_alert(e),
                    }
                })}
            </Suspense>
        </ConsoleLayout>
    }
}

/// Whether expiry notices are also texted to the phone each filing contract names for
/// party A (R24): saved as it is ticked, confirmed by a toast.
#[component]
fn ExpirySms(on: bool) -> impl IntoView {
    let words = crate::i18n::console::expiry_sms::expiry_sms_text();
    let txt = console_text();
    let set = ServerAction::<SetExpirySms>::new();
    let toasts = use_toasts();
    after_each(set, move |result| match result {
        Ok(view) => toasts.push(
            ToastKind::Success,
            if view.expiry_sms { words.on } else { words.off },
        ),
        Err(e) => toasts.push(ToastKind::Error, txt.error(&e)),
    });
    view! {
        <section class="card" id="expiry-sms-card">
            <header class="card-header"><h2 class="card-title">{words.title}</h2></header>
            <div class="card-body">
                <label class="checkbox">
                    <input type="checkbox" id="expiry-sms" prop:checked=on disabled=move || set.pending().get()
                        on:change=move |ev| { set.dispatch(SetExpirySms { on: event_target_checked(&ev) }); }/>
                    " "{words.label}
                </label>
            </div>
        </section>
    }
}

#[component]
fn PartyAForm(view: PartyAView) -> impl IntoView {
    let txt = console_text();
    let saved = view.profile.unwrap_or_default();
    let address = RwSignal::new(saved.address);
    let contact = RwSignal::new(saved.contact);
    let phone = RwSignal::new(saved.phone);
    let email = RwSignal::new(saved.email);
    let postcode = RwSignal::new(saved.postcode);
    let checked = RwSignal::new(FieldErrors::new());
    let save = ServerAction::<SavePartyA>::new();
    let (errors, form_error) = form_errors(save, checked);
    let toasts = use_toasts();
    after_each(save, move |result| {
        if result.is_ok() {
            toasts.push(ToastKind::Success, txt.party_a_saved);
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = PartyAInput {
            address: address.get_untracked(),
            contact: contact.get_untracked(),
            phone: phone.get_untracked(),
            email: email.get_untracked(),
            postcode: postcode.get_untracked(),
        };
        // The same rules the server applies: errors show at once, nothing is sent.
        match validate_party_a(&input) {
            Ok(_) => {
                checked.set(FieldErrors::new());
                save.dispatch(SavePartyA { input });
            }
            Err(fields) => checked.set(fields),
        }
    };

    view! {
        <section class="card">
            <header class="card-header"><h2 class="card-title">{txt.party_a_form_title}</h2></header>
            <div class="card-body">
                <form class="form" novalidate on:submit=on_submit>
                    <FormError message=form_error/>
                    <div class="field">
                        <span class="label">{txt.field_party_a_name}</span>
                        <div class="field-readonly" id="party-a-name" translate="no">{view.name.unwrap_or_default()}</div>
                        <p class="field-hint">{txt.party_a_name_locked}</p>
                    </div>
                    <Field label=txt.field_address name=ADDRESS value=address errors=errors required=true autocomplete="street-address"/>
                    <Field label=txt.field_contact name=CONTACT value=contact errors=errors required=true autocomplete="name"/>
                    <Field label=txt.field_phone name=PHONE value=phone errors=errors required=true input_type="tel"
                        autocomplete="tel" hint=txt.phone_hint/>
                    <Field label=txt.field_email name=EMAIL value=email errors=errors required=true input_type="email" autocomplete="email"/>
                    <Field label=txt.field_postcode name=POSTCODE value=postcode errors=errors required=true autocomplete="postal-code"/>
                    <div class="form-actions">
                        <button class="btn btn-primary" type="submit" disabled=move || save.pending().get()>{txt.save}</button>
                    </div>
                </form>
            </div>
        </section>
    }
}
