//! What the authority answers about the certificates it issued: OCSP responses (RFC
//! 6960), signed by its own responder, and CRLs (RFC 5280), signed by the CA.

use std::time::Duration;

use der::asn1::{Any, BitString, GeneralizedTime, ObjectIdentifier, OctetString};
use der::{Encode, Sequence, Tag, TagNumber};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::Signature;
use sha1::Sha1;
use sha2::Digest;
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::ext::pkix::CrlNumber;
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;

use crate::error::PdfError;
use crate::sign::cms::{algorithm, err, ECDSA_WITH_SHA256};
use crate::sign::ocsp::CertId;

use super::{time, LocalAuthority};

const ID_CE_CRL_NUMBER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.20");
const ID_PKIX_OCSP_BASIC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");

/// RFC 6960 SingleResponse; the status a tagged NULL (good) or RevokedInfo.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SingleResponse {
    cert_id: CertId,
    cert_status: Any,
    this_update: GeneralizedTime,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    next_update: Option<GeneralizedTime>,
}

/// RFC 6960 ResponseData (version 1, the default, left out).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct ResponseData {
    responder_id: Any,
    produced_at: GeneralizedTime,
    responses: Vec<SingleResponse>,
}

/// RFC 6960 BasicOCSPResponse, with the responder's certificate.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct BasicOcspResponse {
    tbs_response_data: ResponseData,
    signature_algorithm: AlgorithmIdentifierOwned,
    signature: BitString,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    certs: Option<Vec<Certificate>>,
}

/// RFC 6960 ResponseBytes.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct ResponseBytes {
    response_type: ObjectIdentifier,
    response: OctetString,
}

/// RFC 6960 OCSPResponse.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct OcspResponse {
    response_status: Any,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    response_bytes: Option<ResponseBytes>,
}

impl LocalAuthority {
    /// The CA's CRL as of `at_ms` (the next one due a week later), listing `revoked`:
    /// certificates it issued (DER), each with when it was revoked. Signed by the CA.
    pub fn crl(&self, at_ms: i64, revoked: &[(&[u8], i64)]) -> Result<Vec<u8>, PdfError> {
        const WEEK_MS: i64 = 7 * 24 * 3600 * 1000;
        let at = |ms: i64| {
            x509_cert::time::Time::try_from(
                std::time::UNIX_EPOCH + Duration::from_millis(u64::try_from(ms).unwrap_or(0)),
            )
            .map_err(err)
        };
        let entries = revoked
            .iter()
            .map(|(certificate, since)| {
                Ok(RevokedCert {
                    serial_number: <Certificate as der::Decode>::from_der(certificate)
                        .map_err(err)?
                        .tbs_certificate
                        .serial_number,
                    revocation_date: at(*since)?,
                    crl_entry_extensions: None,
                })
            })
            .collect::<Result<Vec<_>, PdfError>>()?;
        let number = der::asn1::Uint::new(&(at_ms.max(0) as u64).to_be_bytes()).map_err(err)?;
        let tbs = TbsCertList {
            version: x509_cert::Version::V2,
            signature: algorithm(ECDSA_WITH_SHA256),
            issuer: self.certificate.tbs_certificate.subject.clone(),
            this_update: at(at_ms)?,
            next_update: Some(at(at_ms + WEEK_MS)?),
            revoked_certificates: (!entries.is_empty()).then_some(entries),
            crl_extensions: Some(vec![x509_cert::ext::Extension {
                extn_id: ID_CE_CRL_NUMBER,
                critical: false,
                extn_value: OctetString::new(CrlNumber(number).to_der().map_err(err)?)
                    .map_err(err)?,
            }]),
        };
        let signature: Signature = self.key.sign(&tbs.to_der().map_err(err)?);
        CertificateList {
            tbs_cert_list: tbs,
            signature_algorithm: algorithm(ECDSA_WITH_SHA256),
            signature: BitString::from_bytes(signature.to_der().as_bytes()).map_err(err)?,
        }
        .to_der()
        .map_err(err)
    }

    /// An OCSP response saying that `certificate` (DER, issued by this CA) is good, as
    /// of `at_ms`, fresh until a minute before the certificate expires.
    pub fn ocsp_good(&self, certificate: &[u8], at_ms: i64) -> Result<Vec<u8>, PdfError> {
        self.ocsp_status(certificate, at_ms, None)
    }

    /// An OCSP response about `certificate` (DER, issued by this CA) as of `at_ms`: good,
    /// or revoked since `revoked_since_ms`.
    pub fn ocsp_status(
        &self,
        certificate: &[u8],
        at_ms: i64,
        revoked_since_ms: Option<i64>,
    ) -> Result<Vec<u8>, PdfError> {
        let certificate = <Certificate as der::Decode>::from_der(certificate).map_err(err)?;
        let cert_id = CertId::of(&certificate, &self.certificate).map_err(err)?;
        let (responder_key, responder) = &self.responder;
        let responder_public_key = responder
            .tbs_certificate
            .subject_public_key_info
            .subject_public_key
            .raw_bytes();
        let sha1 = |bytes: &[u8]| OctetString::new(Sha1::digest(bytes).to_vec());
        // good [0] IMPLICIT NULL, or revoked [1] IMPLICIT RevokedInfo { revocationTime }.
        let status = match revoked_since_ms {
            None => Any::new(
                Tag::ContextSpecific {
                    constructed: false,
                    number: TagNumber::N0,
                },
                Vec::new(),
            ),
            Some(since) => Any::new(
                Tag::ContextSpecific {
                    constructed: true,
                    number: TagNumber::N1,
                },
                time(since)?.to_der().map_err(err)?,
            ),
        }
        .map_err(err)?;
        // byKey [2] EXPLICIT KeyHash: the SHA-1 of the responder's key.
        let responder_id = Any::new(
            Tag::ContextSpecific {
                constructed: true,
                number: TagNumber::N2,
            },
            sha1(responder_public_key)
                .map_err(err)?
                .to_der()
                .map_err(err)?,
        )
        .map_err(err)?;
        // The status holds until the certificate expires (a revocation excepted): a
        // validator judging the document years later finds it fresh for the whole life
        // of the certificate, and its time-slide can go back to before an expiry.
        let next_ms =
            (crate::sign::identity::not_after_ms(&certificate) - 60_000).max(at_ms + 1_000);
        let data = ResponseData {
            responder_id,
            produced_at: time(at_ms)?,
            responses: vec![SingleResponse {
                cert_id,
                cert_status: status,
                this_update: time(at_ms)?,
                next_update: Some(time(next_ms)?),
            }],
        };
        let signature: Signature = responder_key.sign(&data.to_der().map_err(err)?);
        let basic = BasicOcspResponse {
            tbs_response_data: data,
            signature_algorithm: algorithm(ECDSA_WITH_SHA256),
            signature: BitString::from_bytes(signature.to_der().as_bytes()).map_err(err)?,
            certs: Some(vec![responder.clone()]),
        };
        OcspResponse {
            response_status: Any::new(Tag::Enumerated, vec![0]).map_err(err)?,
            response_bytes: Some(ResponseBytes {
                response_type: ID_PKIX_OCSP_BASIC,
                response: OctetString::new(basic.to_der().map_err(err)?).map_err(err)?,
            }),
        }
        .to_der()
        .map_err(err)
    }
}
