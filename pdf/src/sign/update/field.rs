//! A signature field's update: the signature dictionary with its placeholders, the
//! widget on page 1, the AcroForm that lists the field.

use std::io::Write;

use lopdf::{Dictionary, Object, ObjectId};

use crate::error::PdfError;

use super::{
    parse_error, utf16_hex, Appender, FieldKind, Parsed, Prepared, Revision,
    BYTE_RANGE_PLACEHOLDER, DOCUMENT_TIMESTAMP_PREFIX,
};

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
