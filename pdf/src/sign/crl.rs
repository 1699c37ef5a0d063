//! CRLs (RFC 5280 §5) from the relying party's side: where a certificate's issuer
//! publishes its revocation list (the CRL distribution points), and the checks a list
//! must pass before it stands for the certificate's status in a document's security
//! store — a list of the certificate's issuer, signed by it, saying whether the
//! certificate is on it. The status a seal falls back to when a certificate names no
//! OCSP responder or its responder does not answer. The list is kept as published.

use der::{Decode, Encode};
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::CrlDistributionPoints;
use x509_cert::Certificate;

use super::ocsp::CertStatus;
use super::tsp::verify_signed_by;

/// Why a CRL was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CrlError {
    #[error("not a CRL this engine can read: {0}")]
    Malformed(String),
    #[error("the CRL is not the certificate issuer's, or its signature does not verify")]
    NotTheIssuers,
}

fn malformed(e: impl std::fmt::Display) -> CrlError {
    CrlError::Malformed(e.to_string())
}

/// What a CRL says about a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrlAnswer {
    /// Good (not listed) or revoked (listed, since its revocation date).
    pub status: CertStatus,
    pub this_update_ms: i64,
    /// When the issuer publishes the next list: after it, this one is stale.
    pub next_update_ms: Option<i64>,
}

fn ms(time: x509_cert::time::Time) -> i64 {
    i64::try_from(time.to_unix_duration().as_millis()).unwrap_or(i64::MAX)
}

/// Checks `crl` (DER) about `certificate` issued by `issuer` (both DER): see the module.
pub fn check(crl: &[u8], certificate: &[u8], issuer: &[u8]) -> Result<CrlAnswer, CrlError> {
    let certificate = Certificate::from_der(certificate).map_err(malformed)?;
    let issuer = Certificate::from_der(issuer).map_err(malformed)?;
    let list = CertificateList::from_der(crl).map_err(malformed)?;
    let tbs = &list.tbs_cert_list;
    if tbs.issuer != certificate.tbs_certificate.issuer
        || tbs.issuer != issuer.tbs_certificate.subject
    {
        return Err(CrlError::NotTheIssuers);
    }
    let signed = tbs.to_der().map_err(malformed)?;
    verify_signed_by(
        &issuer,
        list.signature_algorithm.oid,
        &signed,
        list.signature.raw_bytes(),
    )
    .map_err(|_| CrlError::NotTheIssuers)?;
    let serial = &certificate.tbs_certificate.serial_number;
    let status = tbs
        .revoked_certificates
        .as_deref()
        .unwrap_or_default()
        .iter()
        .find(|entry| &entry.serial_number == serial)
        .map_or(CertStatus::Good, |entry| CertStatus::Revoked {
            since_ms: ms(entry.revocation_date),
        });
    Ok(CrlAnswer {
        status,
        this_update_ms: ms(tbs.this_update),
        next_update_ms: tbs.next_update.map(ms),
    })
}

/// Whether `bytes` read as a CRL (rather than an OCSP response): what a kept status is.
pub fn is_crl(bytes: &[u8]) -> bool {
    CertificateList::from_der(bytes).is_ok()
}

/// Where the CRL of `certificate` (DER) is published: the first HTTP(S) address among
/// its CRL distribution points, if it names one.
pub fn distribution_point(certificate: &[u8]) -> Option<String> {
    let certificate = Certificate::from_der(certificate).ok()?;
    let (_, points) = certificate
        .tbs_certificate
        .get::<CrlDistributionPoints>()
        .ok()??;
    points.0.into_iter().find_map(|point| {
        let Some(DistributionPointName::FullName(names)) = point.distribution_point else {
            return None;
        };
        names.into_iter().find_map(|name| match name {
            GeneralName::UniformResourceIdentifier(uri)
                if uri.as_str().starts_with("http://") || uri.as_str().starts_with("https://") =>
            {
                Some(uri.as_str().to_string())
            }
            _ => None,
        })
    })
}
