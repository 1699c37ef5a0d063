//! Renewal of a filing contract (续签, R25): in the last 30 days of its term, one action
//! creates the filing contract that continues it, for the same filings, through the same
//! channel and the same gates as a new one (R1–R4, R9). The filings pass over in the
//! renewal's own transaction (`create::write`), so they are never free in between, and
//! its year begins when the old one ends.

use domain::eligibility::check_selection;
use domain::new_contract::ITEMS;
use domain::party_a::validate_party_a;
use domain::renewal::renewal_block;
use domain::ContractNumber;
use domain::{AuditAction, AuditDetail, Channel, ContractType, FieldProblem, Refused};
use sqlx::Row;

use super::create::{gates, write, Plan, Renews};
use super::query::{find_for_account, items_of};
use crate::ctx::Ctx;
use crate::error::{ServiceError, ServiceResult};
use crate::platform::audit::{self, Actor, Change};
use crate::platform::db::Db;
use crate::{contracts::items, identity::party_a};

/// Renews the account's filing contract `number`; returns the renewal's number.
pub async fn renew(
    ctx: &Ctx,
    account_id: i64,
    number: &ContractNumber,
    actor: &Actor,
) -> ServiceResult<ContractNumber> {
    let db = &ctx.db;
    let old = find_for_account(db, account_id, number).await?;
    let now = ctx.now();
    let renewed = renewal_of(db, old.id).await?.is_some();
    if let Some(refused) = renewal_block(old.kind, old.state.status, old.expires_at, renewed, now) {
        return Err(ServiceError::Refused(refused));
    }
    let expires_at = old.expires_at.ok_or(Refused::RenewalNotAvailable)?;
    let (account, subject) = gates(ctx, account_id, ContractType::Filing, old.channel).await?;
    let dual = old.channel == Channel::Dual;
    // Party A as the customer keeps it now (the saved profile), else as the old
    // contract printed it; the dual channel asks for it in its own step, as on creation.
    let profile = party_a::of_account(db, &account)
        .await?
        .profile
        .unwrap_or_else(|| old.party_a.clone());
    let party_a = match validate_party_a(&profile) {
        Ok(valid) => valid,
        Err(_) if dual => Default::default(),
        Err(errors) => return Err(ServiceError::Validation(errors)),
    };
    // The filings as they are now (a site renamed since is printed by its new name).
    let ids: Vec<i64> = items_of(db, old.id)
        .await?
        .iter()
        .map(|i| i.item_id)
        .collect();
    let picked = items::selected(db, account_id, ContractType::Filing, &ids, now).await?;
    if let Some(row) = picked
        .iter()
        .find(|r| r.occupied_by.as_deref().is_some_and(|n| old.number != n))
    {
        // A renewal made meanwhile holds them: this one came second.
        if renewal_of(db, old.id).await?.is_some() {
            return Err(Refused::AlreadyRenewed.into());
        }
        return Err(ServiceError::field(
            ITEMS,
            FieldProblem::ItemOccupied {
                reference: row.reference.clone(),
                number: row.occupied_by.clone().unwrap_or_default(),
            },
        ));
    }
    check_selection(ContractType::Filing, picked.len(), 0)
        .map_err(|problem| ServiceError::field(ITEMS, problem))?;

    let plan = Plan {
        account_id,
        kind: ContractType::Filing,
        channel: old.channel,
        subject: &subject,
        party_a: &party_a,
        items: &picked,
        renews: Some(Renews {
            id: old.id,
            expires_at,
        }),
    };
    let mut tx = db.begin_write().await?;
    let (_, renewal) = write(ctx, &mut tx, &plan, now, actor).await?;
    let token = old.state.token();
    audit::record(
        &mut tx,
        now,
        actor,
        Change {
            account_id: Some(account_id),
            contract_id: Some(old.id),
            before: Some(token.clone()),
            after: Some(token),
            detail: Some(AuditDetail::Renewal {
                number: renewal.to_string(),
            }),
            ..Change::of(AuditAction::Renewed)
        },
    )
    .await?;
    tx.commit().await?;
    Ok(renewal)
}

/// A contract's renewal, if it has one that is not deleted: its number and whether it
/// still runs (neither voided nor deleted; a voided one holds the filings until it is
/// deleted, R7, but no longer stands in for the old contract's expiry notices).
pub async fn renewal_of(db: &Db, contract_id: i64) -> ServiceResult<Option<Renewal>> {
    let row = sqlx::query(
        "SELECT number, status FROM contracts WHERE renews_id = $1 AND status <> 'deleted'",
    )
    .bind(contract_id)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| {
        Ok(Renewal {
            number: r.try_get(0)?,
            live: r.try_get::<String, _>(1)? != domain::Status::Voided.as_str(),
        })
    })
    .transpose()
}

/// A contract's renewal (see [`renewal_of`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renewal {
    pub number: String,
    pub live: bool,
}
