//! CMS SignedData for PAdES baseline B-B (`ETSI.CAdES.detached`): detached content,
//! SHA-256, ECDSA P-256, signed attributes content-type, message-digest and ESS
//! signing-certificate-v2 (no signing-time attribute: PAdES puts the time in /M).
//! Built from the `cms` crate's types without its `builder` feature.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedAttributes, SignedData, SignerIdentifier,
    SignerInfo, SignerInfos,
};
use der::asn1::{Any, ObjectIdentifier, OctetString, SetOfVec};
use der::{Decode, Encode, Sequence, SliceReader};
use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use x509_cert::attr::Attribute;
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;

use super::identity::SigningIdentity;
use crate::error::PdfError;

pub(crate) const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
pub(crate) const ID_SIGNED_DATA: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
pub(crate) const CONTENT_TYPE: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
pub(crate) const MESSAGE_DIGEST: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
pub(crate) const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
pub(crate) const ECDSA_WITH_SHA256: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");

/// RFC 5035 ESSCertIDv2 with the default hash algorithm (SHA-256) left out.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
}

/// RFC 5035 SigningCertificateV2 without policies.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

/// The signing-certificate-v2 attribute naming the certificate `cert_der`.
pub(crate) fn signing_certificate(cert_der: &[u8]) -> Result<Attribute, PdfError> {
    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(cert_der).to_vec()).map_err(err)?,
        }],
    };
    attribute(SIGNING_CERTIFICATE_V2, &ess)
}

pub(crate) fn algorithm(oid: ObjectIdentifier) -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid,
        parameters: None,
    }
}

pub(crate) fn err(e: impl std::fmt::Display) -> PdfError {
    PdfError::Crypto(e.to_string())
}

pub(crate) fn attribute(oid: ObjectIdentifier, value: &impl Encode) -> Result<Attribute, PdfError> {
    let any = Any::from_der(&value.to_der().map_err(err)?).map_err(err)?;
    let values = SetOfVec::try_from(vec![any]).map_err(err)?;
    Ok(Attribute { oid, values })
}

/// The SignerInfo of `key`, certified by `certificate` (`certificate_der` its DER), for
/// content of `content_type` with SHA-256 `digest`: the signed attributes CAdES asks
/// for (content type, message digest, signing certificate) and its ECDSA signature of
/// them.
pub(crate) fn signer_info(
    key: &SigningKey,
    certificate: &Certificate,
    certificate_der: &[u8],
    content_type: ObjectIdentifier,
    digest: &[u8],
) -> Result<SignerInfo, PdfError> {
    let signed_attrs: SignedAttributes = SetOfVec::try_from(vec![
        attribute(CONTENT_TYPE, &content_type)?,
        attribute(
            MESSAGE_DIGEST,
            &OctetString::new(digest.to_vec()).map_err(err)?,
        )?,
        signing_certificate(certificate_der)?,
    ])
    .map_err(err)?;
    let signature: Signature = key.sign(&signed_attrs.to_der().map_err(err)?);
    let tbs = &certificate.tbs_certificate;
    Ok(SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer.clone(),
            serial_number: tbs.serial_number.clone(),
        }),
        digest_alg: algorithm(SHA256),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: algorithm(ECDSA_WITH_SHA256),
        signature: OctetString::new(signature.to_der().as_bytes()).map_err(err)?,
        unsigned_attrs: None,
    })
}

/// DER of a ContentInfo holding the SignedData over a message with SHA-256 `digest`.
pub(crate) fn signed_data(identity: &SigningIdentity, digest: &[u8]) -> Result<Vec<u8>, PdfError> {
    let signer_info = signer_info(
        &identity.key,
        &identity.signer,
        &identity.signer_der,
        ID_DATA,
        digest,
    )?;
    let mut certs = vec![CertificateChoices::Certificate(identity.signer.clone())];
    certs.extend(
        identity
            .chain
            .iter()
            .cloned()
            .map(CertificateChoices::Certificate),
    );
    let signed = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![algorithm(SHA256)]).map_err(err)?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(SetOfVec::try_from(certs).map_err(err)?)),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![signer_info]).map_err(err)?),
    };
    let info = ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&signed).map_err(err)?,
    };
    info.to_der().map_err(err)
}

/// The id-aa-signatureTimeStampToken unsigned attribute (RFC 3161 appendix A).
const SIGNATURE_TIME_STAMP_TOKEN: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");

/// What a signature time-stamp of `cms_der` must stamp: the SHA-256 of its (one)
/// signer's signature value (RFC 3161 appendix A).
pub(crate) fn signature_imprint(cms_der: &[u8]) -> Result<[u8; 32], PdfError> {
    // From a file, the DER is followed by the rest of the reserved space (zeros).
    let mut reader = SliceReader::new(cms_der).map_err(err)?;
    let signed: SignedData = ContentInfo::decode(&mut reader)
        .map_err(err)?
        .content
        .decode_as()
        .map_err(err)?;
    let signer = signed
        .signer_infos
        .0
        .iter()
        .next()
        .ok_or_else(|| err("no signer"))?;
    Ok(Sha256::digest(signer.signature.as_bytes()).into())
}

/// `cms_der` (our own SignedData, DER, so decoding and encoding it again gives the same
/// bytes) with the time-stamp `token` as its signer's one unsigned attribute. The token
/// goes in as the TSA's bytes.
pub(crate) fn with_signature_timestamp(cms_der: &[u8], token: &[u8]) -> Result<Vec<u8>, PdfError> {
    let info = ContentInfo::from_der(cms_der).map_err(err)?;
    let mut signed: SignedData = info.content.decode_as().map_err(err)?;
    let mut signer = signed
        .signer_infos
        .0
        .iter()
        .next()
        .cloned()
        .ok_or_else(|| err("no signer"))?;
    let attribute = Attribute {
        oid: SIGNATURE_TIME_STAMP_TOKEN,
        values: SetOfVec::try_from(vec![Any::from_der(token).map_err(err)?]).map_err(err)?,
    };
    signer.unsigned_attrs = Some(SetOfVec::try_from(vec![attribute]).map_err(err)?);
    signed.signer_infos = SignerInfos(SetOfVec::try_from(vec![signer]).map_err(err)?);
    ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&signed).map_err(err)?,
    }
    .to_der()
    .map_err(err)
}

/// The signature time-stamp token in `cms_der`, if it carries one.
pub(crate) fn signature_timestamp(cms_der: &[u8]) -> Option<Vec<u8>> {
    let mut reader = SliceReader::new(cms_der).ok()?;
    let signed: SignedData = ContentInfo::decode(&mut reader)
        .ok()?
        .content
        .decode_as()
        .ok()?;
    let signer = signed.signer_infos.0.iter().next()?;
    signer
        .unsigned_attrs
        .as_ref()?
        .iter()
        .find(|a| a.oid == SIGNATURE_TIME_STAMP_TOKEN)?
        .values
        .iter()
        .next()?
        .to_der()
        .ok()
}

/// The type of what a SignedData (read from `reader`) signs: id-data for a signature,
/// id-ct-TSTInfo for a time-stamp token.
pub(crate) fn content_type(reader: &mut SliceReader<'_>) -> Option<ObjectIdentifier> {
    let info = ContentInfo::decode(reader).ok()?;
    if info.content_type != ID_SIGNED_DATA {
        return None;
    }
    let signed: SignedData = info.content.decode_as().ok()?;
    Some(signed.encap_content_info.econtent_type)
}

/// What a SignedData says about a message with SHA-256 `digest`.
pub(crate) enum CmsCheck {
    /// The signature is valid and made by this certificate.
    SignedBy(Box<Certificate>),
    /// Decodes, but does not match the message or its signature does not verify.
    Mismatch,
    /// Not a SignedData this engine understands.
    Unreadable,
}

/// Checks `bytes` (DER, possibly followed by zero padding) against `digest`.
pub(crate) fn check(bytes: &[u8], digest: &[u8]) -> CmsCheck {
    match check_inner(bytes, digest) {
        Ok(result) => result,
        Err(()) => CmsCheck::Unreadable,
    }
}

fn check_inner(bytes: &[u8], digest: &[u8]) -> Result<CmsCheck, ()> {
    let mut reader = SliceReader::new(bytes).map_err(|_| ())?;
    let info = ContentInfo::decode(&mut reader).map_err(|_| ())?;
    if info.content_type != ID_SIGNED_DATA {
        return Err(());
    }
    let signed: SignedData = info.content.decode_as().map_err(|_| ())?;
    let signer_info = signed.signer_infos.0.iter().next().ok_or(())?;
    if signer_info.digest_alg.oid != SHA256
        || signer_info.signature_algorithm.oid != ECDSA_WITH_SHA256
    {
        return Err(());
    }
    let attrs = signer_info.signed_attrs.as_ref().ok_or(())?;
    let claimed = attrs
        .iter()
        .find(|a| a.oid == MESSAGE_DIGEST)
        .and_then(|a| a.values.iter().next())
        .and_then(|v| v.decode_as::<OctetString>().ok())
        .ok_or(())?;
    if claimed.as_bytes() != digest {
        return Ok(CmsCheck::Mismatch);
    }
    let SignerIdentifier::IssuerAndSerialNumber(sid) = &signer_info.sid else {
        return Err(());
    };
    let cert = signed
        .certificates
        .as_ref()
        .ok_or(())?
        .0
        .iter()
        .find_map(|choice| match choice {
            CertificateChoices::Certificate(c)
                if c.tbs_certificate.issuer == sid.issuer
                    && c.tbs_certificate.serial_number == sid.serial_number =>
            {
                Some(c.clone())
            }
            _ => None,
        })
        .ok_or(())?;
    let key_bits = cert
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .raw_bytes();
    let key = VerifyingKey::from_sec1_bytes(key_bits).map_err(|_| ())?;
    let signature = Signature::from_der(signer_info.signature.as_bytes()).map_err(|_| ())?;
    let signed_bytes = attrs.to_der().map_err(|_| ())?;
    Ok(match key.verify(&signed_bytes, &signature) {
        Ok(()) => CmsCheck::SignedBy(Box::new(cert)),
        Err(_) => CmsCheck::Mismatch,
    })
}
