//! Sealing a formal document at a PAdES level with evidence from outside: time-stamp
//! tokens from a TSA and OCSP responses from the certificates' responders. Pure and
//! resumable: [`seal`] builds as far as the evidence it is given reaches and says what is
//! still needed, each piece under a key naming what it covers; the caller fetches it,
//! keeps it (a crash must not cost a second TSA request, nor change the document), and
//! asks again. Only a document at the level asked for is ever returned.
//!
//! The order is the standard's (ETSI EN 319 142-1): the signature and its time-stamp
//! (B-T); the certificates of the signer's and the TSA's chains with a revocation status
//! for each that is not a root, fetched after the time-stamp (B-LT); a document
//! time-stamp over all of it and, after it, the status of its own authority's chain
//! (B-LTA; validators ask revocation data to postdate what it vouches for).

use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use super::ltv::{DocumentTimestampDraft, Validation};
use super::update::{self, Parsed};
use super::{crl, ocsp, tsp, Signer, SigningIdentity, TOKEN_BUDGET};
use crate::error::PdfError;

/// The PAdES baseline levels (ETSI EN 319 142-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// A signature (CAdES).
    BB,
    /// … with a trusted time of signing (an RFC 3161 time-stamp of the signature).
    BT,
    /// … with what a relying party needs to validate it later (certificates, revocation
    /// data) in the document.
    BLT,
    /// … with a document time-stamp over all of it, renewable.
    BLTA,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::BB, Level::BT, Level::BLT, Level::BLTA];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::BB => "b-b",
            Level::BT => "b-t",
            Level::BLT => "b-lt",
            Level::BLTA => "b-lta",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// Something the document needs from outside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// A time-stamp token of this SHA-256 imprint (from a TSA).
    Timestamp { imprint: [u8; 32] },
    /// The revocation status of `certificate` issued by `issuer` (both DER): an OCSP
    /// response from the responder the certificate names, or else (no responder, or
    /// one that does not answer) the issuer's CRL from its distribution point.
    Revocation {
        certificate: Vec<u8>,
        issuer: Vec<u8>,
    },
}

/// A need and the key its answer is kept under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub key: String,
    pub need: Need,
}

/// How far sealing got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The document at the level asked for.
    Done(Vec<u8>),
    /// What to fetch and keep before asking again.
    Needs(Vec<Request>),
}

/// Why a document cannot be sealed.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// A certificate of a chain is revoked: the signer's (the provider must not sign
    /// with it) or a TSA's.
    #[error("the certificate {subject} is revoked")]
    Revoked { subject: String, since_ms: i64 },
    /// Its responder does not know the certificate.
    #[error("the responder does not know the certificate {subject}")]
    StatusUnknown { subject: String },
    /// A certificate whose issuer is in neither chain.
    #[error("no issuer for the certificate {subject} in its chain")]
    NoIssuer { subject: String },
    /// A kept piece of evidence that does not check (it was checked when fetched).
    #[error("kept evidence {key} does not check: {detail}")]
    BadEvidence { key: String, detail: String },
}

fn hex(bytes: &[u8]) -> String {
    crate::digest::hex(bytes)
}

fn token_key(imprint: &[u8; 32]) -> String {
    format!("tst:{}", hex(imprint))
}

/// Seals `rendered` (a formal document as [`crate::render`] writes it) at `level` for
/// `signed_at_ms`, with the evidence `kept` returns for a request (by its key; an
/// in-process authority may answer the need on the spot): see the module.
pub fn seal(
    rendered: &[u8],
    identity: &SigningIdentity,
    signed_at_ms: i64,
    level: Level,
    kept: &dyn Fn(&Request) -> Option<Vec<u8>>,
) -> Result<Step, SealError> {
    seal_signed_by(
        rendered,
        &[Signer::provider(identity, signed_at_ms)],
        level,
        kept,
    )
}

/// [`seal`] with the signatures of `signers`, in order, each covering those before it
/// (on the dual channel the customer's, then the provider's): each is time-stamped on
/// its own, and the store holds the chains and statuses of all of them.
pub fn seal_signed_by(
    rendered: &[u8],
    signers: &[Signer<'_>],
    level: Level,
    kept: &dyn Fn(&Request) -> Option<Vec<u8>>,
) -> Result<Step, SealError> {
    if signers.is_empty() {
        return Err(PdfError::Certificate("nobody to sign".into()).into());
    }
    // Parsed once: each update after carries the revision forward.
    let mut current = Parsed::load(rendered)?;
    if level == Level::BB {
        for signer in signers {
            current = super::sign_on(current, signer)?;
        }
        return Ok(Step::Done(current.bytes));
    }
    let budget = TOKEN_BUDGET;
    let mut chains: Vec<Vec<u8>> = Vec::new();
    let mut imprint = [0; 32];
    for signer in signers {
        // Prepared once, for the imprint and then the token.
        let draft = super::SignatureDraft::on(current, signer, budget)?;
        imprint = draft.imprint()?;
        let Some(token) = kept(&timestamp_request(imprint)) else {
            return Ok(Step::Needs(vec![timestamp_request(imprint)]));
        };
        let stamp = checked_token(&token, &imprint)?;
        current = draft.finish_timestamped(&token)?;
        chains.push(signer.identity.certificate_der().to_vec());
        chains.extend(signer.identity.chain_der());
        chains.extend(stamp.certificates);
    }
    if level == Level::BT {
        return Ok(Step::Done(current.bytes));
    }

    // B-LT: every chain, and a status for each certificate that is not a root, fetched
    // after the signatures' time-stamps (an OCSP answer is produced then; a CRL is the
    // newest list published). Keyed by the last signature too, so that another
    // attempt's (an earlier signing time) is never taken for this one.
    let store = match evidence_for(&chains, "lt", &hex(&imprint[..8]), kept)? {
        Ok(store) => store,
        Err(needs) => return Ok(Step::Needs(needs)),
    };
    let stored = update::append_dss(current, &store)?;
    if level == Level::BLT {
        return Ok(Step::Done(stored.bytes));
    }

    // B-LTA: the document time-stamp, then its authority's status from after it.
    let draft = DocumentTimestampDraft::on(stored, budget)?;
    let imprint = draft.imprint();
    let Some(token) = kept(&timestamp_request(imprint)) else {
        return Ok(Step::Needs(vec![timestamp_request(imprint)]));
    };
    let document_stamp = checked_token(&token, &imprint)?;
    let stamped = draft.finish(&token)?;
    let mut after = match evidence_for(
        &document_stamp.certificates,
        "lta",
        &hex(&imprint[..8]),
        kept,
    )? {
        Ok(after) => after,
        Err(needs) => return Ok(Step::Needs(needs)),
    };
    // The certificates the store holds already are not repeated.
    after
        .certificates
        .retain(|c| !store.certificates.contains(c));
    Ok(Step::Done(update::append_dss(stamped, &after)?.bytes))
}

/// Renews the archive time-stamp of a B-LTA document (`sealed`, as [`seal`] made it or a
/// renewal since): the status of the newest document time-stamp's authority, fetched
/// now, in a store update, then a fresh document time-stamp over all of it and its own
/// authority's status. Before the newest time-stamp's certificate expires, this keeps
/// everything under it provable (ETSI EN 319 142-1, B-LTA). The same pieces give the
/// same bytes, as for [`seal`].
pub fn renew(sealed: &[u8], kept: &dyn Fn(&Request) -> Option<Vec<u8>>) -> Result<Step, SealError> {
    let Some((newest, covered)) = super::verify::newest_document_timestamp(sealed) else {
        return Err(PdfError::Parse("no document time-stamp to renew".into()).into());
    };
    let salt = hex(&covered[..8]);
    let mut status = match evidence_for(&newest.certificates, "renew", &salt, kept)? {
        Ok(status) => status,
        Err(needs) => return Ok(Step::Needs(needs)),
    };
    // Its chain is in the store already (the seal put it there); a responder's is new.
    status
        .certificates
        .retain(|c| !newest.certificates.contains(c));
    let stored = update::append_dss(Parsed::load(sealed)?, &status)?;
    let draft = DocumentTimestampDraft::on(stored, TOKEN_BUDGET)?;
    let imprint = draft.imprint();
    let Some(token) = kept(&timestamp_request(imprint)) else {
        return Ok(Step::Needs(vec![timestamp_request(imprint)]));
    };
    let stamp = checked_token(&token, &imprint)?;
    let stamped = draft.finish(&token)?;
    let after = match evidence_for(&stamp.certificates, "renewed", &hex(&imprint[..8]), kept)? {
        Ok(after) => after,
        Err(needs) => return Ok(Step::Needs(needs)),
    };
    Ok(Step::Done(update::append_dss(stamped, &after)?.bytes))
}

/// When the newest time-stamp of `sealed` stops being provable: its TSA certificate's
/// expiry (UTC ms); `None` without a document time-stamp.
pub fn archive_expires_at_ms(sealed: &[u8]) -> Option<i64> {
    super::verify::newest_document_timestamp(sealed).map(|(stamp, _)| stamp.tsa_not_after_ms)
}

fn timestamp_request(imprint: [u8; 32]) -> Request {
    Request {
        key: token_key(&imprint),
        need: Need::Timestamp { imprint },
    }
}

fn checked_token(token: &[u8], imprint: &[u8; 32]) -> Result<tsp::TimeStamp, SealError> {
    tsp::check_token(token, imprint).map_err(|e| SealError::BadEvidence {
        key: token_key(imprint),
        detail: e.to_string(),
    })
}

/// The store for `certificates` (DER; deduplicated): each, and a checked good status
/// for each that is not self-signed, kept under `ocsp:<phase>:<sha256>:<salt>`; or
/// what is missing.
fn evidence_for(
    certificates: &[Vec<u8>],
    phase: &str,
    salt: &str,
    kept: &dyn Fn(&Request) -> Option<Vec<u8>>,
) -> Result<Result<Validation, Vec<Request>>, SealError> {
    let mut unique: Vec<Vec<u8>> = Vec::new();
    for der in certificates {
        if !unique.contains(der) {
            unique.push(der.clone());
        }
    }
    let parsed: Vec<Certificate> = unique
        .iter()
        .map(|der| <Certificate as der::Decode>::from_der(der))
        .collect::<Result<_, _>>()
        .map_err(|e| PdfError::Certificate(e.to_string()))?;
    let mut store = Validation {
        certificates: unique.clone(),
        ..Validation::default()
    };
    let mut needs = Vec::new();
    for (der, cert) in unique.iter().zip(&parsed) {
        let tbs = &cert.tbs_certificate;
        if tbs.subject == tbs.issuer {
            continue; // a root: trusted as itself, no status
        }
        let subject = tbs.subject.to_string();
        let issuer = parsed
            .iter()
            .zip(&unique)
            .find(|(candidate, _)| {
                candidate.tbs_certificate.subject == tbs.issuer && ocsp::issued_by(cert, candidate)
            })
            .map(|(_, der)| der.clone())
            .ok_or_else(|| SealError::NoIssuer {
                subject: subject.clone(),
            })?;
        let key = format!("ocsp:{phase}:{}:{salt}", hex(&Sha256::digest(der)));
        let request = Request {
            key,
            need: Need::Revocation {
                certificate: der.clone(),
                issuer: issuer.clone(),
            },
        };
        let Some(response) = kept(&request) else {
            needs.push(request);
            continue;
        };
        let key = request.key;
        let bad = |detail: String| SealError::BadEvidence {
            key: key.clone(),
            detail,
        };
        // An OCSP response, or the issuer's CRL where the responder is absent or failed.
        let (status, certificates) = if crl::is_crl(&response) {
            let answer = crl::check(&response, der, &issuer).map_err(|e| bad(e.to_string()))?;
            (answer.status, Vec::new())
        } else {
            let answer = ocsp::check(&response, der, &issuer).map_err(|e| bad(e.to_string()))?;
            (answer.status, answer.certificates)
        };
        match status {
            ocsp::CertStatus::Good => {
                if crl::is_crl(&response) {
                    if !store.crls.contains(&response) {
                        store.crls.push(response);
                    }
                } else {
                    store.ocsp_responses.push(response);
                }
                for certificate in certificates {
                    if !store.certificates.contains(&certificate) {
                        store.certificates.push(certificate);
                    }
                }
            }
            ocsp::CertStatus::Revoked { since_ms } => {
                return Err(SealError::Revoked { subject, since_ms })
            }
            ocsp::CertStatus::Unknown => return Err(SealError::StatusUnknown { subject }),
        }
    }
    Ok(if needs.is_empty() {
        Ok(store)
    } else {
        Err(needs)
    })
}
