//! Long-term validation (PAdES B-LT and B-LTA): after the signature, a document security
//! store with what a relying party needs to judge the signature and its time-stamp
//! offline (certificates, OCSP responses, CRLs), then a document time-stamp over all of
//! it, whose own validation data a later store and time-stamp can renew.
//!
//! Each step is an incremental update, deterministic for its inputs: a document
//! time-stamp's imprint is asked for first ([`document_timestamp_imprint`]), so that a
//! token fetched once is used again after a restart.

use sha2::{Digest, Sha256};

use super::tsp;
pub use super::update::Validation;
use super::update::{self, FieldKind};
use crate::error::PdfError;

/// Appends a document security store holding `data` (or extends the one there).
pub fn add_validation_data(pdf: &[u8], data: &Validation) -> Result<Vec<u8>, PdfError> {
    Ok(update::append_dss(update::Parsed::load(pdf)?, data)?.bytes)
}

/// The document with its next document time-stamp field, `DocTimeStamp1`,
/// `DocTimeStamp2`, …
fn prepared(parsed: update::Parsed, token_budget: usize) -> Result<update::Prepared, PdfError> {
    update::prepare_numbered(
        parsed,
        update::DOCUMENT_TIMESTAMP_PREFIX,
        FieldKind::DocumentTimestamp,
        token_budget,
    )
}

fn imprint_of(prepared: &update::Prepared) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(&prepared.bytes[..prepared.contents_start]);
    hasher.update(&prepared.bytes[prepared.contents_end..]);
    hasher.finalize().into()
}

/// What a document time-stamp added to `pdf` with room for `token_budget` bytes must
/// stamp: the SHA-256 of the file with its field, but for the token's place.
pub fn document_timestamp_imprint(pdf: &[u8], token_budget: usize) -> Result<[u8; 32], PdfError> {
    Ok(DocumentTimestampDraft::new(pdf, token_budget)?.imprint())
}

/// Adds a document time-stamp: `token` must stamp [`document_timestamp_imprint`] of the
/// same file and budget (checked here).
pub fn add_document_timestamp(
    pdf: &[u8],
    token_budget: usize,
    token: &[u8],
) -> Result<Vec<u8>, PdfError> {
    let draft = DocumentTimestampDraft::new(pdf, token_budget)?;
    match tsp::check_token(token, &draft.imprint()) {
        Err(tsp::TspError::WrongImprint) => return Err(PdfError::TimestampMismatch),
        checked => checked?,
    };
    Ok(draft.finish(token)?.bytes)
}

/// A document time-stamp field added, before its token is written in (one preparation
/// for the imprint and the token).
pub(crate) struct DocumentTimestampDraft {
    prepared: update::Prepared,
    budget: usize,
}

impl DocumentTimestampDraft {
    pub(crate) fn new(pdf: &[u8], token_budget: usize) -> Result<Self, PdfError> {
        Self::on(update::Parsed::load(pdf)?, token_budget)
    }

    /// [`Self::new`] on a file parsed already.
    pub(crate) fn on(parsed: update::Parsed, token_budget: usize) -> Result<Self, PdfError> {
        Ok(Self {
            prepared: prepared(parsed, token_budget)?,
            budget: token_budget,
        })
    }

    pub(crate) fn imprint(&self) -> [u8; 32] {
        imprint_of(&self.prepared)
    }

    /// The file with `token` (a time-stamp of [`Self::imprint`], checked by the
    /// caller) written in.
    pub(crate) fn finish(self, token: &[u8]) -> Result<update::Parsed, PdfError> {
        self.prepared.write_contents(token, self.budget)
    }
}
