//! The result of a public document verification (/verify), shared by the server that
//! computes it and the page that shows it.

use serde::{Deserialize, Serialize};

use crate::contract::ContractType;

/// The outcome of comparing a document's hash with the contract's records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HashVerdict {
    /// The genuine, unaltered effective document.
    Genuine,
    /// The contract's draft: not the signed document.
    Draft,
    /// The contract exists but this is not its document (altered or another file).
    Mismatch,
    /// The contract exists but is not effective (yet).
    NotEffective,
    /// No such contract.
    UnknownContract,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationReport {
    pub number: String,
    pub sha256: String,
    pub verdict: HashVerdict,
    /// The embedded signature's check (a token of `pdf::SignatureCheck`), when a file
    /// was uploaded.
    pub signature: Option<String>,
    pub kind: Option<ContractType>,
    pub party_a_masked: Option<String>,
    pub provider: Option<String>,
    pub effective_at: Option<i64>,
}
