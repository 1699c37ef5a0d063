//! PDF signatures: [`sign`] appends a PAdES baseline signature (CMS detached,
//! `ETSI.CAdES.detached`, SHA-256, ECDSA P-256) as an incremental update covering the
//! whole file; [`verify_signature`] checks such a file in-process (for `/verify`).

mod cms;
pub mod crl;
pub mod dev_pki;
mod identity;
pub mod local_tsa;
mod ltv;
pub mod ocsp;
pub mod pades;
pub mod pki;
pub mod tsp;
mod update;
mod verify;

pub use identity::SigningIdentity;
pub use ltv::{
    add_document_timestamp, add_validation_data, document_timestamp_imprint, Validation,
};

use sha2::{Digest, Sha256};

use crate::error::PdfError;
use crate::templates::labels;
use tsp::TspError;

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

/// Whose signature a signature field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Party A, the customer, on the dual channel: with an event certificate, before
    /// the provider.
    Customer,
    /// The provider, last: its signature covers the customer's.
    Provider,
}

impl Role {
    /// The signature field's name.
    fn field(self) -> &'static str {
        match self {
            Role::Customer => "PartyASignature",
            Role::Provider => "Signature1",
        }
    }

    /// The signature's /Reason.
    fn reason(self) -> &'static str {
        match self {
            Role::Customer => labels::CUSTOMER_SIGNATURE_REASON,
            Role::Provider => labels::SIGNATURE_REASON,
        }
    }
}

/// One signature of a document: who, with which identity, claiming which time.
#[derive(Debug, Clone, Copy)]
pub struct Signer<'a> {
    pub identity: &'a SigningIdentity,
    /// UTC epoch ms, recorded in CST as the signature's /M.
    pub signed_at_ms: i64,
    pub role: Role,
}

impl<'a> Signer<'a> {
    pub fn provider(identity: &'a SigningIdentity, signed_at_ms: i64) -> Self {
        Signer {
            identity,
            signed_at_ms,
            role: Role::Provider,
        }
    }
}

/// Room reserved for a signature time-stamp token beside the signature (PAdES B-T): a
/// token carries the TSA's certificate chain, and an RSA-4096 chain of three makes one of
/// about 6 KB; 16 KiB leaves room for a larger one rather than a document that cannot
/// be finished.
pub const TOKEN_BUDGET: usize = 16 * 1024;

/// Signs `pdf` (as written by [`crate::render`]) at `signing_time_ms` (UTC epoch ms,
/// recorded in CST as the signature's /M). Deterministic for the same input: ECDSA
/// uses RFC 6979 nonces.
pub fn sign(
    pdf: &[u8],
    identity: &SigningIdentity,
    signing_time_ms: i64,
) -> Result<Vec<u8>, PdfError> {
    sign_as(pdf, &Signer::provider(identity, signing_time_ms))
}

/// [`sign`] for any signer (B-B: no time-stamp).
pub(crate) fn sign_as(pdf: &[u8], signer: &Signer<'_>) -> Result<Vec<u8>, PdfError> {
    Ok(sign_on(update::Parsed::load(pdf)?, signer)?.bytes)
}

/// [`sign_as`] on a file parsed already.
pub(crate) fn sign_on(
    parsed: update::Parsed,
    signer: &Signer<'_>,
) -> Result<update::Parsed, PdfError> {
    let mut draft = SignatureDraft::on(parsed, signer, 0)?;
    let cms = std::mem::take(&mut draft.cms);
    draft.finish(&cms)
}

/// What the time-stamp of the signature [`sign_timestamped`] makes must stamp (the
/// SHA-256 of its signature value), to be sent to a TSA. The same for the same
/// arguments: the signature is deterministic.
pub fn signature_imprint(
    pdf: &[u8],
    identity: &SigningIdentity,
    signing_time_ms: i64,
    token_budget: usize,
) -> Result<[u8; 32], PdfError> {
    let signer = Signer::provider(identity, signing_time_ms);
    let draft = SignatureDraft::new(pdf, &signer, token_budget)?;
    cms::signature_imprint(&draft.cms)
}

/// Signs `pdf` like [`sign`] and adds `token`, a time-stamp of the signature
/// ([`signature_imprint`], checked here), as its trusted time (PAdES B-T). `token_budget`
/// must be the one the imprint was computed with.
pub fn sign_timestamped(
    pdf: &[u8],
    identity: &SigningIdentity,
    signing_time_ms: i64,
    token_budget: usize,
    token: &[u8],
) -> Result<Vec<u8>, PdfError> {
    let signer = Signer::provider(identity, signing_time_ms);
    let draft = SignatureDraft::new(pdf, &signer, token_budget)?;
    let imprint = cms::signature_imprint(&draft.cms)?;
    match tsp::check_token(token, &imprint) {
        Err(TspError::WrongImprint) => return Err(PdfError::TimestampMismatch),
        checked => checked?,
    };
    let cms = cms::with_signature_timestamp(&draft.cms, token)?;
    Ok(draft.finish(&cms)?.bytes)
}

/// The signature field added and the signature made, before it is written in.
pub(crate) struct SignatureDraft {
    prepared: update::Prepared,
    reserved: usize,
    cms: Vec<u8>,
}

impl SignatureDraft {
    pub(crate) fn new(
        pdf: &[u8],
        signer: &Signer<'_>,
        token_budget: usize,
    ) -> Result<Self, PdfError> {
        Self::on(update::Parsed::load(pdf)?, signer, token_budget)
    }

    /// [`Self::new`] on a file parsed already.
    pub(crate) fn on(
        parsed: update::Parsed,
        signer: &Signer<'_>,
        token_budget: usize,
    ) -> Result<Self, PdfError> {
        let identity = signer.identity;
        let reserved = reservation(identity) + token_budget;
        let prepared = update::prepare(
            parsed,
            signer.role.field(),
            update::FieldKind::Approval {
                reason: signer.role.reason(),
                signing_time: &update::pdf_date(signer.signed_at_ms),
            },
            reserved,
        )?;
        let digest = range_digest(
            &prepared.bytes,
            prepared.contents_start,
            prepared.contents_end,
        );
        let cms = cms::signed_data(identity, &digest)?;
        Ok(SignatureDraft {
            prepared,
            reserved,
            cms,
        })
    }

    /// What a time-stamp of this signature must stamp.
    pub(crate) fn imprint(&self) -> Result<[u8; 32], PdfError> {
        cms::signature_imprint(&self.cms)
    }

    /// The file with this signature and `token`, a time-stamp of it (checked by the
    /// caller), written in.
    pub(crate) fn finish_timestamped(self, token: &[u8]) -> Result<update::Parsed, PdfError> {
        let cms = cms::with_signature_timestamp(&self.cms, token)?;
        self.finish(&cms)
    }

    /// Writes `der` (the signature, time-stamped or not) into the reserved space.
    fn finish(self, der: &[u8]) -> Result<update::Parsed, PdfError> {
        self.prepared.write_contents(der, self.reserved)
    }
}

/// Bytes reserved for the signature: the certificates it carries and room for the rest,
/// rounded up to 1 KiB.
fn reservation(identity: &SigningIdentity) -> usize {
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
    (certs + RESERVE_OVERHEAD).div_ceil(1024) * 1024
}

/// SHA-256 of the file without the `/Contents` hex string (the signed byte range).
fn range_digest(bytes: &[u8], gap_start: usize, gap_end: usize) -> Vec<u8> {
    let mut hasher = Sha256::new();
    hasher.update(&bytes[..gap_start]);
    hasher.update(&bytes[gap_end..]);
    hasher.finalize().to_vec()
}

/// The trusted time of the signature of `pdf`: its time-stamp token, checked against
/// the signature it stamps (RFC 3161; the TSA's chain is not judged here). `None` when
/// the signature has no time-stamp, or one that does not check.
pub fn signature_timestamp(pdf: &[u8]) -> Option<tsp::TimeStamp> {
    let signature = verify::approval(pdf)?.ok()?;
    let token = cms::signature_timestamp(&signature.cms)?;
    tsp::check_token(&token, &cms::signature_imprint(&signature.cms).ok()?).ok()
}

/// What a signed document carries for a relying party beside its signature, as
/// `/verify` shows it: its PAdES level and the trusted time of its signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealSummary {
    pub level: pades::Level,
    /// The signature's time-stamp (B-T and above), checked against the signature.
    pub timestamp: Option<tsp::TimeStamp>,
}

/// The [`SealSummary`] of `pdf`; `None` without a signature. Says what is there, not
/// whether it is valid (see [`verify_signature`]).
pub fn seal_summary(pdf: &[u8]) -> Option<SealSummary> {
    verify::approval(pdf)?.ok()?;
    let timestamp = signature_timestamp(pdf);
    let level = match (
        timestamp.is_some(),
        update::has_security_store(pdf),
        verify::document_timestamps(pdf) > 0,
    ) {
        (false, _, _) => pades::Level::BB,
        (true, false, _) => pades::Level::BT,
        (true, true, false) => pades::Level::BLT,
        (true, true, true) => pades::Level::BLTA,
    };
    Some(SealSummary { level, timestamp })
}

/// Checks the signature of `pdf` against `identity`'s certificate: it covers the file as
/// signed, and whatever follows it is long-term validation data only (a document
/// security store, document time-stamps that check). Never fails.
pub fn verify_signature(pdf: &[u8], identity: &SigningIdentity) -> SignatureCheck {
    verify::verify(pdf, identity)
}

/// "[0 123 456 789]" (any whitespace) → four numbers.
pub(crate) fn parse_byte_range(rest: &[u8]) -> Option<[usize; 4]> {
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

pub(crate) fn unhex(hex: &[u8]) -> Option<Vec<u8>> {
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
