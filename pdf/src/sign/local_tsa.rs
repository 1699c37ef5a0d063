//! A time-stamping authority of our own (RFC 3161), for the demo and the tests: an
//! ECDSA P-256 key and a certificate whose only extended key usage is time-stamping
//! (critical), issued by a development CA. Production points at a licensed TSA instead
//! (`tsp::request` / `tsp::accept`).

use std::time::Duration;

use cms::cert::CertificateChoices;
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{CertificateSet, EncapsulatedContentInfo, SignedData, SignerInfos};
use der::asn1::{Any, GeneralizedTime, ObjectIdentifier, SetOfVec, Uint};
use der::{Decode, Encode, Sequence, Tag};
use p256::ecdsa::SigningKey;
use sha2::{Digest, Sha256};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::Certificate;

use super::cms::{algorithm, err, signer_info, ID_SIGNED_DATA, SHA256};
use super::tsp::{MessageImprint, TimeStampReq, ID_CT_TST_INFO};
use crate::error::PdfError;

/// The policy under which our TSA stamps (a private arc: a demo TSA, no legal policy).
const DEMO_POLICY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.4.1.55555.1.1");

/// RFC 3161 TSTInfo as our TSA writes it: whole seconds, its name, no extensions.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct TstInfo {
    version: u8,
    policy: ObjectIdentifier,
    message_imprint: MessageImprint,
    serial_number: Uint,
    gen_time: GeneralizedTime,
    #[asn1(optional = "true")]
    nonce: Option<Uint>,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    tsa: Option<GeneralName>,
}

/// A TSA answering with tokens signed by its own key.
pub struct LocalTsa {
    key: SigningKey,
    certificate: Certificate,
    certificate_der: Vec<u8>,
    /// Its issuers, root last.
    chain: Vec<Certificate>,
}

impl std::fmt::Debug for LocalTsa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalTsa")
            .field(
                "subject",
                &self.certificate.tbs_certificate.subject.to_string(),
            )
            .finish_non_exhaustive()
    }
}

impl LocalTsa {
    /// A TSA signing with `key`, certified by `certificate` (whose extended key usage
    /// must be time-stamping), issued by `chain` (root last).
    pub(crate) fn new(
        key: SigningKey,
        certificate: Certificate,
        chain: Vec<Certificate>,
    ) -> Result<LocalTsa, PdfError> {
        Ok(LocalTsa {
            key,
            certificate_der: certificate.to_der().map_err(err)?,
            certificate,
            chain,
        })
    }

    /// The TSA's certificate, DER.
    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate_der
    }

    pub(crate) fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    /// When the TSA's certificate expires, UTC epoch ms.
    pub fn not_after_ms(&self) -> i64 {
        super::identity::not_after_ms(&self.certificate)
    }

    pub(crate) fn key(&self) -> &SigningKey {
        &self.key
    }

    /// The root of the TSA's chain, PEM: what a relying party trusts.
    pub fn root_pem(&self) -> String {
        use der::EncodePem;
        self.chain
            .last()
            .unwrap_or(&self.certificate)
            .to_pem(p256::pkcs8::LineEnding::LF)
            .unwrap_or_default()
    }

    /// A token stamping the SHA-256 `imprint` at `time_ms` (UTC epoch ms, whole seconds
    /// kept), with `nonce` if given and the TSA's certificates. The same token for the
    /// same arguments (the serial number is derived from them, the signature is RFC
    /// 6979's): a document sealed again after a crash comes out byte for byte the same.
    pub fn stamp(
        &self,
        imprint: &[u8; 32],
        nonce: Option<&[u8]>,
        time_ms: i64,
    ) -> Result<Vec<u8>, PdfError> {
        let mut serial_number = [0u8; 16];
        let derived = Sha256::new()
            .chain_update(imprint)
            .chain_update(time_ms.to_be_bytes())
            .chain_update(nonce.unwrap_or_default())
            .finalize();
        serial_number.copy_from_slice(&derived[..16]);
        serial_number[0] = (serial_number[0] & 0x7f) | 0x01;
        let seconds = u64::try_from(time_ms.max(0) / 1000).unwrap_or(0);
        let tst = TstInfo {
            version: 1,
            policy: DEMO_POLICY,
            message_imprint: MessageImprint::sha256(imprint).map_err(err)?,
            serial_number: Uint::new(&serial_number).map_err(err)?,
            gen_time: GeneralizedTime::from_unix_duration(Duration::from_secs(seconds))
                .map_err(err)?,
            nonce: nonce.map(Uint::new).transpose().map_err(err)?,
            tsa: Some(GeneralName::DirectoryName(
                self.certificate.tbs_certificate.subject.clone(),
            )),
        }
        .to_der()
        .map_err(err)?;
        let signer_info = signer_info(
            &self.key,
            &self.certificate,
            &self.certificate_der,
            ID_CT_TST_INFO,
            &Sha256::digest(&tst),
        )?;
        let certificates = std::iter::once(&self.certificate)
            .chain(&self.chain)
            .cloned()
            .map(CertificateChoices::Certificate)
            .collect::<Vec<_>>();
        let signed = SignedData {
            // V3: the content is not id-data (RFC 5652 §5.1).
            version: CmsVersion::V3,
            digest_algorithms: SetOfVec::try_from(vec![algorithm(SHA256)]).map_err(err)?,
            encap_content_info: EncapsulatedContentInfo {
                econtent_type: ID_CT_TST_INFO,
                econtent: Some(Any::new(Tag::OctetString, tst).map_err(err)?),
            },
            certificates: Some(CertificateSet(
                SetOfVec::try_from(certificates).map_err(err)?,
            )),
            crls: None,
            signer_infos: SignerInfos(SetOfVec::try_from(vec![signer_info]).map_err(err)?),
        };
        ContentInfo {
            content_type: ID_SIGNED_DATA,
            content: Any::encode_from(&signed).map_err(err)?,
        }
        .to_der()
        .map_err(err)
    }

    /// Answers an RFC 3161 request (`application/timestamp-query`) with a response
    /// (`application/timestamp-reply`): granted, or rejection (2) for a request this TSA
    /// does not take (not SHA-256, or not DER).
    pub fn respond(&self, request: &[u8], time_ms: i64) -> Result<Vec<u8>, PdfError> {
        let status = |code: u8| -> Result<Vec<u8>, PdfError> {
            let mut info = Vec::new();
            code.encode(&mut info).map_err(err)?;
            Ok(info)
        };
        let token = TimeStampReq::from_der(request)
            .ok()
            .filter(|r| r.message_imprint.hash_algorithm.oid == SHA256)
            .and_then(|r| {
                let imprint: [u8; 32] = r
                    .message_imprint
                    .hashed_message
                    .as_bytes()
                    .try_into()
                    .ok()?;
                Some(self.stamp(&imprint, r.nonce.as_ref().map(Uint::as_bytes), time_ms))
            })
            .transpose()?;
        let mut body = Vec::new();
        match token {
            Some(token) => {
                // PKIStatusInfo { status 0 }, then the token.
                let info = status(0)?;
                body.extend(sequence(&info)?);
                body.extend(token);
            }
            None => body.extend(sequence(&status(2)?)?),
        }
        sequence(&body)
    }
}

/// A SEQUENCE around `content` (already DER).
fn sequence(content: &[u8]) -> Result<Vec<u8>, PdfError> {
    let any = Any::new(Tag::Sequence, content.to_vec()).map_err(err)?;
    any.to_der().map_err(err)
}
