//! Incremental updates: each appends objects and a cross-reference section pointing
//! back at the previous one, and keeps every byte before it unchanged (what a signature
//! covers stays covered). Three kinds:
//!
//! - a signature field ([`prepare`]): the signature dictionary with a `/ByteRange`
//!   placeholder and reserved `/Contents`, an invisible widget on page 1, the page with
//!   the widget in `/Annots`, the AcroForm (an indirect object, so that later fields
//!   only rewrite it) with the field in `/Fields`, and the catalog when the AcroForm is
//!   new. The field is an approval signature or a document time-stamp (PAdES B-LTA);
//! - the document security store ([`append_dss`]): certificates, OCSP responses and CRLs
//!   as streams, a `/DSS` dictionary naming them, the catalog pointing at it (B-LT).

use std::io::Write;

use lopdf::{Dictionary, Object, ObjectId, Writer};

use crate::error::PdfError;

mod dss;
mod field;

pub use dss::Validation;
pub(crate) use dss::{append_dss, has_security_store};
pub(crate) use field::{prepare, prepare_numbered};

/// A file and its newest revision as this engine knows it: parsed once, then carried
/// forward through the updates it appends, so that a seal's next step (a store, a
/// document time-stamp) does not parse the file again.
pub(crate) struct Parsed {
    pub bytes: Vec<u8>,
    revision: Revision,
}

impl Parsed {
    pub(crate) fn load(pdf: &[u8]) -> Result<Parsed, PdfError> {
        Ok(Parsed {
            revision: Revision::load(pdf)?,
            bytes: pdf.to_vec(),
        })
    }
}

/// The prepared file and where its signature goes.
pub(crate) struct Prepared {
    pub bytes: Vec<u8>,
    /// Offset of the `<` opening the reserved `/Contents` hex string.
    pub contents_start: usize,
    /// Offset just after its `>`.
    pub contents_end: usize,
    /// The file's revision with this update (writing the contents moves nothing).
    revision: Revision,
}

impl Prepared {
    /// The file with `der` (a signature or a time-stamp token, at most `reserved` bytes)
    /// written into the reserved `/Contents`.
    pub(crate) fn write_contents(self, der: &[u8], reserved: usize) -> Result<Parsed, PdfError> {
        if der.len() > reserved {
            return Err(PdfError::SignatureTooLarge {
                needed: der.len(),
                reserved,
            });
        }
        let mut bytes = self.bytes;
        let hex = crate::digest::hex(der).to_uppercase();
        let at = self.contents_start + 1;
        bytes[at..at + hex.len()].copy_from_slice(hex.as_bytes());
        Ok(Parsed {
            bytes,
            revision: self.revision,
        })
    }
}

/// Ten digits are enough for any file below 10 GB.
const BYTE_RANGE_PLACEHOLDER: &str = "[0 0000000000 0000000000 0000000000]";

fn parse_error(e: impl std::fmt::Display) -> PdfError {
    PdfError::Parse(e.to_string())
}

/// Document time-stamp fields are named `DocTimeStamp1`, `DocTimeStamp2`, …
pub(crate) const DOCUMENT_TIMESTAMP_PREFIX: &str = "DocTimeStamp";

/// What a field is for.
pub(crate) enum FieldKind<'a> {
    /// A signature of the document's content (`ETSI.CAdES.detached`), with its claimed
    /// time (/M) and reason.
    Approval {
        reason: &'a str,
        signing_time: &'a str,
    },
    /// A document time-stamp (`ETSI.RFC3161`) over everything before it.
    DocumentTimestamp,
}

/// The newest revision of a file: what an update refers to and rewrites.
struct Revision {
    doc: lopdf::Document,
    root_id: ObjectId,
    catalog: Dictionary,
    /// The next free object number.
    next: u32,
}

impl Revision {
    fn load(pdf: &[u8]) -> Result<Revision, PdfError> {
        let doc = lopdf::Document::load_mem(pdf).map_err(parse_error)?;
        if doc.is_encrypted() {
            return Err(PdfError::Parse("encrypted PDFs are not signed".into()));
        }
        let root_id = doc
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .map_err(parse_error)?;
        let catalog = doc.get_dictionary(root_id).map_err(parse_error)?.clone();
        let size = doc
            .trailer
            .get(b"Size")
            .and_then(Object::as_i64)
            .unwrap_or(0)
            .max(0) as u32;
        let next = size.max(doc.max_id + 1);
        Ok(Revision {
            doc,
            root_id,
            catalog,
            next,
        })
    }

    fn allocate(&mut self) -> ObjectId {
        self.next += 1;
        (self.next - 1, 0)
    }

    /// This revision with an update appended: its objects, its cross-reference section
    /// at `xref_at`. What the next update reads of them reads as a parse would.
    fn advance(&mut self, written: Vec<(ObjectId, Object)>, xref_at: usize) {
        for (id, object) in written {
            if id == self.root_id {
                if let Object::Dictionary(catalog) = &object {
                    self.catalog = catalog.clone();
                }
            }
            self.doc.objects.insert(id, object);
        }
        self.doc.xref_start = xref_at;
    }
}

/// Objects being appended to a file.
struct Appender {
    out: Vec<u8>,
    offsets: Vec<(ObjectId, usize)>,
    /// The dictionaries written, as the revision after the update holds them.
    written: Vec<(ObjectId, Object)>,
}

impl Appender {
    /// Appends to `pdf` (its own bytes: the file grows in place), with `room` for what
    /// the update adds beyond its dictionaries.
    fn new(mut out: Vec<u8>, room: usize) -> Appender {
        out.reserve(room + 4096);
        if !out.ends_with(b"\n") {
            out.push(b'\n');
        }
        Appender {
            out,
            offsets: Vec::new(),
            written: Vec::new(),
        }
    }

    /// Starts object `id`; its body follows.
    fn begin(&mut self, id: ObjectId) {
        self.offsets.push((id, self.out.len()));
        // Writing to a Vec cannot fail.
        let _ = writeln!(self.out, "{} {} obj", id.0, id.1);
    }

    fn end(&mut self) {
        self.out.extend_from_slice(b"\nendobj\n");
    }

    fn dictionary(&mut self, id: ObjectId, dict: Dictionary) -> Result<(), PdfError> {
        self.begin(id);
        let object = Object::Dictionary(dict);
        Writer::write_object(&mut self.out, &object).map_err(parse_error)?;
        self.end();
        self.written.push((id, object));
        Ok(())
    }

    /// A stream holding `data` as it is (DER: no filter).
    fn stream(&mut self, id: ObjectId, data: &[u8]) {
        self.begin(id);
        let _ = write!(self.out, "<</Length {}>>\nstream\n", data.len());
        self.out.extend_from_slice(data);
        self.out.extend_from_slice(b"\nendstream");
        self.end();
    }

    /// The cross-reference section and trailer of this update; `revision` becomes the
    /// file's with it.
    fn finish(mut self, revision: &mut Revision) -> Result<Vec<u8>, PdfError> {
        let xref_at = self.out.len();
        self.offsets.sort_by_key(|(id, _)| id.0);
        self.out.extend_from_slice(b"xref\n");
        for ((number, generation), offset) in &self.offsets {
            write!(self.out, "{number} 1\n{offset:010} {generation:05} n \n")
                .map_err(parse_error)?;
        }
        let mut trailer = Dictionary::new();
        trailer.set("Size", Object::Integer(i64::from(revision.next)));
        trailer.set("Root", Object::Reference(revision.root_id));
        trailer.set("Prev", Object::Integer(revision.doc.xref_start as i64));
        for key in [&b"Info"[..], b"ID"] {
            if let Ok(value) = revision.doc.trailer.get(key) {
                trailer.set(key.to_vec(), value.clone());
            }
        }
        self.out.extend_from_slice(b"trailer\n");
        Writer::write_object(&mut self.out, &Object::Dictionary(trailer)).map_err(parse_error)?;
        write!(self.out, "\nstartxref\n{xref_at}\n%%EOF\n").map_err(parse_error)?;
        revision.advance(self.written, xref_at);
        Ok(self.out)
    }
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

    /// A one-page PDF.
    fn minimal_pdf() -> Vec<u8> {
        use lopdf::{dictionary, Document, Stream};
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let content_id = doc.add_object(Stream::new(dictionary! {}, b"BT ET".to_vec()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
            }),
        );
        let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog_id);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    /// Two signatures, a store, a document time-stamp, a store, a second time-stamp:
    /// carrying the revision forward writes exactly what parsing the file anew before
    /// each update writes.
    #[test]
    fn a_carried_revision_writes_what_a_fresh_parse_writes() {
        let base = minimal_pdf();
        let run = |carry: bool| -> Vec<u8> {
            let next = |parsed: Parsed| {
                if carry {
                    parsed
                } else {
                    Parsed::load(&parsed.bytes).unwrap()
                }
            };
            let approval = || FieldKind::Approval {
                reason: "签署",
                signing_time: "D:20261206120000+08'00'",
            };
            let mut parsed = Parsed::load(&base).unwrap();
            for (name, value) in [("PartyASignature", 1u8), ("Signature1", 2)] {
                let prepared = prepare(parsed, name, approval(), 64).unwrap();
                parsed = next(prepared.write_contents(&[value; 10], 64).unwrap());
            }
            for round in 0u8..2 {
                let store = Validation {
                    certificates: vec![vec![round, 1, 2]],
                    ocsp_responses: vec![vec![round, 3]],
                    crls: vec![vec![round, 4]],
                };
                parsed = next(append_dss(parsed, &store).unwrap());
                let prepared = prepare_numbered(
                    parsed,
                    DOCUMENT_TIMESTAMP_PREFIX,
                    FieldKind::DocumentTimestamp,
                    64,
                )
                .unwrap();
                parsed = next(prepared.write_contents(&[9; 10], 64).unwrap());
            }
            // A third approval after the long-term data is refused either way.
            assert!(matches!(
                prepare(parsed_again(&parsed), "Late", approval(), 64),
                Err(PdfError::AlreadySigned)
            ));
            parsed.bytes
        };
        let carried = run(true);
        assert_eq!(carried, run(false));
        let text = String::from_utf8_lossy(&carried);
        assert!(text.contains("/T(DocTimeStamp2)"), "numbered on");
    }

    fn parsed_again(parsed: &Parsed) -> Parsed {
        Parsed::load(&parsed.bytes).unwrap()
    }

    #[test]
    fn dates_and_strings() {
        assert_eq!(pdf_date(1_795_363_509_000), "D:20261123000509+08'00'");
        assert_eq!(utf16_hex("签"), "<FEFF7B7E>");
    }
}
