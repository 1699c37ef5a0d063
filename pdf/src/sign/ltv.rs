//! Long-term validation (PAdES B-LT and B-LTA): after the signature, a document security
//! store with what a relying party needs to judge the signature and its time-stamp
//! offline (certificates, OCSP responses, CRLs), then a document time-stamp over all of
//! it, whose own validation data a later store and time-stamp can renew.
//!
//! Each step is an incremental update, deterministic for its inputs: a document
//! time-stamp's imprint is asked for first ([`document_timestamp_imprint`]), so that a
//! token fetched once is used again after a restart.

use sha2::{Digest, Sha256};

pub use super::update::Validation;
use super::update::{self, FieldKind};
use super::{tsp, verify};
use crate::error::PdfError;

/// Appends a document security store holding `data` (or extends the one there).
pub fn add_validation_data(pdf: &[u8], data: &Validation) -> Result<Vec<u8>, PdfError> {
    update::append_dss(pdf, data)
}

/// The next document time-stamp field's name: `DocTimeStamp1`, `DocTimeStamp2`, …
fn next_field(pdf: &[u8]) -> String {
    format!("DocTimeStamp{}", verify::timestamps(pdf) + 1)
}

fn prepared(pdf: &[u8], token_budget: usize) -> Result<update::Prepared, PdfError> {
    update::prepare(
        pdf,
        &next_field(pdf),
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
    Ok(imprint_of(&prepared(pdf, token_budget)?))
}

/// Adds a document time-stamp: `token` must stamp [`document_timestamp_imprint`] of the
/// same file and budget (checked here).
pub fn add_document_timestamp(
    pdf: &[u8],
    token_budget: usize,
    token: &[u8],
) -> Result<Vec<u8>, PdfError> {
    let prepared = prepared(pdf, token_budget)?;
    match tsp::check_token(token, &imprint_of(&prepared)) {
        Err(tsp::TspError::WrongImprint) => return Err(PdfError::TimestampMismatch),
        checked => checked?,
    };
    if token.len() > token_budget {
        return Err(PdfError::SignatureTooLarge {
            needed: token.len(),
            reserved: token_budget,
        });
    }
    let mut bytes = prepared.bytes;
    let hex = crate::digest::hex(token).to_uppercase();
    let at = prepared.contents_start + 1;
    bytes[at..at + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(bytes)
}
