//! The seal's side of the renderer: the customer's event identity from the evidence the
//! worker kept, and the engine's answer as the worker's [`Sealing`].

use std::collections::HashMap;

use domain::Channel;
use pdf::{SealError, SigningIdentity, Step};
use service::contracts::Contract;
use service::esign::sealing::{EvidenceRequest, Need, SealFailure, Sealing};

use super::PdfRenderer;

impl PdfRenderer {
    /// The seal with a configured certificate: from the evidence kept, the customer's
    /// event certificate first (on the dual channel, with an event CA).
    pub(super) fn seal_with_evidence(
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
    let now = service::platform::clock::wall_clock_ms();
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
pub(super) fn customer_signing(contract: &Contract) -> Option<pdf::CustomerSigning<'_>> {
    if contract.channel != Channel::Dual {
        return None;
    }
    Some(pdf::CustomerSigning {
        verified_name: &contract.party_a_name,
        contract_number: contract.number.as_str(),
        signed_at_ms: contract.customer_signed_at?,
    })
}

/// What the engine's seal or renewal step means to the worker.
pub(super) fn sealing_of(step: Result<Step, SealError>) -> Result<Sealing, SealFailure> {
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

    use super::kept_event_identity;
    use service::esign::sealing::Need;

    /// An event identity kept for a signing that an outage made outlast its day does not
    /// sign: the next key is asked for, and the identity kept under it is used.
    #[test]
    fn a_lapsed_event_identity_gives_way_to_the_next_key() {
        let day = Duration::from_secs(86_400);
        let ca = pdf::LocalAuthority::development_since("示例", "http://127.0.0.1:9/ocsp", 4 * day)
            .unwrap();
        // Began four days ago, lived one.
        let lapsed = ca.issue_signer("王小明", day).unwrap();
        let now = service::platform::clock::wall_clock_ms();
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
}
