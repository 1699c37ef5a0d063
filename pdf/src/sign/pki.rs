//! A certificate authority of our own for the demo and the tests: it keeps its key, so
//! besides issuing the provider's signing certificate and a time-stamping authority's,
//! it answers for them — OCSP responses (RFC 6960) a document's security store carries,
//! so that a relying party can judge the signature offline long after the certificates
//! have expired (PAdES B-LT/B-LTA). The CA signs its responses itself (RFC 6960 §2.6),
//! always with a next update, which validators need to judge freshness.

use std::time::Duration;

use der::asn1::Ia5String;
use der::asn1::{Any, BitString, GeneralizedTime, ObjectIdentifier, OctetString};
use der::{Encode, Sequence, Tag, TagNumber};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{DerSignature, Signature, SigningKey};
use p256::SecretKey;
use rand_core::OsRng;
use sha1::Sha1;
use sha2::Digest;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::ext::pkix::crl::dp::DistributionPoint;
use x509_cert::ext::pkix::name::DistributionPointName;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    AccessDescription, AuthorityInfoAccessSyntax, BasicConstraints, CrlDistributionPoints,
    CrlNumber, ExtendedKeyUsage,
};
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::time::Validity;
use x509_cert::Certificate;

use super::cms::{algorithm, err, ECDSA_WITH_SHA256};
use super::identity::{event_name, name, serial, SigningIdentity, YEAR};
use super::local_tsa::LocalTsa;
use super::ocsp::CertId;
use super::tsp::ID_KP_TIME_STAMPING;
use crate::error::PdfError;

const ID_AD_OCSP: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1");
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

/// `id-pkix-ocsp-nocheck` (RFC 6960 §4.2.2.2.1): a responder certificate whose own
/// status is not asked (it would be a loop).
#[derive(Clone, Debug, Eq, PartialEq)]
struct OcspNoCheck;

impl der::oid::AssociatedOid for OcspNoCheck {
    const OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.5");
}

impl Encode for OcspNoCheck {
    fn encoded_len(&self) -> der::Result<der::Length> {
        der::asn1::Null.encoded_len()
    }
    fn encode(&self, writer: &mut impl der::Writer) -> der::Result<()> {
        der::asn1::Null.encode(writer)
    }
}

impl x509_cert::ext::AsExtension for OcspNoCheck {
    fn critical(&self, _: &x509_cert::name::Name, _: &[x509_cert::ext::Extension]) -> bool {
        false
    }
}

/// What a certificate this CA issues is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Signing,
    /// Its one extended key usage is time-stamping (critical).
    TimeStamping,
    /// The CA's delegated OCSP responder: OCSPSigning, and no status of its own.
    OcspSigning,
}

const ID_KP_OCSP_SIGNING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.9");

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

/// A root CA that keeps its key.
pub struct LocalAuthority {
    key: SigningKey,
    certificate: Certificate,
    /// Its delegated OCSP responder, which signs the status answers: validators judge
    /// an answer signed by a root itself poorly (pyHanko's past validation then asks for
    /// the root's own status, which cannot exist).
    responder: (SigningKey, Certificate),
    organization: String,
    /// Where its OCSP responder answers: named in every certificate it issues (a
    /// validator looks for a certificate's revocation data only when the certificate
    /// says where it is kept).
    ocsp_url: String,
    /// How long before now the certificates it issues begin.
    since: Duration,
    /// The CA's own issuers, nearest first (none for a root): the chain of what it
    /// issues beyond itself.
    issuers: Vec<Certificate>,
    /// Whether the certificates it issues name its OCSP responder (AIA).
    names_ocsp: bool,
    /// Where its CRL is published, named in the certificates it issues (CRL
    /// distribution points), if it publishes one.
    crl_url: Option<String>,
}

impl std::fmt::Debug for LocalAuthority {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalAuthority")
            .field(
                "subject",
                &self.certificate.tbs_certificate.subject.to_string(),
            )
            .finish_non_exhaustive()
    }
}

/// Certificates this CA issues are valid from a little before now: clocks differ, and a
/// signature made in the first minutes must not predate its certificate anywhere.
const BACKDATED: Duration = Duration::from_secs(3600);

/// How long an event certificate vouches for its key from now: the signing it is made
/// for is time-stamped within minutes, and a day leaves room for the retries of a TSA
/// outage.
const EVENT_VALIDITY: Duration = Duration::from_secs(24 * 3600);

/// The longest an event certificate this server issues lives (a day from now, from the
/// CA's margin before now): longer ones are not answered for in-process.
const EVENT_SPAN_AT_MOST: Duration = Duration::from_secs(2 * 24 * 3600);

/// The organization named in the event CA responder's certificate.
const EVENT_ORGANIZATION: &str = "Qianyue event CA";

/// `duration` from `since` before now.
fn validity(since: Duration, duration: Duration) -> Result<Validity, PdfError> {
    let start = std::time::SystemTime::now() - since;
    Ok(Validity {
        not_before: x509_cert::time::Time::try_from(start).map_err(err)?,
        not_after: x509_cert::time::Time::try_from(start + duration).map_err(err)?,
    })
}

fn time(ms: i64) -> Result<GeneralizedTime, PdfError> {
    GeneralizedTime::from_unix_duration(Duration::from_secs(
        u64::try_from(ms.max(0) / 1000).unwrap_or(0),
    ))
    .map_err(err)
}

impl LocalAuthority {
    /// The CA with `key`, certified by `certificate`, answering through `responder`
    /// (all kept from an earlier run).
    pub(crate) fn new(
        key: SigningKey,
        certificate: Certificate,
        responder: (SigningKey, Certificate),
        organization: &str,
        ocsp_url: &str,
    ) -> LocalAuthority {
        LocalAuthority {
            key,
            certificate,
            responder,
            organization: organization.to_string(),
            ocsp_url: ocsp_url.to_string(),
            since: BACKDATED,
            issuers: Vec::new(),
            names_ocsp: true,
            crl_url: None,
        }
    }

    /// The provider's event CA (issue 30), from configuration: its certificate chain
    /// (the CA first, then its issuers; PEM) and its P-256 key. It issues event
    /// certificates naming `ocsp_url` for their status, and answers for them through a
    /// delegated responder it certifies on load (its key lives in memory only: a
    /// restart makes another, and the answers already given carry their own).
    pub fn event_authority(
        chain_pem: &str,
        key_pem: &str,
        ocsp_url: &str,
    ) -> Result<LocalAuthority, PdfError> {
        let loaded = SigningIdentity::from_pem(chain_pem, key_pem)?;
        let is_ca = loaded
            .signer
            .tbs_certificate
            .get::<BasicConstraints>()
            .ok()
            .flatten()
            .is_some_and(|(_, constraints)| constraints.ca);
        if !is_ca {
            return Err(PdfError::Certificate(
                "the event CA certificate is not a CA's (basicConstraints cA)".into(),
            ));
        }
        let mut authority = LocalAuthority {
            // Until its responder, which the CA itself issues, replaces it just below.
            responder: (loaded.key.clone(), loaded.signer.clone()),
            key: loaded.key,
            certificate: loaded.signer,
            organization: EVENT_ORGANIZATION.to_string(),
            ocsp_url: ocsp_url.to_string(),
            since: BACKDATED,
            issuers: loaded.chain,
            names_ocsp: true,
            crl_url: None,
        };
        authority.responder = authority.issue(
            "Event certificate OCSP responder",
            Duration::from_secs(2 * YEAR),
            Purpose::OcspSigning,
        )?;
        Ok(authority)
    }

    /// The certificates this CA issues from now on name `url` as where its CRL is
    /// published ([`Self::crl`]).
    pub fn publishing_crl_at(mut self, url: &str) -> Self {
        self.crl_url = Some(url.to_string());
        self
    }

    /// The certificates this CA issues from now on name no OCSP responder: a relying
    /// party has the CRL alone.
    pub fn without_ocsp(mut self) -> Self {
        self.names_ocsp = false;
        self
    }

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

    /// Whether this CA answers for `certificate` issued by `issuer` (both DER): it is
    /// the issuer, and the certificate names its responder. (A CA that also certified
    /// the provider, under another responder, leaves that one to answer.)
    pub fn answers_for(&self, certificate: &[u8], issuer: &[u8]) -> bool {
        // Event certificates alone: short-lived. A longer-lived one this CA issued (the
        // provider's own, if it came from here) is answered for by its real responder,
        // which knows of revocations this process does not.
        let short_lived = <Certificate as der::Decode>::from_der(certificate).is_ok_and(|c| {
            let validity = &c.tbs_certificate.validity;
            let span = validity
                .not_after
                .to_unix_duration()
                .saturating_sub(validity.not_before.to_unix_duration());
            span <= EVENT_SPAN_AT_MOST
        });
        short_lived
            && self.certificate.to_der().is_ok_and(|own| own == issuer)
            && super::ocsp::responder_url(certificate).is_some_and(|url| url == self.ocsp_url)
    }

    pub(crate) fn key(&self) -> &SigningKey {
        &self.key
    }

    /// The delegated OCSP responder's key and certificate.
    pub(crate) fn responder(&self) -> &(SigningKey, Certificate) {
        &self.responder
    }

    /// A new delegated OCSP responder for this CA, certified for 10 years.
    pub(crate) fn issue_responder(&self) -> Result<(SigningKey, Certificate), PdfError> {
        self.issue(
            &format!(
                "{} Development OCSP responder (not for production)",
                self.organization
            ),
            Duration::from_secs(10 * YEAR),
            Purpose::OcspSigning,
        )
    }

    /// A development root CA for `organization`, valid 20 years from now, whose OCSP
    /// responder answers at `ocsp_url`.
    pub fn development(organization: &str, ocsp_url: &str) -> Result<LocalAuthority, PdfError> {
        Self::development_since(organization, ocsp_url, BACKDATED)
    }

    /// [`Self::development`] with every certificate (its own, and those it issues)
    /// beginning `since` before now: for tests that play out years in a few days, a
    /// document validated after its certificates expired.
    pub fn development_since(
        organization: &str,
        ocsp_url: &str,
        since: Duration,
    ) -> Result<LocalAuthority, PdfError> {
        let key = SigningKey::from(&SecretKey::random(&mut OsRng));
        let subject = name(
            &format!("{organization} Development CA (not for production)"),
            organization,
        )?;
        let certificate = CertificateBuilder::new(
            Profile::Root,
            serial()?,
            validity(since, Duration::from_secs(20 * YEAR))?,
            subject,
            SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).map_err(err)?,
            &key,
        )
        .map_err(err)?
        .build::<DerSignature>()
        .map_err(err)?;
        let mut authority = LocalAuthority {
            // Until its responder, which the CA itself issues, replaces it just below.
            responder: (key.clone(), certificate.clone()),
            key,
            certificate,
            organization: organization.to_string(),
            ocsp_url: ocsp_url.to_string(),
            since,
            issuers: Vec::new(),
            names_ocsp: true,
            crl_url: None,
        };
        authority.responder = authority.issue_responder()?;
        Ok(authority)
    }

    /// The CA's certificate, DER: what a relying party trusts.
    pub fn certificate_der(&self) -> Result<Vec<u8>, PdfError> {
        self.certificate.to_der().map_err(err)
    }

    /// The CA's certificate, PEM.
    pub fn certificate_pem(&self) -> Result<String, PdfError> {
        der::EncodePem::to_pem(&self.certificate, p256::pkcs8::LineEnding::LF).map_err(err)
    }

    /// A leaf certificate for a new P-256 key, valid for `valid_for` from when this CA's
    /// certificates begin (an hour ago, unless made to begin earlier); with
    /// `time_stamping`, its one extended key usage is time-stamping (critical).
    fn issue(
        &self,
        common_name: &str,
        valid_for: Duration,
        purpose: Purpose,
    ) -> Result<(SigningKey, Certificate), PdfError> {
        let subject = name(common_name, &self.organization)?;
        self.issue_to(subject, self.since, valid_for, purpose)
    }

    /// [`Self::issue`] for the subject `subject`, valid for `valid_for` from `since`
    /// before now.
    fn issue_to(
        &self,
        subject: x509_cert::name::Name,
        since: Duration,
        valid_for: Duration,
        purpose: Purpose,
    ) -> Result<(SigningKey, Certificate), PdfError> {
        let key = SigningKey::from(&SecretKey::random(&mut OsRng));
        let mut builder = CertificateBuilder::new(
            Profile::Leaf {
                issuer: self.certificate.tbs_certificate.subject.clone(),
                enable_key_agreement: false,
                enable_key_encipherment: false,
            },
            serial()?,
            self::validity(since, valid_for)?,
            subject,
            SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).map_err(err)?,
            &self.key,
        )
        .map_err(err)?;
        match purpose {
            Purpose::OcspSigning => {
                builder
                    .add_extension(&ExtendedKeyUsage(vec![ID_KP_OCSP_SIGNING]))
                    .map_err(err)?;
                builder.add_extension(&OcspNoCheck).map_err(err)?;
            }
            Purpose::Signing | Purpose::TimeStamping => {
                if self.names_ocsp {
                    builder
                        .add_extension(&AuthorityInfoAccessSyntax(vec![AccessDescription {
                            access_method: ID_AD_OCSP,
                            access_location: GeneralName::UniformResourceIdentifier(
                                Ia5String::new(&self.ocsp_url).map_err(err)?,
                            ),
                        }]))
                        .map_err(err)?;
                }
                if let Some(url) = &self.crl_url {
                    builder
                        .add_extension(&CrlDistributionPoints(vec![DistributionPoint {
                            distribution_point: Some(DistributionPointName::FullName(vec![
                                GeneralName::UniformResourceIdentifier(
                                    Ia5String::new(url).map_err(err)?,
                                ),
                            ])),
                            reasons: None,
                            crl_issuer: None,
                        }]))
                        .map_err(err)?;
                }
            }
        }
        if purpose == Purpose::TimeStamping {
            builder
                .add_extension(&ExtendedKeyUsage(vec![ID_KP_TIME_STAMPING]))
                .map_err(err)?;
        }
        let certificate = builder.build::<DerSignature>().map_err(err)?;
        Ok((key, certificate))
    }

    /// The provider's signing identity, certified for `validity`.
    pub fn issue_signer(
        &self,
        common_name: &str,
        validity: Duration,
    ) -> Result<SigningIdentity, PdfError> {
        let (key, certificate) = self.issue(common_name, validity, Purpose::Signing)?;
        SigningIdentity::new(key, certificate, vec![self.certificate.clone()])
    }

    /// An event certificate (事件证书): a key made for one signing, certified for a day
    /// to `verified_name` (the customer's real-name verified subject, an enterprise or a
    /// person) for the signing `signing` (the contract number, in the subject's unit).
    /// It is valid from before `from_ms` (UTC ms: the earliest time the signing will
    /// carry, its claimed time or its time-stamp's; the CA's usual margin before now at
    /// the latest) until a day from now. The key is for that signing only; whoever keeps
    /// it afterwards keeps nothing the certificate still vouches for.
    pub fn issue_event(
        &self,
        verified_name: &str,
        signing: &str,
        from_ms: i64,
    ) -> Result<SigningIdentity, PdfError> {
        let subject = event_name(verified_name, signing)?;
        let now_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
        let before_from = Duration::from_millis(u64::try_from(now_ms - from_ms).unwrap_or(0));
        let since = self.since.max(before_from + BACKDATED);
        let (key, certificate) =
            self.issue_to(subject, since, since + EVENT_VALIDITY, Purpose::Signing)?;
        let chain = std::iter::once(self.certificate.clone())
            .chain(self.issuers.iter().cloned())
            .collect();
        SigningIdentity::new(key, certificate, chain)
    }

    /// A time-stamping authority certified by this CA for 10 years.
    pub fn issue_tsa(&self) -> Result<LocalTsa, PdfError> {
        self.issue_tsa_for(
            &format!("{} Development TSA (not for production)", self.organization),
            Duration::from_secs(10 * YEAR),
        )
    }

    /// A time-stamping authority named `common_name`, certified for `validity`.
    pub fn issue_tsa_for(
        &self,
        common_name: &str,
        validity: Duration,
    ) -> Result<LocalTsa, PdfError> {
        let (key, certificate) = self.issue(common_name, validity, Purpose::TimeStamping)?;
        LocalTsa::new(key, certificate, vec![self.certificate.clone()])
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
        let next_ms = (super::identity::not_after_ms(&certificate) - 60_000).max(at_ms + 1_000);
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

/// Lives beside the development authority it comes from (`local_tsa.rs` knows nothing
/// of the authorities that certify a TSA).
impl LocalTsa {
    /// A TSA with a development root CA of its own (see [`LocalAuthority`]), whose OCSP
    /// responder nobody runs.
    pub fn development(organization: &str) -> Result<LocalTsa, PdfError> {
        LocalAuthority::development(organization, "http://127.0.0.1:9/ocsp")?.issue_tsa()
    }
}
