//! The dual-party e-signature channel's steps that carry input (R9, R11, R12): party A
//! (填写甲方信息), the signer (确认签署信息, which sends the first code), resending the
//! code, the customer's signature (code + drawn signature or enterprise e-seal), and
//! 催签. Steps without input (确认合同文本内容, 取消签署, 删除) go through `perform`.
//! Each step is a guarded transition of the status machine, so a customer who leaves
//! comes back to the same step, and two racing requests cannot both move a contract.

use domain::account::AccountKind;
use domain::esign::{validate_mobile, SignerChoice, SignerStatus, PHONE, SIGNER};
use domain::ids::mask_phone;
use domain::mark::{validate_strokes, CustomerMark, Stroke, SIGNATURE};
use domain::new_contract::CONFIRMED;
use domain::party_a::{validate_party_a, PartyAInput};
use domain::reminders::MAX_REMINDERS;
use domain::sms::remind_wait_ms;
use domain::AuditAction;
use domain::AuditDetail;
use domain::Check;
use domain::ContractNumber;
use domain::Refused;
use domain::{ContractState, Operation};

use super::query::find_for_account;
use super::row::{Contract, SignerSnapshot};
use super::step::{decide, event_on, Decided};
use crate::contracts::reminders;
use crate::ctx::Ctx;
use crate::error::{ServiceError, ServiceResult};
use crate::esign;
use crate::identity::accounts;
use crate::platform::audit::{self, Actor, Change};
use crate::platform::jobs::{self, JobKind};
use crate::sms::{self, Purpose, SmsMessage, SmsText};

/// 填写甲方信息: validates and snapshots party A (the name stays the verified subject,
/// R1) and queues the draft.
pub async fn save_party_a(
    ctx: &Ctx,
    account_id: i64,
    number: &ContractNumber,
    input: &PartyAInput,
    confirmed: bool,
    actor: &Actor,
) -> ServiceResult<ContractState> {
    let decided = decide(ctx, account_id, number, Operation::SavePartyA).await?;
    let checked = validate_party_a(input);
    let mut errors = checked.clone().err().unwrap_or_default();
    if !confirmed {
        errors.add(CONFIRMED, Check::ConfirmPartyARequired);
    }
    let party_a = checked
        .ok()
        .filter(|_| errors.is_empty())
        .ok_or(ServiceError::Validation(errors))?;
    let mut step = decided.begin(ctx).await?;
    let (contract_id, now) = (step.contract.id, step.now);
    sqlx::query(
        "UPDATE contracts SET party_a_address = $1, party_a_contact = $2, party_a_phone = $3, \
         party_a_email = $4, party_a_postcode = $5 WHERE id = $6",
    )
    .bind(&party_a.address)
    .bind(&party_a.contact)
    .bind(&party_a.phone)
    .bind(&party_a.email)
    .bind(&party_a.postcode)
    .bind(contract_id)
    .execute(&mut *step.tx)
    .await?;
    let at = now + ctx.delays.draft_ms;
    jobs::enqueue(&mut step.tx, JobKind::GenerateDraft, contract_id, at, now).await?;
    step.finish(actor, AuditAction::ContractPartyASaved, None)
        .await
}

/// The signer a choice names: an approved signer of the enterprise, or the individual
/// themself at the phone they confirmed.
async fn resolve_signer(
    ctx: &Ctx,
    account_id: i64,
    choice: &SignerChoice,
) -> ServiceResult<SignerSnapshot> {
    let account = accounts::find(&ctx.db, account_id).await?;
    match (account.kind, choice) {
        (AccountKind::Enterprise, SignerChoice::Signer { signer_id }) => {
            let mut conn = ctx.db.pool.acquire().await?;
            match esign::signer(&mut conn, account_id, *signer_id).await {
                Ok(s) if s.status == SignerStatus::Approved => Ok(SignerSnapshot {
                    signer_id: Some(s.id),
                    name: s.name,
                    phone: s.phone,
                }),
                Ok(_) => Err(ServiceError::field(SIGNER, Check::SignerNotApproved)),
                // Another account's signer is indistinguishable from a missing one.
                Err(e) => Err(e),
            }
        }
        (AccountKind::Individual, SignerChoice::Myself { phone }) => {
            validate_mobile(phone).map_err(|e| ServiceError::field(PHONE, e))?;
            Ok(SignerSnapshot {
                signer_id: None,
                name: account.subject_name.unwrap_or_default(),
                phone: phone.trim().to_string(),
            })
        }
        (AccountKind::Enterprise, _) => Err(ServiceError::field(SIGNER, Check::SignerNotApproved)),
        (AccountKind::Individual, _) => Err(ServiceError::field(PHONE, Check::PhoneRequired)),
    }
}

/// 确认签署信息: fixes the signer and sends the first signing code (R12).
pub async fn confirm_signer(
    ctx: &Ctx,
    account_id: i64,
    number: &ContractNumber,
    choice: &SignerChoice,
    actor: &Actor,
) -> ServiceResult<ContractState> {
    let decided = decide(ctx, account_id, number, Operation::ConfirmSigner).await?;
    let signer = resolve_signer(ctx, account_id, choice).await?;
    let mut step = decided.begin(ctx).await?;
    let (contract_id, now) = (step.contract.id, step.now);
    sqlx::query(
        "UPDATE contracts SET signer_id = $1, signer_name = $2, signer_phone = $3 WHERE id = $4",
    )
    .bind(signer.signer_id)
    .bind(&signer.name)
    .bind(&signer.phone)
    .bind(contract_id)
    .execute(&mut *step.tx)
    .await?;
    reminders::start(ctx, &mut step.tx, contract_id, now).await?;
    let detail = AuditDetail::Signer {
        name: signer.name.clone(),
        phone_masked: mask_phone(&signer.phone),
    };
    step.record(actor, AuditAction::SignerConfirmed, Some(detail))
        .await?;
    let outgoing = send_code(ctx, &mut step.tx, &step.contract, &signer.phone, actor, now).await?;
    let next = step.commit().await?;
    // Should the message not go out, the contract waits for the signer all the same and
    // 重新发送 is open at once (the unsent code was withdrawn).
    outgoing.send(ctx).await?;
    Ok(next)
}

async fn send_code(
    ctx: &Ctx,
    tx: &mut sqlx::AnyConnection,
    contract: &Contract,
    phone: &str,
    actor: &Actor,
    now: i64,
) -> ServiceResult<sms::Outgoing> {
    let outgoing = sms::issue(
        ctx,
        tx,
        contract.account_id,
        Purpose::Signing,
        contract.id,
        phone,
        |code| SmsText::SigningCode {
            code,
            contract_number: contract.number.to_string(),
        },
        now,
    )
    .await?;
    let detail = Some(AuditDetail::Phone {
        masked: mask_phone(phone),
    });
    let change = Change {
        detail,
        ..event_on(contract, AuditAction::SmsSent)
    };
    audit::record(tx, now, actor, change).await?;
    Ok(outgoing)
}

fn signer_of(contract: &Contract) -> ServiceResult<&SignerSnapshot> {
    contract
        .signer
        .as_ref()
        .ok_or_else(|| ServiceError::Internal(format!("{} has no signer", contract.number)))
}

/// 重新发送: a new code, no sooner than 60 s after the last one (R12).
pub async fn resend_code(
    ctx: &Ctx,
    account_id: i64,
    number: &ContractNumber,
    actor: &Actor,
) -> ServiceResult<()> {
    // Allowed while the signer has not signed; the contract stays where it is.
    let Decided { contract, .. } = decide(ctx, account_id, number, Operation::ResendSms).await?;
    let phone = signer_of(&contract)?.phone.clone();
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let outgoing = send_code(ctx, &mut tx, &contract, &phone, actor, now).await?;
    reminders::extend_deadline(ctx, &mut tx, contract.id, now).await?;
    tx.commit().await?;
    outgoing.send(ctx).await
}

/// Seconds until 重新发送 is possible again (the button's countdown).
pub async fn resend_wait_secs(ctx: &Ctx, contract: &Contract) -> ServiceResult<i64> {
    let mut conn = ctx.db.pool.acquire().await?;
    let wait = sms::resend_wait_ms(&mut conn, Purpose::Signing, contract.id, ctx.now()).await?;
    Ok(domain::sms::wait_seconds(wait))
}

/// 在线签署: the code and the customer's mark — a drawn signature for individuals, the
/// e-seal fixed at activation for enterprises. Afterwards cancelling is no longer
/// possible and the provider counter-signs in the background.
pub async fn customer_sign(
    ctx: &Ctx,
    account_id: i64,
    number: &ContractNumber,
    code: &str,
    strokes: Option<Vec<Stroke>>,
    actor: &Actor,
) -> ServiceResult<ContractState> {
    let decided = decide(ctx, account_id, number, Operation::CustomerSign).await?;
    let account = accounts::find(&ctx.db, account_id).await?;
    let mark = match account.kind {
        AccountKind::Enterprise => CustomerMark::EnterpriseSeal {
            name: esign::get(&ctx.db, account_id)
                .await?
                .seal_text
                .ok_or(Refused::EsignNotActivated)?,
        },
        AccountKind::Individual => {
            let strokes = strokes.unwrap_or_default();
            validate_strokes(&strokes).map_err(|e| ServiceError::field(SIGNATURE, e))?;
            CustomerMark::Signature { strokes }
        }
    };
    let phone = signer_of(&decided.contract)?.phone.clone();
    let now = ctx.now();
    let accepted = sms::check(ctx, Purpose::Signing, decided.contract.id, code, now).await?;
    let mark_json =
        serde_json::to_string(&mark).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let mut step = decided.begin_at(&ctx.db, now).await?;
    let contract_id = step.contract.id;
    sms::consume(&mut step.tx, accepted, now).await?;
    sqlx::query("UPDATE contracts SET customer_mark = $1, customer_signed_at = $2 WHERE id = $3")
        .bind(&mark_json)
        .bind(now)
        .bind(contract_id)
        .execute(&mut *step.tx)
        .await?;
    let at = now + ctx.delays.sign_ms;
    jobs::enqueue(&mut step.tx, JobKind::ProviderSign, contract_id, at, now).await?;
    let masked = Some(AuditDetail::Phone {
        masked: mask_phone(&phone),
    });
    step.note(actor, AuditAction::CodeVerified, masked.clone())
        .await?;
    step.finish(actor, AuditAction::CustomerSigned, masked)
        .await
}

/// 催签: a reminder to the signer who has not signed yet, at most once an hour and, with
/// the automatic ones (R23), three times in all.
pub async fn remind(
    ctx: &Ctx,
    account_id: i64,
    number: &ContractNumber,
    actor: &Actor,
) -> ServiceResult<()> {
    let contract = find_for_account(&ctx.db, account_id, number).await?;
    if contract.state != ContractState::CUSTOMER_SIGNING {
        return Err(Refused::RemindNotSigning.into());
    }
    if contract.reminders_sent >= MAX_REMINDERS {
        return Err(Refused::RemindLimitReached.into());
    }
    let now = ctx.now();
    if remind_wait_ms(contract.reminded_at, now) > 0 {
        return Err(Refused::RemindTooSoon.into());
    }
    let phone = signer_of(&contract)?.phone.clone();
    let mut tx = ctx.db.begin_write().await?;
    // Guarded: of two racing reminders only one is sent. The last one allowed ends the
    // automatic schedule.
    let claimed = sqlx::query(
        "UPDATE contracts SET reminded_at = $1, reminders_sent = reminders_sent + 1, \
         next_reminder_at = CASE WHEN reminders_sent + 1 >= $4 THEN NULL ELSE next_reminder_at END \
         WHERE id = $2 AND (reminded_at IS NULL OR reminded_at <= $3) AND reminders_sent < $4",
    )
    .bind(now)
    .bind(contract.id)
    .bind(now - domain::sms::REMIND_EVERY_MS)
    .bind(MAX_REMINDERS)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() != 1 {
        return Err(Refused::RemindTooSoon.into());
    }
    let message = SmsMessage {
        account_id,
        phone: phone.clone(),
        text: SmsText::Reminder {
            contract_number: contract.number.to_string(),
        },
        lang: ctx.lang,
    };
    let outgoing = sms::dispatch(ctx, &mut tx, message, now).await?;
    let change = Change {
        detail: Some(AuditDetail::Phone {
            masked: mask_phone(&phone),
        }),
        ..event_on(&contract, AuditAction::Reminded)
    };
    audit::record(&mut tx, now, actor, change).await?;
    tx.commit().await?;
    let sent = outgoing.send(ctx).await;
    if sent.is_err() {
        // Not reminded after all: the next try need not wait an hour, nor is it counted.
        sqlx::query(
            "UPDATE contracts SET reminded_at = $1, reminders_sent = reminders_sent - 1, \
             next_reminder_at = $2 WHERE id = $3 AND reminded_at = $4",
        )
        .bind(contract.reminded_at)
        .bind(contract.next_reminder_at)
        .bind(contract.id)
        .bind(now)
        .execute(&ctx.db.pool)
        .await?;
    }
    sent
}
