//! Server functions of the e-sign page (R11): activation with the administrator's code,
//! signers, and the administrator's approvals.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use leptos::server_fn::codec::Postcard;

use crate::dto::EsignView;
#[cfg(feature = "ssr")]
use crate::dto::SignerView;
use crate::error::AppError;

#[cfg(feature = "ssr")]
pub(crate) fn signer_view(s: service::esign::Signer) -> SignerView {
    SignerView {
        id: s.id,
        name: s.name,
        phone_masked: domain::ids::mask_phone(&s.phone),
        status: s.status,
        created_at_ms: s.created_at,
    }
}

#[server(prefix = "/fn", endpoint = "esign", input = Json, output = Postcard)]
pub async fn esign_overview() -> Result<EsignView, AppError> {
    use crate::ssr::{db, require_account};
    let account = require_account().await?;
    let db = db()?;
    let esign = service::esign::get(&db, account.id).await?;
    let signers = service::esign::signers(&db, account.id).await?;
    let activated = esign.activated_at.is_some();
    Ok(EsignView {
        kind: account.kind,
        verified: account.is_verified(),
        activated_at_ms: esign.activated_at,
        pending_admin: esign.admin_name.clone().filter(|_| !activated),
        admin_name: esign.admin_name.filter(|_| activated),
        admin_phone_masked: esign.admin_phone.map(|p| domain::ids::mask_phone(&p)),
        seal_text: esign.seal_text,
        signers: signers.into_iter().map(signer_view).collect(),
    })
}

/// Names the administrator and sends the activation code to their phone.
#[server(prefix = "/fn", endpoint = "esign/start", input = Json, output = Postcard)]
pub async fn start_esign_activation(name: String, phone: String) -> Result<(), AppError> {
    use crate::ssr::{ctx, require_account};
    let account = require_account().await?;
    service::esign::start_activation(&ctx()?, account.id, &name, &phone)
        .await
        .map_err(AppError::from)
}

#[server(prefix = "/fn", endpoint = "esign/activate", input = Json, output = Postcard)]
pub async fn confirm_esign_activation(code: String) -> Result<(), AppError> {
    use crate::ssr::{ctx, require_actor};
    let (account, actor) = require_actor().await?;
    service::esign::confirm_activation(&ctx()?, account.id, &code, &actor)
        .await
        .map_err(AppError::from)
}

#[server(prefix = "/fn", endpoint = "esign/signers/add", input = Json, output = Postcard)]
pub async fn add_signer(name: String, phone: String) -> Result<(), AppError> {
    use crate::ssr::{ctx, require_actor};
    let (account, actor) = require_actor().await?;
    service::esign::add_signer(&ctx()?, account.id, &name, &phone, &actor)
        .await
        .map(|_| ())
        .map_err(AppError::from)
}

/// Sends the administrator the code for a decision on a pending signer.
#[server(prefix = "/fn", endpoint = "esign/signers/code", input = Json, output = Postcard)]
pub async fn send_approval_code(signer_id: i64) -> Result<(), AppError> {
    use crate::ssr::{ctx, require_account};
    let account = require_account().await?;
    service::esign::send_decision_code(&ctx()?, account.id, signer_id)
        .await
        .map_err(AppError::from)
}

#[server(prefix = "/fn", endpoint = "esign/signers/decide", input = Json, output = Postcard)]
pub async fn decide_signer(signer_id: i64, approve: bool, code: String) -> Result<(), AppError> {
    use crate::ssr::{ctx, require_actor};
    let (account, actor) = require_actor().await?;
    service::esign::decide(&ctx()?, account.id, signer_id, approve, &code, &actor)
        .await
        .map_err(AppError::from)
}
