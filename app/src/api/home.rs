use leptos::prelude::*;
use leptos::server_fn::codec::Postcard;

use crate::dto::ContractHomeView;
use crate::error::AppError;

/// The signed-in account's creation-gate facts and party A: what both the contract home
/// and the creation wizard start from.
#[cfg(feature = "ssr")]
pub(crate) async fn gate_and_party_a(
) -> Result<(domain::gate::GateFacts, crate::dto::PartyAView), AppError> {
    use crate::api::party_a::view_of;
    use crate::ssr::{db, require_account};
    let account = require_account().await?;
    let db = db()?;
    let (facts, party_a) = service::contracts::home::facts(&db, &account).await?;
    Ok((facts, view_of(party_a)))
}

/// Everything the contract home shows: party A card and which contracts can be created.
#[server(prefix = "/fn", endpoint = "contracts/home", output = Postcard)]
pub async fn contract_home() -> Result<ContractHomeView, AppError> {
    use crate::dto::CreateOption;
    use domain::contract::ContractType;
    use domain::gate::creation_block;

    use crate::ssr::{db, require_account};
    let account = require_account().await?;
    let db = db()?;
    let (facts, party_a, expiring) = service::contracts::home::home(&db, &account).await?;
    let party_a = crate::api::party_a::view_of(party_a);
    let now = db.now();
    let expiring = expiring
        .into_iter()
        .map(|(number, expires_at)| crate::dto::ExpiringView {
            number,
            days_left: domain::expiry::days_left(now, expires_at),
        })
        .collect();
    Ok(ContractHomeView {
        expiring,
        party_a,
        create: ContractType::ALL
            .iter()
            .map(|&kind| CreateOption {
                kind,
                blocked: creation_block(kind, &facts),
            })
            .collect(),
    })
}
