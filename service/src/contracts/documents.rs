//! Serving a contract's PDF to its owner, after checking that the stored bytes still
//! hash to the SHA-256 recorded when the document was made (R10).

use crate::contracts::{find_any, find_for_account, Contract};
use crate::ctx::Ctx;
use crate::error::{ServiceError, ServiceResult};
use domain::ContractNumber;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfKind {
    Draft,
    Formal,
}

impl PdfKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(Self::Draft),
            "formal" => Some(Self::Formal),
            _ => None,
        }
    }
}

pub struct Download {
    /// e.g. "QY-20261123-000042-草稿.pdf"
    pub filename: String,
    pub bytes: Vec<u8>,
    /// The SHA-256 recorded when the document was made, which `bytes` were checked against.
    pub sha256: String,
}

/// The account's document of its contract `number`.
pub async fn fetch(
    ctx: &Ctx,
    account_id: i64,
    number: &ContractNumber,
    kind: PdfKind,
) -> ServiceResult<Download> {
    let contract = find_for_account(&ctx.db, account_id, number).await?;
    read(ctx, contract, kind).await
}

/// The document of contract `number`, whoever owns it: the billing system's view.
pub async fn fetch_any(
    ctx: &Ctx,
    number: &ContractNumber,
    kind: PdfKind,
) -> ServiceResult<Download> {
    let contract = find_any(&ctx.db, number).await?;
    if contract.state.status == domain::Status::Deleted {
        return Err(ServiceError::NotFound);
    }
    read(ctx, contract, kind).await
}

async fn read(ctx: &Ctx, contract: Contract, kind: PdfKind) -> ServiceResult<Download> {
    let (stored, suffix) = match kind {
        PdfKind::Draft => (contract.draft_pdf, domain::text::FILE_SUFFIX_DRAFT),
        PdfKind::Formal => (contract.formal_pdf, domain::text::FILE_SUFFIX_FORMAL),
    };
    let stored = stored.ok_or(ServiceError::NotFound)?;
    let bytes = ctx
        .storage
        .get(&stored.key)
        .await
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    if crate::platform::storage::sha256_hex(&bytes) != stored.sha256 {
        return Err(ServiceError::Internal(format!(
            "{}: stored PDF does not match its recorded SHA-256",
            contract.number
        )));
    }
    Ok(Download {
        filename: format!("{}-{suffix}.pdf", contract.number),
        bytes,
        sha256: stored.sha256,
    })
}
