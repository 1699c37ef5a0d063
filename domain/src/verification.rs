//! The result of a public document verification (/verify), shared by the server that
//! computes it and the page that shows it.

use serde::{Deserialize, Serialize};

use crate::contract::ContractType;

/// The largest file /verify reads, in MiB. Our contracts are far below it (the PDF tests
/// hold every document under 400 KB, even thirty items with seals and an evidence page);
/// anything larger is not one of ours, and reading it would only cost memory.
pub const MAX_UPLOAD_MIB: usize = 4;
/// A SHA-256 in hexadecimal.
pub const SHA256_HEX_DIGITS: usize = 64;
/// [`MAX_UPLOAD_MIB`] in bytes.
pub const MAX_UPLOAD_BYTES: usize = MAX_UPLOAD_MIB * 1024 * 1024;

/// The outcome of comparing a document's hash with the contract's records. Only a hash
/// that matches one of the contract's own documents earns a verdict about the contract:
/// anything else is one verdict, so the page cannot be used to learn which contract
/// numbers exist or what they are (numbers are sequential).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HashVerdict {
    /// The genuine, unaltered document of the effective contract.
    Genuine,
    /// The contract's signed document, but the contract is no longer effective (voided).
    NoLongerEffective,
    /// The contract's draft: not the signed document.
    Draft,
    /// No contract with this number has this document (unknown number, another file, or
    /// an altered one): nothing is said about the number.
    NoMatch,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationReport {
    pub number: String,
    pub sha256: String,
    pub verdict: HashVerdict,
    /// The embedded signature's check, when a file was uploaded.
    pub signature: Option<SignatureVerdict>,
    /// The contract's details below: only when the hash matched one of its documents.
    pub kind: Option<ContractType>,
    pub party_a_masked: Option<String>,
    /// Party B, the provider (R17: configuration).
    pub provider: Option<String>,
    pub effective_at: Option<i64>,
    /// Filing contracts: one year after effective (R8).
    pub expires_at: Option<i64>,
    /// What the uploaded file carries beside a valid signature.
    pub seal: Option<SealReport>,
    /// Which stored revision of the signed document the file is (each archive renewal
    /// makes one): only when the hash matched a signed revision.
    pub revision: Option<DocumentRevision>,
}

/// Revision `seq` (from 1, the signed document) of the `of` the contract's signed
/// document has had; the newest is what downloads serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRevision {
    pub seq: i64,
    pub of: i64,
}

/// What an uploaded file's embedded signature showed (the server's `pdf::SignatureCheck`),
/// stored by its token with the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignatureVerdict {
    /// Made with the provider's certificate, and the file is unchanged since.
    Valid,
    /// The file was changed after it was signed.
    Altered,
    /// The file carries no signature.
    NotSigned,
    /// A valid signature, but not the provider's.
    WrongSigner,
    /// A signature that could not be read.
    Malformed,
}

impl SignatureVerdict {
    pub const ALL: [SignatureVerdict; 5] = [
        Self::Valid,
        Self::Altered,
        Self::NotSigned,
        Self::WrongSigner,
        Self::Malformed,
    ];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Altered => "altered",
            Self::NotSigned => "not_signed",
            Self::WrongSigner => "wrong_signer",
            Self::Malformed => "malformed",
        }
    }

    pub fn parse(token: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == token)
    }
}

/// The PAdES baseline level of a signed file (ETSI EN 319 142-1), as found in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SealLevel {
    /// A signature only.
    BB,
    /// With a trusted time of signing (an RFC 3161 time-stamp).
    BT,
    /// With the validation data (certificates, revocation statuses) in the file.
    BLT,
    /// With a document time-stamp over all of it (long-term archival).
    BLTA,
}

impl SealLevel {
    pub const ALL: [SealLevel; 4] = [Self::BB, Self::BT, Self::BLT, Self::BLTA];

    /// The stored form, as `QY_PADES_LEVEL` spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BB => "b-b",
            Self::BT => "b-t",
            Self::BLT => "b-lt",
            Self::BLTA => "b-lta",
        }
    }

    pub fn parse(token: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == token)
    }

    /// Whether a relying party can judge the file offline after the certificates expire.
    pub fn long_term(self) -> bool {
        matches!(self, Self::BLT | Self::BLTA)
    }
}

/// A valid signature's evidence, for whoever holds the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealReport {
    pub level: SealLevel,
    /// When the signature was made, by the time-stamping authority's word (UTC ms).
    pub trusted_time: Option<i64>,
    /// That authority, as its certificate names it.
    pub tsa: Option<String>,
}
