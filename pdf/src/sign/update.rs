//! The incremental update that adds an (invisible) signature field to a PDF: a
//! signature dictionary with a `/ByteRange` placeholder and reserved `/Contents`, the
//! widget annotation on page 1, the updated page and catalog (with `/AcroForm`), and a
//! cross-reference section pointing back at the original one. The original bytes are
//! kept unchanged in front.

use std::io::Write;

use lopdf::{Dictionary, Object, ObjectId, Writer};

use crate::error::PdfError;

/// The prepared file and where its signature goes.
pub(crate) struct Prepared {
    pub bytes: Vec<u8>,
    /// Offset of the `<` opening the reserved `/Contents` hex string.
    pub contents_start: usize,
    /// Offset just after its `>`.
    pub contents_end: usize,
}

/// Ten digits are enough for any file below 10 GB.
const BYTE_RANGE_PLACEHOLDER: &str = "[0 0000000000 0000000000 0000000000]";

fn parse_error(e: impl std::fmt::Display) -> PdfError {
    PdfError::Parse(e.to_string())
}

/// Adds the signature field. `reserved` is the room for the DER signature, in bytes.
pub(crate) fn prepare(
    pdf: &[u8],
    reason: &str,
    signing_time: &str,
    reserved: usize,
) -> Result<Prepared, PdfError> {
    let doc = lopdf::Document::load_mem(pdf).map_err(parse_error)?;
    if doc.is_encrypted() {
        return Err(PdfError::Parse("encrypted PDFs are not signed".into()));
    }
    let root_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(parse_error)?;
    let mut catalog = doc.get_dictionary(root_id).map_err(parse_error)?.clone();
    if catalog.has(b"AcroForm") {
        return Err(PdfError::AlreadySigned);
    }
    let page_id = *doc
        .get_pages()
        .values()
        .next()
        .ok_or_else(|| PdfError::Parse("no pages".into()))?;
    let mut page = doc.get_dictionary(page_id).map_err(parse_error)?.clone();
    let size = doc
        .trailer
        .get(b"Size")
        .and_then(Object::as_i64)
        .unwrap_or(0)
        .max(0) as u32;
    let next = size.max(doc.max_id + 1);
    let (sig_id, field_id): (ObjectId, ObjectId) = ((next, 0), (next + 1, 0));

    let mut annots = match page.get(b"Annots") {
        Ok(Object::Array(items)) => items.clone(),
        Ok(Object::Reference(id)) => doc
            .get_object(*id)
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    annots.push(Object::Reference(field_id));
    page.set("Annots", Object::Array(annots));
    let mut acro_form = Dictionary::new();
    acro_form.set("Fields", Object::Array(vec![Object::Reference(field_id)]));
    acro_form.set("SigFlags", Object::Integer(3));
    catalog.set("AcroForm", Object::Dictionary(acro_form));

    let mut out = Vec::with_capacity(pdf.len() + 2 * reserved + 2048);
    out.extend_from_slice(pdf);
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut offsets: Vec<(ObjectId, usize)> = Vec::with_capacity(4);

    // The signature dictionary.
    offsets.push((sig_id, out.len()));
    let header = format!(
        "{} 0 obj\n<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/M({signing_time})/Reason{}/ByteRange ",
        sig_id.0,
        utf16_hex(reason)
    );
    out.extend_from_slice(header.as_bytes());
    let byte_range_at = out.len();
    out.extend_from_slice(BYTE_RANGE_PLACEHOLDER.as_bytes());
    out.extend_from_slice(b"/Contents ");
    let contents_start = out.len();
    out.push(b'<');
    out.resize(out.len() + 2 * reserved, b'0');
    out.push(b'>');
    let contents_end = out.len();
    out.extend_from_slice(b">>\nendobj\n");

    // The field, merged with its widget annotation: invisible (empty rectangle), printed and locked.
    offsets.push((field_id, out.len()));
    let field = format!(
        "{} 0 obj\n<</Type/Annot/Subtype/Widget/FT/Sig/T(Signature1)/V {} 0 R/Rect[0 0 0 0]/F 132/P {} {} R>>\nendobj\n",
        field_id.0, sig_id.0, page_id.0, page_id.1
    );
    out.extend_from_slice(field.as_bytes());

    for (id, dict) in [(page_id, page), (root_id, catalog)] {
        offsets.push((id, out.len()));
        writeln!(out, "{} {} obj", id.0, id.1).map_err(parse_error)?;
        Writer::write_object(&mut out, &Object::Dictionary(dict)).map_err(parse_error)?;
        out.extend_from_slice(b"\nendobj\n");
    }

    // Cross-reference section and trailer.
    let xref_at = out.len();
    offsets.sort_by_key(|(id, _)| id.0);
    out.extend_from_slice(b"xref\n");
    for ((number, generation), offset) in &offsets {
        write!(out, "{number} 1\n{offset:010} {generation:05} n \n").map_err(parse_error)?;
    }
    let mut trailer = Dictionary::new();
    trailer.set("Size", Object::Integer(i64::from(next + 2)));
    trailer.set("Root", Object::Reference(root_id));
    trailer.set("Prev", Object::Integer(doc.xref_start as i64));
    for key in [&b"Info"[..], b"ID"] {
        if let Ok(value) = doc.trailer.get(key) {
            trailer.set(key.to_vec(), value.clone());
        }
    }
    out.extend_from_slice(b"trailer\n");
    Writer::write_object(&mut out, &Object::Dictionary(trailer)).map_err(parse_error)?;
    write!(out, "\nstartxref\n{xref_at}\n%%EOF\n").map_err(parse_error)?;

    // Now that the length is known, fill in the byte range (same width, space padded).
    let range = format!(
        "[0 {} {} {}]",
        contents_start,
        contents_end,
        out.len() - contents_end
    );
    if range.len() > BYTE_RANGE_PLACEHOLDER.len() {
        return Err(PdfError::Parse("file too large to sign".into()));
    }
    let padded = format!("{range:<width$}", width = BYTE_RANGE_PLACEHOLDER.len());
    out[byte_range_at..byte_range_at + padded.len()].copy_from_slice(padded.as_bytes());
    Ok(Prepared {
        bytes: out,
        contents_start,
        contents_end,
    })
}

/// A PDF text string in UTF-16BE with a byte-order mark, as hex.
fn utf16_hex(text: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in text.encode_utf16() {
        out.push_str(&format!("{unit:04X}"));
    }
    out.push('>');
    out
}

/// "D:20261123140509+08'00'" (China Standard Time, R16).
pub(crate) fn pdf_date(utc_ms: i64) -> String {
    let (y, m, d) = domain::calendar::cst_date(utc_ms);
    let local = i128::from(utc_ms) + i128::from(domain::calendar::CST_OFFSET_MS);
    let secs = (local.rem_euclid(i128::from(domain::calendar::MS_PER_DAY)) / 1000) as u32;
    let year = y.clamp(0, 9999);
    format!(
        "D:{year:04}{m:02}{d:02}{:02}{:02}{:02}+08'00'",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_strings() {
        assert_eq!(pdf_date(1_795_363_509_000), "D:20261123000509+08'00'");
        assert_eq!(utf16_hex("签"), "<FEFF7B7E>");
    }
}
