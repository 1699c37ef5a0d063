//! The engine's one error type.

use std::path::PathBuf;

/// Everything that can go wrong while loading fonts, rendering, signing or loading a
/// signing identity. Verification never fails: it returns a [`crate::SignatureCheck`].
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("font file not found in {dir}: looked for {candidates}")]
    FontMissing { dir: PathBuf, candidates: String },
    #[error("{path} is not a usable OpenType font")]
    FontInvalid { path: PathBuf },
    #[error("unknown contract template version {0:?}")]
    UnknownTemplate(String),
    #[error("template {version:?} is for another contract type than {kind}")]
    TemplateKindMismatch { version: String, kind: &'static str },
    #[error("the PDF writer failed: {0}")]
    Write(String),
    #[error("cannot parse the PDF to sign: {0}")]
    Parse(String),
    #[error("the PDF already carries a signature field")]
    AlreadySigned,
    #[error("the signature ({needed} bytes) does not fit the reserved space ({reserved} bytes)")]
    SignatureTooLarge { needed: usize, reserved: usize },
    #[error("invalid certificate: {0}")]
    Certificate(String),
    #[error("invalid private key: {0}")]
    Key(String),
    #[error("the private key does not belong to the signing certificate")]
    KeyMismatch,
    #[error("signing identity directory {dir} is incomplete: {missing} is missing")]
    IdentityIncomplete { dir: PathBuf, missing: &'static str },
    #[error("cryptography failed: {0}")]
    Crypto(String),
    #[error("time-stamp: {0}")]
    Timestamp(#[from] TspError),
    #[error("the time-stamp token stamps another signature than this one")]
    TimestampMismatch,
}

impl PdfError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        PdfError::Io {
            path: path.into(),
            source,
        }
    }
}

/// Why a TSA's answer was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TspError {
    #[error("not a time-stamp answer this engine can read: {0}")]
    Malformed(String),
    #[error("the TSA refused the request (status {0})")]
    Refused(u32),
    #[error("the token stamps another message than the one asked for")]
    WrongImprint,
    #[error("the token does not carry the request's nonce")]
    WrongNonce,
    #[error("the token's signature does not verify")]
    BadSignature,
    #[error("the token's signer is not a time-stamping authority (no critical extended key usage id-kp-timeStamping)")]
    NotATsa,
}
