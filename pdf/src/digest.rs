//! The content digest printed on the evidence page and stored by the service.
//!
//! Definition: SHA-256 (lower-case hex) of the UTF-8 *canonical text* of the contract
//! body — the same blocks the renderer lays out from the title down to the last
//! paragraph before the signature block: the contract number, template version and
//! creation date line, both party blocks, every clause, the item table and the totals.
//! Excluded: the signature block, seals and marks, signing dates, headers, footers,
//! the watermark and the evidence page (which prints the digest, so it cannot be part
//! of it). Hence a draft and its formal version have the same digest, and the digest
//! does not depend on fonts, layout or PDF bytes — it is reproducible from the stored
//! contract data and template version alone.
//!
//! Canonical text: the first line is `qianyue-contract-content/1 <type token>`; then
//! one line per block, `<tag>\t<text>` with the text sanitised exactly as printed
//! (control characters → spaces, line breaks → "\n" escaped as `\n`), table rows as
//! cells joined by `\t`, and `\n` ending every line.

use sha2::{Digest, Sha256};

use crate::compose;
use crate::layout::blocks::Block;
use crate::layout::sanitize;
use crate::model::ContractDocument;
use crate::templates;

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// The digest of the document's content (see the module documentation). For a
/// template version the engine does not know (which [`crate::render`] refuses), the
/// digest covers the contract data alone, under a different first line.
pub fn content_digest(doc: &ContractDocument) -> String {
    sha256_hex(canonical_text(doc).as_bytes())
}

pub(crate) fn canonical_text(doc: &ContractDocument) -> String {
    match templates::for_document(&doc.template_version, doc.kind) {
        Ok(template) => canonical_blocks(doc, &compose::body(doc, template)),
        Err(_) => canonical_data(doc),
    }
}

pub(crate) fn canonical_blocks(doc: &ContractDocument, blocks: &[Block]) -> String {
    let mut out = format!("qianyue-contract-content/1 {}\n", doc.kind.as_str());
    let mut line = |tag: &str, text: &str| {
        out.push_str(tag);
        out.push('\t');
        out.push_str(&sanitize(text, true).replace('\n', "\\n"));
        out.push('\n');
    };
    for block in blocks {
        match block {
            Block::Title(t) => line("title", &t.text),
            Block::Subtitle(t) => line("subtitle", &t.text),
            Block::Heading(t) => line("heading", &t.text),
            Block::Para { text, .. } => line("para", &text.text),
            Block::Note(t) => line("note", &t.text),
            Block::Field { label, value, .. } => {
                line("field", &format!("{}\t{}", label.text, value.text))
            }
            Block::Table(table) => {
                let header: Vec<&str> = table.columns.iter().map(|c| c.header.as_str()).collect();
                line("table", &header.join("\t"));
                for row in &table.rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| sanitize(c, true).replace('\t', " "))
                        .collect();
                    line("row", &cells.join("\t"));
                }
            }
            Block::Spacer(_) | Block::PageBreak | Block::Keep { .. } => {}
        }
    }
    out
}

/// Data-only canonical text for unknown template versions.
fn canonical_data(doc: &ContractDocument) -> String {
    let mut out = format!("qianyue-contract-data/1 {}\n", doc.kind.as_str());
    let mut line = |text: &str| {
        out.push_str(&sanitize(text, true).replace('\n', "\\n"));
        out.push('\n');
    };
    line(&doc.number);
    line(&doc.template_version);
    line(&doc.created_at_ms.to_string());
    for p in [&doc.party_a, &doc.provider] {
        line(
            &[
                &p.name,
                p.id_masked.as_deref().unwrap_or(""),
                &p.address,
                &p.contact,
                &p.phone,
                &p.email,
                &p.postcode,
            ]
            .join("\t"),
        );
    }
    for item in &doc.items {
        let amount = item.amount_fen.map(|a| a.to_string()).unwrap_or_default();
        line(
            &[
                item.reference.as_str(),
                &item.description,
                &item.detail,
                &amount,
                &item.date_ms.to_string(),
            ]
            .join("\t"),
        );
    }
    line(&doc.total_fen.to_string());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
