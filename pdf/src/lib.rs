//! Qianyue's contract PDF engine (issue 4, SPEC "Documents", R10, R15–R17).
//!
//! - [`render`] lays out a [`ContractDocument`] with its versioned template
//!   ([`templates`]) and writes an A4 PDF with an embedded, subset Noto Sans SC font
//!   (krilla). Pure and deterministic: the same input gives the same bytes.
//! - [`sign`] appends a PAdES signature (`ETSI.CAdES.detached`, SHA-256, ECDSA P-256)
//!   as an incremental update; [`verify_signature`] checks one in-process.
//! - [`content_digest`] is the SHA-256 of the contract body printed on the evidence page.
//!
//! Module map: `layout/` (line breaking, page flow, tables, header/footer), `templates/`
//! (all Chinese contract text), `compose`, `signature`, `seal`, `evidence` (what goes on
//! the pages), `painter` (krilla), `sign/` (identity, signing, verification).

mod compose;
mod digest;
mod error;
mod evidence;
mod fonts;
pub mod layout;
mod model;
mod painter;
mod seal;
mod sign;
mod signature;
pub mod templates;

pub use digest::{content_digest, sha256_hex};
pub use error::PdfError;
pub use fonts::{Fonts, Weight as FontWeight};
pub use model::{
    ContractDocument, CustomerMark, DocumentMode, FormalMarks, ItemRow, Party, Renews, SigningEvent,
};
pub use sign::dev_pki::{CustomerSigning, DevelopmentPki};
pub use sign::local_tsa::LocalTsa;
pub use sign::pades::{self, Level, Need, Request, SealError, Step};
pub use sign::pki::LocalAuthority;
pub use sign::tsp::{self, TimeStamp, TspError};
pub use sign::{
    add_document_timestamp, add_validation_data, document_timestamp_imprint, Validation,
};
pub use sign::{crl, ocsp};
pub use sign::{
    seal_summary, sign, sign_timestamped, signature_imprint, signature_timestamp, verify_signature,
    Role, SealSummary, SignatureCheck, Signer, SigningIdentity, TOKEN_BUDGET,
};

use layout::chrome::{decorate, Chrome};
use layout::flow::Flow;
use templates::labels;

/// Renders the document. Fails only for an unknown template version (or one of
/// another contract type) and if the PDF writer fails; any user text is accepted.
pub fn render(fonts: &Fonts, doc: &ContractDocument) -> Result<Vec<u8>, PdfError> {
    let (pages, template) = lay_out(fonts, doc)?;
    let info = painter::Info {
        title: format!("{} {}", template.title, doc.number),
        created_at_ms: doc.created_at_ms,
    };
    let pdf = painter::paint(fonts, &pages, &info);
    // krilla memoises font subsets and compressed streams process-wide. Keep what the
    // last renders used (the template embeddings, reused by every document of a
    // template) and drop the rest (per-document data subsets), bounding memory.
    comemo::evict(MEMO_MAX_AGE);
    pdf
}

/// Renders a memoised result may go unused before it is dropped.
const MEMO_MAX_AGE: usize = 64;

/// The contract body as layout blocks (what the content digest covers); the
/// benchmark turns it into HTML and typst markup for its baselines.
#[doc(hidden)]
pub fn body_blocks(doc: &ContractDocument) -> Result<Vec<layout::blocks::Block>, PdfError> {
    let template = templates::for_document(&doc.template_version, doc.kind)?;
    Ok(compose::body(doc, template))
}

/// The laid-out pages [`render`] draws, headers and footers included (for tests and
/// diagnostics).
pub fn layout_pages(fonts: &Fonts, doc: &ContractDocument) -> Result<Vec<layout::Page>, PdfError> {
    lay_out(fonts, doc).map(|(pages, _)| pages)
}

fn lay_out(
    fonts: &Fonts,
    doc: &ContractDocument,
) -> Result<(Vec<layout::Page>, &'static templates::Template), PdfError> {
    let template = templates::for_document(&doc.template_version, doc.kind)?;
    let mut blocks = compose::body(doc, template);
    let (formal, watermark) = match &doc.mode {
        DocumentMode::Formal(marks) => (Some(marks), None),
        DocumentMode::Draft => (None, Some(labels::WATERMARK)),
        DocumentMode::Sample => (None, Some(labels::SAMPLE_WATERMARK)),
    };
    blocks.push(layout::blocks::Block::Spacer(10.0));
    blocks.push(signature::block(fonts, doc));
    if let Some(marks) = formal {
        // The digest covers the body blocks only (see `digest`; the signature block is skipped).
        let digest = digest::sha256_hex(digest::canonical_blocks(doc, &blocks).as_bytes());
        blocks.extend(evidence::blocks(doc, template, marks, &digest));
    }
    let mut pages = Flow::run(fonts, &blocks);
    let footer = labels::footer;
    let chrome = Chrome {
        header_left: template.title.into(),
        header_right: labels::header_number(&doc.number),
        footer: &footer,
        watermark,
    };
    decorate(&mut pages, fonts, &chrome);
    Ok((pages, template))
}
