//! Expiry notices (issue 31, `domain::expiry`): 30, 7 and 1 days before a filing contract
//! expires, an audit event `contract.expiring` with the days left — which the event feed
//! and webhooks carry to the billing system — once per contract and threshold. Every
//! instance sweeps; a notice is a row keyed by (contract, threshold) written in the
//! event's transaction, so two instances, or a restart half-way, never send one twice.
//! Where the customer opted in on the party A page, the phone the contract names for
//! party A is texted as well,
//! in the same transaction (within R19's caps; a notice over them is the event only).

use domain::calendar::MS_PER_DAY;
use domain::expiry::{days_left, notice_due, NOTICE_DAYS};
use domain::{AuditAction, AuditDetail, ContractState, Refused, Status, SubStatus};
use sqlx::Row;

use crate::contracts::RENEWED;
use crate::ctx::Ctx;
use crate::error::{ServiceError, ServiceResult};
use crate::platform::audit::{self, Actor, Change};
use crate::sms::{self, SmsMessage, SmsText};

/// Contracts read a round; a sweep goes round until none is left.
const ROUND: i64 = 500;

/// The notice now due of `c.expires_at` as of `$1`, in SQL: the nearest threshold
/// reached (`domain::expiry::notice_due`, which the sweep checks each row against).
fn due_sql() -> String {
    let mut case = String::from("CASE");
    for days in NOTICE_DAYS.iter().rev().take(NOTICE_DAYS.len() - 1) {
        case.push_str(&format!(
            " WHEN c.expires_at - $1 <= {} THEN {days}",
            days * MS_PER_DAY
        ));
    }
    case.push_str(&format!(" ELSE {} END", NOTICE_DAYS[0]));
    case
}

/// Sends every notice due at the database clock's now; returns how many.
pub async fn sweep(ctx: &Ctx) -> ServiceResult<u64> {
    let mut sent = 0;
    // Bounded: each round sends, or finds its rows sent by another instance.
    for _ in 0..10_000 {
        let round = sweep_round(ctx).await?;
        sent += round.sent;
        if !round.more {
            break;
        }
    }
    Ok(sent)
}

/// What one round of the sweep did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub sent: u64,
    /// The round was full: more may be due (the worker goes on at its next turn, so a
    /// first sweep over thousands of contracts never holds up its jobs or heartbeat).
    pub more: bool,
}

/// Sends the notices due among the next [`ROUND`] contracts.
pub async fn sweep_round(ctx: &Ctx) -> ServiceResult<Round> {
    let db = &ctx.db;
    let now = db.now();
    let horizon = now + NOTICE_DAYS[0] * MS_PER_DAY;
    // One range read of contracts_filing_expiry, less those already told of the
    // threshold now due (the primary key of contract_notices) and those renewed (R25:
    // the renewal continues them; contracts_one_renewal answers).
    let sql = format!(
        "SELECT c.id, c.account_id, c.sub_status, c.expires_at, c.number, c.party_a_phone, a.expiry_sms \
         FROM contracts c JOIN accounts a ON a.id = c.account_id \
         WHERE c.kind = 'filing' AND c.status = 'effective' AND c.expires_at > $1 AND c.expires_at <= $2 \
         AND NOT EXISTS (SELECT 1 FROM contract_notices n WHERE n.contract_id = c.id AND n.threshold_days = {}) \
         AND NOT {RENEWED} ORDER BY c.expires_at, c.id LIMIT $3",
        due_sql()
    );
    let rows = sqlx::query(&sql)
        .bind(now)
        .bind(horizon)
        .bind(ROUND)
        .fetch_all(&db.pool)
        .await?;
    let mut sent = 0;
    for row in &rows {
        let expires_at: i64 = row.try_get(3)?;
        let Some(threshold) = notice_due(now, expires_at) else {
            continue;
        };
        let sub: String = row.try_get(2)?;
        let state = ContractState::new(
            Status::Effective,
            SubStatus::parse(&sub).unwrap_or(SubStatus::None),
        );
        let opted_in = row.try_get::<i64, _>(6)? != 0;
        let notice = Notice {
            contract_id: row.try_get(0)?,
            account_id: row.try_get(1)?,
            number: row.try_get(4)?,
            threshold,
            days_left: days_left(now, expires_at),
            state,
            phone: Some(row.try_get::<String, _>(5)?)
                .filter(|phone| opted_in && domain::esign::validate_mobile(phone).is_ok()),
        };
        if send(ctx, now, &notice).await? {
            sent += 1;
        }
    }
    Ok(Round {
        sent,
        more: rows.len() as i64 == ROUND,
    })
}

struct Notice {
    contract_id: i64,
    account_id: i64,
    number: String,
    threshold: i64,
    days_left: i64,
    state: ContractState,
    /// The contract's party A mobile, where the customer opted in to SMS notices.
    phone: Option<String>,
}

/// Records one notice and its event, unless another instance has; whether this one did.
async fn send(ctx: &Ctx, now: i64, notice: &Notice) -> ServiceResult<bool> {
    let mut tx = ctx.db.begin_write().await?;
    // Only while the contract still runs: one voided or changed since the sweep read it
    // is not told.
    let inserted = sqlx::query(
        "INSERT INTO contract_notices (contract_id, threshold_days, created_at) \
         SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM contracts WHERE id = $1 \
           AND status = 'effective' AND expires_at > $3) \
         ON CONFLICT (contract_id, threshold_days) DO NOTHING",
    )
    .bind(notice.contract_id)
    .bind(notice.threshold)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    let token = notice.state.token();
    audit::record(
        &mut tx,
        now,
        &Actor::system(),
        Change {
            account_id: Some(notice.account_id),
            contract_id: Some(notice.contract_id),
            before: Some(token.clone()),
            after: Some(token),
            detail: Some(AuditDetail::Expiring {
                days_left: notice.days_left,
            }),
            ..Change::of(AuditAction::Expiring)
        },
    )
    .await?;
    let outgoing = match &notice.phone {
        None => None,
        Some(phone) => {
            let message = SmsMessage {
                account_id: notice.account_id,
                phone: phone.clone(),
                text: SmsText::ExpiryNotice {
                    contract_number: notice.number.clone(),
                    days_left: notice.days_left.to_string(),
                },
                lang: ctx.lang,
            };
            match sms::dispatch(ctx, &mut tx, message, now).await {
                Ok(outgoing) => Some(outgoing),
                Err(ServiceError::Refused(Refused::SmsCapReached)) => {
                    tracing::info!(contract = notice.contract_id, "expiry sms over the caps");
                    None
                }
                Err(e) => return Err(e),
            }
        }
    };
    tx.commit().await?;
    if let Some(outgoing) = outgoing {
        // The notice stands; an SMS the provider did not take is logged and withdrawn.
        let _ = outgoing.send(ctx).await;
    }
    Ok(true)
}
