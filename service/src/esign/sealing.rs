//! The evidence a formal document's seal needs from outside (issue 30): time-stamp
//! tokens from a TSA and OCSP responses from the certificates' responders. The renderer
//! says what it needs ([`Sealing::Needs`]), each piece under a key naming what it
//! covers; the worker fetches it through [`TrustServices`] and keeps it here before
//! asking the renderer again. A token or a response differs per request, so keeping it
//! first is what makes a step that is run again after a crash produce the same bytes
//! and ask the TSA nothing twice.

use std::collections::HashMap;

use crate::error::ServiceResult;
use crate::platform::db::Db;

/// Something a seal needs from outside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// A time-stamp token of this SHA-256 imprint, from a TSA.
    Timestamp { imprint: [u8; 32] },
    /// The OCSP status of `certificate`, issued by `issuer` (both DER), from the
    /// responder the certificate names.
    Revocation {
        certificate: Vec<u8>,
        issuer: Vec<u8>,
    },
    /// An event certificate (事件证书) for the customer's own signature on the dual
    /// channel: a fresh key certified by the provider's event CA to `verified_name` for
    /// the signing of `contract_number`. Kept (key included) like any other piece
    /// until the document is stored, so that a rerun signs with the same key and asks
    /// the TSA nothing twice.
    EventCertificate {
        verified_name: String,
        contract_number: String,
    },
}

impl Need {
    pub fn service(&self) -> TrustService {
        match self {
            Need::Timestamp { .. } => TrustService::Tsa,
            Need::Revocation { .. } => TrustService::Ocsp,
            Need::EventCertificate { .. } => TrustService::EventCa,
        }
    }
}

/// A need and the key its answer is kept under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRequest {
    pub key: String,
    pub need: Need,
}

/// How far a seal got with the evidence kept so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sealing {
    /// The document at the configured level.
    Sealed(Vec<u8>),
    /// What to fetch and keep before asking again.
    Needs(Vec<EvidenceRequest>),
}

/// Why a document cannot be sealed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealFailure {
    /// The provider's certificate (or a TSA's) is revoked: nothing is signed with it,
    /// and retrying cannot help.
    #[error("the certificate {subject} is revoked")]
    Revoked { subject: String },
    #[error("{0}")]
    Failed(String),
}

/// The outside services, for metrics and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrustService {
    Tsa,
    Ocsp,
    /// The provider's event CA.
    EventCa,
}

impl TrustService {
    pub fn as_str(self) -> &'static str {
        match self {
            TrustService::Tsa => "tsa",
            TrustService::Ocsp => "ocsp",
            TrustService::EventCa => "event_ca",
        }
    }
}

/// A service did not give a usable answer: unreachable, too slow, refused, or an answer
/// that does not check. The step is retried later.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {detail}", service.as_str())]
pub struct TrustError {
    pub service: TrustService,
    pub detail: String,
}

/// Where the evidence comes from: HTTP TSAs and OCSP responders in production.
#[async_trait::async_trait]
pub trait TrustServices: Send + Sync + 'static {
    /// The answer to `need`, checked (a token for this imprint from a TSA, a status
    /// about this certificate signed for its issuer).
    async fn fetch(&self, need: &Need) -> Result<Vec<u8>, TrustError>;
}

/// For renderers that need nothing from outside (the demo's, the tests'): every
/// request is refused.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoTrustServices;

#[async_trait::async_trait]
impl TrustServices for NoTrustServices {
    async fn fetch(&self, need: &Need) -> Result<Vec<u8>, TrustError> {
        Err(TrustError {
            service: need.service(),
            detail: "no trust services configured".into(),
        })
    }
}

/// The evidence kept for `contract_id`, by key.
pub async fn kept(db: &Db, contract_id: i64) -> ServiceResult<HashMap<String, Vec<u8>>> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT key, bytes_hex FROM signing_evidence WHERE contract_id = $1")
            .bind(contract_id)
            .fetch_all(&db.pool)
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(key, hex)| Some((key, from_hex(&hex)?)))
        .collect())
}

/// Keeps `bytes` under `key` for `contract_id`; the first one kept under a key wins
/// (another instance may have fetched the same piece meanwhile), and is returned.
pub async fn keep(db: &Db, contract_id: i64, key: &str, bytes: &[u8]) -> ServiceResult<Vec<u8>> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO signing_evidence (contract_id, key, bytes_hex, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (contract_id, key) DO NOTHING",
    )
    .bind(contract_id)
    .bind(key)
    .bind(to_hex(bytes))
    .bind(db.now())
    .execute(&mut *tx)
    .await?;
    let kept: String = sqlx::query_scalar(
        "SELECT bytes_hex FROM signing_evidence WHERE contract_id = $1 AND key = $2",
    )
    .bind(contract_id)
    .bind(key)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(from_hex(&kept).unwrap_or_default())
}

/// Forgets the evidence of `contract_id` once its document is stored (it is inside).
pub async fn forget(conn: &mut sqlx::AnyConnection, contract_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM signing_evidence WHERE contract_id = $1")
        .bind(contract_id)
        .execute(conn)
        .await?;
    Ok(())
}

// Hex in a TEXT column: one type on both databases (sqlx's `Any` driver).
use crate::platform::storage::hex as to_hex;

fn from_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_refuses_junk() {
        let bytes: Vec<u8> = (0..=255).collect();
        assert_eq!(from_hex(&to_hex(&bytes)), Some(bytes));
        assert_eq!(from_hex("abc"), None);
        assert_eq!(from_hex("zz"), None);
    }
}
