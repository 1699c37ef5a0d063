//! The demo's public-key infrastructure, kept in a directory: a development CA that
//! keeps its key, the provider's signing certificate and a time-stamping authority's,
//! both issued by it. With it the demo's formal documents are sealed at PAdES B-LTA
//! ([`DevelopmentPki::seal`]) with nothing external: the CA answers for its own
//! certificates and the TSA stamps in-process. Never for production: whoever holds
//! the directory can issue and time-stamp anything.

use std::path::Path;
use std::time::Duration;

use p256::ecdsa::SigningKey;
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use p256::SecretKey;
use x509_cert::Certificate;

use super::identity::{pem, write_file, SigningIdentity, YEAR};
use super::local_tsa::LocalTsa;
use super::pades::{self, Level, Need, SealError, Step};
use super::pki::LocalAuthority;
use super::{Role, Signer};
use crate::error::PdfError;

const CA: &str = "ca.pem";
const CA_KEY: &str = "ca-key.pem";
const SIGNER: &str = "signing-chain.pem";
const SIGNER_KEY: &str = "signing-key.pem";
const TSA: &str = "tsa-chain.pem";
const TSA_KEY: &str = "tsa-key.pem";
const RESPONDER: &str = "ocsp-responder.pem";
const RESPONDER_KEY: &str = "ocsp-responder-key.pem";

/// The customer's side of a dual-channel signing: who (the real-name verified subject,
/// which its event certificate names), for which contract, and when its signer
/// confirmed (the signature's claimed time).
#[derive(Debug, Clone, Copy)]
pub struct CustomerSigning<'a> {
    pub verified_name: &'a str,
    pub contract_number: &'a str,
    pub signed_at_ms: i64,
}

/// The development CA, the provider's identity and the TSA.
pub struct DevelopmentPki {
    pub authority: LocalAuthority,
    pub identity: SigningIdentity,
    pub tsa: LocalTsa,
}

impl std::fmt::Debug for DevelopmentPki {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DevelopmentPki")
            .field("authority", &self.authority)
            .field("identity", &self.identity)
            .finish_non_exhaustive()
    }
}

fn read(dir: &Path, file: &str) -> Result<String, PdfError> {
    let path = dir.join(file);
    std::fs::read_to_string(&path).map_err(|e| PdfError::io(&path, e))
}

fn key_of(pem: &str) -> Result<SigningKey, PdfError> {
    SecretKey::from_pkcs8_pem(pem)
        .map(|secret| SigningKey::from(&secret))
        .map_err(|_| PdfError::Key("not a PKCS#8 P-256 key".into()))
}

fn key_pem(key: &SigningKey) -> Result<String, PdfError> {
    Ok(SecretKey::from(key.as_nonzero_scalar())
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| PdfError::Key(e.to_string()))?
        .to_string())
}

fn write_responder(
    dir: &Path,
    (key, certificate): &(SigningKey, Certificate),
) -> Result<(), PdfError> {
    write_file(&dir.join(RESPONDER_KEY), key_pem(key)?.as_bytes(), true)?;
    write_file(&dir.join(RESPONDER), pem(certificate)?.as_bytes(), false)
}

fn chain_of(pem: &str) -> Result<Vec<Certificate>, PdfError> {
    Certificate::load_pem_chain(pem.trim().as_bytes())
        .map_err(|e| PdfError::Certificate(e.to_string()))
}

impl DevelopmentPki {
    /// Loads the infrastructure kept in `dir`, or creates it for `organization` there
    /// (returning `true`), its certificates naming `ocsp_url` for their revocation status.
    pub fn load_or_create(
        dir: &Path,
        organization: &str,
        ocsp_url: &str,
    ) -> Result<(DevelopmentPki, bool), PdfError> {
        if dir.join(CA_KEY).is_file() {
            let ca = chain_of(&read(dir, CA)?)?
                .into_iter()
                .next()
                .ok_or_else(|| PdfError::Certificate("no CA certificate".into()))?;
            let ca_key = key_of(&read(dir, CA_KEY)?)?;
            let responder = match (read(dir, RESPONDER), read(dir, RESPONDER_KEY)) {
                (Ok(certificate), Ok(key)) => (
                    key_of(&key)?,
                    chain_of(&certificate)?
                        .into_iter()
                        .next()
                        .ok_or_else(|| PdfError::Certificate("no responder certificate".into()))?,
                ),
                // A directory from before the CA had a responder: one is issued, kept.
                _ => {
                    let interim = LocalAuthority::new(
                        ca_key.clone(),
                        ca.clone(),
                        (ca_key.clone(), ca.clone()),
                        organization,
                        ocsp_url,
                    );
                    let responder = interim.issue_responder()?;
                    write_responder(dir, &responder)?;
                    responder
                }
            };
            let authority = LocalAuthority::new(ca_key, ca, responder, organization, ocsp_url);
            let identity = SigningIdentity::from_pem(&read(dir, SIGNER)?, &read(dir, SIGNER_KEY)?)?;
            let mut tsa_chain = chain_of(&read(dir, TSA)?)?;
            if tsa_chain.is_empty() {
                return Err(PdfError::Certificate("no TSA certificate".into()));
            }
            let tsa_certificate = tsa_chain.remove(0);
            let tsa = LocalTsa::new(key_of(&read(dir, TSA_KEY)?)?, tsa_certificate, tsa_chain)?;
            return Ok((
                DevelopmentPki {
                    authority,
                    identity,
                    tsa,
                },
                false,
            ));
        }
        let authority = LocalAuthority::development(organization, ocsp_url)?;
        let identity = authority.issue_signer(organization, Duration::from_secs(10 * YEAR))?;
        let tsa = authority.issue_tsa()?;
        std::fs::create_dir_all(dir).map_err(|e| PdfError::io(dir, e))?;
        let ca_pem = authority.certificate_pem()?;
        write_file(
            &dir.join(CA_KEY),
            key_pem(authority.key())?.as_bytes(),
            true,
        )?;
        write_file(
            &dir.join(SIGNER_KEY),
            key_pem(identity.key())?.as_bytes(),
            true,
        )?;
        write_file(&dir.join(TSA_KEY), key_pem(tsa.key())?.as_bytes(), true)?;
        write_responder(dir, authority.responder())?;
        write_file(
            &dir.join(SIGNER),
            format!("{}{ca_pem}", pem(identity.certificate())?).as_bytes(),
            false,
        )?;
        write_file(
            &dir.join(TSA),
            format!("{}{ca_pem}", pem(tsa.certificate())?).as_bytes(),
            false,
        )?;
        // Last: its presence says the set is complete.
        write_file(&dir.join(CA), ca_pem.as_bytes(), false)?;
        Ok((
            DevelopmentPki {
                authority,
                identity,
                tsa,
            },
            true,
        ))
    }

    /// Seals `rendered` (a formal document as [`crate::render`] writes it) at `level`
    /// with [`pades::seal_signed_by`], answering what it needs in-process: the TSA
    /// stamps and the CA answers for its certificates, all at `signed_at_ms`. With a
    /// `customer`, the CA first issues an event certificate to the customer's verified
    /// subject and the customer's signature comes before the provider's; its key lives
    /// for this call only. Without one, every token and response is deterministic, so
    /// the same arguments give the same bytes.
    pub fn seal(
        &self,
        rendered: &[u8],
        customer: Option<&CustomerSigning<'_>>,
        signed_at_ms: i64,
        level: Level,
    ) -> Result<Vec<u8>, SealError> {
        let event = customer
            .map(|c| {
                // Its time-stamp is dated `signed_at_ms` here, its claim the signer's.
                let from = c.signed_at_ms.min(signed_at_ms);
                self.authority
                    .issue_event(c.verified_name, c.contract_number, from)
            })
            .transpose()?;
        let mut signers = Vec::with_capacity(2);
        if let (Some(customer), Some(event)) = (customer, &event) {
            signers.push(Signer {
                identity: event,
                signed_at_ms: customer.signed_at_ms,
                role: Role::Customer,
            });
        }
        signers.push(Signer::provider(&self.identity, signed_at_ms));
        self.answered(signed_at_ms, |kept| {
            pades::seal_signed_by(rendered, &signers, level, kept)
        })
    }

    /// Renews the archive time-stamp of `sealed` ([`pades::renew`]) as of `at_ms`,
    /// answering in-process like [`Self::seal`].
    pub fn renew(&self, sealed: &[u8], at_ms: i64) -> Result<Vec<u8>, SealError> {
        self.answered(at_ms, |kept| pades::renew(sealed, kept))
    }

    /// Runs `step` with each need answered on the spot, as of `at_ms`: one pass. A
    /// failed answer is kept aside, so that its error, not "needs", is what the caller
    /// sees.
    fn answered(
        &self,
        at_ms: i64,
        step: impl Fn(&dyn Fn(&pades::Request) -> Option<Vec<u8>>) -> Result<Step, SealError>,
    ) -> Result<Vec<u8>, SealError> {
        let failure = std::cell::RefCell::new(None);
        let outcome = step(&|request| {
            self.answer(&request.need, at_ms)
                .map_err(|e| {
                    failure.borrow_mut().get_or_insert(e);
                })
                .ok()
        })?;
        match (outcome, failure.into_inner()) {
            (Step::Done(bytes), _) => Ok(bytes),
            (Step::Needs(_), Some(e)) => Err(e.into()),
            (Step::Needs(_), None) => {
                Err(PdfError::Certificate("sealing asked for what it was given".into()).into())
            }
        }
    }

    /// What the TSA or the CA answers for `need` at `at_ms`.
    pub fn answer(&self, need: &Need, at_ms: i64) -> Result<Vec<u8>, PdfError> {
        match need {
            Need::Timestamp { imprint } => self.tsa.stamp(imprint, None, at_ms),
            Need::Revocation { certificate, .. } => self.authority.ocsp_good(certificate, at_ms),
        }
    }
}
