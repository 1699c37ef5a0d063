//! Audit events: who, when, from where, what, state before → after. Every state change
//! writes one, inside the transaction of the change itself.

use std::net::IpAddr;

use domain::{ActorKind, AuditAction};
use sqlx::AnyConnection;

/// Who acts, and from which address (None for background work).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub kind: ActorKind,
    pub id: Option<i64>,
    pub ip: Option<IpAddr>,
}

impl Actor {
    pub fn customer(account_id: i64, ip: Option<IpAddr>) -> Self {
        Self {
            kind: ActorKind::Customer,
            id: Some(account_id),
            ip,
        }
    }
    pub fn operator(account_id: i64, ip: Option<IpAddr>) -> Self {
        Self {
            kind: ActorKind::Operator,
            id: Some(account_id),
            ip,
        }
    }
    pub fn api(key_id: i64, ip: Option<IpAddr>) -> Self {
        Self {
            kind: ActorKind::Api,
            id: Some(key_id),
            ip,
        }
    }
    pub fn system() -> Self {
        Self {
            kind: ActorKind::System,
            id: None,
            ip: None,
        }
    }
}

/// One event. `before` / `after` are tokens ([`domain::ContractState::token`] for a
/// contract, the real-name status token for an account), never labels.
#[derive(Debug, Clone)]
pub struct Change {
    pub account_id: Option<i64>,
    pub contract_id: Option<i64>,
    pub action: AuditAction,
    pub before: Option<String>,
    pub after: Option<String>,
    pub detail: Option<domain::AuditDetail>,
}

impl Change {
    /// An event of `action` with nothing else filled in.
    pub fn of(action: AuditAction) -> Self {
        Self {
            account_id: None,
            contract_id: None,
            action,
            before: None,
            after: None,
            detail: None,
        }
    }
}

/// Records an event that belongs to no transaction of its own (an API call, a key
/// created from the command line).
pub async fn record_alone(
    db: &crate::platform::db::Db,
    actor: &Actor,
    change: Change,
) -> Result<(), sqlx::Error> {
    record(&mut *db.pool.acquire().await?, db.now(), actor, change).await
}

/// Records `change` by `actor` as of `at` (the use case's time, read once from its clock).
pub async fn record(
    conn: &mut AnyConnection,
    at: i64,
    actor: &Actor,
    change: Change,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_events \
         (account_id, actor_kind, actor_id, contract_id, action, state_before, state_after, ip, detail, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(change.account_id)
    .bind(actor.kind.as_str())
    .bind(actor.id)
    .bind(change.contract_id)
    .bind(change.action.as_str())
    .bind(change.before)
    .bind(change.after)
    .bind(actor.ip.map(|ip| ip.to_string()))
    .bind(change.detail.map(|d| d.to_stored()))
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}
