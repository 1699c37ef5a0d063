//! An archive's words as the tokens themselves (`service::after_signing::archive::ArchiveWords`): what
//! the archive and export tests read back.

use domain::{ContractType, Status};
use service::after_signing::archive::ArchiveWords;
use service::contracts::documents::PdfKind;

/// The archive in the tokens' words.
pub struct Tokens;

pub const HEADER: [&str; 7] = [
    "number",
    "type",
    "status",
    "document",
    "effective",
    "total",
    "sha256",
];

impl ArchiveWords for Tokens {
    fn header(&self) -> [&'static str; 7] {
        HEADER
    }
    fn kind(&self, kind: ContractType) -> &'static str {
        kind.as_str()
    }
    fn status(&self, status: Status) -> &'static str {
        status.as_str()
    }
    fn document(&self, document: PdfKind) -> &'static str {
        match document {
            PdfKind::Draft => "draft",
            PdfKind::Formal => "formal",
        }
    }
}
