//! The document security store's update (PAdES B-LT): the validation data as streams,
//! a `/DSS` dictionary naming them.

use lopdf::{Dictionary, Object};

use crate::error::PdfError;

use super::{parse_error, Appender, Parsed, Revision};

/// Whether the document's catalog names a document security store (`/DSS`).
pub(crate) fn has_security_store(pdf: &[u8]) -> bool {
    Revision::load(pdf).is_ok_and(|revision| revision.catalog.has(b"DSS"))
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
