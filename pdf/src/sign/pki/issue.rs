//! The certificates the authority issues: the provider's signing certificate, a
//! signing's event certificate, a time-stamping authority's, its OCSP responder's.

use std::time::Duration;

use der::asn1::Ia5String;
use p256::ecdsa::{DerSignature, SigningKey};
use p256::SecretKey;
use rand_core::OsRng;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::ext::pkix::crl::dp::DistributionPoint;
use x509_cert::ext::pkix::name::DistributionPointName;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    AccessDescription, AuthorityInfoAccessSyntax, CrlDistributionPoints, ExtendedKeyUsage,
};
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::Certificate;

use crate::error::PdfError;
use crate::sign::cms::err;
use crate::sign::identity::{event_name, name, serial, SigningIdentity, YEAR};
use crate::sign::local_tsa::LocalTsa;
use crate::sign::tsp::ID_KP_TIME_STAMPING;

use super::{
    validity, LocalAuthority, OcspNoCheck, Purpose, BACKDATED, EVENT_VALIDITY, ID_AD_OCSP,
    ID_KP_OCSP_SIGNING,
};

impl LocalAuthority {
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

    /// A leaf certificate for a new P-256 key, valid for `valid_for` from when this CA's
    /// certificates begin (an hour ago, unless made to begin earlier); with
    /// `time_stamping`, its one extended key usage is time-stamping (critical).
    pub(super) fn issue(
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
            validity(since, valid_for)?,
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
