//! Sealing at a PAdES level with evidence from outside (issue 30): `pdf::pades::seal`
//! asks for exactly what its level needs, in the standard's order, each piece under a
//! key; given the same kept pieces it gives the same bytes without asking again; a
//! revoked signer certificate or a piece that does not check stops it.

mod common;
#[path = "common/tools.rs"]
mod tools;

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use domain::contract::ContractType;
use pdf::{
    Level, LocalAuthority, LocalTsa, Need, SealError, SignatureCheck, SigningIdentity, Step,
};

const OCSP_URL: &str = "http://127.0.0.1:9/ocsp";

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

struct Pki {
    authority: LocalAuthority,
    identity: SigningIdentity,
    tsa: LocalTsa,
}

fn pki() -> Pki {
    let authority = LocalAuthority::development("示例云计算有限公司", OCSP_URL).unwrap();
    let identity = authority
        .issue_signer("示例云计算有限公司", Duration::from_secs(24 * 3600))
        .unwrap();
    let tsa = authority.issue_tsa().unwrap();
    Pki {
        authority,
        identity,
        tsa,
    }
}

fn formal() -> Vec<u8> {
    pdf::render(
        &common::fonts(),
        &common::document(ContractType::Order, true),
    )
    .unwrap()
}

/// What a round asked for, by kind: `T` a time-stamp, `R` a revocation status.
fn kinds(requests: &[pdf::Request]) -> String {
    requests
        .iter()
        .map(|r| match r.need {
            Need::Timestamp { .. } => 'T',
            Need::Revocation { .. } => 'R',
        })
        .collect()
}

/// Seals `rendered` at `level`, answering every need with `answer` (which may refuse)
/// into `kept`; returns the rounds' requests by kind and the outcome.
fn drive(
    pki: &Pki,
    rendered: &[u8],
    signed_at: i64,
    level: Level,
    kept: &mut HashMap<String, Vec<u8>>,
    answer: &dyn Fn(&Need) -> Vec<u8>,
) -> (Vec<String>, Result<Vec<u8>, SealError>) {
    let mut rounds = Vec::new();
    for _ in 0..8 {
        let step = pdf::pades::seal(rendered, &pki.identity, signed_at, level, &|request| {
            kept.get(&request.key).cloned()
        });
        match step {
            Ok(Step::Done(sealed)) => return (rounds, Ok(sealed)),
            Ok(Step::Needs(requests)) => {
                rounds.push(kinds(&requests));
                for request in requests {
                    assert!(
                        !kept.contains_key(&request.key),
                        "asked again for {}",
                        request.key
                    );
                    let bytes = answer(&request.need);
                    kept.insert(request.key, bytes);
                }
            }
            Err(e) => return (rounds, Err(e)),
        }
    }
    panic!("sealing did not converge: {rounds:?}");
}

fn honest(pki: &Pki, at: i64) -> impl Fn(&Need) -> Vec<u8> + '_ {
    move |need| match need {
        Need::Timestamp { imprint } => pki.tsa.stamp(imprint, None, at).unwrap(),
        Need::Revocation { certificate, .. } => {
            pki.authority.ocsp_good(certificate, at + 1_000).unwrap()
        }
    }
}

#[test]
fn each_level_asks_for_what_it_needs_in_order_and_no_more() {
    let pki = pki();
    let rendered = formal();
    let signed_at = now_ms() - 60_000;
    let expected: [(Level, &[&str]); 4] = [
        (Level::BB, &[]),
        (Level::BT, &["T"]),
        // The signer's and the TSA's certificates (the root has no status).
        (Level::BLT, &["T", "RR"]),
        // Then the document time-stamp, then its TSA's status from after it.
        (Level::BLTA, &["T", "RR", "T", "R"]),
    ];
    for (level, rounds) in expected {
        let mut kept = HashMap::new();
        let (asked, sealed) = drive(
            &pki,
            &rendered,
            signed_at,
            level,
            &mut kept,
            &honest(&pki, signed_at + 1_000),
        );
        assert_eq!(asked, rounds, "{level:?}");
        let sealed = sealed.unwrap();
        assert_eq!(
            pdf::verify_signature(&sealed, &pki.identity),
            SignatureCheck::Valid,
            "{level:?}"
        );
        let stamp = pdf::signature_timestamp(&sealed);
        assert_eq!(stamp.is_some(), level >= Level::BT, "{level:?}");
        if let Some(stamp) = stamp {
            assert_eq!(stamp.time_ms, (signed_at + 1_000) / 1000 * 1000);
        }
        // What /verify tells a holder: the level found in the file, the trusted time.
        let summary = pdf::seal_summary(&sealed).expect("signed");
        assert_eq!(summary.level, level);
        assert_eq!(summary.timestamp, pdf::signature_timestamp(&sealed));
    }
    assert_eq!(pdf::seal_summary(&rendered), None, "not signed");
    assert_eq!(Level::parse("b-lta"), Some(Level::BLTA));
    assert_eq!(Level::parse("B-LTA"), None);
    assert!(Level::ALL
        .iter()
        .all(|l| Level::parse(l.as_str()) == Some(*l)));
}

/// A crash after a piece was kept costs nothing: a rerun with what was kept asks for
/// nothing already answered and writes the same bytes.
#[test]
fn a_rerun_with_the_kept_evidence_writes_the_same_bytes_without_asking_again() {
    let pki = pki();
    let rendered = formal();
    let signed_at = now_ms() - 60_000;
    let mut kept = HashMap::new();
    let (_, first) = drive(
        &pki,
        &rendered,
        signed_at,
        Level::BLTA,
        &mut kept,
        &honest(&pki, signed_at + 1_000),
    );
    let first = first.unwrap();
    assert_eq!(kept.len(), 5, "{:?}", kept.keys().collect::<Vec<_>>());
    // Another TSA time would give other bytes; with the kept pieces nothing is asked.
    let (asked, again) = drive(
        &pki,
        &rendered,
        signed_at,
        Level::BLTA,
        &mut kept,
        &honest(&pki, signed_at + 9_000),
    );
    assert!(asked.is_empty(), "{asked:?}");
    assert_eq!(again.unwrap(), first);
    // Interrupted after the signature's time-stamp was kept: the rest is asked for,
    // not the time-stamp again, and (with answers as deterministic as these) the
    // document is the same.
    let imprint =
        pdf::signature_imprint(&rendered, &pki.identity, signed_at, pdf::TOKEN_BUDGET).unwrap();
    let key = format!(
        "tst:{}",
        imprint
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    let mut token_only: HashMap<String, Vec<u8>> =
        [(key.clone(), kept[&key].clone())].into_iter().collect();
    let (asked, resumed) = drive(
        &pki,
        &rendered,
        signed_at,
        Level::BLTA,
        &mut token_only,
        &honest(&pki, signed_at + 1_000),
    );
    assert_eq!(asked, ["RR", "T", "R"]);
    assert_eq!(resumed.unwrap(), first);
}

#[test]
fn a_revoked_signer_certificate_refuses_to_seal() {
    let pki = pki();
    let rendered = formal();
    let signed_at = now_ms() - 60_000;
    let signer = pki.identity.certificate_der().to_vec();
    let answer = |need: &Need| match need {
        Need::Timestamp { imprint } => pki.tsa.stamp(imprint, None, signed_at).unwrap(),
        Need::Revocation { certificate, .. } => {
            let revoked = (*certificate == signer).then_some(signed_at - 3_600_000);
            pki.authority
                .ocsp_status(certificate, signed_at, revoked)
                .unwrap()
        }
    };
    let mut kept = HashMap::new();
    let (_, outcome) = drive(&pki, &rendered, signed_at, Level::BLT, &mut kept, &answer);
    match outcome {
        Err(SealError::Revoked { subject, since_ms }) => {
            assert!(
                subject.contains("示例云计算有限公司") || subject.contains("CN="),
                "{subject}"
            );
            assert_eq!(since_ms, (signed_at - 3_600_000) / 1000 * 1000);
        }
        other => panic!("{:?}", other.map(|b| b.len())),
    }
}

/// Kept pieces are checked again: a token for another imprint, or a status signed by
/// someone else, under a key stops sealing instead of going into a document.
#[test]
fn kept_evidence_that_does_not_check_is_refused() {
    let pki = pki();
    let rendered = formal();
    let signed_at = now_ms() - 60_000;
    let wrong_token = |need: &Need| match need {
        Need::Timestamp { .. } => pki.tsa.stamp(&[7; 32], None, signed_at).unwrap(),
        Need::Revocation { .. } => unreachable!(),
    };
    let (_, outcome) = drive(
        &pki,
        &rendered,
        signed_at,
        Level::BT,
        &mut HashMap::new(),
        &wrong_token,
    );
    assert!(
        matches!(outcome, Err(SealError::BadEvidence { ref key, .. }) if key.starts_with("tst:")),
        "{:?}",
        outcome.map(|b| b.len())
    );
    let stranger = LocalAuthority::development("别的公司", OCSP_URL).unwrap();
    let forged_status = |need: &Need| match need {
        Need::Timestamp { imprint } => pki.tsa.stamp(imprint, None, signed_at).unwrap(),
        Need::Revocation { certificate, .. } => stranger.ocsp_good(certificate, signed_at).unwrap(),
    };
    let (_, outcome) = drive(
        &pki,
        &rendered,
        signed_at,
        Level::BLT,
        &mut HashMap::new(),
        &forged_status,
    );
    assert!(
        matches!(outcome, Err(SealError::BadEvidence { ref key, .. }) if key.starts_with("ocsp:lt:")),
        "{:?}",
        outcome.map(|b| b.len())
    );
}

/// The certificates name where their status is asked.
#[test]
fn certificates_name_their_responder() {
    let pki = pki();
    assert_eq!(
        pdf::ocsp::responder_url(pki.identity.certificate_der()).as_deref(),
        Some(OCSP_URL)
    );
    assert_eq!(
        pdf::ocsp::responder_url(&pki.authority.certificate_der().unwrap()),
        None,
        "the root names none"
    );
    assert_eq!(pdf::ocsp::responder_url(b"not a certificate"), None);
}

/// The provider's event CA from configuration: a CA certificate only; it answers for
/// the event certificates it issues (those naming its responder), not for another
/// certificate it issued; an event identity survives being kept as PEM.
#[test]
fn an_event_ca_issues_event_certificates_and_answers_for_them_alone() {
    let dir = tools::temp_dir("event-ca");
    let (pki, _) =
        pdf::DevelopmentPki::load_or_create(&dir, "示例云计算有限公司", OCSP_URL).unwrap();
    let read = |file: &str| std::fs::read_to_string(dir.join(file)).unwrap();
    let event_url = "http://127.0.0.1:9/event-ocsp";
    assert!(
        LocalAuthority::event_authority(
            &read("signing-chain.pem"),
            &read("signing-key.pem"),
            event_url
        )
        .is_err(),
        "a signer's certificate is not a CA's"
    );
    let ca =
        LocalAuthority::event_authority(&read("ca.pem"), &read("ca-key.pem"), event_url).unwrap();
    let ca_der = ca.certificate_der().unwrap();
    let event = ca
        .issue_event("王小明", "QY-20261206-000042", now_ms())
        .unwrap();
    assert!(ca.answers_for(event.certificate_der(), &ca_der));
    assert!(
        !ca.answers_for(pki.identity.certificate_der(), &ca_der),
        "the provider's certificate names the other responder"
    );
    // A long-lived certificate from the same CA naming the same responder (a provider's
    // own, say) is left to the real responder, which knows of its revocations.
    let long_lived = ca
        .issue_signer("示例云计算有限公司", Duration::from_secs(365 * 86_400))
        .unwrap();
    assert_eq!(
        pdf::ocsp::responder_url(long_lived.certificate_der()).as_deref(),
        Some(event_url)
    );
    assert!(!ca.answers_for(long_lived.certificate_der(), &ca_der));
    let status = ca.ocsp_good(event.certificate_der(), now_ms()).unwrap();
    let answer = pdf::ocsp::check(&status, event.certificate_der(), &ca_der).unwrap();
    assert_eq!(answer.status, pdf::ocsp::CertStatus::Good);

    let kept = SigningIdentity::from_pem_bundle(&event.to_pem_bundle().unwrap()).unwrap();
    assert_eq!(kept.certificate_der(), event.certificate_der());
    assert_eq!(kept.chain_der(), event.chain_der());
    // The kept key is the certified one: the identity it makes signs verifiably.
    let signed = pdf::sign(&formal(), &kept, now_ms()).unwrap();
    assert_eq!(pdf::verify_signature(&signed, &kept), SignatureCheck::Valid);
}

/// A CRL counts only as its certificate's issuer published it: signed by the issuer,
/// naming it; a listed serial is revoked since its date; and a kept status is told
/// apart from an OCSP response by what it is.
#[test]
fn a_crl_counts_only_from_the_certificates_issuer() {
    use pdf::crl::{self, CrlError};
    use pdf::ocsp::CertStatus;
    let pki = pki();
    let certificate = pki.identity.certificate_der();
    let issuer = pki.authority.certificate_der().unwrap();
    let now = now_ms();
    let own = pki.authority.crl(now, &[]).unwrap();
    assert!(crl::is_crl(&own));
    assert!(!crl::is_crl(
        &pki.authority.ocsp_good(certificate, now).unwrap()
    ));
    let answer = crl::check(&own, certificate, &issuer).unwrap();
    assert_eq!(answer.status, CertStatus::Good);
    assert_eq!(answer.this_update_ms, now / 1000 * 1000);
    assert_eq!(
        answer.next_update_ms,
        Some(answer.this_update_ms + 7 * 86_400_000)
    );

    let since = now - 3_600_000;
    let listed = pki.authority.crl(now, &[(certificate, since)]).unwrap();
    assert_eq!(
        crl::check(&listed, certificate, &issuer).unwrap().status,
        CertStatus::Revoked {
            since_ms: since / 1000 * 1000
        }
    );

    let other = LocalAuthority::development("别的云计算有限公司", OCSP_URL).unwrap();
    let foreign = other.crl(now, &[]).unwrap();
    assert_eq!(
        crl::check(&foreign, certificate, &issuer),
        Err(CrlError::NotTheIssuers)
    );
    // The issuer's name on a list another key signed.
    let mut forged = own.clone();
    let last = forged.len() - 1;
    forged[last] ^= 0x01;
    assert!(crl::check(&forged, certificate, &issuer).is_err());
}
