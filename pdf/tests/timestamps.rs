//! Trusted time for signatures (PAdES B-T, issue 30): RFC 3161 tokens from our own TSA
//! checked by OpenSSL, and tokens of an independent TSA (OpenSSL's `ts`, RSA-4096 with
//! its chain) read by our checks and carried in a signature that poppler's pdfsig still
//! accepts.

mod common;
#[path = "common/tools.rs"]
mod tools;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use domain::contract::ContractType;
use pdf::{LocalTsa, PdfError, SignatureCheck, SigningIdentity, TspError};

const SIGNED_AT: i64 = common::CREATED + 2_400_000;
const OPENSSL: &str = "openssl";

struct Fixture {
    identity: SigningIdentity,
    formal: Vec<u8>,
    tsa: LocalTsa,
    dir: PathBuf,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tools::temp_dir("timestamps");
        let (identity, _) =
            SigningIdentity::load_or_create(&dir.join("identity"), "示例云计算有限公司").unwrap();
        let formal = pdf::render(
            &common::fonts(),
            &common::document(ContractType::Order, true),
        )
        .unwrap();
        Fixture {
            identity,
            formal,
            tsa: LocalTsa::development("示例云计算有限公司").unwrap(),
            dir,
        }
    })
}

fn openssl(dir: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new(OPENSSL)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the openssl command (Debian package openssl; scripts/setup.sh --test)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "openssl {args:?}: {text}");
    text
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_signature_carries_our_tsa_time_and_pdfsig_still_accepts_it() {
    let f = fixture();
    let imprint =
        pdf::signature_imprint(&f.formal, &f.identity, SIGNED_AT, pdf::TOKEN_BUDGET).unwrap();
    // The same imprint every time: the signature is deterministic, so a token fetched
    // once can be used again after a restart.
    assert_eq!(
        imprint,
        pdf::signature_imprint(&f.formal, &f.identity, SIGNED_AT, pdf::TOKEN_BUDGET).unwrap()
    );
    let stamped_at = SIGNED_AT + 61_000;
    let token = f.tsa.stamp(&imprint, None, stamped_at).unwrap();
    let signed =
        pdf::sign_timestamped(&f.formal, &f.identity, SIGNED_AT, pdf::TOKEN_BUDGET, &token)
            .unwrap();
    assert_eq!(
        pdf::verify_signature(&signed, &f.identity),
        SignatureCheck::Valid
    );
    let time = pdf::signature_timestamp(&signed).expect("a checked time-stamp");
    assert_eq!(time.time_ms, stamped_at / 1000 * 1000);
    assert!(
        time.tsa_name.contains("Development TSA"),
        "{}",
        time.tsa_name
    );
    assert_eq!(pdf::signature_timestamp(&f.formal), None);

    let file = f.dir.join("b-t.pdf");
    std::fs::write(&file, &signed).unwrap();
    std::fs::write(f.dir.join("tsa-root.pem"), f.tsa.root_pem()).unwrap();
    std::fs::write(
        f.dir.join("identity/ca.pem"),
        f.identity.ca_certificate_pem(),
    )
    .unwrap();
    let out = tools::pdfsig(&file, None);
    assert!(out.contains("Signature is Valid"), "{out}");
    assert!(out.contains("Total document signed"), "{out}");
    expect_trusted_time(
        &file,
        &[&f.dir.join("identity/ca.pem"), &f.dir.join("tsa-root.pem")],
    );

    // A token for another message is refused, never embedded.
    let other = f.tsa.stamp(&[9; 32], None, stamped_at).unwrap();
    assert!(matches!(
        pdf::sign_timestamped(&f.formal, &f.identity, SIGNED_AT, pdf::TOKEN_BUDGET, &other),
        Err(PdfError::TimestampMismatch)
    ));
}

/// OpenSSL, as an independent verifier, accepts our TSA's tokens for the imprint they
/// stamp with the TSA's root as the only trust, and refuses them for another.
#[test]
fn openssl_verifies_our_tsa_tokens() {
    let f = fixture();
    let dir = tools::temp_dir("our-tsa");
    std::fs::write(dir.join("root.pem"), f.tsa.root_pem()).unwrap();
    let imprint = [0x5a; 32];
    let token = f
        .tsa
        .stamp(&imprint, Some(&[1, 2, 3, 4]), SIGNED_AT)
        .unwrap();
    std::fs::write(dir.join("token.der"), &token).unwrap();
    let out = openssl(
        &dir,
        &[
            "ts",
            "-verify",
            "-token_in",
            "-in",
            "token.der",
            "-digest",
            &hex(&imprint),
            "-CAfile",
            "root.pem",
        ],
    );
    assert!(out.contains("Verification: OK"), "{out}");
    let wrong = std::process::Command::new(OPENSSL)
        .args([
            "ts",
            "-verify",
            "-token_in",
            "-in",
            "token.der",
            "-digest",
            &hex(&[0x5b; 32]),
            "-CAfile",
            "root.pem",
        ])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        !wrong.status.success(),
        "another message's digest is refused"
    );

    // Over HTTP's request/response pair too, with the nonce echoed.
    let request = pdf::tsp::request(&imprint, &[0xab; 8]).unwrap();
    let reply = f.tsa.respond(&request, SIGNED_AT).unwrap();
    let stamp = pdf::tsp::accept(&reply, &imprint, Some(&[0xab; 8])).unwrap();
    assert_eq!(stamp.time_ms, SIGNED_AT / 1000 * 1000);
    assert_eq!(
        pdf::tsp::accept(&reply, &imprint, Some(&[0xac; 8])),
        Err(TspError::WrongNonce)
    );
    assert_eq!(
        pdf::tsp::accept(&reply, &[0x5b; 32], None),
        Err(TspError::WrongImprint)
    );
}

/// An RSA-4096 TSA of OpenSSL's with its intermediate and root in every token: our
/// checks read it, its token fits the signature's budget, pdfsig accepts the result.
#[test]
fn an_independent_rsa_4096_tsa_with_its_chain_fits_and_checks() {
    let f = fixture();
    let dir = tools::temp_dir("openssl-tsa");
    std::fs::write(
        dir.join("tsa.cnf"),
        "[ tsa ]\ndefault_tsa = tsa1\n[ tsa1 ]\nserial = ./serial\ncrypto_device = builtin\n\
         signer_digest = sha256\ndefault_policy = 1.2.3.4.1\ndigests = sha256\naccuracy = secs:1\n\
         ordering = no\ntsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n\
         [ ca_ext ]\nbasicConstraints = critical,CA:true\nkeyUsage = critical,keyCertSign,cRLSign\n\
         [ tsa_ext ]\nbasicConstraints = critical,CA:false\nkeyUsage = critical,digitalSignature\n\
         extendedKeyUsage = critical,timeStamping\n",
    )
    .unwrap();
    std::fs::write(dir.join("serial"), "01\n").unwrap();
    let rsa = ["-newkey", "rsa:4096", "-nodes"];
    openssl(
        &dir,
        &[
            &["req", "-x509"][..],
            &rsa,
            &[
                "-keyout",
                "root.key",
                "-out",
                "root.pem",
                "-days",
                "3",
                "-subj",
                "/CN=Test Root",
                "-config",
                "tsa.cnf",
                "-extensions",
                "ca_ext",
            ],
        ]
        .concat(),
    );
    openssl(
        &dir,
        &[
            &["req"][..],
            &rsa,
            &[
                "-keyout",
                "inter.key",
                "-out",
                "inter.csr",
                "-subj",
                "/CN=Test TSA CA",
            ],
        ]
        .concat(),
    );
    openssl(
        &dir,
        &[
            "x509",
            "-req",
            "-in",
            "inter.csr",
            "-CA",
            "root.pem",
            "-CAkey",
            "root.key",
            "-CAcreateserial",
            "-out",
            "inter.pem",
            "-days",
            "3",
            "-extfile",
            "tsa.cnf",
            "-extensions",
            "ca_ext",
        ],
    );
    openssl(
        &dir,
        &[
            &["req"][..],
            &rsa,
            &[
                "-keyout",
                "tsa.key",
                "-out",
                "tsa.csr",
                "-subj",
                "/CN=Test TSA",
            ],
        ]
        .concat(),
    );
    openssl(
        &dir,
        &[
            "x509",
            "-req",
            "-in",
            "tsa.csr",
            "-CA",
            "inter.pem",
            "-CAkey",
            "inter.key",
            "-CAcreateserial",
            "-out",
            "tsa.pem",
            "-days",
            "3",
            "-extfile",
            "tsa.cnf",
            "-extensions",
            "tsa_ext",
        ],
    );
    let chain = [
        std::fs::read_to_string(dir.join("inter.pem")).unwrap(),
        std::fs::read_to_string(dir.join("root.pem")).unwrap(),
    ]
    .concat();
    std::fs::write(dir.join("chain.pem"), chain).unwrap();

    let imprint =
        pdf::signature_imprint(&f.formal, &f.identity, SIGNED_AT, pdf::TOKEN_BUDGET).unwrap();
    let nonce = [0x42; 8];
    std::fs::write(
        dir.join("request.tsq"),
        pdf::tsp::request(&imprint, &nonce).unwrap(),
    )
    .unwrap();
    openssl(
        &dir,
        &[
            "ts",
            "-reply",
            "-config",
            "tsa.cnf",
            "-queryfile",
            "request.tsq",
            "-signer",
            "tsa.pem",
            "-inkey",
            "tsa.key",
            "-chain",
            "chain.pem",
            "-out",
            "reply.tsr",
        ],
    );
    let reply = std::fs::read(dir.join("reply.tsr")).unwrap();
    let stamp = pdf::tsp::accept(&reply, &imprint, Some(&nonce)).unwrap();
    assert!(stamp.tsa_name.contains("Test TSA"), "{}", stamp.tsa_name);
    assert!(
        stamp.token.len() > 4_000 && stamp.token.len() < pdf::TOKEN_BUDGET,
        "an RSA-4096 token with its chain: {} bytes",
        stamp.token.len()
    );
    let signed = pdf::sign_timestamped(
        &f.formal,
        &f.identity,
        SIGNED_AT,
        pdf::TOKEN_BUDGET,
        &stamp.token,
    )
    .unwrap();
    assert_eq!(
        pdf::verify_signature(&signed, &f.identity),
        SignatureCheck::Valid
    );
    assert_eq!(
        pdf::signature_timestamp(&signed).unwrap().time_ms,
        stamp.time_ms
    );
    let file = dir.join("b-t-rsa.pdf");
    std::fs::write(&file, &signed).unwrap();
    let out = tools::pdfsig(&file, None);
    assert!(out.contains("Signature is Valid"), "{out}");
    std::fs::write(dir.join("signer-ca.pem"), f.identity.ca_certificate_pem()).unwrap();
    expect_trusted_time(&file, &[&dir.join("signer-ca.pem"), &dir.join("root.pem")]);
}

/// pyHanko, an independent validator, judges the signature valid, its time-stamp sound
/// and backed by a trusted TSA.
fn expect_trusted_time(file: &Path, roots: &[&Path]) {
    let out = tools::pyhanko_validate(file, roots);
    for expected in [
        "The signer's certificate is trusted.",
        "This timestamp is backed by a time stamping authority.",
        "The timestamp token is cryptographically sound.",
        "The TSA certificate is trusted.",
        "The signature covers the entire file.",
        "The signature is judged VALID.",
    ] {
        assert!(
            out.contains(expected),
            "{expected:?} not in pyHanko's report: {out}"
        );
    }
}
