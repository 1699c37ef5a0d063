//! RFC 3161 time-stamps, the trusted time of a signature (PAdES B-T): the request a
//! time-stamping authority (TSA) is sent, and the checks its answer must pass before the
//! token goes into a document. Pure: the caller sends the request and stores the answer.
//!
//! A token is kept as the bytes the TSA sent, never decoded and encoded again (DER of
//! another party's SET OF would be re-sorted). Its TSTInfo is read with a lenient
//! structure of our own: TSAs write the generation time with fractions of a second
//! (`20261206101500.123Z`), which `der`'s GeneralizedTime refuses.

use der::asn1::{Any, BitString, ObjectIdentifier, OctetString, Uint};
use der::{Decode, Encode, Sequence, Tag, Tagged};
use sha2::{Digest, Sha256, Sha384, Sha512};
use x509_cert::ext::pkix::ExtendedKeyUsage;
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};

use super::cms::{CONTENT_TYPE, ECDSA_WITH_SHA256, ID_SIGNED_DATA, MESSAGE_DIGEST, SHA256};
pub use crate::error::TspError;

pub(crate) const ID_CT_TST_INFO: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");
pub(crate) const ID_KP_TIME_STAMPING: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.8");
const ID_EXTENDED_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37");
const SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const SHA384_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
const SHA512_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
const ECDSA_WITH_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");

fn malformed(e: impl std::fmt::Display) -> TspError {
    TspError::Malformed(e.to_string())
}

/// RFC 3161 MessageImprint.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct MessageImprint {
    pub hash_algorithm: AlgorithmIdentifierOwned,
    pub hashed_message: OctetString,
}

impl MessageImprint {
    pub(crate) fn sha256(digest: &[u8; 32]) -> Result<Self, der::Error> {
        Ok(MessageImprint {
            hash_algorithm: AlgorithmIdentifierOwned {
                oid: SHA256,
                // NULL parameters, as OpenSSL and most TSAs write them.
                parameters: Some(Any::null()),
            },
            hashed_message: OctetString::new(digest.to_vec())?,
        })
    }
}

/// RFC 3161 TimeStampReq, without policy or extensions.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct TimeStampReq {
    pub version: u8,
    pub message_imprint: MessageImprint,
    #[asn1(optional = "true")]
    pub req_policy: Option<ObjectIdentifier>,
    #[asn1(optional = "true")]
    pub nonce: Option<Uint>,
    #[asn1(default = "Default::default")]
    pub cert_req: bool,
}

/// RFC 3161 PKIStatusInfo (RFC 4210).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct PkiStatusInfo {
    status: u32,
    #[asn1(optional = "true")]
    status_string: Option<Vec<String>>,
    #[asn1(optional = "true")]
    fail_info: Option<BitString>,
}

/// RFC 3161 TimeStampResp; the token stays the TSA's bytes.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct TimeStampResp {
    status: PkiStatusInfo,
    #[asn1(optional = "true")]
    time_stamp_token: Option<Any>,
}

/// RFC 3161 Accuracy.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct Accuracy {
    #[asn1(optional = "true")]
    seconds: Option<u64>,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    millis: Option<u16>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    micros: Option<u16>,
}

/// RFC 3161 TSTInfo as read from any TSA: the time left as the TSA wrote it.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct TstInfoRead {
    version: u8,
    policy: ObjectIdentifier,
    message_imprint: MessageImprint,
    serial_number: Uint,
    gen_time: Any,
    #[asn1(optional = "true")]
    accuracy: Option<Accuracy>,
    #[asn1(default = "Default::default")]
    ordering: bool,
    #[asn1(optional = "true")]
    nonce: Option<Uint>,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    tsa: Option<Any>,
    #[asn1(
        context_specific = "1",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    extensions: Option<x509_cert::ext::Extensions>,
}

/// The DER of a request for a time-stamp of the SHA-256 `imprint`, with the TSA's
/// certificates in the answer (the token must carry them to be checked offline).
pub fn request(imprint: &[u8; 32], nonce: &[u8; 8]) -> Result<Vec<u8>, TspError> {
    let mut nonce = *nonce;
    nonce[0] = (nonce[0] & 0x7f) | 0x01; // positive, no leading zero
    TimeStampReq {
        version: 1,
        message_imprint: MessageImprint::sha256(imprint).map_err(malformed)?,
        req_policy: None,
        nonce: Some(Uint::new(&nonce).map_err(malformed)?),
        cert_req: true,
    }
    .to_der()
    .map_err(malformed)
}

/// A checked time-stamp token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeStamp {
    /// The token (a CMS ContentInfo), as the TSA sent it.
    pub token: Vec<u8>,
    /// When the TSA says it saw the message, UTC epoch ms.
    pub time_ms: i64,
    /// The TSA's certificate (DER) and when it expires (UTC epoch ms).
    pub tsa_certificate: Vec<u8>,
    pub tsa_not_after_ms: i64,
    /// The TSA's subject, for people (`CN=…, O=…`).
    pub tsa_name: String,
    /// Every certificate the token carries (DER): the TSA's and its issuers'.
    pub certificates: Vec<Vec<u8>>,
}

/// Reads a TSA's answer (`application/timestamp-reply`) to a request for `imprint` with
/// `nonce` (as sent: [`request`] makes it positive): granted, for this message and
/// nonce, signed by a time-stamping authority. The token is then what goes into a PDF.
pub fn accept(
    reply: &[u8],
    imprint: &[u8; 32],
    nonce: Option<&[u8; 8]>,
) -> Result<TimeStamp, TspError> {
    let response = TimeStampResp::from_der(reply).map_err(malformed)?;
    // 0 granted, 1 granted with modifications.
    if response.status.status > 1 {
        return Err(TspError::Refused(response.status.status));
    }
    let token = response
        .time_stamp_token
        .ok_or_else(|| malformed("granted without a token"))?
        .to_der()
        .map_err(malformed)?;
    let (stamp, info) = check(&token, imprint)?;
    if let Some(nonce) = nonce {
        let mut sent = *nonce;
        sent[0] = (sent[0] & 0x7f) | 0x01;
        if info.nonce.as_ref().map(Uint::as_bytes) != Some(&sent[..]) {
            return Err(TspError::WrongNonce);
        }
    }
    Ok(stamp)
}

/// Checks a token (a CMS ContentInfo of a TSTInfo) for `imprint`: stamped for it, its
/// content digest right, signed by a certificate it carries whose extended key usage is
/// time-stamping only, critical.
pub fn check_token(token: &[u8], imprint: &[u8; 32]) -> Result<TimeStamp, TspError> {
    check(token, imprint).map(|(stamp, _)| stamp)
}

fn check(token: &[u8], imprint: &[u8; 32]) -> Result<(TimeStamp, TstInfoRead), TspError> {
    let info = ContentInfo::from_der(token).map_err(malformed)?;
    if info.content_type != ID_SIGNED_DATA {
        return Err(malformed("not a SignedData"));
    }
    let signed: SignedData = info.content.decode_as().map_err(malformed)?;
    if signed.encap_content_info.econtent_type != ID_CT_TST_INFO {
        return Err(malformed("the content is not a TSTInfo"));
    }
    let content = signed
        .encap_content_info
        .econtent
        .as_ref()
        .ok_or_else(|| malformed("no TSTInfo"))?
        .decode_as::<OctetString>()
        .map_err(malformed)?;
    let tst = TstInfoRead::from_der(content.as_bytes()).map_err(malformed)?;
    if tst.message_imprint.hash_algorithm.oid != SHA256
        || tst.message_imprint.hashed_message.as_bytes() != imprint
    {
        return Err(TspError::WrongImprint);
    }
    let time_ms = generalized_time_ms(&tst.gen_time)?;

    let signer_info = signed
        .signer_infos
        .0
        .iter()
        .next()
        .ok_or_else(|| malformed("no signer"))?;
    let certificates: Vec<&Certificate> = signed
        .certificates
        .as_ref()
        .map(|set| {
            set.0
                .iter()
                .filter_map(|choice| match choice {
                    cms::cert::CertificateChoices::Certificate(c) => Some(c),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let signer = certificates
        .iter()
        .find(|c| identifies(&signer_info.sid, c))
        .ok_or_else(|| malformed("the token does not carry its signer's certificate"))?;
    if !is_time_stamping_only(signer) {
        return Err(TspError::NotATsa);
    }

    let attrs = signer_info
        .signed_attrs
        .as_ref()
        .ok_or_else(|| malformed("no signed attributes"))?;
    let value_of = |oid: ObjectIdentifier| {
        attrs
            .iter()
            .find(|a| a.oid == oid)
            .and_then(|a| a.values.iter().next())
    };
    let content_type = value_of(CONTENT_TYPE)
        .and_then(|v| v.decode_as::<ObjectIdentifier>().ok())
        .ok_or_else(|| malformed("no content-type attribute"))?;
    let claimed = value_of(MESSAGE_DIGEST)
        .and_then(|v| v.decode_as::<OctetString>().ok())
        .ok_or_else(|| malformed("no message-digest attribute"))?;
    let digest = digest(signer_info.digest_alg.oid, content.as_bytes())?;
    if content_type != ID_CT_TST_INFO || claimed.as_bytes() != digest.as_slice() {
        return Err(TspError::BadSignature);
    }
    let signed_bytes = attrs.to_der().map_err(malformed)?;
    verify(
        signer,
        signer_info.signature_algorithm.oid,
        signer_info.digest_alg.oid,
        &signed_bytes,
        signer_info.signature.as_bytes(),
    )?;

    let validity = &signer.tbs_certificate.validity;
    Ok((
        TimeStamp {
            token: token.to_vec(),
            time_ms,
            tsa_certificate: signer.to_der().map_err(malformed)?,
            tsa_not_after_ms: validity.not_after.to_unix_duration().as_millis() as i64,
            tsa_name: signer.tbs_certificate.subject.to_string(),
            certificates: certificates
                .iter()
                .map(|c| c.to_der())
                .collect::<Result<_, _>>()
                .map_err(malformed)?,
        },
        tst,
    ))
}

/// Whether `sid` names `cert`.
fn identifies(sid: &SignerIdentifier, cert: &Certificate) -> bool {
    match sid {
        SignerIdentifier::IssuerAndSerialNumber(id) => {
            cert.tbs_certificate.issuer == id.issuer
                && cert.tbs_certificate.serial_number == id.serial_number
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => cert
            .tbs_certificate
            .get::<x509_cert::ext::pkix::SubjectKeyIdentifier>()
            .ok()
            .flatten()
            .is_some_and(|(_, own)| own.0 == ski.0),
    }
}

/// RFC 3161 §2.3: the TSA's certificate has exactly one extended key usage,
/// id-kp-timeStamping, and the extension is critical.
fn is_time_stamping_only(cert: &Certificate) -> bool {
    cert.tbs_certificate
        .extensions
        .as_deref()
        .unwrap_or_default()
        .iter()
        .find(|e| e.extn_id == ID_EXTENDED_KEY_USAGE)
        .is_some_and(|e| {
            e.critical
                && ExtendedKeyUsage::from_der(e.extn_value.as_bytes())
                    .is_ok_and(|eku| eku.0 == [ID_KP_TIME_STAMPING])
        })
}

fn digest(algorithm: ObjectIdentifier, bytes: &[u8]) -> Result<Vec<u8>, TspError> {
    Ok(match algorithm {
        SHA256 => Sha256::digest(bytes).to_vec(),
        SHA384 => Sha384::digest(bytes).to_vec(),
        SHA512 => Sha512::digest(bytes).to_vec(),
        other => return Err(malformed(format!("digest algorithm {other}"))),
    })
}

/// The signature over `message` by `cert`'s key: RSA PKCS #1 v1.5 (SHA-256/384/512) or
/// ECDSA P-256/P-384, verified with ring.
fn verify(
    cert: &Certificate,
    signature_algorithm: ObjectIdentifier,
    digest_algorithm: ObjectIdentifier,
    message: &[u8],
    signature: &[u8],
) -> Result<(), TspError> {
    use ring::signature as ring_sig;
    let spki = &cert.tbs_certificate.subject_public_key_info;
    let key = spki.subject_public_key.raw_bytes();
    let curve = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
    let algorithm: &dyn ring_sig::VerificationAlgorithm =
        match (
            spki.algorithm.oid,
            signature_algorithm,
            digest_algorithm,
            curve,
        ) {
            (RSA_ENCRYPTION, SHA256_WITH_RSA, _, _)
            | (RSA_ENCRYPTION, RSA_ENCRYPTION, SHA256, _) => &ring_sig::RSA_PKCS1_2048_8192_SHA256,
            (RSA_ENCRYPTION, SHA384_WITH_RSA, _, _)
            | (RSA_ENCRYPTION, RSA_ENCRYPTION, SHA384, _) => &ring_sig::RSA_PKCS1_2048_8192_SHA384,
            (RSA_ENCRYPTION, SHA512_WITH_RSA, _, _)
            | (RSA_ENCRYPTION, RSA_ENCRYPTION, SHA512, _) => &ring_sig::RSA_PKCS1_2048_8192_SHA512,
            (EC_PUBLIC_KEY, ECDSA_WITH_SHA256, _, Some(P256)) => &ring_sig::ECDSA_P256_SHA256_ASN1,
            (EC_PUBLIC_KEY, ECDSA_WITH_SHA384, _, Some(P384)) => &ring_sig::ECDSA_P384_SHA384_ASN1,
            (key_algorithm, signature_algorithm, _, _) => {
                return Err(malformed(format!(
                    "signature algorithm {signature_algorithm} with a {key_algorithm} key"
                )))
            }
        };
    ring_sig::UnparsedPublicKey::new(algorithm, key)
        .verify(message, signature)
        .map_err(|_| TspError::BadSignature)
}

/// `cert`'s signature over `message` with an algorithm that names its digest
/// (sha256WithRSAEncryption, ecdsa-with-SHA256, …): certificates and OCSP responses.
pub(crate) fn verify_signed_by(
    cert: &Certificate,
    signature_algorithm: ObjectIdentifier,
    message: &[u8],
    signature: &[u8],
) -> Result<(), TspError> {
    verify(cert, signature_algorithm, SHA256, message, signature)
}

/// `YYYYMMDDHHMMSS[.f…]Z` → UTC epoch ms (fractions beyond milliseconds dropped).
pub(crate) fn generalized_time_ms(time: &Any) -> Result<i64, TspError> {
    if time.tag() != Tag::GeneralizedTime {
        return Err(malformed("genTime is not a GeneralizedTime"));
    }
    let text = std::str::from_utf8(time.value()).map_err(malformed)?;
    let bad = || malformed(format!("genTime {text:?}"));
    let text = text.strip_suffix('Z').ok_or_else(bad)?;
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.len() != 14 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let number = |range: std::ops::Range<usize>| whole[range].parse::<u32>().map_err(|_| bad());
    let (year, month, day) = (number(0..4)?, number(4..6)?, number(6..8)?);
    let (hour, minute, second) = (number(8..10)?, number(10..12)?, number(12..14)?);
    let date = der::DateTime::new(
        year as u16,
        month as u8,
        day as u8,
        hour as u8,
        minute as u8,
        second as u8,
    )
    .map_err(|_| bad())?;
    let millis: i64 = format!("{fraction:0<3}")[..3].parse().map_err(|_| bad())?;
    Ok(date.unix_duration().as_millis() as i64 + millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_times_with_and_without_fractions() {
        let at =
            |s: &str| generalized_time_ms(&Any::new(Tag::GeneralizedTime, s.as_bytes()).unwrap());
        assert_eq!(at("20261206101500Z").unwrap(), 1_796_552_100_000);
        assert_eq!(at("20261206101500.5Z").unwrap(), 1_796_552_100_500);
        assert_eq!(at("20261206101500.123456Z").unwrap(), 1_796_552_100_123);
        assert!(at("20261206101500").is_err());
        assert!(at("2026120610150Z").is_err());
        assert!(at("20261306101500Z").is_err());
    }

    #[test]
    fn a_request_asks_for_certificates_with_a_positive_nonce() {
        let der = request(&[7; 32], &[0xff; 8]).unwrap();
        let parsed = TimeStampReq::from_der(&der).unwrap();
        assert!(parsed.cert_req);
        assert_eq!(parsed.message_imprint.hashed_message.as_bytes(), &[7; 32]);
        assert_eq!(parsed.nonce.unwrap().as_bytes()[0], 0x7f);
    }
}
