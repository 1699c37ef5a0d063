//! 线下盖章 (R14): the customer mails stamped printed copies with a tracking number and a
//! return address (final once submitted); operators record receipt, counter-stamping and
//! the return shipment. The contract's status does not change; the parcel has its own.

use domain::paper::{
    validate_shipment, validate_stamping, MailingAddress, StampingInput, StampingStatus, CARRIER,
};
use domain::status::apply;
use domain::AuditAction;
use domain::AuditDetail;
use domain::ContractNumber;
use domain::Operation;
use domain::Refused;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::contracts::{find_for_account, load};
use crate::ctx::Ctx;
use crate::error::{ServiceError, ServiceResult};
use crate::platform::audit::{self, Actor, Change};
use crate::platform::db::{is_unique_violation, Db};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamping {
    pub id: i64,
    pub contract_id: i64,
    pub copies: i64,
    pub courier: String,
    pub tracking_no: String,
    pub return_to: MailingAddress,
    pub status: StampingStatus,
    pub return_carrier: Option<String>,
    pub return_tracking_no: Option<String>,
    pub created_at: i64,
    pub received_at: Option<i64>,
    pub stamped_at: Option<i64>,
    pub returned_at: Option<i64>,
}

pub(crate) const COLUMNS: &str = "s.id, s.contract_id, s.copies, s.courier, s.tracking_no, \
    s.return_recipient, s.return_phone, s.return_province, s.return_city, s.return_district, \
    s.return_address, s.return_postcode, s.status, s.return_carrier, s.return_tracking_no, \
    s.created_at, s.received_at, s.stamped_at, s.returned_at";

pub(crate) fn from_row(row: &AnyRow) -> ServiceResult<Stamping> {
    let status: String = row.try_get("status")?;
    Ok(Stamping {
        id: row.try_get("id")?,
        contract_id: row.try_get("contract_id")?,
        copies: row.try_get("copies")?,
        courier: row.try_get("courier")?,
        tracking_no: row.try_get("tracking_no")?,
        return_to: crate::after_signing::paper::mailing_from_row(row, "return_")?,
        status: StampingStatus::parse(&status)
            .ok_or_else(|| ServiceError::Internal(format!("stamping status {status}")))?,
        return_carrier: row.try_get("return_carrier")?,
        return_tracking_no: row.try_get("return_tracking_no")?,
        created_at: row.try_get("created_at")?,
        received_at: row.try_get("received_at")?,
        stamped_at: row.try_get("stamped_at")?,
        returned_at: row.try_get("returned_at")?,
    })
}

/// The contract's stampings, newest first.
pub async fn of_contract(db: &Db, contract_id: i64) -> ServiceResult<Vec<Stamping>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM offline_stampings s WHERE s.contract_id = $1 ORDER BY s.id DESC"
    ))
    .bind(contract_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(from_row).collect()
}

/// The customer has mailed the stamped copies.
pub async fn submit(
    ctx: &Ctx,
    account_id: i64,
    number: &ContractNumber,
    input: &StampingInput,
    actor: &Actor,
) -> ServiceResult<()> {
    let contract = find_for_account(&ctx.db, account_id, number).await?;
    apply(contract.channel, contract.state, Operation::OfflineStamping)?;
    let valid = validate_stamping(input).map_err(ServiceError::Validation)?;
    let r = &valid.return_to;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let inserted = sqlx::query(
        "INSERT INTO offline_stampings (contract_id, copies, courier, tracking_no, return_recipient, \
         return_phone, return_province, return_city, return_district, return_address, return_postcode, \
         status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'submitted', $12)",
    )
    .bind(contract.id)
    .bind(valid.copies)
    .bind(&valid.courier)
    .bind(&valid.tracking_no)
    .bind(&r.recipient)
    .bind(&r.phone)
    .bind(&r.province)
    .bind(&r.city)
    .bind(&r.district)
    .bind(&r.address)
    .bind(&r.postcode)
    .bind(now)
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {}
        // One parcel in progress per contract (a partial unique index).
        Err(e) if is_unique_violation(&e) => return Err(Refused::StampingInProgress.into()),
        Err(e) => return Err(e.into()),
    }
    audit::record(
        &mut tx,
        now,
        actor,
        Change {
            account_id: Some(account_id),
            contract_id: Some(contract.id),
            detail: Some(AuditDetail::StampingSubmitted {
                copies: valid.copies,
                courier: valid.courier.clone(),
                tracking_no: valid.tracking_no.clone(),
            }),
            ..Change::of(AuditAction::OfflineStamping)
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An operator moves a parcel one step on: received → stamped → returned (the last with
/// the return carrier and tracking number). `to` must be the parcel's next step, so a
/// stale page cannot skip or repeat one.
pub async fn advance(
    ctx: &Ctx,
    stamping_id: i64,
    to: StampingStatus,
    return_shipment: Option<(&str, &str)>,
    actor: &Actor,
) -> ServiceResult<()> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM offline_stampings s WHERE s.id = $1"
    ))
    .bind(stamping_id)
    .fetch_optional(&ctx.db.pool)
    .await?
    .ok_or(Refused::StampingNotFound)?;
    let stamping = from_row(&row)?;
    if stamping.status.next() != Some(to) {
        return Err(Refused::StampingStepStale.into());
    }
    let shipment = match to {
        StampingStatus::Returned => {
            let (carrier, tracking) = return_shipment.unwrap_or_default();
            Some(validate_shipment(carrier, tracking, CARRIER).map_err(ServiceError::Validation)?)
        }
        _ => None,
    };
    let stamp = match to {
        StampingStatus::Received => "received_at",
        StampingStatus::Stamped => "stamped_at",
        _ => "returned_at",
    };
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let (carrier, tracking) = shipment.clone().unzip();
    let moved = sqlx::query(&format!(
        "UPDATE offline_stampings SET status = $1, {stamp} = $2, \
         return_carrier = COALESCE($3, return_carrier), return_tracking_no = COALESCE($4, return_tracking_no) \
         WHERE id = $5 AND status = $6"
    ))
    .bind(to.as_str())
    .bind(now)
    .bind(carrier)
    .bind(tracking)
    .bind(stamping_id)
    .bind(stamping.status.as_str())
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() != 1 {
        return Err(Refused::StampingStepStale.into());
    }
    let contract = load(&mut tx, stamping.contract_id).await?;
    audit::record(
        &mut tx,
        now,
        actor,
        Change {
            account_id: Some(contract.account_id),
            contract_id: Some(contract.id),
            detail: shipment.map(|(carrier, tracking_no)| AuditDetail::Shipment {
                carrier: carrier.to_string(),
                tracking_no: tracking_no.to_string(),
            }),
            ..Change::of(match to {
                StampingStatus::Received => AuditAction::StampingReceived,
                StampingStatus::Stamped => AuditAction::StampingStamped,
                _ => AuditAction::StampingReturned,
            })
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
