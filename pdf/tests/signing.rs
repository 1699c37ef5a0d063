//! The PDF signature as third parties see it (poppler's pdfsig with an NSS database
//! trusting the development CA) and as `verify_signature` sees it.

mod common;
#[path = "common/tools.rs"]
mod tools;

use std::path::PathBuf;
use std::sync::OnceLock;

use domain::contract::ContractType;
use pdf::{PdfError, SignatureCheck, SigningIdentity};

struct Fixture {
    identity: SigningIdentity,
    dir: PathBuf,
    draft: Vec<u8>,
    signed: Vec<u8>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let fonts = common::fonts();
        let dir = tools::temp_dir("signing");
        let (identity, created) =
            SigningIdentity::load_or_create(&dir.join("identity"), "示例云计算有限公司").unwrap();
        assert!(created);
        let draft = pdf::render(&fonts, &common::document(ContractType::Order, false)).unwrap();
        let formal = pdf::render(&fonts, &common::document(ContractType::Order, true)).unwrap();
        let signed = pdf::sign(&formal, &identity, common::CREATED + 2_400_000).unwrap();
        std::fs::write(dir.join("ca.pem"), identity.ca_certificate_pem()).unwrap();
        Fixture {
            identity,
            dir,
            draft,
            signed,
        }
    })
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let path = tools::temp_dir(name).join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// One byte inside the first signed range, well inside the original document.
fn tampered(signed: &[u8]) -> Vec<u8> {
    let mut bytes = signed.to_vec();
    let at = bytes.len() / 3;
    bytes[at] ^= 0x01;
    bytes
}

#[test]
fn pdfsig_accepts_the_signature_and_trusts_the_dev_ca() {
    let f = fixture();
    let file = write("signed", &f.signed);
    let out = tools::pdfsig(&file, None);
    assert!(out.contains("Signature is Valid"), "{out}");
    assert!(out.contains("Total document signed"), "{out}");
    assert!(out.contains("ETSI.CAdES.detached"), "{out}");
    assert!(out.contains("SHA-256"), "{out}");
    assert!(out.contains("示例云计算有限公司"), "{out}");

    let db = tools::nss_db_trusting(&f.dir.join("ca.pem"));
    let out = tools::pdfsig(&file, Some(&db));
    assert!(out.contains("Signature is Valid"), "{out}");
    assert!(out.contains("Certificate is Trusted"), "{out}");
    assert_eq!(
        pdf::verify_signature(&f.signed, &f.identity),
        SignatureCheck::Valid
    );
}

#[test]
fn one_flipped_byte_is_a_digest_mismatch() {
    let f = fixture();
    let bytes = tampered(&f.signed);
    let out = tools::pdfsig(&write("tampered", &bytes), None);
    assert!(out.contains("Digest Mismatch"), "{out}");
    assert!(!out.contains("Signature is Valid"), "{out}");
    assert_eq!(
        pdf::verify_signature(&bytes, &f.identity),
        SignatureCheck::Altered
    );
}

#[test]
fn any_change_to_a_signed_file_is_detected() {
    let f = fixture();
    let check = |bytes: &[u8]| pdf::verify_signature(bytes, &f.identity);
    // Appended data (an incremental update after signing) and truncation.
    let mut appended = f.signed.clone();
    appended.extend_from_slice(b"\n% later\n");
    assert_eq!(check(&appended), SignatureCheck::Altered);
    assert_eq!(
        check(&f.signed[..f.signed.len() - 10]),
        SignatureCheck::Altered
    );
    // A flipped byte anywhere in the signed ranges (all but the /Contents hex string), sampled.
    let gap_start = f
        .signed
        .windows(11)
        .rposition(|w| w == b"/Contents <")
        .unwrap()
        + 10;
    let gap_end = gap_start
        + f.signed[gap_start..]
            .iter()
            .position(|&b| b == b'>')
            .unwrap()
        + 1;
    let step = f.signed.len() / 40;
    for at in (0..f.signed.len())
        .step_by(step)
        .skip(1)
        .filter(|at| !(gap_start..gap_end).contains(at))
    {
        let mut bytes = f.signed.clone();
        bytes[at] ^= 0x20;
        assert_ne!(check(&bytes), SignatureCheck::Valid, "byte {at}");
    }
    // Not signed / not a PDF.
    assert_eq!(check(&f.draft), SignatureCheck::NotSigned);
    assert_eq!(check(b"hello"), SignatureCheck::Malformed);
    assert_eq!(check(b""), SignatureCheck::Malformed);
    let out = tools::pdfsig(&write("draft", &f.draft), None);
    assert!(out.contains("does not contain any signatures"), "{out}");
}

#[test]
fn another_certificate_is_the_wrong_signer() {
    let f = fixture();
    let (other, _) =
        SigningIdentity::load_or_create(&tools::temp_dir("other").join("id"), "另一家公司")
            .unwrap();
    assert_eq!(
        pdf::verify_signature(&f.signed, &other),
        SignatureCheck::WrongSigner
    );
}

#[test]
fn signing_is_deterministic_and_refuses_to_sign_twice() {
    let f = fixture();
    let fonts = common::fonts();
    let formal = pdf::render(&fonts, &common::document(ContractType::Order, true)).unwrap();
    let again = pdf::sign(&formal, &f.identity, common::CREATED + 2_400_000).unwrap();
    assert_eq!(again, f.signed);
    assert!(matches!(
        pdf::sign(&f.signed, &f.identity, 0),
        Err(PdfError::AlreadySigned)
    ));
    assert!(matches!(
        pdf::sign(b"not a pdf", &f.identity, 0),
        Err(PdfError::Parse(_))
    ));
    // The original bytes are untouched in front of the update.
    assert!(f.signed.starts_with(&formal));
}

#[test]
fn identity_is_created_once_then_loaded() {
    let dir = tools::temp_dir("identity").join("keys");
    let (first, created) = SigningIdentity::load_or_create(&dir, "示例云计算有限公司").unwrap();
    assert!(created);
    let (second, created) = SigningIdentity::load_or_create(&dir, "示例云计算有限公司").unwrap();
    assert!(!created);
    assert_eq!(first.certificate_der(), second.certificate_der());
    assert_eq!(
        first.ca_certificate_pem(),
        std::fs::read_to_string(dir.join("ca.pem")).unwrap()
    );
    assert!(first
        .ca_certificate_pem()
        .starts_with("-----BEGIN CERTIFICATE-----"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("signing-key.pem"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "the key is private to its owner");
    }
    // From PEM: the stored files round-trip; a key of another certificate is refused.
    let chain = std::fs::read_to_string(dir.join("signing-chain.pem")).unwrap();
    let key = std::fs::read_to_string(dir.join("signing-key.pem")).unwrap();
    let loaded = SigningIdentity::from_pem(&chain, &key).unwrap();
    assert_eq!(loaded.certificate_der(), first.certificate_der());
    let other_dir = tools::temp_dir("identity-other");
    SigningIdentity::load_or_create(&other_dir, "x").unwrap();
    let other_key = std::fs::read_to_string(other_dir.join("signing-key.pem")).unwrap();
    assert!(matches!(
        SigningIdentity::from_pem(&chain, &other_key),
        Err(PdfError::KeyMismatch)
    ));
    assert!(matches!(
        SigningIdentity::from_pem("", &key),
        Err(PdfError::Certificate(_))
    ));
    assert!(matches!(
        SigningIdentity::from_pem(&chain, "nope"),
        Err(PdfError::Key(_))
    ));
    // Half an identity is an error, never silently replaced.
    std::fs::remove_file(dir.join("signing-key.pem")).unwrap();
    assert!(matches!(
        SigningIdentity::load_or_create(&dir, "x"),
        Err(PdfError::IdentityIncomplete { .. })
    ));
}
