use leptos::prelude::*;

use crate::dto::ContractHomeView;
use crate::error::AppError;

/// Everything the contract home shows: party A card and which contracts can be created.
#[server(prefix = "/fn", endpoint = "contracts/home")]
pub async fn contract_home() -> Result<ContractHomeView, AppError> {
    use crate::api::party_a::view_of;
    use crate::dto::CreateOption;
    use crate::ssr::{db, into_app, require_account};
    use domain::contract::ContractType;
    use domain::gate::creation_block;

    let account = require_account().await?;
    let db = db()?;
    let facts = service::home::gate_facts(&db, &account)
        .await
        .map_err(into_app)?;
    let party_a = service::party_a::get(&db, account.id)
        .await
        .map_err(into_app)?;
    Ok(ContractHomeView {
        party_a: view_of(party_a),
        create: ContractType::ALL
            .iter()
            .map(|&kind| CreateOption {
                kind,
                blocked: creation_block(kind, &facts),
            })
            .collect(),
    })
}
