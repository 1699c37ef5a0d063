//! A contract row and its items, as stored.

use domain::mark::CustomerMark;
use domain::{
    Channel, ContractNumber, ContractState, ContractType, PartyAInput, Status, SubStatus,
};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::error::{ServiceError, ServiceResult};
use crate::platform::storage::DocumentKey;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPdf {
    pub key: DocumentKey,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Contract {
    pub id: i64,
    pub account_id: i64,
    pub number: ContractNumber,
    pub kind: ContractType,
    pub channel: Channel,
    pub state: ContractState,
    /// Party A snapshot taken at creation (name = the verified subject, R1).
    pub party_a_name: String,
    pub party_a: PartyAInput,
    pub total_fen: i64,
    pub template_version: String,
    /// Why the last background step failed, while in a failed state.
    pub last_error: Option<String>,
    pub draft_pdf: Option<StoredPdf>,
    pub formal_pdf: Option<StoredPdf>,
    pub created_at: i64,
    pub updated_at: i64,
    pub effective_at: Option<i64>,
    pub expires_at: Option<i64>,
    /// Dual channel: who signs for the customer, once confirmed.
    pub signer: Option<SignerSnapshot>,
    /// Dual channel: the customer's signature or e-seal, once signed.
    pub customer_mark: Option<CustomerMark>,
    pub customer_signed_at: Option<i64>,
    /// The last reminder, 催签 or automatic.
    pub reminded_at: Option<i64>,
    /// Dual channel, while the signer is awaited (R23): reminders sent so far and when
    /// the signing is cancelled for want of a signature.
    pub signing_started_at: Option<i64>,
    pub reminders_sent: i64,
    pub next_reminder_at: Option<i64>,
    pub signing_deadline_at: Option<i64>,
    /// A renewal (R25): the filing contract it continues, and when its own term begins
    /// (that contract's end).
    pub renews_id: Option<i64>,
    pub renews_number: Option<String>,
    pub term_starts_at: Option<i64>,
}

/// The signer as confirmed for this contract (a later change of the signer list does
/// not touch it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerSnapshot {
    pub signer_id: Option<i64>,
    pub name: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractItem {
    pub item_id: i64,
    pub reference: String,
    pub description: String,
    pub detail: String,
    pub amount_fen: i64,
    pub occurred_at: i64,
}

/// What [`from_row`] reads, for `SELECT … FROM contracts` (not aliased). A renewal names
/// the contract it renews by id; pages and documents print its number.
pub const COLUMNS: &str = "id, account_id, number, kind, channel, status, sub_status, party_a_name, \
    party_a_address, party_a_contact, party_a_phone, party_a_email, party_a_postcode, total_fen, \
    template_version, last_error, draft_pdf_key, draft_pdf_sha256, formal_pdf_key, formal_pdf_sha256, \
    created_at, updated_at, effective_at, expires_at, signer_id, signer_name, signer_phone, \
    customer_mark, customer_signed_at, reminded_at, signing_started_at, reminders_sent, \
    next_reminder_at, signing_deadline_at, renews_id, term_starts_at, \
    (SELECT r.number FROM contracts r WHERE r.id = contracts.renews_id) AS renews_number";

/// [`COLUMNS`] of the `contracts` table under `alias`, for a query that joins it.
pub fn columns(alias: &str) -> String {
    COLUMNS
        .split(',')
        .map(str::trim)
        .map(|c| {
            if c.starts_with('(') {
                c.replace("contracts.", &format!("{alias}."))
            } else {
                format!("{alias}.{c}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A document the row names, when it has one: its key parsed once, here.
fn pdf(key: Option<String>, sha256: Option<String>) -> ServiceResult<Option<StoredPdf>> {
    let (Some(key), Some(sha256)) = (key, sha256) else {
        return Ok(None);
    };
    let key = DocumentKey::parse(&key)
        .map_err(|_| ServiceError::Internal("bad document key in contracts row".into()))?;
    Ok(Some(StoredPdf { key, sha256 }))
}

pub fn from_row(row: &AnyRow) -> ServiceResult<Contract> {
    let bad = |what: &str| ServiceError::Internal(format!("bad {what} in contracts row"));
    let token = |name: &str| row.try_get::<String, _>(name);
    Ok(Contract {
        id: row.try_get("id")?,
        account_id: row.try_get("account_id")?,
        number: ContractNumber::from_stored(row.try_get("number")?),
        kind: ContractType::parse(&token("kind")?).ok_or_else(|| bad("kind"))?,
        channel: Channel::parse(&token("channel")?).ok_or_else(|| bad("channel"))?,
        state: ContractState::new(
            Status::parse(&token("status")?).ok_or_else(|| bad("status"))?,
            SubStatus::parse(&token("sub_status")?).ok_or_else(|| bad("sub_status"))?,
        ),
        party_a_name: row.try_get("party_a_name")?,
        party_a: PartyAInput {
            address: row.try_get("party_a_address")?,
            contact: row.try_get("party_a_contact")?,
            phone: row.try_get("party_a_phone")?,
            email: row.try_get("party_a_email")?,
            postcode: row.try_get("party_a_postcode")?,
        },
        total_fen: row.try_get("total_fen")?,
        template_version: row.try_get("template_version")?,
        last_error: row.try_get("last_error")?,
        draft_pdf: pdf(
            row.try_get("draft_pdf_key")?,
            row.try_get("draft_pdf_sha256")?,
        )?,
        formal_pdf: pdf(
            row.try_get("formal_pdf_key")?,
            row.try_get("formal_pdf_sha256")?,
        )?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        effective_at: row.try_get("effective_at")?,
        expires_at: row.try_get("expires_at")?,
        signer: match (
            row.try_get::<Option<String>, _>("signer_name")?,
            row.try_get::<Option<String>, _>("signer_phone")?,
        ) {
            (Some(name), Some(phone)) => Some(SignerSnapshot {
                signer_id: row.try_get("signer_id")?,
                name,
                phone,
            }),
            _ => None,
        },
        customer_mark: row
            .try_get::<Option<String>, _>("customer_mark")?
            .map(|json| serde_json::from_str(&json).map_err(|_| bad("customer_mark")))
            .transpose()?,
        customer_signed_at: row.try_get("customer_signed_at")?,
        reminded_at: row.try_get("reminded_at")?,
        signing_started_at: row.try_get("signing_started_at")?,
        reminders_sent: row.try_get("reminders_sent")?,
        next_reminder_at: row.try_get("next_reminder_at")?,
        signing_deadline_at: row.try_get("signing_deadline_at")?,
        renews_id: row.try_get("renews_id")?,
        renews_number: row.try_get("renews_number")?,
        term_starts_at: row.try_get("term_starts_at")?,
    })
}

/// Loads a contract by id, whoever owns it (the worker's view; customers go through
/// `find_for_account`).
pub async fn load(conn: &mut AnyConnection, id: i64) -> ServiceResult<Contract> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM contracts WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    from_row(&row)
}

/// SQL: contract `c` has a running renewal (the expiry notices and banners skip it).
pub const RENEWED: &str = "EXISTS (SELECT 1 FROM contracts r WHERE r.renews_id = c.id \
     AND r.status <> 'voided' AND r.status <> 'deleted')";
