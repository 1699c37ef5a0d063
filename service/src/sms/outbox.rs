//! The demo sender: every message into the `sms_outbox` table, shown by the dev page
//! `/dev/outbox`. It keeps codes in plain text, so the server uses it only in demo mode.

use sqlx::Row;

use super::message::{SmsError, SmsMessage, SmsSender};
use crate::error::ServiceResult;
use crate::Db;

#[derive(Debug, Clone)]
pub struct OutboxSender {
    db: Db,
}

impl OutboxSender {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

#[async_trait::async_trait]
impl SmsSender for OutboxSender {
    async fn send(&self, message: &SmsMessage) -> Result<(), SmsError> {
        sqlx::query(
            "INSERT INTO sms_outbox (account_id, purpose, phone, body, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(message.account_id)
        .bind(message.text.kind().as_str())
        .bind(&message.phone)
        .bind(message.text.body(message.lang))
        .bind(self.db.now())
        .execute(&self.db.pool)
        .await
        .map_err(|e| SmsError::Unavailable(format!("outbox: {e}")))?;
        // Never the text: it carries the code, which rests only hashed in `sms_codes`.
        tracing::info!(
            phone = %domain::ids::mask_phone(&message.phone),
            purpose = message.text.kind().as_str(),
            "sms written to the outbox"
        );
        Ok(())
    }
}

/// A message of the outbox, newest first on the dev page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub id: i64,
    pub phone: String,
    pub body: String,
    pub created_at: i64,
}

/// The newest `limit` outbox messages.
pub async fn outbox(db: &Db, limit: i64) -> ServiceResult<Vec<OutboxEntry>> {
    let rows =
        sqlx::query("SELECT id, phone, body, created_at FROM sms_outbox ORDER BY id DESC LIMIT $1")
            .bind(limit)
            .fetch_all(&db.pool)
            .await?;
    rows.iter()
        .map(|r| {
            Ok(OutboxEntry {
                id: r.try_get(0)?,
                phone: r.try_get(1)?,
                body: r.try_get(2)?,
                created_at: r.try_get(3)?,
            })
        })
        .collect()
}
