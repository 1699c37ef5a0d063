//! SMS: the verification codes of R12 (6 digits, 5 minutes, 5 wrong tries, 60 s between
//! sends) stored as keyed hashes, the caps on what SMS may cost, and one [`SmsSender`]
//! interface for every message: the demo [`OutboxSender`], or a provider (the server's
//! Tencent Cloud adapter). A message is recorded in the caller's transaction and sent
//! after it commits ([`Outgoing`]). The log says a message went out, never its text.

pub(crate) mod message;
mod outbox;

pub use domain::sms::SmsCaps;

pub use message::{SmsError, SmsKind, SmsMessage, SmsSender, SmsText, UnconfiguredSender};
pub use outbox::{outbox, OutboxEntry, OutboxSender};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use domain::sms::{self, CodeCheck, IssuedCode, CODE_TTL_MS};
use domain::Refused;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::{AnyConnection, Row};

use crate::ctx::Ctx;
use crate::error::{ServiceError, ServiceResult};

/// What a code confirms; with the subject id it names one code sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Subject: the contract being signed.
    Signing,
    /// Subject: the account activating e-sign.
    EsignActivation,
    /// Subject: the signer awaiting approval.
    SignerApproval,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Signing => "signing",
            Self::EsignActivation => "esign_activation",
            Self::SignerApproval => "signer_approval",
        }
    }
}

use crate::platform::clock::{DAY_MS, HOUR_MS};

/// Checks the caps for `message` and records it, in the caller's transaction; the
/// returned [`Outgoing`] is sent once that transaction has committed. Every message goes
/// through here.
pub async fn dispatch(
    ctx: &Ctx,
    conn: &mut AnyConnection,
    message: SmsMessage,
    now: i64,
) -> ServiceResult<Outgoing> {
    // Counted and recorded under one lock per account and one per number, so parallel
    // sends cannot pass a cap together (SQLite's write transaction is exclusive anyway).
    if ctx.db.dialect == crate::platform::db::Dialect::Postgres {
        for key in [
            format!("sms-account:{}", message.account_id),
            format!("sms-phone:{}", message.phone),
        ] {
            sqlx::query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext($1))) AS locked")
                .bind(key)
                .fetch_all(&mut *conn)
                .await?;
        }
    }
    let caps = &ctx.sms_caps;
    // (last hour, last day) for one number or one account, in one read each.
    let counts = |column: &str| {
        format!(
            "SELECT COALESCE(SUM(CASE WHEN sent_at > $2 THEN 1 ELSE 0 END), 0), COUNT(*) \
             FROM sms_sends WHERE {column} = $1 AND sent_at > $3"
        )
    };
    let row = sqlx::query(&counts("phone"))
        .bind(&message.phone)
        .bind(now - HOUR_MS)
        .bind(now - DAY_MS)
        .fetch_one(&mut *conn)
        .await?;
    let phone: (i64, i64) = (row.try_get(0)?, row.try_get(1)?);
    let row = sqlx::query(&counts("account_id"))
        .bind(message.account_id)
        .bind(now - HOUR_MS)
        .bind(now - DAY_MS)
        .fetch_one(&mut *conn)
        .await?;
    let account: (i64, i64) = (row.try_get(0)?, row.try_get(1)?);
    let over = phone.0 >= caps.per_phone_hour
        || phone.1 >= caps.per_phone_day
        || account.0 >= caps.per_account_hour
        || account.1 >= caps.per_account_day;
    if over {
        return Err(Refused::SmsCapReached.into());
    }
    let send_id: i64 = sqlx::query_scalar(
        "INSERT INTO sms_sends (account_id, phone, purpose, sent_at) VALUES ($1, $2, $3, $4) \
         RETURNING id",
    )
    .bind(message.account_id)
    .bind(&message.phone)
    .bind(message.text.kind().as_str())
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(Outgoing {
        message,
        send_id,
        code_id: None,
    })
}

/// A message the caps allowed and the database recorded, not sent yet: the provider is
/// called after the commit ([`Outgoing::send`]), so a slow or hanging provider holds no
/// transaction (on SQLite, the one writer) open.
#[must_use = "an SMS is sent by `Outgoing::send` after the transaction commits"]
#[derive(Debug)]
pub struct Outgoing {
    message: SmsMessage,
    send_id: i64,
    /// The code this message carries, if any.
    code_id: Option<i64>,
}

impl Outgoing {
    /// Sends the message. If the provider does not take it, the code and the count are
    /// withdrawn (so the customer may ask again at once and is not charged for our
    /// failure) and the customer is told why in words of theirs; the detail is logged.
    pub async fn send(self, ctx: &Ctx) -> ServiceResult<()> {
        let purpose = self.message.text.kind().as_str();
        let error = match ctx.sms.send(&self.message).await {
            Ok(()) => {
                metrics::counter!("qianyue_sms_total", "purpose" => purpose, "outcome" => "sent")
                    .increment(1);
                return Ok(());
            }
            Err(error) => error,
        };
        metrics::counter!("qianyue_sms_total", "purpose" => purpose, "outcome" => "refused")
            .increment(1);
        tracing::warn!(
            phone = %domain::ids::mask_phone(&self.message.phone),
            purpose,
            "sms not sent: {error}"
        );
        let withdrawn = async {
            let mut conn = ctx.db.pool.acquire().await?;
            if let Some(code_id) = self.code_id {
                sqlx::query("DELETE FROM sms_codes WHERE id = $1")
                    .bind(code_id)
                    .execute(&mut *conn)
                    .await?;
            }
            sqlx::query("DELETE FROM sms_sends WHERE id = $1")
                .bind(self.send_id)
                .execute(&mut *conn)
                .await?;
            Ok::<(), sqlx::Error>(())
        };
        if let Err(e) = withdrawn.await {
            tracing::error!("withdrawing an unsent sms: {e}");
        }
        Err(ServiceError::Refused(error.refused()))
    }
}

/// A uniformly random 6-digit code (rejection sampling: no modulo bias).
fn random_code() -> String {
    const LIMIT: u32 = u32::MAX - u32::MAX % 1_000_000;
    loop {
        let n = OsRng.next_u32();
        if n < LIMIT {
            return format!("{:06}", n % 1_000_000);
        }
    }
}

/// HMAC-SHA256 under the server's code key, bound to purpose and subject: with only 10⁶
/// possible codes a plain hash would give a database reader every live code; without the
/// key (kept outside the database) it gives nothing.
fn code_hash(key: &[u8], purpose: Purpose, subject_id: i64, code: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any size");
    mac.update(format!("{}:{subject_id}:{code}", purpose.as_str()).as_bytes());
    crate::platform::storage::hex(&mac.finalize().into_bytes())
}

struct LatestCode {
    id: i64,
    hash: String,
    issued: IssuedCode,
}

async fn latest(
    conn: &mut AnyConnection,
    purpose: Purpose,
    subject_id: i64,
) -> ServiceResult<Option<LatestCode>> {
    let row = sqlx::query(
        "SELECT id, code_hash, attempts, sent_at, expires_at, used_at FROM sms_codes \
         WHERE purpose = $1 AND subject_id = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(purpose.as_str())
    .bind(subject_id)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(LatestCode {
        id: row.try_get(0)?,
        hash: row.try_get(1)?,
        issued: IssuedCode {
            attempts: row.try_get(2)?,
            sent_at: row.try_get(3)?,
            expires_at: row.try_get(4)?,
            used: row.try_get::<Option<i64>, _>(5)?.is_some(),
        },
    }))
}

/// Milliseconds until another code for this purpose and subject may be sent.
pub async fn resend_wait_ms(
    conn: &mut AnyConnection,
    purpose: Purpose,
    subject_id: i64,
    now: i64,
) -> ServiceResult<i64> {
    let last = latest(conn, purpose, subject_id).await?;
    Ok(sms::resend_wait_ms(last.map(|c| c.issued.sent_at), now))
}

/// Issues a new code (R12: no sooner than 60 s after the last one) and sends the text
/// `text(code)` to `phone`: recorded in the caller's transaction, sent by the returned
/// [`Outgoing`] after it commits. The previous code of the
/// same purpose and subject stops counting: only the latest is checked.
#[allow(clippy::too_many_arguments)]
pub async fn issue(
    ctx: &Ctx,
    conn: &mut AnyConnection,
    account_id: i64,
    purpose: Purpose,
    subject_id: i64,
    phone: &str,
    text: impl FnOnce(String) -> SmsText,
    now: i64,
) -> ServiceResult<Outgoing> {
    // One issuer at a time per purpose and subject, so two parallel requests cannot both
    // pass the 60 s check. SQLite's write transaction is already exclusive; PostgreSQL
    // takes a transaction-scoped advisory lock.
    if ctx.db.dialect == crate::platform::db::Dialect::Postgres {
        sqlx::query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext($1))) AS locked")
            .bind(format!("sms:{}:{subject_id}", purpose.as_str()))
            .fetch_all(&mut *conn)
            .await?;
    }
    let wait = resend_wait_ms(conn, purpose, subject_id, now).await?;
    if wait > 0 {
        return Err(Refused::SmsResendWait {
            seconds: sms::wait_seconds(wait),
        }
        .into());
    }
    // Someone guessing codes would otherwise get a fresh one every minute.
    let exhausted: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sms_codes WHERE purpose = $1 AND subject_id = $2 \
         AND attempts >= $3 AND sent_at > $4",
    )
    .bind(purpose.as_str())
    .bind(subject_id)
    .bind(sms::MAX_WRONG_TRIES)
    .bind(now - DAY_MS)
    .fetch_one(&mut *conn)
    .await?;
    if exhausted >= ctx.sms_caps.exhausted_codes_per_day {
        return Err(Refused::SmsCodesExhausted.into());
    }
    let code = random_code();
    let code_id: i64 = sqlx::query_scalar(
        "INSERT INTO sms_codes (purpose, subject_id, phone, code_hash, attempts, sent_at, expires_at) \
         VALUES ($1, $2, $3, $4, 0, $5, $6) RETURNING id",
    )
    .bind(purpose.as_str())
    .bind(subject_id)
    .bind(phone)
    .bind(code_hash(&ctx.code_key, purpose, subject_id, &code))
    .bind(now)
    .bind(now + CODE_TTL_MS)
    .fetch_one(&mut *conn)
    .await?;
    let message = SmsMessage {
        account_id,
        phone: phone.to_string(),
        text: text(code),
        lang: ctx.lang,
    };
    let outgoing = dispatch(ctx, conn, message, now).await?;
    Ok(Outgoing {
        code_id: Some(code_id),
        ..outgoing
    })
}

/// An accepted code, to be consumed in the transaction of the operation it confirms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use = "an accepted code must be consumed with `consume`"]
pub struct AcceptedCode(i64);

/// Checks `entered` against the latest code, before the operation's transaction. Every
/// well-formed try is charged first, atomically (`attempts < 5` in the UPDATE), so parallel
/// guesses cannot exceed the limit; a wrong try therefore sticks although the operation
/// fails. Refusals are field errors on [`sms::CODE`].
pub async fn check(
    ctx: &Ctx,
    purpose: Purpose,
    subject_id: i64,
    entered: &str,
    now: i64,
) -> ServiceResult<AcceptedCode> {
    let entered = entered.trim();
    let mut conn = ctx.db.pool.acquire().await?;
    let latest = latest(&mut conn, purpose, subject_id).await?;
    let matches = latest
        .as_ref()
        .is_some_and(|c| c.hash == code_hash(&ctx.code_key, purpose, subject_id, entered));
    // Malformed, missing, used, locked or expired: refused without a charge.
    let verdict = sms::check(latest.as_ref().map(|c| c.issued), entered, matches, now);
    let (Some(code), CodeCheck::Accepted | CodeCheck::Wrong { .. }) = (latest, verdict) else {
        return Err(refusal(verdict));
    };
    let charged = sqlx::query(
        "UPDATE sms_codes SET attempts = attempts + 1 WHERE id = $1 AND used_at IS NULL AND attempts < $2 \
         RETURNING attempts",
    )
    .bind(code.id)
    .bind(sms::MAX_WRONG_TRIES)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = charged else {
        return Err(refusal(CodeCheck::Locked));
    };
    let attempts_before: i64 = row.try_get::<i64, _>(0)? - 1;
    let issued = IssuedCode {
        attempts: attempts_before,
        ..code.issued
    };
    match sms::check(Some(issued), entered, matches, now) {
        CodeCheck::Accepted => Ok(AcceptedCode(code.id)),
        verdict => Err(refusal(verdict)),
    }
}

/// Uses up an accepted code inside the operation's transaction. Guarded, so two racing
/// requests cannot both use one code (the loser is told to get a new one).
pub async fn consume(
    tx: &mut AnyConnection,
    accepted: AcceptedCode,
    now: i64,
) -> ServiceResult<()> {
    let used = sqlx::query(
        "UPDATE sms_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL AND attempts <= $3",
    )
    .bind(now)
    .bind(accepted.0)
    .bind(sms::MAX_WRONG_TRIES)
    .execute(tx)
    .await?;
    if used.rows_affected() == 1 {
        Ok(())
    } else {
        Err(refusal(CodeCheck::NoCode))
    }
}

fn refusal(verdict: CodeCheck) -> ServiceError {
    match verdict.problem() {
        Some(problem) => ServiceError::field(sms::CODE, problem),
        None => ServiceError::Internal("an accepted code reported as refused".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_and_vary() {
        let codes: std::collections::HashSet<String> = (0..50).map(|_| random_code()).collect();
        assert!(codes.iter().all(|c| sms::is_well_formed(c)));
        assert!(
            codes.len() > 40,
            "50 random codes, {} distinct",
            codes.len()
        );
    }

    #[test]
    fn the_hash_binds_the_code_to_its_purpose_and_subject() {
        let key = [7u8; 32];
        let h = code_hash(&key, Purpose::Signing, 7, "123456");
        assert_eq!(h.len(), 64);
        assert_ne!(h, code_hash(&key, Purpose::Signing, 8, "123456"));
        assert_ne!(h, code_hash(&key, Purpose::SignerApproval, 7, "123456"));
        assert_ne!(h, code_hash(&key, Purpose::Signing, 7, "123457"));
        // Another server key: the stored value says nothing about the code.
        assert_ne!(h, code_hash(&[8u8; 32], Purpose::Signing, 7, "123456"));
    }
}
