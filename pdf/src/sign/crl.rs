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
    /// A critical extension this engine does not know (an issuing distribution point: a
    /// partial list; a delta CRL): what it leaves out cannot be read as "not revoked".
    #[error("the CRL has a critical extension this engine does not know: {0}")]
    UnknownCritical(String),
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
    // RFC 5280 §5.2 and §6.3.3: a list with an unknown critical extension, or an entry
    // with one, is not a full answer (none we write or need is critical).
    let critical = tbs
        .crl_extensions
        .iter()
        .flatten()
        .chain(
            tbs.revoked_certificates
                .iter()
                .flatten()
                .flat_map(|entry| entry.crl_entry_extensions.iter().flatten()),
        )
        .find(|extension| extension.critical);
    if let Some(extension) = critical {
        return Err(CrlError::UnknownCritical(extension.extn_id.to_string()));
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::pki::LocalAuthority;
    use der::asn1::{BitString, OctetString};
    use p256::ecdsa::signature::Signer;

    /// A list with a critical extension this engine does not know (here an issuing
    /// distribution point: a partial list) is not read as "not revoked".
    #[test]
    fn an_unknown_critical_extension_makes_the_list_unusable() {
        let ca =
            LocalAuthority::development("示例云计算有限公司", "http://127.0.0.1:9/ocsp").unwrap();
        let signer = ca
            .issue_signer("示例云计算有限公司", std::time::Duration::from_secs(3600))
            .unwrap();
        let issuer = ca.certificate_der().unwrap();
        let full = ca.crl(0, &[]).unwrap();
        assert_eq!(
            check(&full, signer.certificate_der(), &issuer).map(|a| a.status),
            Ok(CertStatus::Good)
        );
        let mut list = CertificateList::from_der(&full).unwrap();
        let extensions = list
            .tbs_cert_list
            .crl_extensions
            .get_or_insert_with(Vec::new);
        extensions.push(x509_cert::ext::Extension {
            extn_id: der::asn1::ObjectIdentifier::new_unwrap("2.5.29.28"),
            critical: true,
            extn_value: OctetString::new(vec![0x30, 0x00]).unwrap(),
        });
        let signature: p256::ecdsa::Signature =
            ca.key().sign(&list.tbs_cert_list.to_der().unwrap());
        list.signature = BitString::from_bytes(signature.to_der().as_bytes()).unwrap();
        let partial = list.to_der().unwrap();
        assert_eq!(
            check(&partial, signer.certificate_der(), &issuer),
            Err(CrlError::UnknownCritical("2.5.29.28".into()))
        );
    }
}
