//! How long the records that only grow are kept, and the purge the server runs hourly.
//! What has legal weight — contracts, their documents, their audit trail — is never
//! purged; what only served a moment is: public verification checks (their result pages),
//! SMS codes and the demo outbox, login-throttle windows, and the billing API's per-call
//! audit events.

use crate::error::ServiceResult;
use crate::identity::throttle;
use crate::platform::db::Db;

use crate::platform::clock::DAY_MS;

/// Days each kind of record is kept (`QY_KEEP_VERIFICATIONS_DAYS`, `QY_KEEP_SMS_DAYS`,
/// `QY_KEEP_API_CALLS_DAYS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub verifications_days: i64,
    pub sms_days: i64,
    pub api_calls_days: i64,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            verifications_days: 30,
            sms_days: 30,
            api_calls_days: 180,
        }
    }
}

/// Rows deleted by one purge, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    pub verifications: u64,
    pub sms_codes: u64,
    pub sms_outbox: u64,
    pub sms_sends: u64,
    pub api_calls: u64,
    pub login_attempts: u64,
}

pub async fn purge(db: &Db, now: i64, keep: &Retention) -> ServiceResult<Purged> {
    let before = |days: i64| now - days * DAY_MS;
    let delete = |sql: &'static str, cutoff: i64| async move {
        let done = sqlx::query(sql).bind(cutoff).execute(&db.pool).await?;
        Ok::<_, sqlx::Error>(done.rows_affected())
    };
    Ok(Purged {
        verifications: delete(
            "DELETE FROM verifications WHERE created_at < $1",
            before(keep.verifications_days),
        )
        .await?,
        sms_codes: delete(
            "DELETE FROM sms_codes WHERE expires_at < $1",
            before(keep.sms_days),
        )
        .await?,
        sms_outbox: delete(
            "DELETE FROM sms_outbox WHERE created_at < $1",
            before(keep.sms_days),
        )
        .await?,
        sms_sends: delete(
            "DELETE FROM sms_sends WHERE sent_at < $1",
            before(keep.sms_days),
        )
        .await?,
        api_calls: delete(
            "DELETE FROM audit_events WHERE action = 'api.call' AND created_at < $1",
            before(keep.api_calls_days),
        )
        .await?,
        login_attempts: throttle::purge(db, now).await?,
    })
}
