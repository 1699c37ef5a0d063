//! 申请纸质合同 (R13): the customer's request on an effective contract, its mailing
//! information, and the operator's shipment (carrier and tracking number), each a guarded
//! transition of the status machine with its audit event.

use domain::paper::{
    validate_paper_request, validate_shipment, MailingAddress, PaperRequestInput, PaperStatus,
    CARRIER,
};
use domain::AuditAction;
use domain::AuditDetail;
use domain::ContractNumber;
use domain::Operation;
use domain::Refused;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::contracts::{decide, decide_on, find_any};
use crate::ctx::Ctx;
use crate::error::{ServiceError, ServiceResult};
use crate::platform::audit::Actor;
use crate::platform::db::{is_unique_violation, Db};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperRequest {
    pub id: i64,
    pub contract_id: i64,
    pub mailing: MailingAddress,
    pub copies: i64,
    pub status: PaperStatus,
    pub carrier: Option<String>,
    pub tracking_no: Option<String>,
    pub created_at: i64,
    pub shipped_at: Option<i64>,
}

pub(crate) const COLUMNS: &str = "p.id, p.contract_id, p.recipient, p.phone, p.province, p.city, \
    p.district, p.address, p.postcode, p.copies, p.status, p.carrier, p.tracking_no, p.created_at, p.shipped_at";

pub(crate) fn from_row(row: &AnyRow) -> ServiceResult<PaperRequest> {
    let status: String = row.try_get("status")?;
    Ok(PaperRequest {
        id: row.try_get("id")?,
        contract_id: row.try_get("contract_id")?,
        mailing: mailing_from_row(row, "")?,
        copies: row.try_get("copies")?,
        status: PaperStatus::parse(&status)
            .ok_or_else(|| ServiceError::Internal(format!("paper status {status}")))?,
        carrier: row.try_get("carrier")?,
        tracking_no: row.try_get("tracking_no")?,
        created_at: row.try_get("created_at")?,
        shipped_at: row.try_get("shipped_at")?,
    })
}

/// A mailing address stored as `{prefix}recipient`, `{prefix}phone`, … columns.
pub(crate) fn mailing_from_row(row: &AnyRow, prefix: &str) -> ServiceResult<MailingAddress> {
    let get = |column: &str| row.try_get::<String, _>(format!("{prefix}{column}").as_str());
    Ok(MailingAddress {
        recipient: get("recipient")?,
        phone: get("phone")?,
        province: get("province")?,
        city: get("city")?,
        district: get("district")?,
        address: get("address")?,
        postcode: get("postcode")?,
    })
}

/// The contract's paper request, if it has one.
pub async fn of_contract(db: &Db, contract_id: i64) -> ServiceResult<Option<PaperRequest>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM paper_requests p WHERE p.contract_id = $1"
    ))
    .bind(contract_id)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// 申请纸质合同: effective contracts only; the address is final once submitted.
pub async fn apply_for_paper(
    ctx: &Ctx,
    account_id: i64,
    number: &ContractNumber,
    input: &PaperRequestInput,
    actor: &Actor,
) -> ServiceResult<()> {
    let decided = decide(ctx, account_id, number, Operation::ApplyPaper).await?;
    let valid = validate_paper_request(input).map_err(ServiceError::Validation)?;
    let mut step = decided.begin(ctx).await?;
    insert(&mut step.tx, step.contract.id, &valid, step.now).await?;
    let detail = AuditDetail::PaperRequested {
        copies: valid.copies,
        city: valid.mailing.city.clone(),
    };
    step.finish(actor, AuditAction::ApplyPaper, Some(detail))
        .await?;
    Ok(())
}

async fn insert(
    conn: &mut AnyConnection,
    contract_id: i64,
    input: &PaperRequestInput,
    now: i64,
) -> ServiceResult<()> {
    let m = &input.mailing;
    let inserted = sqlx::query(
        "INSERT INTO paper_requests (contract_id, recipient, phone, province, city, district, address, \
         postcode, copies, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'requested', $10)",
    )
    .bind(contract_id)
    .bind(&m.recipient)
    .bind(&m.phone)
    .bind(&m.province)
    .bind(&m.city)
    .bind(&m.district)
    .bind(&m.address)
    .bind(&m.postcode)
    .bind(input.copies)
    .bind(now)
    .execute(conn)
    .await;
    match inserted {
        Ok(_) => Ok(()),
        Err(e) if is_unique_violation(&e) => Err(Refused::StateChangedMeanwhile.into()),
        Err(e) => Err(e.into()),
    }
}

/// The operator ships the paper copies: carrier and tracking number, shown to the
/// customer from then on.
pub async fn ship(
    ctx: &Ctx,
    number: &ContractNumber,
    carrier: &str,
    tracking_no: &str,
    actor: &Actor,
) -> ServiceResult<()> {
    let (carrier, tracking_no) =
        validate_shipment(carrier, tracking_no, CARRIER).map_err(ServiceError::Validation)?;
    let decided = decide_on(find_any(&ctx.db, number).await?, Operation::PaperShipped)
        .map_err(|_| Refused::PaperNotRequested)?;
    let mut step = decided.begin(ctx).await?;
    sqlx::query(
        "UPDATE paper_requests SET status = $1, carrier = $2, tracking_no = $3, shipped_at = $4 \
         WHERE contract_id = $5 AND status = $6",
    )
    .bind(PaperStatus::Shipped.as_str())
    .bind(&carrier)
    .bind(&tracking_no)
    .bind(step.now)
    .bind(step.contract.id)
    .bind(PaperStatus::Requested.as_str())
    .execute(&mut *step.tx)
    .await?;
    let detail = AuditDetail::Shipment {
        carrier: carrier.to_string(),
        tracking_no: tracking_no.to_string(),
    };
    step.finish(actor, AuditAction::PaperShipped, Some(detail))
        .await?;
    Ok(())
}
