//! The production `DocumentRenderer`: builds the PDF engine's `ContractDocument` from a
//! contract's stored snapshot (party A as it was at creation, the provider from
//! configuration) and renders it; formal documents are then sealed with the provider's
//! certificate at the configured PAdES level (`QY_PADES_LEVEL`, issue 30). In demo mode
//! the development infrastructure answers what a seal needs itself (a time-stamp, the
//! revocation data); with a configured certificate the seal says what it needs and the
//! worker fetches it from the TSAs and the responders (`trust_client`) and keeps it.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use domain::ids::mask_phone;
use domain::mark::CustomerMark as Mark;
use domain::provider::Provider;
use domain::AuditAction;
use domain::{Channel, ContractType};
use pdf::{
    ContractDocument, CustomerMark, DocumentMode, Fonts, FormalMarks, ItemRow, Party, SigningEvent,
    SigningIdentity,
};

use pdf::{SealError, Step};
use service::contracts::{Contract, ContractItem, TimelineEntry};
use service::sealing::{EvidenceRequest, Need, SealFailure, Sealing};
use service::DocumentRenderer;

pub struct PdfRenderer {
    fonts: Fonts,
    level: pdf::Level,
    identity: Arc<SigningIdentity>,
    /// The demo's CA and TSA, which seal formal documents at B-LTA.
    pki: Option<pdf::DevelopmentPki>,
    /// With a configured certificate: whether an event CA issues the customer's event
    /// certificates (through the trust services), so that on the dual channel the
    /// customer signs too.
    event_certificates: bool,
    provider: Provider,
}

impl PdfRenderer {
    /// Loads the fonts and the signing identity: the configured certificate and key, or
    /// else the development infrastructure under `key_dir/pki` (a CA, the signer, a
    /// TSA), created on first use (the returned flag says so, for a log warning); its
    /// certificates name `ocsp_url` for their revocation status.
    pub fn load(
        font_dir: &Path,
        signing: Option<(&Path, &Path)>,
        key_dir: &Path,
        provider: Provider,
        ocsp_url: &str,
        level: pdf::Level,
    ) -> Result<(Self, bool), String> {
        let fonts =
            Fonts::load(font_dir).map_err(|e| format!("fonts in {}: {e}", font_dir.display()))?;
        let (identity, pki, created) = match signing {
            Some((cert, key)) => {
                let read = |path: &Path| {
                    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
                };
                let identity = SigningIdentity::from_pem(&read(cert)?, &read(key)?)
                    .map_err(|e| format!("signing certificate: {e}"))?;
                (identity, None, false)
            }
            None => {
                // A directory of its own: an earlier release's development CA (whose key
                // was not kept) stays where it was, untouched.
                let dir = key_dir.join("pki");
                let (pki, created) =
                    pdf::DevelopmentPki::load_or_create(&dir, &provider.name, ocsp_url)
                        .map_err(|e| format!("development CA in {}: {e}", dir.display()))?;
                (pki.identity.clone(), Some(pki), created)
            }
        };
        Ok((
            Self {
                fonts,
                level,
                identity: Arc::new(identity),
                pki,
                event_certificates: false,
                provider,
            },
            created,
        ))
    }

    /// With a configured certificate, the customer's signature on the dual channel
    /// needs an event certificate from the configured event CA (`QY_EVENT_CA_CERT`):
    /// the seal asks for one (see `trust_client`).
    pub fn with_event_certificates(mut self) -> Self {
        self.event_certificates = true;
        self
    }

    /// Whether dual-channel documents carry the customer's own signature.
    pub fn customer_signs(&self) -> bool {
        self.pki.is_some() || self.event_certificates
    }

    pub fn identity(&self) -> Arc<SigningIdentity> {
        self.identity.clone()
    }

    /// When the demo's TSA certificate expires (none with a configured certificate:
    /// the TSAs are outside).
    pub fn development_tsa_not_after_ms(&self) -> Option<i64> {
        self.pki.as_ref().map(|pki| pki.tsa.not_after_ms())
    }

    /// The provider's block (R17: from configuration).
    fn provider_party(&self) -> Party {
        let p = &self.provider;
        Party {
            name: p.name.clone(),
            id_masked: Some(p.uscc.clone()),
            address: p.address.clone(),
            contact: domain::text::PROVIDER_CONTACT.into(),
            phone: p.phone.clone(),
            email: String::new(),
            postcode: String::new(),
        }
    }

    /// The public sample of a type's current template: placeholders where a contract has
    /// party A's data, a few illustrative items, watermarked 样本 (the `/templates` page).
    pub fn sample(&self, kind: ContractType, now_ms: i64) -> Result<Vec<u8>, String> {
        use domain::text as t;
        let rows = match kind {
            ContractType::Framework => &[][..],
            ContractType::Order => t::SAMPLE_ORDERS,
            ContractType::Filing => t::SAMPLE_FILINGS,
            ContractType::Recharge => t::SAMPLE_RECHARGES,
        };
        let items: Vec<ItemRow> = rows
            .iter()
            .map(|&(reference, description, detail, amount_fen)| ItemRow {
                reference: reference.into(),
                description: description.into(),
                detail: detail.into(),
                amount_fen: (kind != ContractType::Filing).then_some(amount_fen),
                date_ms: now_ms,
            })
            .collect();
        let document = ContractDocument {
            number: t::SAMPLE_NUMBER.into(),
            kind,
            template_version: kind.template_version().into(),
            party_a: Party {
                name: t::SAMPLE_PARTY_A_NAME.into(),
                id_masked: None,
                address: t::SAMPLE_PARTY_A_ADDRESS.into(),
                contact: t::SAMPLE_PARTY_A_CONTACT.into(),
                phone: t::SAMPLE_PARTY_A_PHONE.into(),
                email: t::SAMPLE_PARTY_A_EMAIL.into(),
                postcode: t::SAMPLE_PARTY_A_POSTCODE.into(),
            },
            provider: self.provider_party(),
            total_fen: items.iter().filter_map(|i| i.amount_fen).sum(),
            items,
            created_at_ms: now_ms,
            mode: DocumentMode::Sample,
            renews: None,
        };
        pdf::render(&self.fonts, &document).map_err(|e| e.to_string())
    }

    fn document(
        &self,
        contract: &Contract,
        items: &[ContractItem],
        mode: DocumentMode,
    ) -> ContractDocument {
        ContractDocument {
            number: contract.number.clone(),
            kind: contract.kind,
            template_version: contract.template_version.clone(),
            party_a: Party {
                name: contract.party_a_name.clone(),
                id_masked: None,
                address: contract.party_a.address.clone(),
                contact: contract.party_a.contact.clone(),
                phone: contract.party_a.phone.clone(),
                email: contract.party_a.email.clone(),
                postcode: contract.party_a.postcode.clone(),
            },
            provider: self.provider_party(),
            items: items
                .iter()
                .map(|i| ItemRow {
                    reference: i.reference.clone(),
                    description: i.description.clone(),
                    detail: i.detail.clone(),
                    amount_fen: (contract.kind != domain::ContractType::Filing)
                        .then_some(i.amount_fen),
                    date_ms: i.occurred_at,
                })
                .collect(),
            total_fen: contract.total_fen,
            created_at_ms: contract.created_at,
            mode,
            renews: contract
                .renews_number
                .clone()
                .zip(contract.term_starts_at)
                .map(|(number, term_starts_at_ms)| pdf::Renews {
                    number,
                    term_starts_at_ms,
                }),
        }
    }
}

impl DocumentRenderer for PdfRenderer {
    fn draft(&self, contract: &Contract, items: &[ContractItem]) -> Result<Vec<u8>, String> {
        pdf::render(
            &self.fonts,
            &self.document(contract, items, DocumentMode::Draft),
        )
        .map_err(|e| e.to_string())
    }

    fn formal(
        &self,
        contract: &Contract,
        items: &[ContractItem],
        events: &[TimelineEntry],
        signed_at: i64,
    ) -> Result<Vec<u8>, String> {
        // The signer's phone confirmed the SMS steps (R12); other customer actions are
        // shown with party A's phone.
        let signer_phone = contract.signer.as_ref().map(|s| mask_phone(&s.phone));
        let phone_of = |e: &TimelineEntry| match e.action {
            Some(
                AuditAction::SmsSent | AuditAction::CodeVerified | AuditAction::CustomerSigned,
            ) => signer_phone.clone(),
            _ => (e.actor_kind == "customer").then(|| mask_phone(&contract.party_a.phone)),
        };
        let mut signing_events: Vec<SigningEvent> = events
            .iter()
            .map(|e| SigningEvent {
                at_ms: e.at_ms,
                actor: domain::text::actor_label(&e.actor_kind).to_string(),
                action: AuditAction::label_or_unknown(e.action).to_string(),
                phone_masked: phone_of(e),
            })
            .collect();
        signing_events.push(SigningEvent {
            at_ms: signed_at,
            actor: self.provider.name.clone(),
            action: AuditAction::ProviderSigned.label().to_string(),
            phone_masked: None,
        });
        let marks = FormalMarks {
            effective_at_ms: signed_at,
            provider_seal_text: self.provider.seal_text.clone(),
            customer_signature: self.customer_signs() && customer_signing(contract).is_some(),
            customer_mark: contract.customer_mark.clone().map(|mark| match mark {
                Mark::Signature { strokes } => CustomerMark::Signature { strokes },
                Mark::EnterpriseSeal { name } => CustomerMark::EnterpriseSeal { name },
            }),
            events: signing_events,
        };
        let document = self.document(contract, items, DocumentMode::Formal(marks));
        pdf::render(&self.fonts, &document).map_err(|e| e.to_string())
    }

    fn seal(
        &self,
        contract: &Contract,
        formal: &[u8],
        signed_at: i64,
        kept: &HashMap<String, Vec<u8>>,
    ) -> Result<Sealing, SealFailure> {
        let customer = customer_signing(contract);
        let Some(pki) = &self.pki else {
            return self.seal_with_evidence(formal, customer.as_ref(), signed_at, kept);
        };
        sealing_of(
            pki.seal(formal, customer.as_ref(), signed_at, self.level)
                .map(Step::Done),
        )
    }

    fn archive_expires_at(&self, document: &[u8]) -> Option<i64> {
        pdf::pades::archive_expires_at_ms(document)
    }

    fn renew(
        &self,
        document: &[u8],
        at: i64,
        kept: &HashMap<String, Vec<u8>>,
    ) -> Result<Sealing, SealFailure> {
        sealing_of(match &self.pki {
            Some(pki) => pki.renew(document, at).map(Step::Done),
            None => pdf::pades::renew(document, &|request| kept.get(&request.key).cloned()),
        })
    }
}

impl PdfRenderer {
    /// The seal with a configured certificate: from the evidence kept, the customer's
    /// event certificate first (on the dual channel, with an event CA).
    fn seal_with_evidence(
        &self,
        formal: &[u8],
        customer: Option<&pdf::CustomerSigning<'_>>,
        signed_at: i64,
        kept: &HashMap<String, Vec<u8>>,
    ) -> Result<Sealing, SealFailure> {
        let event = match customer.filter(|_| self.event_certificates) {
            None => None,
            Some(customer) => match kept_event_identity(customer, kept)? {
                Ok(identity) => Some((identity, customer.signed_at_ms)),
                Err(request) => return Ok(Sealing::Needs(vec![request])),
            },
        };
        let mut signers = Vec::with_capacity(2);
        if let Some((identity, at)) = &event {
            signers.push(pdf::Signer {
                identity,
                signed_at_ms: *at,
                role: pdf::Role::Customer,
            });
        }
        signers.push(pdf::Signer::provider(&self.identity, signed_at));
        sealing_of(pdf::pades::seal_signed_by(
            formal,
            &signers,
            self.level,
            &|request| kept.get(&request.key).cloned(),
        ))
    }
}

/// The customer's event identity kept for this signing and still good for an hour, or
/// the request for one. Kept under `event:<number>`; should an outage outlast its day, a
/// new one is asked for under the next key (`event:<number>:1`, …), the lapsed one
/// never signing.
fn kept_event_identity(
    customer: &pdf::CustomerSigning<'_>,
    kept: &HashMap<String, Vec<u8>>,
) -> Result<Result<SigningIdentity, EvidenceRequest>, SealFailure> {
    let now = service::clock::wall_clock_ms();
    let prefix = format!("event:{}", customer.contract_number);
    let mut n = 0u32;
    loop {
        let key = match n {
            0 => prefix.clone(),
            n => format!("{prefix}:{n}"),
        };
        n += 1;
        let Some(bundle) = kept.get(&key) else {
            return Ok(Err(EvidenceRequest {
                key,
                need: Need::EventCertificate {
                    verified_name: customer.verified_name.to_string(),
                    contract_number: customer.contract_number.to_string(),
                },
            }));
        };
        let identity = std::str::from_utf8(bundle)
            .map_err(|e| e.to_string())
            .and_then(|text| SigningIdentity::from_pem_bundle(text).map_err(|e| e.to_string()))
            .map_err(|e| SealFailure::Failed(format!("kept evidence {key}: {e}")))?;
        if identity.not_after_ms() > now + 3_600_000 {
            return Ok(Ok(identity));
        }
    }
}

/// The customer's side of a dual-channel contract its signer has signed: its event
/// certificate names the verified subject (party A's name is the verified name, R1).
fn customer_signing(contract: &Contract) -> Option<pdf::CustomerSigning<'_>> {
    if contract.channel != Channel::Dual {
        return None;
    }
    Some(pdf::CustomerSigning {
        verified_name: &contract.party_a_name,
        contract_number: &contract.number,
        signed_at_ms: contract.customer_signed_at?,
    })
}

/// What the engine's seal or renewal step means to the worker.
fn sealing_of(step: Result<Step, SealError>) -> Result<Sealing, SealFailure> {
    match step {
        Ok(Step::Done(sealed)) => Ok(Sealing::Sealed(sealed)),
        Ok(Step::Needs(requests)) => Ok(Sealing::Needs(
            requests
                .into_iter()
                .map(|request| EvidenceRequest {
                    key: request.key,
                    need: match request.need {
                        pdf::Need::Timestamp { imprint } => Need::Timestamp { imprint },
                        pdf::Need::Revocation {
                            certificate,
                            issuer,
                        } => Need::Revocation {
                            certificate,
                            issuer,
                        },
                    },
                })
                .collect(),
        )),
        Err(SealError::Revoked { subject, .. }) => Err(SealFailure::Revoked { subject }),
        Err(other) => Err(SealFailure::Failed(other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::time::Duration;

    use domain::ContractType;

    use super::kept_event_identity;
    use service::sealing::Need;

    /// An event identity kept for a signing that an outage made outlast its day does not
    /// sign: the next key is asked for, and the identity kept under it is used.
    #[test]
    fn a_lapsed_event_identity_gives_way_to_the_next_key() {
        let day = Duration::from_secs(86_400);
        let ca = pdf::LocalAuthority::development_since("示例", "http://127.0.0.1:9/ocsp", 4 * day)
            .unwrap();
        // Began four days ago, lived one.
        let lapsed = ca.issue_signer("王小明", day).unwrap();
        let now = service::clock::wall_clock_ms();
        let fresh = ca.issue_event("王小明", "QY-1", now).unwrap();
        let customer = pdf::CustomerSigning {
            verified_name: "王小明",
            contract_number: "QY-1",
            signed_at_ms: now,
        };
        let bundle =
            |identity: &pdf::SigningIdentity| identity.to_pem_bundle().unwrap().into_bytes();
        let mut kept = HashMap::from([("event:QY-1".to_string(), bundle(&lapsed))]);
        let Ok(Err(request)) = kept_event_identity(&customer, &kept) else {
            panic!("a new event certificate is asked for");
        };
        assert_eq!(request.key, "event:QY-1:1");
        assert!(matches!(request.need, Need::EventCertificate { .. }));
        kept.insert(request.key, bundle(&fresh));
        let Ok(Ok(identity)) = kept_event_identity(&customer, &kept) else {
            panic!("the fresh identity signs");
        };
        assert_eq!(identity.certificate_der(), fresh.certificate_der());
    }

    #[test]
    fn contracts_are_created_with_the_template_versions_the_engine_has() {
        for kind in ContractType::ALL {
            assert_eq!(
                kind.template_version(),
                pdf::templates::current_version(kind)
            );
        }
    }
}
