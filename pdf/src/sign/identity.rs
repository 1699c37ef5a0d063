//! The provider's signing identity: an ECDSA P-256 key, its certificate and the chain
//! up to the CA. Comes from configuration (PEM) or, in development, from a local CA
//! created on first use and kept in a directory.

use std::path::Path;
use std::time::Duration;

use der::asn1::{Any, ObjectIdentifier, SetOfVec};
use der::{Encode, EncodePem, Tag};
use p256::ecdsa::{DerSignature, SigningKey};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey, LineEnding};
use p256::SecretKey;
use rand_core::{OsRng, RngCore};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::Validity;
use x509_cert::Certificate;

use crate::error::PdfError;

/// File names in the identity directory.
pub const CHAIN_FILE: &str = "signing-chain.pem";
pub const KEY_FILE: &str = "signing-key.pem";
pub const CA_FILE: &str = "ca.pem";

const COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const ORGANIZATION: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.10");
const ORGANIZATIONAL_UNIT: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.11");
pub(crate) const YEAR: u64 = 365 * 24 * 3600;

/// Certificate, key and chain of the signer.
#[derive(Clone)]
pub struct SigningIdentity {
    pub(crate) key: SigningKey,
    pub(crate) signer: Certificate,
    pub(crate) signer_der: Vec<u8>,
    /// The issuers after the signer, root last (may be empty for a self-signed signer).
    pub(crate) chain: Vec<Certificate>,
}

impl std::fmt::Debug for SigningIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningIdentity")
            .field("subject", &self.signer.tbs_certificate.subject.to_string())
            .field("issuer", &self.signer.tbs_certificate.issuer.to_string())
            .field("key", &"<P-256 private key>")
            .finish()
    }
}

impl SigningIdentity {
    /// From a key, its certificate and the certificate's issuers (root last).
    pub(crate) fn new(
        key: SigningKey,
        signer: Certificate,
        chain: Vec<Certificate>,
    ) -> Result<SigningIdentity, PdfError> {
        let signer_der = signer
            .to_der()
            .map_err(|e| PdfError::Certificate(e.to_string()))?;
        Ok(SigningIdentity {
            key,
            signer,
            signer_der,
            chain,
        })
    }

    pub(crate) fn key(&self) -> &SigningKey {
        &self.key
    }

    pub(crate) fn certificate(&self) -> &Certificate {
        &self.signer
    }

    /// The certificates of the chain after the signer, DER (root last).
    pub fn chain_der(&self) -> Vec<Vec<u8>> {
        self.chain.iter().filter_map(|c| c.to_der().ok()).collect()
    }

    /// From a PEM certificate chain (signer first, then its issuers) and a PEM P-256
    /// private key (PKCS#8 "PRIVATE KEY" or SEC1 "EC PRIVATE KEY").
    pub fn from_pem(cert_chain_pem: &str, key_pem: &str) -> Result<SigningIdentity, PdfError> {
        // `load_pem_chain` underflows on input without a certificate: check first.
        if !cert_chain_pem.contains("-----BEGIN CERTIFICATE-----") {
            return Err(PdfError::Certificate(
                "no PEM certificate in the chain".into(),
            ));
        }
        let mut certs = Certificate::load_pem_chain(cert_chain_pem.trim().as_bytes())
            .map_err(|e| PdfError::Certificate(e.to_string()))?;
        if certs.is_empty() {
            return Err(PdfError::Certificate("no certificate in the chain".into()));
        }
        let signer = certs.remove(0);
        let secret = SecretKey::from_pkcs8_pem(key_pem)
            .or_else(|_| SecretKey::from_sec1_pem(key_pem))
            .map_err(|_| PdfError::Key("not a PEM ECDSA P-256 key (PKCS#8 or SEC1)".into()))?;
        let key = SigningKey::from(&secret);
        let public = key
            .verifying_key()
            .to_public_key_der()
            .map_err(|e| PdfError::Key(e.to_string()))?;
        let certified = signer
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(|e| PdfError::Certificate(e.to_string()))?;
        if public.as_bytes() != certified.as_slice() {
            return Err(PdfError::KeyMismatch);
        }
        SigningIdentity::new(key, signer, certs)
    }

    /// The identity as one PEM text: its key (PKCS#8), then its certificate chain. A
    /// signing in progress keeps an event certificate's identity so until its document
    /// is stored; [`Self::from_pem_bundle`] reads it back.
    pub fn to_pem_bundle(&self) -> Result<String, PdfError> {
        let mut bundle = SecretKey::from(self.key.as_nonzero_scalar())
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(|e| PdfError::Key(e.to_string()))?
            .to_string();
        bundle.push_str(&pem(&self.signer)?);
        for certificate in &self.chain {
            bundle.push_str(&pem(certificate)?);
        }
        Ok(bundle)
    }

    /// Reads what [`Self::to_pem_bundle`] wrote.
    pub fn from_pem_bundle(bundle: &str) -> Result<SigningIdentity, PdfError> {
        let at = bundle
            .find("-----BEGIN CERTIFICATE-----")
            .ok_or_else(|| PdfError::Certificate("no certificate in the bundle".into()))?;
        SigningIdentity::from_pem(&bundle[at..], &bundle[..at])
    }

    /// Loads the identity stored in `dir`, or creates a development CA and a signing
    /// certificate for `provider_name` there (returning `true`). Only the signing key
    /// is stored; the development CA's key is discarded after issuing, so the CA can
    /// issue nothing else. Delete the directory to start over.
    pub fn load_or_create(
        dir: &Path,
        provider_name: &str,
    ) -> Result<(SigningIdentity, bool), PdfError> {
        let chain_path = dir.join(CHAIN_FILE);
        let key_path = dir.join(KEY_FILE);
        match (chain_path.is_file(), key_path.is_file()) {
            (true, true) => {
                let chain = std::fs::read_to_string(&chain_path)
                    .map_err(|e| PdfError::io(&chain_path, e))?;
                let key =
                    std::fs::read_to_string(&key_path).map_err(|e| PdfError::io(&key_path, e))?;
                return Ok((SigningIdentity::from_pem(&chain, &key)?, false));
            }
            (true, false) => {
                return Err(PdfError::IdentityIncomplete {
                    dir: dir.to_path_buf(),
                    missing: KEY_FILE,
                })
            }
            (false, true) => {
                return Err(PdfError::IdentityIncomplete {
                    dir: dir.to_path_buf(),
                    missing: CHAIN_FILE,
                })
            }
            (false, false) => {}
        }
        let (identity, key_pem) = create_development_identity(provider_name)?;
        std::fs::create_dir_all(dir).map_err(|e| PdfError::io(dir, e))?;
        let ca_pem = identity.ca_certificate_pem();
        let chain_pem = format!("{}{}", pem(&identity.signer)?, ca_pem);
        write_file(&key_path, key_pem.as_bytes(), true)?;
        write_file(&dir.join(CA_FILE), ca_pem.as_bytes(), false)?;
        write_file(&chain_path, chain_pem.as_bytes(), false)?;
        Ok((identity, true))
    }

    /// The root of the chain in PEM (the signer itself when it is self-signed): the
    /// certificate a reader imports to trust the signatures.
    pub fn ca_certificate_pem(&self) -> String {
        pem(self.chain.last().unwrap_or(&self.signer)).unwrap_or_default()
    }

    /// The signer certificate in DER.
    pub fn certificate_der(&self) -> &[u8] {
        &self.signer_der
    }

    /// When the signer certificate expires, UTC epoch ms.
    pub fn not_after_ms(&self) -> i64 {
        not_after_ms(&self.signer)
    }
}

/// When `cert` expires, UTC epoch ms.
pub(crate) fn not_after_ms(cert: &Certificate) -> i64 {
    cert.tbs_certificate
        .validity
        .not_after
        .to_unix_duration()
        .as_millis() as i64
}

pub(crate) fn pem(cert: &Certificate) -> Result<String, PdfError> {
    cert.to_pem(LineEnding::LF)
        .map_err(|e| PdfError::Certificate(e.to_string()))
}

/// Writes via a temporary file and a rename, so a crash never leaves half a key.
pub(crate) fn write_file(path: &Path, bytes: &[u8], private: bool) -> Result<(), PdfError> {
    let tmp = path.with_extension("tmp");
    {
        use std::io::Write;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        if private {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        #[cfg(not(unix))]
        let _ = private;
        let mut file = options.open(&tmp).map_err(|e| PdfError::io(&tmp, e))?;
        file.write_all(bytes)
            .and_then(|_| file.sync_all())
            .map_err(|e| PdfError::io(&tmp, e))?;
    }
    std::fs::rename(&tmp, path).map_err(|e| PdfError::io(path, e))
}

fn crypto(e: impl std::fmt::Display) -> PdfError {
    PdfError::Crypto(e.to_string())
}

/// A development root CA and a signing certificate issued by it, valid from now.
fn create_development_identity(provider_name: &str) -> Result<(SigningIdentity, String), PdfError> {
    let provider: String = provider_name.chars().filter(|c| !c.is_control()).collect();
    let provider = if provider.trim().is_empty() {
        "Qianyue provider".to_string()
    } else {
        provider.trim().to_string()
    };

    let ca_key = SigningKey::from(&SecretKey::random(&mut OsRng));
    let ca_name = name(
        &format!("{provider} Development CA (not for production)"),
        &provider,
    )?;
    let ca_spki = SubjectPublicKeyInfoOwned::from_key(*ca_key.verifying_key()).map_err(crypto)?;
    let ca_validity = Validity::from_now(Duration::from_secs(20 * YEAR)).map_err(crypto)?;
    let ca = CertificateBuilder::new(
        Profile::Root,
        serial()?,
        ca_validity,
        ca_name.clone(),
        ca_spki,
        &ca_key,
    )
    .map_err(crypto)?
    .build::<DerSignature>()
    .map_err(crypto)?;

    let secret = SecretKey::random(&mut OsRng);
    let key = SigningKey::from(&secret);
    let spki = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).map_err(crypto)?;
    let validity = Validity::from_now(Duration::from_secs(10 * YEAR)).map_err(crypto)?;
    let profile = Profile::Leaf {
        issuer: ca_name,
        enable_key_agreement: false,
        enable_key_encipherment: false,
    };
    let signer = CertificateBuilder::new(
        profile,
        serial()?,
        validity,
        name(&provider, &provider)?,
        spki,
        &ca_key,
    )
    .map_err(crypto)?
    .build::<DerSignature>()
    .map_err(crypto)?;

    let key_pem = secret
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(crypto)?
        .to_string();
    let signer_der = signer.to_der().map_err(crypto)?;
    Ok((
        SigningIdentity {
            key,
            signer,
            signer_der,
            chain: vec![ca],
        },
        key_pem,
    ))
}

/// A positive random 128-bit serial number.
pub(crate) fn serial() -> Result<SerialNumber, PdfError> {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    bytes[0] = (bytes[0] & 0x7f) | 0x01;
    SerialNumber::new(&bytes).map_err(crypto)
}

/// O=<organization>, CN=<common name>, as UTF8Strings (the names are Chinese).
pub(crate) fn name(common_name: &str, organization: &str) -> Result<Name, PdfError> {
    name_of(&[(ORGANIZATION, organization), (COMMON_NAME, common_name)])
}

/// OU=<unit>, CN=<common name>: an event certificate's subject, the unit naming the
/// signing it was made for.
pub(crate) fn event_name(common_name: &str, unit: &str) -> Result<Name, PdfError> {
    name_of(&[(ORGANIZATIONAL_UNIT, unit), (COMMON_NAME, common_name)])
}

/// The attributes in order, one to a relative name, as UTF8Strings.
fn name_of(attributes: &[(ObjectIdentifier, &str)]) -> Result<Name, PdfError> {
    let rdn = |oid, value: &str| -> Result<RelativeDistinguishedName, PdfError> {
        let value = Any::new(Tag::Utf8String, value.as_bytes()).map_err(crypto)?;
        let set = SetOfVec::try_from(vec![AttributeTypeAndValue { oid, value }]).map_err(crypto)?;
        Ok(RelativeDistinguishedName(set))
    };
    Ok(RdnSequence(
        attributes
            .iter()
            .map(|&(oid, value)| rdn(oid, value))
            .collect::<Result<_, _>>()?,
    ))
}
