//! A certificate authority of our own for the demo and the tests: it keeps its key, so
//! besides issuing the provider's signing certificate and a time-stamping authority's,
//! it answers for them — OCSP responses (RFC 6960) a document's security store carries,
//! so that a relying party can judge the signature offline long after the certificates
//! have expired (PAdES B-LT/B-LTA). The CA signs its responses itself (RFC 6960 §2.6),
//! always with a next update, which validators need to judge freshness.

use std::time::Duration;

use der::asn1::{GeneralizedTime, ObjectIdentifier};
use der::Encode;
use p256::ecdsa::{DerSignature, SigningKey};
use p256::SecretKey;
use rand_core::OsRng;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::ext::pkix::BasicConstraints;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::Validity;
use x509_cert::Certificate;

use super::cms::err;
use super::identity::{name, serial, SigningIdentity, YEAR};
use crate::error::PdfError;

mod answers;
mod issue;

const ID_AD_OCSP: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1");

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

pub(super) fn time(ms: i64) -> Result<GeneralizedTime, PdfError> {
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
}
