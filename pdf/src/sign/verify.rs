//! Checking a signed file as `/verify` receives it: the provider's signature, and — when
//! the file carries long-term validation data after it (PAdES B-LT/B-LTA) — that what
//! came after changed nothing the signature covered and that every document time-stamp
//! checks. What may follow a signature (ETSI EN 319 142-1, and what validators allow):
//! a document security store, document time-stamp fields with invisible widgets, the
//! page's `/Annots`, the AcroForm's `/Fields`, and the catalog's `/AcroForm`, `/DSS` and
//! `/Extensions`. Anything else (a changed page, content, font; a visible annotation; an
//! approval signature after the provider's) means the document is not the one signed.
//! Approval signatures before the provider's (the customer's, on the dual channel) are
//! covered by it; they must be intact.

use std::collections::BTreeSet;

use der::Decode;
use lopdf::{Dictionary, Object, ObjectId};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use super::{cms, tsp, SignatureCheck, SigningIdentity};

/// A signature field's value found in a file.
pub(crate) struct Found {
    /// The CMS (signature or time-stamp token), with the reserved space's padding.
    pub cms: Vec<u8>,
    /// SHA-256 of the bytes it covers.
    pub digest: Vec<u8>,
    /// Where its revision ends (the end of what it covers).
    pub end: usize,
}

impl Found {
    /// A document time-stamp (its CMS stamps a TSTInfo) rather than a signature.
    fn is_timestamp(&self) -> bool {
        let mut reader = match der::SliceReader::new(&self.cms) {
            Ok(reader) => reader,
            Err(_) => return false,
        };
        cms::content_type(&mut reader) == Some(tsp::ID_CT_TST_INFO)
    }
}

/// Every signature field value of `pdf`, in file order; `Err` for one whose byte range
/// is not a single gap around its `/Contents` starting at the file's beginning.
pub(crate) fn signatures(pdf: &[u8]) -> Vec<Result<Found, ()>> {
    let key = b"/ByteRange";
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = find(&pdf[from..], key).map(|i| from + i) {
        from = at + key.len();
        found.push(signature_at(pdf, from));
    }
    found
}

fn signature_at(pdf: &[u8], after_key: usize) -> Result<Found, ()> {
    let [a, b, c, d] = super::parse_byte_range(&pdf[after_key..]).ok_or(())?;
    let end = c.checked_add(d).ok_or(())?;
    if a != 0 || b >= c || end > pdf.len() || pdf[b] != b'<' || pdf[c - 1] != b'>' {
        return Err(());
    }
    let cms = super::unhex(&pdf[b + 1..c - 1]).ok_or(())?;
    let mut hasher = Sha256::new();
    hasher.update(&pdf[..b]);
    hasher.update(&pdf[c..end]);
    Ok(Found {
        cms,
        digest: hasher.finalize().to_vec(),
        end,
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The newest document time-stamp of `pdf`, checked against what it covers: its token
/// and the SHA-256 it stamps.
pub(crate) fn newest_document_timestamp(pdf: &[u8]) -> Option<(tsp::TimeStamp, [u8; 32])> {
    let found = signatures(pdf)
        .into_iter()
        .filter_map(Result::ok)
        .rfind(Found::is_timestamp)?;
    let digest = <[u8; 32]>::try_from(found.digest.as_slice()).ok()?;
    let stamp = tsp::check_token(&trimmed(&found.cms), &digest).ok()?;
    Some((stamp, digest))
}

/// How many document time-stamps `pdf` carries.
pub(crate) fn document_timestamps(pdf: &[u8]) -> usize {
    signatures(pdf)
        .iter()
        .filter(|s| s.as_ref().is_ok_and(Found::is_timestamp))
        .count()
}

/// The provider's signature of `pdf`: its last signature that is not a time-stamp (the
/// customer's, on the dual channel, comes before it).
pub(crate) fn approval(pdf: &[u8]) -> Option<Result<Found, ()>> {
    signatures(pdf)
        .into_iter()
        .rfind(|s| s.as_ref().map_or(true, |f| !f.is_timestamp()))
}

/// See [`super::verify_signature`]. The provider's signature is the last approval
/// signature; each before it (the customer's) must be intact — the provider's covers
/// them, so what they covered needs no other check — and only validation data may
/// follow the provider's.
pub(crate) fn verify(pdf: &[u8], identity: &SigningIdentity) -> SignatureCheck {
    if !pdf.starts_with(b"%PDF-") {
        return SignatureCheck::Malformed;
    }
    let all = signatures(pdf);
    let is_approval = |s: &Result<Found, ()>| s.as_ref().map_or(true, |f| !f.is_timestamp());
    let Some(position) = all.iter().rposition(is_approval) else {
        return SignatureCheck::NotSigned;
    };
    let signed_by_identity =
        |cert: &Certificate| der::Encode::to_der(cert).is_ok_and(|d| d == identity.signer_der);
    // Earlier signatures: intact, none of them the provider's (a signature after the
    // provider's is not the provider's document).
    for earlier in all[..position].iter().filter(|s| is_approval(s)) {
        let Ok(found) = earlier else {
            return SignatureCheck::Altered;
        };
        match cms::check(&found.cms, &found.digest) {
            cms::CmsCheck::SignedBy(cert) if !signed_by_identity(&cert) => {}
            cms::CmsCheck::Unreadable => return SignatureCheck::Malformed,
            _ => return SignatureCheck::Altered,
        }
    }
    let Ok(signature) = &all[position] else {
        return SignatureCheck::Altered;
    };
    let signed = match cms::check(&signature.cms, &signature.digest) {
        cms::CmsCheck::SignedBy(cert) => signed_by_identity(&cert),
        cms::CmsCheck::Mismatch => return SignatureCheck::Altered,
        cms::CmsCheck::Unreadable => return SignatureCheck::Malformed,
    };
    if signature.end != pdf.len()
        && !only_validation_after(pdf, signature.end, &all[position + 1..])
    {
        return SignatureCheck::Altered;
    }
    if signed {
        SignatureCheck::Valid
    } else {
        SignatureCheck::WrongSigner
    }
}

/// Whether what follows the signed revision (ending at `signed_end`) is validation data
/// only and each later time-stamp checks against what it covers. A file may end with a
/// store after its last time-stamp (B-LT; or the revocation data of the last
/// time-stamp's own authority, which must postdate it).
fn only_validation_after(pdf: &[u8], signed_end: usize, later: &[Result<Found, ()>]) -> bool {
    let stamps_check = later.iter().all(|s| {
        s.as_ref().is_ok_and(|f| {
            f.is_timestamp()
                && <[u8; 32]>::try_from(f.digest.as_slice())
                    .is_ok_and(|digest| tsp::check_token(&trimmed(&f.cms), &digest).is_ok())
        })
    });
    stamps_check && updates_only(&pdf[signed_end..]) && allowed_changes(&pdf[..signed_end], pdf)
}

/// Whether `tail` is nothing but whole incremental updates: each section ends with
/// `%%EOF` after its own trailer and `startxref`. Bytes appended otherwise (junk after
/// the end of the file) are a change nobody signed, whatever a reader makes of them.
fn updates_only(tail: &[u8]) -> bool {
    let text = String::from_utf8_lossy(tail);
    let trimmed = text.trim_end_matches(['\r', '\n']);
    let Some(body) = trimmed.strip_suffix("%%EOF") else {
        return false;
    };
    body.split("%%EOF")
        .all(|section| section.contains("trailer") && section.contains("startxref"))
}

/// The DER of a CMS without the reserved space's trailing padding.
fn trimmed(cms: &[u8]) -> Vec<u8> {
    let mut reader = match der::SliceReader::new(cms) {
        Ok(reader) => reader,
        Err(_) => return cms.to_vec(),
    };
    match der::asn1::Any::decode(&mut reader) {
        Ok(any) => der::Encode::to_der(&any).unwrap_or_else(|_| cms.to_vec()),
        Err(_) => cms.to_vec(),
    }
}

/// Compares the signed revision with the whole file object by object: see the module.
fn allowed_changes(signed: &[u8], full: &[u8]) -> bool {
    let (Ok(before), Ok(after)) = (
        lopdf::Document::load_mem(signed),
        lopdf::Document::load_mem(full),
    ) else {
        return false;
    };
    let root = |doc: &lopdf::Document| doc.trailer.get(b"Root").and_then(Object::as_reference).ok();
    let (Some(root_id), Some(root_after)) = (root(&before), root(&after)) else {
        return false;
    };
    if root_id != root_after {
        return false;
    }
    let Some(&page_id) = before.get_pages().values().next() else {
        return false;
    };
    let Ok(catalog) = after.get_dictionary(root_id) else {
        return false;
    };
    let reference =
        |dict: &Dictionary, key: &[u8]| dict.get(key).and_then(Object::as_reference).ok();
    let form_id = reference(catalog, b"AcroForm");
    let dss_id = reference(catalog, b"DSS");
    let dss_streams: BTreeSet<ObjectId> = dss_id
        .and_then(|id| after.get_dictionary(id).ok())
        .map(|dss| {
            [&b"Certs"[..], b"OCSPs", b"CRLs"]
                .iter()
                .filter_map(|key| dss.get(key).and_then(Object::as_array).ok())
                .flatten()
                .filter_map(|o| o.as_reference().ok())
                .collect()
        })
        .unwrap_or_default();
    // Nothing the signature covered is gone.
    if !before
        .objects
        .keys()
        .all(|id| after.objects.contains_key(id))
    {
        return false;
    }
    after
        .objects
        .iter()
        .all(|(id, object)| match before.objects.get(id) {
            Some(old) if old == object => true,
            Some(Object::Dictionary(old)) => {
                let Object::Dictionary(new) = object else {
                    return false;
                };
                if *id == root_id {
                    same_except(old, new, &[b"AcroForm", b"DSS", b"Extensions"])
                } else if *id == page_id {
                    same_except(old, new, &[b"Annots"]) && grows(old, new, b"Annots")
                } else if Some(*id) == form_id {
                    same_except(old, new, &[b"Fields"]) && grows(old, new, b"Fields")
                } else {
                    Some(*id) == dss_id && is_named(old, b"DSS") && is_named(new, b"DSS")
                }
            }
            Some(_) => false,
            None => match object {
                Object::Dictionary(dict) => {
                    is_named(dict, b"DocTimeStamp")
                        || is_named(dict, b"DSS")
                        || is_invisible_signature_widget(dict)
                        || (Some(*id) == form_id && dict.has(b"Fields"))
                }
                Object::Stream(_) => dss_streams.contains(id),
                _ => false,
            },
        })
}

/// `/Type` is `name`.
fn is_named(dict: &Dictionary, name: &[u8]) -> bool {
    dict.get(b"Type")
        .and_then(Object::as_name)
        .is_ok_and(|n| n == name)
}

/// A signature field's widget that shows nothing: an empty rectangle, no appearance.
fn is_invisible_signature_widget(dict: &Dictionary) -> bool {
    let is = |key: &[u8], value: &[u8]| {
        dict.get(key)
            .and_then(Object::as_name)
            .is_ok_and(|n| n == value)
    };
    let empty = dict.get(b"Rect").and_then(Object::as_array).is_ok_and(|r| {
        r.iter()
            .all(|n| n.as_float().is_ok_and(|v| v == 0.0) || n.as_i64().is_ok_and(|v| v == 0))
    });
    is(b"Subtype", b"Widget") && is(b"FT", b"Sig") && empty && !dict.has(b"AP")
}

/// `old` and `new` hold the same entries but for `keys`.
fn same_except(old: &Dictionary, new: &Dictionary, keys: &[&[u8]]) -> bool {
    let kept = |dict: &Dictionary| {
        dict.iter()
            .filter(|(k, _)| !keys.contains(&k.as_slice()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<Vec<_>>()
    };
    let (mut a, mut b) = (kept(old), kept(new));
    a.sort_by(|x, y| x.0.cmp(&y.0));
    b.sort_by(|x, y| x.0.cmp(&y.0));
    a == b
}

/// The array `key` of `new` begins with that of `old` (entries only added).
fn grows(old: &Dictionary, new: &Dictionary, key: &[u8]) -> bool {
    let items = |dict: &Dictionary| {
        dict.get(key)
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let (old, new) = (items(old), items(new));
    new.len() >= old.len() && new[..old.len()] == old[..]
}
