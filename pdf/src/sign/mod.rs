//! PDF signatures: [`sign`] appends a PAdES baseline signature (CMS detached,
//! `ETSI.CAdES.detached`, SHA-256, ECDSA P-256) as an incremental update covering the
//! whole file; [`verify_signature`] checks such a file in-process (for `/verify`).

mod cms;
mod identity;
mod update;

pub use identity::SigningIdentity;

use sha2::{Digest, Sha256};

use crate::error::PdfError;
use crate::templates::labels;

/// Outcome of [`verify_signature`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureCheck {
    /// Signed by this identity's certificate; the whole file is covered and unchanged.
    Valid,
    /// A signature is there but the file no longer matches it (changed, truncated or
    /// extended after signing), or the signature value itself is broken.
    Altered,
    /// No signature in the file.
    NotSigned,
    /// A valid signature by another certificate.
    WrongSigner,
    /// Not a PDF, or a signature this engine cannot read.
    Malformed,
}

/// Bytes reserved for the CMS signature beyond the certificates it carries.
const RESERVE_OVERHEAD: usize = 2048;

/// Signs `pdf` (as written by [`crate::render`]) at `signing_time_ms` (UTC epoch ms,
/// recorded in CST as the signature's /M). Deterministic for the same input: ECDSA
/// uses RFC 6979 nonces.
pub fn sign(
    pdf: &[u8],
    identity: &SigningIdentity,
    signing_time_ms: i64,
) -> Result<Vec<u8>, PdfError> {
    let certs: usize = identity.signer_der.len()
        + identity
            .chain
            .iter()
            .map(|c| {
                der::Encode::encoded_len(c)
                    .map(|l| u32::from(l) as usize)
                    .unwrap_or(4096)
            })
            .sum::<usize>();
    let reserved = (certs + RESERVE_OVERHEAD).div_ceil(1024) * 1024;
    let prepared = update::prepare(
        pdf,
        labels::SIGNATURE_REASON,
        &update::pdf_date(signing_time_ms),
        reserved,
    )?;
    let mut bytes = prepared.bytes;
    let digest = range_digest(&bytes, prepared.contents_start, prepared.contents_end);
    let der = cms::signed_data(identity, &digest)?;
    if der.len() > reserved {
        return Err(PdfError::SignatureTooLarge {
            needed: der.len(),
            reserved,
        });
    }
    let hex = crate::digest::hex(&der).to_uppercase();
    let at = prepared.contents_start + 1;
    bytes[at..at + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(bytes)
}

/// SHA-256 of the file without the `/Contents` hex string (the signed byte range).
fn range_digest(bytes: &[u8], gap_start: usize, gap_end: usize) -> Vec<u8> {
    let mut hasher = Sha256::new();
    hasher.update(&bytes[..gap_start]);
    hasher.update(&bytes[gap_end..]);
    hasher.finalize().to_vec()
}

/// Checks the last signature of `pdf` against `identity`'s certificate. Reads only
/// the signature dictionary's `/ByteRange` and `/Contents`; never fails.
pub fn verify_signature(pdf: &[u8], identity: &SigningIdentity) -> SignatureCheck {
    if !pdf.starts_with(b"%PDF-") {
        return SignatureCheck::Malformed;
    }
    let Some(at) = rfind(pdf, b"/ByteRange") else {
        return SignatureCheck::NotSigned;
    };
    let Some([a, b, c, d]) = parse_byte_range(&pdf[at + b"/ByteRange".len()..]) else {
        return SignatureCheck::Altered;
    };
    // One gap (the /Contents string) and the rest of the file, all of it.
    let whole = a == 0 && b < c && c.checked_add(d) == Some(pdf.len());
    if !whole || pdf[b] != b'<' || pdf[c - 1] != b'>' {
        return SignatureCheck::Altered;
    }
    let Some(der) = unhex(&pdf[b + 1..c - 1]) else {
        return SignatureCheck::Altered;
    };
    match cms::check(&der, &range_digest(pdf, b, c)) {
        cms::CmsCheck::SignedBy(cert) => {
            let same = der::Encode::to_der(cert.as_ref())
                .map(|d| d == identity.signer_der)
                .unwrap_or(false);
            if same {
                SignatureCheck::Valid
            } else {
                SignatureCheck::WrongSigner
            }
        }
        cms::CmsCheck::Mismatch => SignatureCheck::Altered,
        cms::CmsCheck::Unreadable => SignatureCheck::Malformed,
    }
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// "[0 123 456 789]" (any whitespace) → four numbers.
fn parse_byte_range(rest: &[u8]) -> Option<[usize; 4]> {
    let text = std::str::from_utf8(&rest[..rest.len().min(100)])
        .ok()
        .or_else(|| {
            let end = rest.iter().position(|&b| b == b']')?;
            std::str::from_utf8(&rest[..=end]).ok()
        })?;
    let open = text.find('[')?;
    if !text[..open].trim().is_empty() {
        return None;
    }
    let close = text.find(']')?;
    let mut numbers = text[open + 1..close]
        .split_ascii_whitespace()
        .map(|n| n.parse::<usize>().ok());
    let values = [
        numbers.next()??,
        numbers.next()??,
        numbers.next()??,
        numbers.next()??,
    ];
    numbers.next().is_none().then_some(values)
}

fn unhex(hex: &[u8]) -> Option<Vec<u8>> {
    let digits: Vec<u8> = hex
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let value = |d: u8| (d as char).to_digit(16).map(|v| v as u8);
    let mut out = Vec::with_capacity(digits.len() / 2 + 1);
    for pair in digits.chunks(2) {
        let high = value(pair[0])?;
        let low = if pair.len() == 2 { value(pair[1])? } else { 0 };
        out.push(high << 4 | low);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_ranges_parse_strictly() {
        assert_eq!(
            parse_byte_range(b" [0 10 20 30   ]/Contents"),
            Some([0, 10, 20, 30])
        );
        assert_eq!(parse_byte_range(b"[0 10 20]"), None);
        assert_eq!(parse_byte_range(b"[0 10 20 30 40]"), None);
        assert_eq!(parse_byte_range(b"x[0 1 2 3]"), None);
        assert_eq!(parse_byte_range(b"[0 a 2 3]"), None);
        assert_eq!(unhex(b"0aF"), Some(vec![0x0a, 0xf0]));
        assert_eq!(unhex(b"zz"), None);
    }
}
