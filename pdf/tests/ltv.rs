//! Long-term validation (PAdES B-LTA, issue 30): a signature with a trusted time, a
//! document security store with the OCSP responses for the signer's and the TSA's
//! certificates, and a document time-stamp over all of it. pyHanko, an independent
//! validator, judges it VALID offline — also as of a day after the signer's certificate
//! has expired — and our own check still finds the provider's signature intact, while
//! any change after it that is not validation data is caught.

mod common;
#[path = "common/tools.rs"]
mod tools;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use domain::contract::ContractType;
use pdf::{LocalAuthority, SignatureCheck, Validation, TOKEN_BUDGET};

/// Named in the certificates; nothing answers there: validation is offline.
const OCSP_URL: &str = "http://127.0.0.1:9/ocsp";

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

#[test]
fn a_b_lta_document_validates_offline_after_the_signer_certificate_expires() {
    let dir = tools::temp_dir("ltv");
    let authority = LocalAuthority::development("示例云计算有限公司", OCSP_URL).unwrap();
    // The signer's certificate expires in two days; the TSA's lives ten years.
    let identity = authority
        .issue_signer("示例云计算有限公司", Duration::from_secs(2 * 24 * 3600))
        .unwrap();
    let tsa = authority.issue_tsa().unwrap();
    let formal = pdf::render(
        &common::fonts(),
        &common::document(ContractType::Order, true),
    )
    .unwrap();
    // Ten minutes ago (the certificates are valid from an hour before now): every time
    // in the file is in the validator's past.
    let signed_at = now_ms() - 600_000;

    let imprint = pdf::signature_imprint(&formal, &identity, signed_at, TOKEN_BUDGET).unwrap();
    let token = tsa.stamp(&imprint, None, signed_at + 1_000).unwrap();
    let signed =
        pdf::sign_timestamped(&formal, &identity, signed_at, TOKEN_BUDGET, &token).unwrap();
    // The revocation data is dated after the signature's time-stamp.
    let checked_at = signed_at + 2_000;
    let validation = Validation {
        certificates: [
            vec![identity.certificate_der().to_vec()],
            identity.chain_der(),
            vec![tsa.certificate_der().to_vec()],
        ]
        .concat(),
        ocsp_responses: vec![
            authority
                .ocsp_good(identity.certificate_der(), checked_at)
                .unwrap(),
            authority
                .ocsp_good(tsa.certificate_der(), checked_at)
                .unwrap(),
        ],
        crls: Vec::new(),
    };
    let lt = pdf::add_validation_data(&signed, &validation).unwrap();
    let document_imprint = pdf::document_timestamp_imprint(&lt, TOKEN_BUDGET).unwrap();
    assert_eq!(
        document_imprint,
        pdf::document_timestamp_imprint(&lt, TOKEN_BUDGET).unwrap(),
        "deterministic: a stored token fits again"
    );
    let document_token = tsa
        .stamp(&document_imprint, None, signed_at + 3_000)
        .unwrap();
    let lta = pdf::add_document_timestamp(&lt, TOKEN_BUDGET, &document_token).unwrap();

    // Our own check: the provider's signature covers the document as signed, and what
    // follows is validation data and a time-stamp that checks.
    assert_eq!(
        pdf::verify_signature(&lta, &identity),
        SignatureCheck::Valid
    );
    assert_eq!(
        pdf::signature_timestamp(&lta).map(|t| t.time_ms),
        Some((signed_at + 1_000) / 1000 * 1000)
    );

    let file = dir.join("b-lta.pdf");
    std::fs::write(&file, &lta).unwrap();
    let root = dir.join("root.pem");
    std::fs::write(&root, authority.certificate_pem().unwrap()).unwrap();
    let out = tools::pdfsig(&file, None);
    assert!(out.contains("Signature is Valid"), "{out}");

    // pyHanko's AdES long-term validation: as of a minute from now, and a day after the
    // signer's certificate has expired (the document time-stamp and the store prove it
    // was valid when it signed). Not "now": pyHanko fixes the validation time first and
    // dates what no time-stamp covers (the last store) when it reads it, a moment
    // later, so that store would count as not yet existing.
    tools::assert_ades_valid(&file, &root, &["Signature1"], &[0, 3]);
}

#[test]
fn changes_after_the_signature_other_than_validation_data_are_caught() {
    let authority = LocalAuthority::development("示例云计算有限公司", OCSP_URL).unwrap();
    let identity = authority
        .issue_signer("示例云计算有限公司", Duration::from_secs(24 * 3600))
        .unwrap();
    let tsa = authority.issue_tsa().unwrap();
    let formal = pdf::render(
        &common::fonts(),
        &common::document(ContractType::Framework, true),
    )
    .unwrap();
    let at = now_ms() - 600_000;
    let token = tsa
        .stamp(
            &pdf::signature_imprint(&formal, &identity, at, TOKEN_BUDGET).unwrap(),
            None,
            at,
        )
        .unwrap();
    let signed = pdf::sign_timestamped(&formal, &identity, at, TOKEN_BUDGET, &token).unwrap();
    let lt = pdf::add_validation_data(
        &signed,
        &Validation {
            certificates: vec![identity.certificate_der().to_vec()],
            ocsp_responses: vec![authority.ocsp_good(identity.certificate_der(), at).unwrap()],
            crls: Vec::new(),
        },
    )
    .unwrap();

    // Validation data after the signature (B-LT) changes nothing signed.
    assert_eq!(pdf::verify_signature(&lt, &identity), SignatureCheck::Valid);
    let stamp = |pdf: &[u8]| {
        let imprint = pdf::document_timestamp_imprint(pdf, TOKEN_BUDGET).unwrap();
        let token = tsa.stamp(&imprint, None, at + 1_000).unwrap();
        pdf::add_document_timestamp(pdf, TOKEN_BUDGET, &token).unwrap()
    };
    assert_eq!(
        pdf::verify_signature(&stamp(&lt), &identity),
        SignatureCheck::Valid
    );

    // A page redefined in an update after the signature, then time-stamped: the
    // time-stamp is genuine, the content is not the one signed.
    let doc = lopdf::Document::load_mem(&lt).unwrap();
    let page_id = *doc.get_pages().values().next().unwrap();
    let mut page = doc.get_dictionary(page_id).unwrap().clone();
    page.set("Rotate", lopdf::Object::Integer(90));
    let mut forged = lt.clone();
    let offset = forged.len();
    forged.extend_from_slice(format!("{} {} obj\n", page_id.0, page_id.1).as_bytes());
    lopdf::Writer::write_object(&mut forged, &lopdf::Object::Dictionary(page)).unwrap();
    forged.extend_from_slice(b"\nendobj\n");
    let xref_at = forged.len();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    forged.extend_from_slice(
        format!(
            "xref\n{} 1\n{offset:010} {:05} n \ntrailer\n<</Size {}/Root {} {} R/Prev {}>>\nstartxref\n{xref_at}\n%%EOF\n",
            page_id.0,
            page_id.1,
            doc.max_id + 1,
            root.0,
            root.1,
            doc.xref_start,
        )
        .as_bytes(),
    );
    let forged = stamp(&forged);
    assert_eq!(
        pdf::verify_signature(&forged, &identity),
        SignatureCheck::Altered
    );

    // A byte of the store changed after the document time-stamp.
    let mut tampered = stamp(&lt);
    let at = tampered.len() - 200;
    tampered[at] ^= 0x01;
    assert_eq!(
        pdf::verify_signature(&tampered, &identity),
        SignatureCheck::Altered
    );
}

/// The demo's infrastructure, kept in a directory, seals a formal document at B-LTA
/// with nothing external, the same bytes every time for the same document and time.
#[test]
fn the_development_pki_seals_deterministic_b_lta_documents() {
    let dir = tools::temp_dir("dev-pki");
    let keys = dir.join("keys");
    let (pki, created) =
        pdf::DevelopmentPki::load_or_create(&keys, "示例云计算有限公司", OCSP_URL).unwrap();
    assert!(created);
    let (again, created) =
        pdf::DevelopmentPki::load_or_create(&keys, "示例云计算有限公司", OCSP_URL).unwrap();
    assert!(!created, "loaded, not made again");
    assert_eq!(
        again.identity.certificate_der(),
        pki.identity.certificate_der()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for key in ["ca-key.pem", "signing-key.pem", "tsa-key.pem"] {
            let mode = std::fs::metadata(keys.join(key))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "{key} is the owner's alone");
        }
    }

    let formal = pdf::render(
        &common::fonts(),
        &common::document(ContractType::Filing, true),
    )
    .unwrap();
    let signed_at = now_ms() - 60_000;
    let sealed = pki
        .seal(&formal, None, signed_at, pdf::Level::BLTA)
        .unwrap();
    assert_eq!(
        sealed,
        again
            .seal(&formal, None, signed_at, pdf::Level::BLTA)
            .unwrap(),
        "deterministic"
    );
    assert_eq!(
        pdf::verify_signature(&sealed, &pki.identity),
        SignatureCheck::Valid
    );
    let file = dir.join("sealed.pdf");
    std::fs::write(&file, &sealed).unwrap();
    let at = tools::iso_utc(now_ms() + 60_000);
    let verdict = tools::pyhanko_adesverify(&file, &keys.join("ca.pem"), Some(&at));
    assert!(
        verdict.contains("Signature1:")
            && verdict.contains(":VALID")
            && !verdict.contains(":INVALID"),
        "{verdict}"
    );
}

/// On the dual channel the customer signs first, with an event certificate the CA
/// issues to its verified name for this contract, and the provider's signature covers
/// it. pyHanko judges both signatures valid, the customer's first, now and two days
/// after the event certificate (a day's) has expired; pdfsig finds both intact; our own
/// check finds the provider's signature valid, and a changed byte in the customer's
/// signature makes the document altered.
#[test]
fn the_customers_event_certificate_signature_comes_first_and_stays_valid() {
    let dir = tools::temp_dir("dual-lta");
    let keys = dir.join("keys");
    let (pki, _) =
        pdf::DevelopmentPki::load_or_create(&keys, "示例云计算有限公司", OCSP_URL).unwrap();
    let formal = pdf::render(
        &common::fonts(),
        &common::document(ContractType::Order, true),
    )
    .unwrap();
    let signed_at = now_ms() - 60_000;
    let customer = pdf::CustomerSigning {
        verified_name: "云帆示例信息技术（杭州）有限公司",
        contract_number: "QY-20261206-000042",
        signed_at_ms: signed_at - 120_000,
    };
    let sealed = pki
        .seal(&formal, Some(&customer), signed_at, pdf::Level::BLTA)
        .unwrap();
    assert_eq!(
        pdf::verify_signature(&sealed, &pki.identity),
        SignatureCheck::Valid
    );
    let summary = pdf::seal_summary(&sealed).expect("signed");
    assert_eq!(summary.level, pdf::Level::BLTA);
    let file = dir.join("dual.pdf");
    std::fs::write(&file, &sealed).unwrap();

    // The customer's first, both VALID, also after the event certificate expired.
    tools::assert_ades_valid(
        &file,
        &keys.join("ca.pem"),
        &["PartyASignature", "Signature1"],
        &[0, 3],
    );
    let nss = tools::nss_db_trusting(&keys.join("ca.pem"));
    let pdfsig = tools::pdfsig(&file, Some(&nss));
    assert_eq!(pdfsig.matches("Signature is Valid").count(), 2, "{pdfsig}");
    assert!(pdfsig.contains(customer.verified_name), "{pdfsig}");

    // One byte of the customer's signature value changed (a hex digit in its
    // /Contents, after the certificates): the provider's signature no longer covers
    // what it signed, and the customer's does not check either.
    let contents = sealed
        .windows(b"/Contents <".len())
        .position(|w| w == b"/Contents <")
        .expect("the customer's signature")
        + b"/Contents <".len();
    let mut tampered = sealed.clone();
    let at = contents + 600;
    tampered[at] = if tampered[at] == b'0' { b'1' } else { b'0' };
    assert_ne!(
        pdf::verify_signature(&tampered, &pki.identity),
        SignatureCheck::Valid
    );
}

/// What a responder says goes into a store only when it is about this certificate and
/// signed by its issuer: our checks read the CA's own answers and refuse the rest.
#[test]
fn ocsp_answers_are_checked_before_they_are_kept() {
    let authority = LocalAuthority::development("示例云计算有限公司", OCSP_URL).unwrap();
    let ca = authority.certificate_der().unwrap();
    let identity = authority
        .issue_signer("示例云计算有限公司", Duration::from_secs(24 * 3600))
        .unwrap();
    let tsa = authority.issue_tsa().unwrap();
    let at = now_ms() - 60_000;
    let response = authority.ocsp_good(identity.certificate_der(), at).unwrap();
    let answer = pdf::ocsp::check(&response, identity.certificate_der(), &ca).unwrap();
    assert_eq!(answer.status, pdf::ocsp::CertStatus::Good);
    assert_eq!(answer.this_update_ms, at / 1000 * 1000);
    assert!(answer.next_update_ms.is_some_and(|next| next > at));
    assert_eq!(answer.response, response);
    // About another certificate.
    assert_eq!(
        pdf::ocsp::check(&response, tsa.certificate_der(), &ca),
        Err(pdf::ocsp::OcspError::OtherCertificate)
    );
    // Signed by someone else than the issuer.
    let stranger = LocalAuthority::development("别的公司", OCSP_URL).unwrap();
    let forged = stranger.ocsp_good(identity.certificate_der(), at).unwrap();
    assert!(pdf::ocsp::check(&forged, identity.certificate_der(), &ca).is_err());
    // A request names the certificate the way the response does.
    let request = pdf::ocsp::request(identity.certificate_der(), &ca).unwrap();
    assert!(
        request.len() > 40 && request.len() < 200,
        "{}",
        request.len()
    );
}

// Each answer a second after the one before, as a real TSA and responder would
// date them: what a time-stamp covers never postdates it.
fn renewal_answers<'a>(
    authority: &'a LocalAuthority,
    tsa: &'a pdf::LocalTsa,
    from: i64,
) -> impl Fn(&pdf::Need) -> Vec<u8> + 'a {
    let clock = std::cell::Cell::new(from);
    move |need: &pdf::Need| {
        let at = clock.get();
        clock.set(at + 1_000);
        match need {
            pdf::Need::Timestamp { imprint } => tsa.stamp(imprint, None, at).unwrap(),
            pdf::Need::Revocation { certificate, .. } => {
                authority.ocsp_good(certificate, at).unwrap()
            }
        }
    }
}

/// Runs a seal or a renewal to its end, answering each need with `answer`.
fn answered(
    step: impl Fn(&dyn Fn(&pdf::Request) -> Option<Vec<u8>>) -> Result<pdf::Step, pdf::SealError>,
    answer: impl Fn(&pdf::Need) -> Vec<u8>,
) -> Vec<u8> {
    match step(&|request: &pdf::Request| Some(answer(&request.need))).unwrap() {
        pdf::Step::Done(bytes) => bytes,
        pdf::Step::Needs(needs) => panic!("answered, yet asks for {needs:?}"),
    }
}

/// Archive renewal (issue 30): a B-LTA document whose time-stamps come from a TSA
/// whose certificate expires in two days gets, as an incremental update, the status of
/// that TSA and a fresh document time-stamp from another TSA, with its own status: the
/// archive's horizon moves to the new TSA's expiry, the provider's signature still
/// checks, and pyHanko still judges the document VALID offline.
#[test]
fn a_renewed_archive_time_stamp_outlives_the_first_tsa_certificate() {
    let dir = tools::temp_dir("renewal");
    let organization = "示例云计算有限公司";
    let authority = LocalAuthority::development(organization, OCSP_URL).unwrap();
    let identity = authority
        .issue_signer(organization, Duration::from_secs(24 * 3600))
        .unwrap();
    let short = authority
        .issue_tsa_for("Short-lived TSA", Duration::from_secs(2 * 24 * 3600))
        .unwrap();
    let long = authority.issue_tsa().unwrap();
    let formal = pdf::render(
        &common::fonts(),
        &common::document(ContractType::Order, true),
    )
    .unwrap();
    let signed_at = now_ms() - 600_000;
    let sealed = answered(
        |kept| pdf::pades::seal(&formal, &identity, signed_at, pdf::Level::BLTA, kept),
        renewal_answers(&authority, &short, signed_at + 1_000),
    );
    assert_eq!(
        pdf::pades::archive_expires_at_ms(&sealed),
        Some(short.not_after_ms())
    );
    let renewed = answered(
        |kept| pdf::pades::renew(&sealed, kept),
        renewal_answers(&authority, &long, now_ms() - 120_000),
    );
    assert!(renewed.starts_with(&sealed), "an incremental update");
    assert_eq!(
        pdf::pades::archive_expires_at_ms(&renewed),
        Some(long.not_after_ms())
    );
    assert_eq!(
        pdf::verify_signature(&renewed, &identity),
        SignatureCheck::Valid
    );
    assert_eq!(
        pdf::seal_summary(&renewed).map(|s| s.level),
        Some(pdf::Level::BLTA)
    );

    let root = dir.join("ca.pem");
    std::fs::write(&root, authority.certificate_pem().unwrap()).unwrap();
    std::fs::write(dir.join("renewed.pdf"), &renewed).unwrap();
    let verdict = tools::pyhanko_adesverify_now(&dir.join("renewed.pdf"), &root);
    assert!(
        verdict.contains("Signature1:")
            && verdict.contains(":VALID")
            && !verdict.contains(":INVALID"),
        "{verdict}"
    );
    // A document without a document time-stamp has nothing to renew.
    let signed = pdf::sign(&formal, &identity, signed_at).unwrap();
    assert!(pdf::pades::renew(&signed, &|_| None).is_err());
    assert_eq!(pdf::pades::archive_expires_at_ms(&signed), None);
}

/// What renewal is for, played out over four days: the signer's certificate expired two
/// days ago and the TSA's under the first time-stamps yesterday; the document renewed
/// the day before that with another TSA is judged VALID by pyHanko now, offline, and the
/// same document not renewed is not.
#[test]
fn a_renewal_carries_the_document_past_its_first_tsa_certificate() {
    let dir = tools::temp_dir("renewal-past");
    let organization = "示例云计算有限公司";
    let day = Duration::from_secs(24 * 3600);
    let authority = LocalAuthority::development_since(organization, OCSP_URL, 4 * day).unwrap();
    let identity = authority.issue_signer(organization, 2 * day).unwrap();
    let short = authority.issue_tsa_for("Short-lived TSA", 3 * day).unwrap();
    let long = authority.issue_tsa().unwrap();
    let formal = pdf::render(
        &common::fonts(),
        &common::document(ContractType::Order, true),
    )
    .unwrap();
    let signed_at = now_ms() - 84 * 3600 * 1000; // three and a half days ago
    let sealed = answered(
        |kept| pdf::pades::seal(&formal, &identity, signed_at, pdf::Level::BLTA, kept),
        renewal_answers(&authority, &short, signed_at + 1_000),
    );
    let renewed_at = now_ms() - 36 * 3600 * 1000; // a day and a half ago
    let renewed = answered(
        |kept| pdf::pades::renew(&sealed, kept),
        renewal_answers(&authority, &long, renewed_at),
    );
    let root = dir.join("ca.pem");
    std::fs::write(&root, authority.certificate_pem().unwrap()).unwrap();
    for (name, bytes) in [("sealed", &sealed), ("renewed", &renewed)] {
        std::fs::write(dir.join(format!("{name}.pdf")), bytes).unwrap();
    }
    let renewed_verdict = tools::pyhanko_adesverify_now(&dir.join("renewed.pdf"), &root);
    let sealed_verdict = tools::pyhanko_adesverify_now(&dir.join("sealed.pdf"), &root);
    assert!(
        renewed_verdict.contains("Signature1:")
            && renewed_verdict.contains(":VALID")
            && !renewed_verdict.contains(":INVALID"),
        "renewed: {renewed_verdict}"
    );
    assert!(
        sealed_verdict.contains(":INVALID"),
        "not renewed, nothing is provable after the first TSA expired: {sealed_verdict}"
    );
}

/// A key directory from before the CA had its OCSP responder (an earlier release's
/// demo data) is completed on load: the responder is issued once, kept, and answers.
#[test]
fn a_development_pki_from_before_the_responder_gets_one_on_load() {
    let dir = tools::temp_dir("dev-pki-upgrade");
    let keys = dir.join("keys");
    let (first, _) =
        pdf::DevelopmentPki::load_or_create(&keys, "示例云计算有限公司", OCSP_URL).unwrap();
    for file in ["ocsp-responder.pem", "ocsp-responder-key.pem"] {
        std::fs::remove_file(keys.join(file)).unwrap();
    }
    let (upgraded, created) =
        pdf::DevelopmentPki::load_or_create(&keys, "示例云计算有限公司", OCSP_URL).unwrap();
    assert!(!created, "the CA, the signer and the TSA are kept");
    assert_eq!(
        upgraded.identity.certificate_der(),
        first.identity.certificate_der()
    );
    assert!(keys.join("ocsp-responder.pem").is_file());
    let (again, _) =
        pdf::DevelopmentPki::load_or_create(&keys, "示例云计算有限公司", OCSP_URL).unwrap();
    let signer = upgraded.identity.certificate_der().to_vec();
    let at = now_ms() - 60_000;
    assert_eq!(
        upgraded.authority.ocsp_good(&signer, at).unwrap(),
        again.authority.ocsp_good(&signer, at).unwrap(),
        "the responder issued on load is the one kept"
    );
    let answer = pdf::ocsp::check(
        &again.authority.ocsp_good(&signer, at).unwrap(),
        &signer,
        &again.authority.certificate_der().unwrap(),
    )
    .unwrap();
    assert_eq!(answer.status, pdf::ocsp::CertStatus::Good);
    assert_eq!(
        answer.certificates.len(),
        1,
        "the delegated responder's certificate"
    );
}

/// Where the certificates name no OCSP responder, the issuer's CRL stands for their
/// status (RFC 5280): the store carries it, pyHanko judges the B-LTA document VALID
/// offline, and a CRL listing the signer refuses the seal.
#[test]
fn a_crl_stands_for_the_status_where_no_responder_is_named() {
    let dir = tools::temp_dir("crl");
    let crl_url = "http://127.0.0.1:9/ca.crl";
    let authority = LocalAuthority::development("示例云计算有限公司", OCSP_URL)
        .unwrap()
        .publishing_crl_at(crl_url)
        .without_ocsp();
    let identity = authority
        .issue_signer("示例云计算有限公司", Duration::from_secs(2 * 24 * 3600))
        .unwrap();
    let tsa = authority.issue_tsa().unwrap();
    assert_eq!(pdf::ocsp::responder_url(identity.certificate_der()), None);
    assert_eq!(
        pdf::crl::distribution_point(identity.certificate_der()).as_deref(),
        Some(crl_url)
    );
    let formal = pdf::render(
        &common::fonts(),
        &common::document(ContractType::Order, true),
    )
    .unwrap();
    let signed_at = now_ms() - 600_000;
    let seal = |revoked: &[(&[u8], i64)]| {
        let mut kept = std::collections::HashMap::new();
        for _ in 0..8 {
            let step = pdf::pades::seal(&formal, &identity, signed_at, pdf::Level::BLTA, &|r| {
                kept.get(&r.key).cloned()
            })?;
            let requests = match step {
                pdf::Step::Done(sealed) => return Ok(sealed),
                pdf::Step::Needs(requests) => requests,
            };
            for request in requests {
                let answer = match &request.need {
                    pdf::Need::Timestamp { imprint } => {
                        tsa.stamp(imprint, None, signed_at + 1_000).unwrap()
                    }
                    pdf::Need::Revocation { .. } => {
                        authority.crl(signed_at + 2_000, revoked).unwrap()
                    }
                };
                kept.insert(request.key, answer);
            }
        }
        panic!("sealing did not converge")
    };
    let sealed: Vec<u8> = seal(&[]).unwrap();
    assert_eq!(
        pdf::verify_signature(&sealed, &identity),
        SignatureCheck::Valid
    );
    assert_eq!(pdf::seal_summary(&sealed).unwrap().level, pdf::Level::BLTA);
    let file = dir.join("crl.pdf");
    std::fs::write(&file, &sealed).unwrap();
    let root = dir.join("root.pem");
    std::fs::write(&root, authority.certificate_pem().unwrap()).unwrap();
    // Now, and a day after the signer's certificate has expired.
    tools::assert_ades_valid(&file, &root, &["Signature1"], &[0, 3]);

    let revoked = [(identity.certificate_der(), signed_at - 60_000)];
    assert!(matches!(
        seal(&revoked),
        Err(pdf::SealError::Revoked { .. })
    ));
}
