use domain::party_a::PartyAInput;
use leptos::prelude::*;
use leptos::server_fn::codec::Postcard;

use crate::dto::PartyAView;
use crate::error::AppError;

#[cfg(feature = "ssr")]
pub(crate) fn view_of(party_a: service::identity::party_a::PartyA) -> PartyAView {
    PartyAView {
        verified: party_a.name.is_some(),
        name: party_a.name,
        profile: party_a.profile,
        expiry_sms: party_a.expiry_sms,
    }
}

/// The signed-in account's party A (甲方信息); every query is scoped to the session.
#[server(prefix = "/fn", endpoint = "party_a", output = Postcard)]
pub async fn get_party_a() -> Result<PartyAView, AppError> {
    use crate::ssr::{db, require_account};
    let account = require_account().await?;
    let party_a = service::identity::party_a::of_account(&db()?, &account).await?;
    Ok(view_of(party_a))
}

#[server(prefix = "/fn", endpoint = "party_a/save", output = Postcard)]
pub async fn save_party_a(input: PartyAInput) -> Result<PartyAView, AppError> {
    use crate::ssr::{client_addr, db, require_account};
    use service::platform::audit::Actor;
    let account = require_account().await?;
    let actor = Actor::customer(account.id, client_addr());
    let party_a = service::identity::party_a::save(&db()?, account.id, &input, &actor).await?;
    Ok(view_of(party_a))
}

/// Texts the saved profile's phone when a filing contract nears its end (R24), or not.
#[server(prefix = "/fn", endpoint = "party_a/expiry_sms", output = Postcard)]
pub async fn set_expiry_sms(on: bool) -> Result<PartyAView, AppError> {
    use crate::ssr::{client_addr, db, require_account};
    use service::platform::audit::Actor;
    let account = require_account().await?;
    let actor = Actor::customer(account.id, client_addr());
    let party_a =
        service::identity::party_a::set_expiry_sms(&db()?, account.id, on, &actor).await?;
    Ok(view_of(party_a))
}
