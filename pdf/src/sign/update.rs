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

/// The document's signature fields: the AcroForm's id (when indirect) and dictionary.
fn acro_form(revision: &Revision) -> Result<Option<(Option<ObjectId>, Dictionary)>, PdfError> {
    match revision.catalog.get(b"AcroForm") {
        Ok(Object::Reference(id)) => Ok(Some((
            Some(*id),
            revision
                .doc
                .get_dictionary(*id)
                .map_err(parse_error)?
                .clone(),
        ))),
        Ok(Object::Dictionary(dict)) => Ok(Some((None, dict.clone()))),
        _ => Ok(None),
    }
}

/// The names (`/T`) of the fields an AcroForm lists.
fn field_names(revision: &Revision, form: &Dictionary) -> Vec<Vec<u8>> {
    let fields = form
        .get(b"Fields")
        .and_then(Object::as_array)
        .cloned()
        .unwrap_or_default();
    fields
        .iter()
        .filter_map(|f| f.as_reference().ok())
        .filter_map(|id| revision.doc.get_dictionary(id).ok())
        .filter_map(|d| {
            d.get(b"T")
                .and_then(Object::as_str)
                .ok()
                .map(<[u8]>::to_vec)
        })
        .collect()
}

/// Whether the document's catalog names a document security store (`/DSS`).
pub(crate) fn has_security_store(pdf: &[u8]) -> bool {
    Revision::load(pdf).is_ok_and(|revision| revision.catalog.has(b"DSS"))
}

/// Adds the signature field `name` of `kind`. `reserved` is the room for the DER
/// signature or token, in bytes. An approval signature goes into a document with no
/// field of that name and nothing of the long-term kind yet (the customer's, then the
/// provider's: each later one covers the earlier; validation data and document
/// time-stamps come after every signature); a document time-stamp after anything.
pub(crate) fn prepare(
    parsed: Parsed,
    name: &str,
    kind: FieldKind<'_>,
    reserved: usize,
) -> Result<Prepared, PdfError> {
    prepare_in(parsed.bytes, parsed.revision, name, kind, reserved)
}

/// [`prepare`] for the first field `<prefix>1`, `<prefix>2`, … the document does not
/// have yet (document time-stamps, one per renewal).
pub(crate) fn prepare_numbered(
    parsed: Parsed,
    prefix: &str,
    kind: FieldKind<'_>,
    reserved: usize,
) -> Result<Prepared, PdfError> {
    let Parsed {
        bytes: pdf,
        revision,
    } = parsed;
    let names = match acro_form(&revision)? {
        Some((_, form)) => field_names(&revision, &form),
        None => Vec::new(),
    };
    let name = (1..)
        .map(|n| format!("{prefix}{n}"))
        .find(|name| !names.iter().any(|taken| taken == name.as_bytes()))
        .unwrap_or_default();
    prepare_in(pdf, revision, &name, kind, reserved)
}

fn prepare_in(
    pdf: Vec<u8>,
    mut revision: Revision,
    name: &str,
    kind: FieldKind<'_>,
    reserved: usize,
) -> Result<Prepared, PdfError> {
    let existing = acro_form(&revision)?;
    let names = match &existing {
        Some((_, form)) => field_names(&revision, form),
        None => Vec::new(),
    };
    let approval = matches!(kind, FieldKind::Approval { .. });
    let long_term = revision.catalog.has(b"DSS")
        || names
            .iter()
            .any(|n| n.starts_with(DOCUMENT_TIMESTAMP_PREFIX.as_bytes()));
    if (approval && long_term) || names.iter().any(|n| n == name.as_bytes()) {
        return Err(PdfError::AlreadySigned);
    }
    let page_id = *revision
        .doc
        .get_pages()
        .values()
        .next()
        .ok_or_else(|| PdfError::Parse("no pages".into()))?;
    let mut page = revision
        .doc
        .get_dictionary(page_id)
        .map_err(parse_error)?
        .clone();
    let sig_id = revision.allocate();
    let field_id = revision.allocate();

    let mut annots = match page.get(b"Annots") {
        Ok(Object::Array(items)) => items.clone(),
        Ok(Object::Reference(id)) => revision
            .doc
            .get_object(*id)
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    annots.push(Object::Reference(field_id));
    page.set("Annots", Object::Array(annots));
    // The AcroForm becomes (or stays) an object of its own: a later field rewrites it,
    // not the catalog.
    let (form_id, mut form, catalog_changes) = match existing {
        Some((Some(id), form)) => (id, form, false),
        Some((None, form)) => (revision.allocate(), form, true),
        None => {
            let mut form = Dictionary::new();
            form.set("SigFlags", Object::Integer(3));
            (revision.allocate(), form, true)
        }
    };
    let mut fields = form
        .get(b"Fields")
        .and_then(Object::as_array)
        .cloned()
        .unwrap_or_default();
    fields.push(Object::Reference(field_id));
    form.set("Fields", Object::Array(fields));

    let mut out = Appender::new(pdf, 2 * reserved);
    // The signature dictionary, with its placeholders.
    out.begin(sig_id);
    let header = match kind {
        FieldKind::Approval {
            reason,
            signing_time,
        } => format!(
            "<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/M({signing_time})/Reason{}/ByteRange ",
            utf16_hex(reason)
        ),
        FieldKind::DocumentTimestamp => {
            "<</Type/DocTimeStamp/Filter/Adobe.PPKLite/SubFilter/ETSI.RFC3161/ByteRange ".to_string()
        }
    };
    out.out.extend_from_slice(header.as_bytes());
    let byte_range_at = out.out.len();
    out.out.extend_from_slice(BYTE_RANGE_PLACEHOLDER.as_bytes());
    out.out.extend_from_slice(b"/Contents ");
    let contents_start = out.out.len();
    out.out.push(b'<');
    out.out.resize(out.out.len() + 2 * reserved, b'0');
    out.out.push(b'>');
    let contents_end = out.out.len();
    out.out.extend_from_slice(b">>");
    out.end();
    // What a later update reads of it: its kind (the value is in the file).
    let mut signature = Dictionary::new();
    signature.set(
        "Type",
        Object::Name(match kind {
            FieldKind::Approval { .. } => b"Sig".to_vec(),
            FieldKind::DocumentTimestamp => b"DocTimeStamp".to_vec(),
        }),
    );
    out.written.push((sig_id, Object::Dictionary(signature)));

    // The field, merged with its widget annotation: invisible (empty rectangle), printed
    // and locked.
    out.begin(field_id);
    let _ = write!(
        out.out,
        "<</Type/Annot/Subtype/Widget/FT/Sig/T({name})/V {} 0 R/Rect[0 0 0 0]/F 132/P {} {} R>>",
        sig_id.0, page_id.0, page_id.1
    );
    out.end();
    // A later field reads this one's name.
    let mut field = Dictionary::new();
    field.set("FT", Object::Name(b"Sig".to_vec()));
    field.set(
        "T",
        Object::String(name.as_bytes().to_vec(), lopdf::StringFormat::Literal),
    );
    field.set("V", Object::Reference(sig_id));
    out.written.push((field_id, Object::Dictionary(field)));
    out.dictionary(page_id, page)?;
    out.dictionary(form_id, form)?;
    if catalog_changes {
        let mut catalog = revision.catalog.clone();
        catalog.set("AcroForm", Object::Reference(form_id));
        out.dictionary(revision.root_id, catalog)?;
    }
    let mut bytes = out.finish(&mut revision)?;

    // Now that the length is known, fill in the byte range (same width, space padded).
    let range = format!(
        "[0 {} {} {}]",
        contents_start,
        contents_end,
        bytes.len() - contents_end
    );
    if range.len() > BYTE_RANGE_PLACEHOLDER.len() {
        return Err(PdfError::Parse("file too large to sign".into()));
    }
    let padded = format!("{range:<width$}", width = BYTE_RANGE_PLACEHOLDER.len());
    bytes[byte_range_at..byte_range_at + padded.len()].copy_from_slice(padded.as_bytes());
    Ok(Prepared {
        bytes,
        contents_start,
        contents_end,
        revision,
    })
}

/// What a document security store holds, each as its DER.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Validation {
    pub certificates: Vec<Vec<u8>>,
    pub ocsp_responses: Vec<Vec<u8>>,
    pub crls: Vec<Vec<u8>>,
}

/// Appends a document security store with `data` (ETSI EN 319 142-1 §5.4.2): streams of
/// DER, a `/DSS` dictionary naming them, the catalog pointing at it. A store already in
/// the document is extended (its arrays keep what they held).
pub(crate) fn append_dss(parsed: Parsed, data: &Validation) -> Result<Parsed, PdfError> {
    let Parsed {
        bytes: pdf,
        mut revision,
    } = parsed;
    let (dss_id, mut dss) = match revision.catalog.get(b"DSS") {
        Ok(Object::Reference(id)) => (
            *id,
            revision
                .doc
                .get_dictionary(*id)
                .map_err(parse_error)?
                .clone(),
        ),
        _ => {
            let mut dss = Dictionary::new();
            dss.set("Type", Object::Name(b"DSS".to_vec()));
            (revision.allocate(), dss)
        }
    };
    let room = [&data.certificates, &data.ocsp_responses, &data.crls]
        .iter()
        .flat_map(|items| items.iter().map(Vec::len))
        .sum::<usize>();
    let mut out = Appender::new(pdf, room);
    for (key, items) in [
        (&b"Certs"[..], &data.certificates),
        (b"OCSPs", &data.ocsp_responses),
        (b"CRLs", &data.crls),
    ] {
        if items.is_empty() {
            continue;
        }
        let mut refs = dss
            .get(key)
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default();
        for item in items {
            let id = revision.allocate();
            out.stream(id, item);
            refs.push(Object::Reference(id));
        }
        dss.set(key.to_vec(), Object::Array(refs));
    }
    let new_store = !revision.catalog.has(b"DSS");
    out.dictionary(dss_id, dss)?;
    if new_store {
        let mut catalog = revision.catalog.clone();
        catalog.set("DSS", Object::Reference(dss_id));
        out.dictionary(revision.root_id, catalog)?;
    }
    let bytes = out.finish(&mut revision)?;
    Ok(Parsed { bytes, revision })
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
