//! R11: e-sign activation and signers. An enterprise activates e-sign once, naming an
//! e-sign administrator whose phone confirms it by SMS code; the enterprise's e-seal is
//! fixed then from its verified name. New signers start pending and the administrator
//! approves or rejects each, again confirmed by a code sent to the administrator.
//! Individuals need none of this: they sign themselves.

pub mod revisions;
pub mod sealing;
pub mod verify;

use domain::account::AccountKind;
use domain::esign::{validate_person, SignerStatus, PHONE};
use domain::ids::mask_phone;
use domain::AuditAction;
use domain::AuditDetail;
use domain::Check;
use domain::Refused;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::ctx::Ctx;
use crate::error::{ServiceError, ServiceResult};
use crate::identity::accounts::{self, Account};
use crate::platform::audit::{self, Actor, Change};
use crate::platform::db::{is_unique_violation, Db};
use crate::sms::{self, Purpose, SmsText};

/// The account's e-sign state, for the e-sign page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Esign {
    pub activated_at: Option<i64>,
    pub admin_name: Option<String>,
    /// Full number: shown to the account owner masked, used to send codes.
    pub admin_phone: Option<String>,
    /// The name on the enterprise's e-seal.
    pub seal_text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub status: SignerStatus,
    pub created_at: i64,
}

pub async fn get(db: &Db, account_id: i64) -> ServiceResult<Esign> {
    let row = sqlx::query(
        "SELECT esign_activated_at, esign_admin_name, esign_admin_phone, esign_seal_text FROM accounts WHERE id = $1",
    )
    .bind(account_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(ServiceError::NotFound)?;
    Ok(Esign {
        activated_at: row.try_get(0)?,
        admin_name: row.try_get(1)?,
        admin_phone: row.try_get(2)?,
        seal_text: row.try_get(3)?,
    })
}

/// Only verified enterprises activate e-sign.
fn require_enterprise(account: &Account) -> ServiceResult<()> {
    if account.kind != AccountKind::Enterprise {
        return Err(Refused::EsignEnterpriseOnly.into());
    }
    if !account.is_verified() {
        return Err(Refused::Gate(domain::gate::CreationBlock::Unverified).into());
    }
    Ok(())
}

/// Step 1 of activation: names the administrator and sends the code to their phone.
pub async fn start_activation(
    ctx: &Ctx,
    account_id: i64,
    name: &str,
    phone: &str,
) -> ServiceResult<()> {
    let account = accounts::find(&ctx.db, account_id).await?;
    require_enterprise(&account)?;
    if account.esign_activated {
        return Err(Refused::EsignAlreadyActivated.into());
    }
    let (name, phone) = validate_person(name, phone).map_err(ServiceError::Validation)?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    sqlx::query(
        "UPDATE accounts SET esign_admin_name = $1, esign_admin_phone = $2, updated_at = $3 \
         WHERE id = $4 AND esign_activated_at IS NULL",
    )
    .bind(&name)
    .bind(&phone)
    .bind(now)
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    let outgoing = sms::issue(
        ctx,
        &mut tx,
        account_id,
        Purpose::EsignActivation,
        account_id,
        &phone,
        |code| SmsText::ActivationCode { code },
        now,
    )
    .await?;
    tx.commit().await?;
    outgoing.send(ctx).await
}

/// Step 2 of activation: the administrator's code. Fixes the e-seal from the verified
/// name and makes the administrator the first approved signer.
pub async fn confirm_activation(
    ctx: &Ctx,
    account_id: i64,
    code: &str,
    actor: &Actor,
) -> ServiceResult<()> {
    let account = accounts::find(&ctx.db, account_id).await?;
    require_enterprise(&account)?;
    if account.esign_activated {
        return Err(Refused::EsignAlreadyActivated.into());
    }
    let esign = get(&ctx.db, account_id).await?;
    let (Some(admin_name), Some(admin_phone)) = (esign.admin_name, esign.admin_phone) else {
        return Err(ServiceError::field(domain::sms::CODE, Check::SmsCodeNone));
    };
    let now = ctx.now();
    let accepted = sms::check(ctx, Purpose::EsignActivation, account_id, code, now).await?;
    let mut tx = ctx.db.begin_write().await?;
    sms::consume(&mut tx, accepted, now).await?;
    let activated = sqlx::query(
        "UPDATE accounts SET esign_activated_at = $1, esign_seal_text = subject_name, updated_at = $1 \
         WHERE id = $2 AND esign_activated_at IS NULL",
    )
    .bind(now)
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    if activated.rows_affected() != 1 {
        return Err(Refused::EsignAlreadyActivated.into());
    }
    insert_signer(
        &mut tx,
        account_id,
        &admin_name,
        &admin_phone,
        SignerStatus::Approved,
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        now,
        actor,
        signer_change(
            account_id,
            AuditAction::EsignActivated,
            &admin_name,
            &admin_phone,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

const SIGNER_COLUMNS: &str = "id, name, phone, status, created_at";

fn signer_from_row(row: &AnyRow) -> ServiceResult<Signer> {
    let status: String = row.try_get("status")?;
    Ok(Signer {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        phone: row.try_get("phone")?,
        status: SignerStatus::parse(&status)
            .ok_or_else(|| ServiceError::Internal(format!("signer status {status}")))?,
        created_at: row.try_get("created_at")?,
    })
}

/// The account's signers, oldest first.
pub async fn signers(db: &Db, account_id: i64) -> ServiceResult<Vec<Signer>> {
    let rows = sqlx::query(&format!(
        "SELECT {SIGNER_COLUMNS} FROM signers WHERE account_id = $1 ORDER BY id"
    ))
    .bind(account_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(signer_from_row).collect()
}

/// One signer of the account (another account's signer is not found).
pub async fn signer(
    conn: &mut AnyConnection,
    account_id: i64,
    signer_id: i64,
) -> ServiceResult<Signer> {
    let row = sqlx::query(&format!(
        "SELECT {SIGNER_COLUMNS} FROM signers WHERE account_id = $1 AND id = $2"
    ))
    .bind(account_id)
    .bind(signer_id)
    .fetch_optional(conn)
    .await?
    .ok_or(ServiceError::NotFound)?;
    signer_from_row(&row)
}

/// The audit event of a signer added to the account: name and masked phone.
fn signer_change(account_id: i64, action: AuditAction, name: &str, phone: &str) -> Change {
    Change {
        account_id: Some(account_id),
        detail: Some(AuditDetail::Signer {
            name: name.to_string(),
            phone_masked: mask_phone(phone),
        }),
        ..Change::of(action)
    }
}

async fn insert_signer(
    conn: &mut AnyConnection,
    account_id: i64,
    name: &str,
    phone: &str,
    status: SignerStatus,
    now: i64,
) -> ServiceResult<i64> {
    let decided = (status != SignerStatus::Pending).then_some(now);
    let inserted = sqlx::query(
        "INSERT INTO signers (account_id, name, phone, status, created_at, decided_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(account_id)
    .bind(name)
    .bind(phone)
    .bind(status.as_str())
    .bind(now)
    .bind(decided)
    .fetch_one(conn)
    .await;
    match inserted {
        Ok(row) => Ok(row.try_get(0)?),
        Err(e) if is_unique_violation(&e) => {
            Err(ServiceError::field(PHONE, Check::SignerDuplicate))
        }
        Err(e) => Err(e.into()),
    }
}

/// Requests authorization for a new signer (pending until the administrator decides).
pub async fn add_signer(
    ctx: &Ctx,
    account_id: i64,
    name: &str,
    phone: &str,
    actor: &Actor,
) -> ServiceResult<i64> {
    let account = accounts::find(&ctx.db, account_id).await?;
    require_enterprise(&account)?;
    if !account.esign_activated {
        return Err(Refused::EsignNotActivated.into());
    }
    let (name, phone) = validate_person(name, phone).map_err(ServiceError::Validation)?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    // Each pending signer can make the administrator's phone receive codes.
    let pending: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM signers WHERE account_id = $1 AND status = $2")
            .bind(account_id)
            .bind(SignerStatus::Pending.as_str())
            .fetch_one(&mut *tx)
            .await?;
    if pending >= ctx.sms_caps.pending_signers {
        return Err(Refused::TooManyPendingSigners.into());
    }
    let id = insert_signer(
        &mut tx,
        account_id,
        &name,
        &phone,
        SignerStatus::Pending,
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        now,
        actor,
        signer_change(account_id, AuditAction::SignerRequested, &name, &phone),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Sends the administrator the code that confirms a decision on a pending signer.
pub async fn send_decision_code(ctx: &Ctx, account_id: i64, signer_id: i64) -> ServiceResult<()> {
    // Read before the transaction: holding it while taking a second pooled connection
    // could exhaust the pool under load.
    let admin_phone = get(&ctx.db, account_id)
        .await?
        .admin_phone
        .ok_or(Refused::EsignNotActivated)?;
    let mut tx = ctx.db.begin_write().await?;
    let pending = pending_signer(&mut tx, account_id, signer_id).await?;
    let outgoing = sms::issue(
        ctx,
        &mut tx,
        account_id,
        Purpose::SignerApproval,
        signer_id,
        &admin_phone,
        |code| SmsText::ApprovalCode {
            code,
            signer: pending.name.clone(),
        },
        ctx.now(),
    )
    .await?;
    tx.commit().await?;
    outgoing.send(ctx).await
}

async fn pending_signer(
    conn: &mut AnyConnection,
    account_id: i64,
    signer_id: i64,
) -> ServiceResult<Signer> {
    let found = signer(conn, account_id, signer_id).await?;
    if found.status != SignerStatus::Pending {
        return Err(Refused::SignerAlreadyDecided.into());
    }
    Ok(found)
}

/// The administrator approves or rejects a pending signer with the code they received.
pub async fn decide(
    ctx: &Ctx,
    account_id: i64,
    signer_id: i64,
    approve: bool,
    code: &str,
    actor: &Actor,
) -> ServiceResult<()> {
    let pending = pending_signer(&mut *ctx.db.pool.acquire().await?, account_id, signer_id).await?;
    let now = ctx.now();
    let accepted = sms::check(ctx, Purpose::SignerApproval, signer_id, code, now).await?;
    let status = if approve {
        SignerStatus::Approved
    } else {
        SignerStatus::Rejected
    };
    let mut tx = ctx.db.begin_write().await?;
    sms::consume(&mut tx, accepted, now).await?;
    let decided = sqlx::query(
        "UPDATE signers SET status = $1, decided_at = $2 WHERE id = $3 AND account_id = $4 AND status = $5",
    )
    .bind(status.as_str())
    .bind(now)
    .bind(signer_id)
    .bind(account_id)
    .bind(SignerStatus::Pending.as_str())
    .execute(&mut *tx)
    .await?;
    if decided.rows_affected() != 1 {
        return Err(Refused::SignerAlreadyDecided.into());
    }
    audit::record(
        &mut tx,
        now,
        actor,
        Change {
            account_id: Some(account_id),
            detail: Some(AuditDetail::Signer {
                name: pending.name.clone(),
                phone_masked: mask_phone(&pending.phone),
            }),
            ..Change::of(if approve {
                AuditAction::SignerApproved
            } else {
                AuditAction::SignerRejected
            })
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
