//! OCSP (RFC 6960) from the relying party's side: the request a certificate's responder
//! is asked, and the checks its answer must pass before it goes into a document's
//! security store — a successful response about this very certificate, signed by its
//! issuer or by a responder the issuer delegated (extended key usage OCSPSigning), with
//! its status. The response is kept as the responder sent it. Times are read leniently
//! (fractions of a second are common), as time-stamp tokens are.

use der::asn1::{Any, BitString, ObjectIdentifier, OctetString};
use der::{Decode, Encode, Sequence, Tag, Tagged};
use sha1::Sha1;
use sha2::Digest;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{AuthorityInfoAccessSyntax, ExtendedKeyUsage};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;

use super::tsp::{generalized_time_ms, verify_signed_by};

const SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const ID_PKIX_OCSP_BASIC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");
const ID_KP_OCSP_SIGNING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.9");
const ID_EXTENDED_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37");
const ID_PE_AUTHORITY_INFO_ACCESS: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.1.1");
const ID_AD_OCSP: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1");

/// Why an OCSP answer was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OcspError {
    #[error("not an OCSP response this engine can read: {0}")]
    Malformed(String),
    #[error("the responder did not answer successfully (status {0})")]
    Unsuccessful(u8),
    #[error("the response is about another certificate")]
    OtherCertificate,
    #[error(
        "the response's signature does not verify, or its signer may not answer for the issuer"
    )]
    BadSignature,
}

fn malformed(e: impl std::fmt::Display) -> OcspError {
    OcspError::Malformed(e.to_string())
}

/// RFC 6960 CertID.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct CertId {
    pub hash_algorithm: AlgorithmIdentifierOwned,
    pub issuer_name_hash: OctetString,
    pub issuer_key_hash: OctetString,
    pub serial_number: SerialNumber,
}

impl CertId {
    /// The SHA-1 CertID of `cert` issued by `issuer` (SHA-1: what every responder knows;
    /// an identifier here, not a signature).
    pub(crate) fn of(cert: &Certificate, issuer: &Certificate) -> Result<CertId, der::Error> {
        let sha1 = |bytes: &[u8]| OctetString::new(Sha1::digest(bytes).to_vec());
        let issuer = &issuer.tbs_certificate;
        Ok(CertId {
            hash_algorithm: AlgorithmIdentifierOwned {
                oid: SHA1,
                parameters: Some(Any::null()),
            },
            issuer_name_hash: sha1(&issuer.subject.to_der()?)?,
            issuer_key_hash: sha1(
                issuer
                    .subject_public_key_info
                    .subject_public_key
                    .raw_bytes(),
            )?,
            serial_number: cert.tbs_certificate.serial_number.clone(),
        })
    }
}

/// RFC 6960 Request (no extensions).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct Request {
    req_cert: CertId,
}

/// RFC 6960 TBSRequest (version 1, no requestor name, no extensions).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct TbsRequest {
    request_list: Vec<Request>,
}

/// RFC 6960 OCSPRequest, unsigned.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct OcspRequest {
    tbs_request: TbsRequest,
}

/// RFC 6960 SingleResponse as read: times as the responder wrote them.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SingleResponseRead {
    cert_id: CertId,
    cert_status: Any,
    this_update: Any,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    next_update: Option<Any>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    single_extensions: Option<Any>,
}

/// RFC 6960 ResponseData as read.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct ResponseDataRead {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    version: Option<u8>,
    responder_id: Any,
    produced_at: Any,
    responses: Vec<SingleResponseRead>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    response_extensions: Option<Any>,
}

/// RFC 6960 BasicOCSPResponse as read: the signed part kept as its bytes.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct BasicOcspResponseRead {
    tbs_response_data: Any,
    signature_algorithm: AlgorithmIdentifierOwned,
    signature: BitString,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    certs: Option<Vec<Certificate>>,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct ResponseBytesRead {
    response_type: ObjectIdentifier,
    response: OctetString,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct OcspResponseRead {
    response_status: Any,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    response_bytes: Option<ResponseBytesRead>,
}

/// What a responder says of a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertStatus {
    Good,
    /// Revoked since this time (UTC epoch ms).
    Revoked {
        since_ms: i64,
    },
    Unknown,
}

/// A checked OCSP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcspAnswer {
    pub status: CertStatus,
    /// When the status was known to be so, and until when the responder vouches for it.
    pub this_update_ms: i64,
    pub next_update_ms: Option<i64>,
    /// The response as the responder sent it (what a document's store keeps).
    pub response: Vec<u8>,
    /// The certificates it carries (DER): a delegated responder's, which a store keeps
    /// beside the response.
    pub certificates: Vec<Vec<u8>>,
}

/// The DER of a request for the status of `certificate` (DER) issued by `issuer` (DER),
/// to POST as `application/ocsp-request`.
pub fn request(certificate: &[u8], issuer: &[u8]) -> Result<Vec<u8>, OcspError> {
    let certificate = Certificate::from_der(certificate).map_err(malformed)?;
    let issuer = Certificate::from_der(issuer).map_err(malformed)?;
    OcspRequest {
        tbs_request: TbsRequest {
            request_list: vec![Request {
                req_cert: CertId::of(&certificate, &issuer).map_err(malformed)?,
            }],
        },
    }
    .to_der()
    .map_err(malformed)
}

/// Checks `response` (`application/ocsp-response`) about `certificate` issued by
/// `issuer` (both DER): see the module.
pub fn check(response: &[u8], certificate: &[u8], issuer: &[u8]) -> Result<OcspAnswer, OcspError> {
    let certificate = Certificate::from_der(certificate).map_err(malformed)?;
    let issuer = Certificate::from_der(issuer).map_err(malformed)?;
    let outer = OcspResponseRead::from_der(response).map_err(malformed)?;
    if outer.response_status.tag() != Tag::Enumerated {
        return Err(malformed("responseStatus is not an ENUMERATED"));
    }
    let status = outer
        .response_status
        .value()
        .first()
        .copied()
        .unwrap_or(u8::MAX);
    if status != 0 {
        return Err(OcspError::Unsuccessful(status));
    }
    let bytes = outer
        .response_bytes
        .ok_or_else(|| malformed("successful without a response"))?;
    if bytes.response_type != ID_PKIX_OCSP_BASIC {
        return Err(malformed("not a basic OCSP response"));
    }
    let basic = BasicOcspResponseRead::from_der(bytes.response.as_bytes()).map_err(malformed)?;
    let signed = basic.tbs_response_data.to_der().map_err(malformed)?;
    let data = ResponseDataRead::from_der(&signed).map_err(malformed)?;

    let wanted = CertId::of(&certificate, &issuer).map_err(malformed)?;
    let single = data
        .responses
        .iter()
        .find(|r| {
            r.cert_id.issuer_name_hash == wanted.issuer_name_hash
                && r.cert_id.issuer_key_hash == wanted.issuer_key_hash
                && r.cert_id.serial_number == wanted.serial_number
        })
        .ok_or(OcspError::OtherCertificate)?;

    // Signed by the issuer itself, or by a responder certificate in the response that
    // the issuer issued for OCSP signing.
    let signer_ok = |signer: &Certificate| {
        verify_signed_by(
            signer,
            basic.signature_algorithm.oid,
            &signed,
            basic.signature.raw_bytes(),
        )
        .is_ok()
    };
    let delegated = basic.certs.as_deref().unwrap_or_default().iter().find(|c| {
        c.tbs_certificate.issuer == issuer.tbs_certificate.subject
            && is_ocsp_signer(c)
            && issued_by(c, &issuer)
    });
    // The delegate first when there is one: responders that include one sign with it.
    if !(delegated.is_some_and(signer_ok) || signer_ok(&issuer)) {
        return Err(OcspError::BadSignature);
    }

    let time = |any: &Any| generalized_time_ms(any).map_err(|e| malformed(e.to_string()));
    let status = match single.cert_status.tag() {
        Tag::ContextSpecific { number, .. } if number.value() == 0 => CertStatus::Good,
        Tag::ContextSpecific { number, .. } if number.value() == 1 => {
            // RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime, … }, IMPLICIT.
            let since = der::SliceReader::new(single.cert_status.value())
                .and_then(|mut reader| Any::decode(&mut reader))
                .map_err(malformed)?;
            CertStatus::Revoked {
                since_ms: time(&since)?,
            }
        }
        _ => CertStatus::Unknown,
    };
    Ok(OcspAnswer {
        status,
        this_update_ms: time(&single.this_update)?,
        next_update_ms: single.next_update.as_ref().map(time).transpose()?,
        response: response.to_vec(),
        certificates: basic
            .certs
            .as_deref()
            .unwrap_or_default()
            .iter()
            .map(|c| c.to_der().map_err(malformed))
            .collect::<Result<_, _>>()?,
    })
}

/// Whether `cert`'s extended key usage includes OCSP signing.
fn is_ocsp_signer(cert: &Certificate) -> bool {
    cert.tbs_certificate
        .extensions
        .as_deref()
        .unwrap_or_default()
        .iter()
        .find(|e| e.extn_id == ID_EXTENDED_KEY_USAGE)
        .is_some_and(|e| {
            ExtendedKeyUsage::from_der(e.extn_value.as_bytes())
                .is_ok_and(|eku| eku.0.contains(&ID_KP_OCSP_SIGNING))
        })
}

/// Whether `issuer`'s key signed `cert`. A pure function of the two certificates, asked
/// again and again of the same few (every seal checks the provider's chain, the TSA's
/// and the responder's): the pairs found signed are remembered, by their SHA-256.
pub(crate) fn issued_by(cert: &Certificate, issuer: &Certificate) -> bool {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    /// More than any process meets; past it the memory starts over.
    const REMEMBERED: usize = 1024;
    static SIGNED: OnceLock<Mutex<HashSet<[u8; 32]>>> = OnceLock::new();
    let (Ok(tbs), Ok(cert_der), Ok(issuer_der)) = (
        cert.tbs_certificate.to_der(),
        cert.to_der(),
        issuer.to_der(),
    ) else {
        return false;
    };
    // Both whole certificates (DER delimits each): body, algorithm and signature.
    let pair: [u8; 32] = sha2::Sha256::new()
        .chain_update(&cert_der)
        .chain_update(&issuer_der)
        .finalize()
        .into();
    let signed = SIGNED.get_or_init(Mutex::default);
    if signed.lock().is_ok_and(|known| known.contains(&pair)) {
        return true;
    }
    let verified = verify_signed_by(
        issuer,
        cert.signature_algorithm.oid,
        &tbs,
        cert.signature.raw_bytes(),
    )
    .is_ok();
    if verified {
        if let Ok(mut known) = signed.lock() {
            if known.len() >= REMEMBERED {
                known.clear();
            }
            known.insert(pair);
        }
    }
    verified
}

/// Where the status of `certificate` (DER) is asked: the first HTTP(S) OCSP address of
/// its authority information access, if it names one.
pub fn responder_url(certificate: &[u8]) -> Option<String> {
    let certificate = Certificate::from_der(certificate).ok()?;
    let extension = certificate
        .tbs_certificate
        .extensions
        .as_deref()?
        .iter()
        .find(|e| e.extn_id == ID_PE_AUTHORITY_INFO_ACCESS)?;
    let access = AuthorityInfoAccessSyntax::from_der(extension.extn_value.as_bytes()).ok()?;
    access.0.into_iter().find_map(|d| match d.access_location {
        GeneralName::UniformResourceIdentifier(uri)
            if d.access_method == ID_AD_OCSP
                && (uri.as_str().starts_with("http://")
                    || uri.as_str().starts_with("https://")) =>
        {
            Some(uri.as_str().to_string())
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::pki::LocalAuthority;

    fn parsed(der: &[u8]) -> Certificate {
        Certificate::from_der(der).unwrap()
    }

    /// Remembering the pairs found signed changes no answer: the issuer still signed
    /// its certificate, another CA still did not, however often either is asked.
    #[test]
    fn issued_by_answers_the_same_when_asked_again() {
        let ca =
            LocalAuthority::development("示例云计算有限公司", "http://127.0.0.1:9/ocsp").unwrap();
        let other =
            LocalAuthority::development("别的云计算有限公司", "http://127.0.0.1:9/ocsp").unwrap();
        let signer = ca
            .issue_signer("示例云计算有限公司", std::time::Duration::from_secs(3600))
            .unwrap();
        let signer = parsed(signer.certificate_der());
        let (issuer, stranger) = (
            parsed(&ca.certificate_der().unwrap()),
            parsed(&other.certificate_der().unwrap()),
        );
        for _ in 0..3 {
            assert!(issued_by(&signer, &issuer));
            assert!(!issued_by(&signer, &stranger));
        }
        // The same certificate with another signature value is not the pair remembered.
        let mut forged = signer.clone();
        let mut signature = forged.signature.raw_bytes().to_vec();
        let last = signature.len() - 1;
        signature[last] ^= 0x01;
        forged.signature = BitString::from_bytes(&signature).unwrap();
        assert!(!issued_by(&forged, &issuer));
    }
}
