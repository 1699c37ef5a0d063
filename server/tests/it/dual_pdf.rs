//! The formal PDF of a dual-channel contract, from the production renderer: both parties'
//! marks on the signature page (a drawn signature, or the enterprise's e-seal beside the
//! provider's), the SMS-confirmed signing events with the signer's masked phone on the
//! evidence page, and a provider signature that pdfsig accepts.

use crate::tools;
use domain::mark::CustomerMark;
use domain::provider::Provider;
use domain::{Channel, ContractState, ContractType, PartyAInput};
use server::renderer::PdfRenderer;
use service::contracts::{Contract, SignerSnapshot, TimelineEntry};
use service::DocumentRenderer;

const CREATED: i64 = 1_795_400_000_000;

fn renderer() -> PdfRenderer {
    renderer_in(&tools::temp_dir("dual-keys"))
}

/// The production renderer with its development CA kept in `keys/pki`.
fn renderer_in(keys: &std::path::Path) -> PdfRenderer {
    let fonts = crate::common::font_dir();
    PdfRenderer::load(
        fonts.as_ref(),
        None,
        keys,
        Provider::demo(),
        "http://127.0.0.1:9/pki/ocsp",
        pdf::Level::BLTA,
    )
    .expect("fonts and a development CA")
    .0
}

fn contract(mark: Option<CustomerMark>) -> Contract {
    Contract {
        id: 1,
        account_id: 1,
        number: domain::ContractNumber::from_stored("QY-20261130-000007".into()),
        kind: ContractType::Framework,
        channel: Channel::Dual,
        state: ContractState::PROVIDER_SIGNING,
        party_a_name: "王小明".into(),
        party_a: PartyAInput {
            address: "北京市海淀区示例路 1 号".into(),
            contact: "王小明".into(),
            phone: "13800138001".into(),
            email: "wang@example.cn".into(),
            postcode: "100080".into(),
        },
        total_fen: 0,
        template_version: ContractType::Framework.template_version().into(),
        last_error: None,
        draft_pdf: None,
        formal_pdf: None,
        created_at: CREATED,
        updated_at: CREATED,
        effective_at: None,
        expires_at: None,
        signer: Some(SignerSnapshot {
            signer_id: None,
            name: "王小明".into(),
            phone: "13900000021".into(),
        }),
        customer_mark: mark,
        customer_signed_at: Some(CREATED + 60_000),
        reminded_at: None,
        signing_started_at: None,
        reminders_sent: 0,
        next_reminder_at: None,
        signing_deadline_at: None,
        renews_id: None,
        renews_number: None,
        term_starts_at: None,
    }
}

fn events() -> Vec<TimelineEntry> {
    let event = |minutes: i64, action: &str, actor: &str| TimelineEntry {
        at_ms: CREATED + minutes * 60_000,
        action: domain::AuditAction::parse(action),
        actor_kind: domain::ActorKind::parse(actor).expect("a known actor kind"),
        state_after: None,
        detail: None,
    };
    vec![
        event(0, "contract.created", "customer"),
        event(1, "contract.sms_sent", "customer"),
        event(2, "contract.code_verified", "customer"),
        event(2, "contract.customer_signed", "customer"),
    ]
}

/// Renders and seals the formal PDF of `contract` signed at `signed_at`; returns its file.
fn sealed(
    renderer: &PdfRenderer,
    name: &str,
    contract: &Contract,
    signed_at: i64,
) -> std::path::PathBuf {
    let formal = renderer
        .formal(contract, &[], &events(), signed_at)
        .expect("rendered");
    // The development CA answers what the seal needs itself.
    let sealed = renderer.seal(contract, &formal, signed_at, &Default::default());
    let Ok(service::esign::sealing::Sealing::Sealed(bytes)) = sealed else {
        panic!("sealed at once: {sealed:?}");
    };
    let file = tools::temp_dir("dual").join(format!("{name}.pdf"));
    std::fs::write(&file, bytes).unwrap();
    file
}

/// Renders and signs the formal PDF; returns its file and the raster of its signature
/// page (the page before the evidence page).
fn formal(name: &str, mark: Option<CustomerMark>) -> (std::path::PathBuf, tools::Raster) {
    let file = sealed(&renderer(), name, &contract(mark), CREATED + 180_000);
    let mut pages = tools::rasterize(&file, 50);
    assert!(pages.len() >= 2);
    pages.pop();
    (file, pages.pop().unwrap())
}

#[test]
fn a_drawn_signature_is_on_the_signature_page_and_the_signature_verifies() {
    let strokes = vec![
        vec![(0.05, 0.6), (0.2, 0.1), (0.35, 0.9), (0.5, 0.2)],
        vec![(0.55, 0.5), (0.95, 0.5)],
    ];
    let (signed, with_mark) = formal("signature", Some(CustomerMark::Signature { strokes }));
    // The same document with nothing drawn (its signing date is still printed): the
    // difference is the drawing alone.
    let empty = CustomerMark::Signature { strokes: vec![] };
    let (_, without) = formal("undrawn", Some(empty));
    assert!(
        with_mark.inked() > without.inked() + 30,
        "signature ink: {} vs {} without a mark",
        with_mark.inked(),
        without.inked()
    );
    let sig = tools::pdfsig(&signed, None);
    assert!(sig.contains("Signature is Valid"), "{sig}");
    let text = tools::squash(&tools::pdftotext(&signed, None));
    // The evidence page lists the SMS steps with the signer's masked phone.
    assert!(text.contains("139****0021"), "{text}");
    assert!(text.contains(&tools::squash(domain::AuditAction::CustomerSigned.label())));
}

#[test]
fn an_enterprise_signs_with_its_red_e_seal_beside_the_providers() {
    let seal = CustomerMark::EnterpriseSeal {
        name: "云帆示例信息技术（杭州）有限公司".into(),
    };
    let (signed, with_seal) = formal("seal", Some(seal));
    let (_, provider_only) = formal("provider-only", None);
    // Two round seals: about twice the red of the provider's alone.
    assert!(
        with_seal.red() as f64 > provider_only.red() as f64 * 1.6,
        "red pixels: {} vs {} for the provider's seal alone",
        with_seal.red(),
        provider_only.red()
    );
    assert!(tools::pdfsig(&signed, None).contains("Signature is Valid"));
}

/// The customer signs with a signature of its own, before the provider's: an event
/// certificate issued to its verified name for this contract. pyHanko, trusting the
/// development CA alone, judges both valid, the customer's first; a single-channel
/// contract carries the provider's alone.
#[test]
fn the_customer_signs_with_an_event_certificate_before_the_provider() {
    let keys = tools::temp_dir("dual-event-keys");
    let renderer = renderer_in(&keys);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let mut dual = contract(Some(CustomerMark::EnterpriseSeal {
        name: "云帆示例信息技术（杭州）有限公司".into(),
    }));
    dual.party_a_name = "云帆示例信息技术（杭州）有限公司".into();
    dual.customer_signed_at = Some(now - 120_000);
    let file = sealed(&renderer, "event", &dual, now - 60_000);
    let ca = keys.join("pki/ca.pem");
    tools::assert_ades_valid(&file, &ca, &["PartyASignature", "Signature1"], &[0]);
    let pdfsig = tools::pdfsig(&file, None);
    assert_eq!(pdfsig.matches("Signature is Valid").count(), 2, "{pdfsig}");
    assert!(
        pdfsig.contains("CN=云帆示例信息技术（杭州）有限公司,OU=QY-20261130-000007"),
        "the event certificate names the verified subject and the contract: {pdfsig}"
    );

    let mut single = dual.clone();
    single.channel = Channel::Single;
    let file = sealed(&renderer, "single", &single, now - 60_000);
    let pdfsig = tools::pdfsig(&file, None);
    assert_eq!(pdfsig.matches("Signature is Valid").count(), 1, "{pdfsig}");
    assert!(!pdfsig.contains("PartyASignature"), "{pdfsig}");
}
