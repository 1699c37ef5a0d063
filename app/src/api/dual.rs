//! Server functions of the dual channel's steps on the contract page (R11, R12).

use domain::esign::SignerChoice;
use domain::mark::Stroke;
use domain::party_a::PartyAInput;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use leptos::server_fn::codec::Postcard;

use crate::error::AppError;

/// The step panel's data for a dual-channel contract of `account`.
#[cfg(feature = "ssr")]
pub(crate) async fn dual_view(
    account: &service::identity::accounts::Account,
    contract: &service::contracts::Contract,
) -> Result<crate::dto::DualView, AppError> {
    use crate::ssr::ctx;
    use domain::esign::SignerStatus;
    use domain::ids::mask_phone;
    let ctx = ctx()?;
    let signers = service::esign::signers(&ctx.db, account.id).await?;
    let esign = service::esign::get(&ctx.db, account.id).await?;
    let resend_wait_secs = match contract.state {
        domain::ContractState::CUSTOMER_SIGNING => {
            service::contracts::resend_wait_secs(&ctx, contract).await?
        }
        _ => 0,
    };
    let remind_wait_ms = domain::sms::remind_wait_ms(contract.reminded_at, ctx.now());
    Ok(crate::dto::DualView {
        account_kind: account.kind,
        signer: contract
            .signer
            .as_ref()
            .map(|s| (s.name.clone(), mask_phone(&s.phone))),
        approved_signers: signers
            .into_iter()
            .filter(|s| s.status == SignerStatus::Approved)
            .map(crate::api::esign::signer_view)
            .collect(),
        default_phone: contract.party_a.phone.clone(),
        seal_text: esign.seal_text,
        resend_wait_secs,
        remind_wait_secs: domain::sms::wait_seconds(remind_wait_ms),
        customer_signed_at_ms: contract.customer_signed_at,
        signing_deadline_ms: contract
            .signing_deadline_at
            .filter(|_| contract.state == domain::ContractState::CUSTOMER_SIGNING),
    })
}

/// 填写甲方信息 of a dual-channel contract.
#[server(prefix = "/fn", endpoint = "dual/party_a", input = Json, output = Postcard)]
pub async fn save_dual_party_a(
    number: String,
    party_a: PartyAInput,
    confirmed: bool,
) -> Result<(), AppError> {
    let c = crate::ssr::on_contract(&number).await?;
    service::contracts::save_party_a(
        &c.ctx,
        c.account_id,
        &c.number,
        &party_a,
        confirmed,
        &c.actor,
    )
    .await
    .map(|_| ())
    .map_err(AppError::from)
}

/// 确认签署信息: fixes the signer and sends the first code.
#[server(prefix = "/fn", endpoint = "dual/signer", input = Json, output = Postcard)]
pub async fn confirm_dual_signer(number: String, choice: SignerChoice) -> Result<(), AppError> {
    let c = crate::ssr::on_contract(&number).await?;
    service::contracts::confirm_signer(&c.ctx, c.account_id, &c.number, &choice, &c.actor)
        .await
        .map(|_| ())
        .map_err(AppError::from)
}

/// 重新发送 (no sooner than 60 s after the last code).
#[server(prefix = "/fn", endpoint = "dual/resend", input = Json, output = Postcard)]
pub async fn resend_signing_code(number: String) -> Result<(), AppError> {
    let c = crate::ssr::on_contract(&number).await?;
    service::contracts::resend_code(&c.ctx, c.account_id, &c.number, &c.actor)
        .await
        .map_err(AppError::from)
}

/// 确认签署: the code, and the drawn signature of an individual.
#[server(prefix = "/fn", endpoint = "dual/sign", input = Json, output = Postcard)]
pub async fn sign_contract(
    number: String,
    code: String,
    strokes: Option<Vec<Stroke>>,
) -> Result<(), AppError> {
    let c = crate::ssr::on_contract(&number).await?;
    service::contracts::customer_sign(&c.ctx, c.account_id, &c.number, &code, strokes, &c.actor)
        .await
        .map(|_| ())
        .map_err(AppError::from)
}

/// 催签.
#[server(prefix = "/fn", endpoint = "dual/remind", input = Json, output = Postcard)]
pub async fn remind_signer(number: String) -> Result<(), AppError> {
    let c = crate::ssr::on_contract(&number).await?;
    service::contracts::remind(&c.ctx, c.account_id, &c.number, &c.actor)
        .await
        .map_err(AppError::from)
}
