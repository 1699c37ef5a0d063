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
use domain::ContractType;
use domain::{ActorKind, AuditAction};
use pdf::{
    ContractDocument, CustomerMark, DocumentMode, Fonts, FormalMarks, ItemRow, Party, SigningEvent,
    SigningIdentity,
};

use pdf::Step;
use service::contracts::{Contract, ContractItem, TimelineEntry};
use service::esign::sealing::{SealFailure, Sealing};
use service::DocumentRenderer;

mod sealing;

use sealing::{customer_signing, sealing_of};

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
            number: contract.number.to_string(),
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
            _ => (e.actor_kind == ActorKind::Customer).then(|| mask_phone(&contract.party_a.phone)),
        };
        let mut signing_events: Vec<SigningEvent> = events
            .iter()
            .map(|e| SigningEvent {
                at_ms: e.at_ms,
                actor: e.actor_kind.label().to_string(),
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

#[cfg(test)]
mod tests {
    use domain::ContractType;

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
