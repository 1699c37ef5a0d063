//! The result of a public document verification (/verify), shared by the server that
//! computes it and the page that shows it.

use serde::{Deserialize, Serialize};

use crate::contract::ContractType;
use crate::macros::token_enum;

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

token_enum! {
    /// What an uploaded file's embedded signature showed (the server's `pdf::SignatureCheck`),
    /// stored by its token with the check.
    pub enum SignatureVerdict {
        /// Made with the provider's certificate, and the file is unchanged since.
        Valid => "valid";
        /// The file was changed after it was signed.
        Altered => "altered";
        /// The file carries no signature.
        NotSigned => "not_signed";
        /// A valid signature, but not the provider's.
        WrongSigner => "wrong_signer";
        /// A signature that could not be read.
        Malformed => "malformed";
    }
}

token_enum! {
    /// The PAdES baseline level of a signed file (ETSI EN 319 142-1), as found in it; the
    /// token is how `QY_PADES_LEVEL` spells it.
    pub enum SealLevel {
        /// A signature only.
        BB => "b-b";
        /// With a trusted time of signing (an RFC 3161 time-stamp).
        BT => "b-t";
        /// With the validation data (certificates, revocation statuses) in the file.
        BLT => "b-lt";
        /// With a document time-stamp over all of it (long-term archival).
        BLTA => "b-lta";
    }
}

impl SealLevel {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_and_levels_are_read_back_from_their_stored_tokens() {
        for verdict in SignatureVerdict::ALL {
            assert_eq!(SignatureVerdict::parse(verdict.as_str()), Some(verdict));
        }
        for level in SealLevel::ALL {
            assert_eq!(SealLevel::parse(level.as_str()), Some(level));
        }
        assert_eq!(SealLevel::parse("b-lta"), Some(SealLevel::BLTA));
        assert_eq!(SignatureVerdict::parse("Valid"), None);
        let tokens: std::collections::HashSet<_> =
            SignatureVerdict::ALL.iter().map(|v| v.as_str()).collect();
        assert_eq!(tokens.len(), SignatureVerdict::ALL.len());
        assert!(SealLevel::BLT.long_term() && !SealLevel::BT.long_term());
    }
}
