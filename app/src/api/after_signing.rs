//! Server functions after signing: the paper application (R13) and offline stamping
//! (R14) of the signed-in customer's effective contract.

use domain::paper::{PaperRequestInput, StampingInput};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use leptos::server_fn::codec::Postcard;

#[cfg(feature = "ssr")]
use crate::dto::{PaperView, StampingView};
use crate::error::AppError;

#[cfg(feature = "ssr")]
pub(crate) fn to_paper_view(
    p: service::after_signing::paper::PaperRequest,
    mask: bool,
) -> PaperView {
    let mut mailing = p.mailing;
    if mask {
        mailing.phone = domain::ids::mask_phone(&mailing.phone);
    }
    PaperView {
        mailing,
        copies: p.copies,
        status: p.status,
        carrier: p.carrier,
        tracking_no: p.tracking_no,
        created_at_ms: p.created_at,
        shipped_at_ms: p.shipped_at,
    }
}

#[cfg(feature = "ssr")]
pub(crate) fn to_stamping_view(
    s: service::after_signing::stamping::Stamping,
    mask: bool,
) -> StampingView {
    use domain::paper::StampingStatus as S;
    let steps = [
        (S::Submitted, Some(s.created_at)),
        (S::Received, s.received_at),
        (S::Stamped, s.stamped_at),
        (S::Returned, s.returned_at),
    ]
    .into_iter()
    .filter_map(|(status, at)| at.map(|at| (status, at)))
    .collect();
    let mut return_to = s.return_to;
    if mask {
        return_to.phone = domain::ids::mask_phone(&return_to.phone);
    }
    StampingView {
        id: s.id,
        copies: s.copies,
        courier: s.courier,
        tracking_no: s.tracking_no,
        return_to,
        status: s.status,
        return_carrier: s.return_carrier,
        return_tracking_no: s.return_tracking_no,
        steps,
    }
}

#[cfg(feature = "ssr")]
pub(crate) async fn paper_view(
    db: &service::Db,
    contract_id: i64,
) -> Result<Option<PaperView>, AppError> {
    let request = service::after_signing::paper::of_contract(db, contract_id)
        .await
        .map_err(crate::ssr::into_app)?;
    Ok(request.map(|p| to_paper_view(p, true)))
}

#[cfg(feature = "ssr")]
pub(crate) async fn stamping_views(
    db: &service::Db,
    contract_id: i64,
) -> Result<Vec<StampingView>, AppError> {
    let stampings = service::after_signing::stamping::of_contract(db, contract_id)
        .await
        .map_err(crate::ssr::into_app)?;
    Ok(stampings
        .into_iter()
        .map(|s| to_stamping_view(s, true))
        .collect())
}

/// 申请纸质合同.
#[server(prefix = "/fn", endpoint = "contracts/paper", input = Json, output = Postcard)]
pub async fn apply_paper(number: String, input: PaperRequestInput) -> Result<(), AppError> {
    let c = crate::ssr::on_contract(&number).await?;
    service::after_signing::paper::apply_for_paper(
        &c.ctx,
        c.account_id,
        &c.number,
        &input,
        &c.actor,
    )
    .await
    .map_err(AppError::from)
}

/// 线下盖章: the stamped copies are on their way to the provider.
#[server(prefix = "/fn", endpoint = "contracts/stamping", input = Json, output = Postcard)]
pub async fn submit_stamping(number: String, input: StampingInput) -> Result<(), AppError> {
    let c = crate::ssr::on_contract(&number).await?;
    service::after_signing::stamping::submit(&c.ctx, c.account_id, &c.number, &input, &c.actor)
        .await
        .map_err(AppError::from)
}
