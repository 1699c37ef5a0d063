//! /verify: the genuine formal PDF accepted, a tampered one refused, the upload bounded.

#[allow(unused_imports)]
use super::*;

fn multipart(fields: &[(&str, Option<&str>, &[u8])]) -> Request<Body> {
    let boundary = "qyboundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, filename, value) in fields {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match filename {
            Some(f) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Request::post("/verify")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("http://{HOST}"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap()
}

/// Posts the verification form and follows the redirect to the result page.
async fn verify(app: &Router, fields: &[(&str, Option<&str>, &[u8])]) -> String {
    let res = send(app, multipart(fields)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(location.starts_with("/verify/result/"), "{location}");
    let page = send(app, get(&location, None)).await;
    assert_eq!(page.status(), StatusCode::OK);
    body_text(page).await
}

#[tokio::test]
async fn verify_accepts_the_genuine_formal_pdf_and_rejects_a_tampered_one() {
    let (app, ctx) = app_and_ctx().await;
    let ent = login(&app, "ent_demo").await;
    let number = create_framework(&app, &ent).await;
    let worker = service::worker::Worker::new(ctx.clone(), Default::default());
    worker.run_once().await.unwrap();
    let op = serde_json::json!({ "number": number, "operation": "convert_to_formal" });
    assert_eq!(
        send(&app, json("/fn/contracts/operate", op, &ent))
            .await
            .status(),
        StatusCode::OK
    );
    worker.run_once().await.unwrap();
    let res = send(
        &app,
        get(&format!("/contracts/{number}/pdf/formal"), Some(&ent)),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let genuine = axum::body::to_bytes(res.into_body(), 1 << 24)
        .await
        .unwrap()
        .to_vec();

    let page = verify(
        &app,
        &[
            ("number", None, number.as_bytes()),
            ("file", Some("c.pdf"), &genuine),
        ],
    )
    .await;
    assert!(
        page.contains((app::i18n::ZH_CN.verdict)(
            domain::verification::HashVerdict::Genuine
        )),
        "{page}"
    );
    assert!(
        page.contains((app::i18n::ZH_CN.signature_check)(
            domain::verification::SignatureVerdict::Valid
        )),
        "{page}"
    );
    assert!(page.contains("星河"), "masked party A shown");
    // What the file carries beside its signature: its level, the trusted time (China
    // time) and the authority that vouches for it (issue 30).
    assert!(
        page.contains((app::i18n::ZH_CN.seal_level)(
            domain::verification::SealLevel::BLTA
        )),
        "{page}"
    );
    let stamp = pdf::signature_timestamp(&genuine).expect("time-stamped");
    assert!(
        page.contains(&domain::calendar::format_cst_minute(stamp.time_ms)),
        "{page}"
    );
    assert!(page.contains("Development TSA"), "{page}");
    assert!(
        !page.contains("星河示例数字科技（上海）有限公司"),
        "party A is masked"
    );
    // The demo's formal PDF is PAdES B-LTA: pyHanko judges it valid offline from the
    // file alone, trusting only the CA /verify offers (issue 30).
    let dir = crate::tools::temp_dir("formal-lta");
    std::fs::write(dir.join("formal.pdf"), &genuine).unwrap();
    let ca = body_text(send(&app, get("/verify/ca.pem", None)).await).await;
    std::fs::write(dir.join("ca.pem"), ca).unwrap();
    let verdict =
        crate::tools::pyhanko_adesverify_now(&dir.join("formal.pdf"), &dir.join("ca.pem"));
    assert!(
        verdict.contains("Signature1:")
            && verdict.contains(":VALID")
            && !verdict.contains(":INVALID"),
        "{verdict}"
    );

    let mut tampered = genuine.clone();
    let middle = tampered.len() / 3;
    tampered[middle] ^= 0x01;
    let page = verify(
        &app,
        &[
            ("number", None, number.as_bytes()),
            ("file", Some("c.pdf"), &tampered),
        ],
    )
    .await;
    assert!(
        page.contains((app::i18n::ZH_CN.verdict)(
            domain::verification::HashVerdict::NoMatch
        )),
        "{page}"
    );
    assert!(
        page.contains((app::i18n::ZH_CN.signature_check)(
            domain::verification::SignatureVerdict::Altered
        )),
        "{page}"
    );
    assert!(
        !page.contains("id=\"seal-level\"") && !page.contains("id=\"trusted-time\""),
        "a changed file's evidence is no one's: {page}"
    );
    assert!(
        !page.contains("星河") && !page.contains(domain::ContractType::Framework.label()),
        "nothing about the contract without its document: {page}"
    );
    // Any 64 hex digits against a real number: the same single verdict, nothing more.
    let page = verify(
        &app,
        &[
            ("number", None, number.as_bytes()),
            ("sha256", None, "ab".repeat(32).as_bytes()),
        ],
    )
    .await;
    assert!(
        page.contains((app::i18n::ZH_CN.verdict)(
            domain::verification::HashVerdict::NoMatch
        )),
        "{page}"
    );
    assert!(!page.contains("星河"), "{page}");

    // The hash alone is enough for the genuineness check.
    let sha = service::platform::storage::sha256_hex(&genuine);
    let page = verify(
        &app,
        &[
            ("number", None, number.as_bytes()),
            ("sha256", None, sha.as_bytes()),
        ],
    )
    .await;
    assert!(
        page.contains((app::i18n::ZH_CN.verdict)(
            domain::verification::HashVerdict::Genuine
        )),
        "{page}"
    );
    // Wrong number: the same verdict as a wrong file.
    let page = verify(
        &app,
        &[
            ("number", None, b"QY-19990101-000001"),
            ("sha256", None, sha.as_bytes()),
        ],
    )
    .await;
    assert!(
        page.contains((app::i18n::ZH_CN.verdict)(
            domain::verification::HashVerdict::NoMatch
        )),
        "{page}"
    );

    // Missing document: back to the form with the field named.
    let res = send(&app, multipart(&[("number", None, number.as_bytes())])).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers()[header::LOCATION],
        format!("/verify?number={number}&error=document").as_str()
    );
    // The CA certificate is downloadable.
    let ca = send(&app, get("/verify/ca.pem", None)).await;
    assert_eq!(ca.status(), StatusCode::OK);
    assert!(body_text(ca)
        .await
        .starts_with("-----BEGIN CERTIFICATE-----"));
}

#[tokio::test]
async fn a_configured_signing_certificate_is_used_instead_of_the_development_ca() {
    // Make a certificate the way an operator would bring one: PEM files on disk.
    let dir = std::env::temp_dir().join(format!("qy_cert_{}", std::process::id()));
    let (issued, created) =
        pdf::SigningIdentity::load_or_create(&dir, "外部证书测试有限公司").unwrap();
    assert!(created);
    let data = dir.join("data");
    let font_dir = font_dir();
    let vars = [
        (
            "QY_SIGNING_CERT",
            dir.join("signing-chain.pem").display().to_string(),
        ),
        (
            "QY_SIGNING_KEY",
            dir.join("signing-key.pem").display().to_string(),
        ),
        ("QY_FONT_DIR", font_dir),
        ("QY_DATA_DIR", data.display().to_string()),
        ("QY_PADES_LEVEL", "b-b".into()),
    ];
    let config = Config::from_lookup(|name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    })
    .unwrap();
    let db = Db::connect(&format!("sqlite://{}/t.db", dir.display()))
        .await
        .unwrap();
    // Outside demo mode no key is made up: the SMS-code key must be provided too,
    // and the message says how.
    let refused = build_state(&config, db.clone()).err().unwrap();
    assert!(refused.contains("head -c 32 /dev/urandom"), "{refused}");
    assert!(!data.join("keys").exists(), "nothing generated");
    std::fs::create_dir_all(data.join("keys")).unwrap();
    crate::common::write_key(&config.sms_code_key);
    let built = build_state(&config, db.clone()).unwrap();
    assert_eq!(
        built.identity.ca_certificate_pem(),
        issued.ca_certificate_pem()
    );
    // No development CA was made (the keys folder holds only the SMS code key).
    assert!(!data.join("keys").join("ca.pem").exists());
    // Without a certificate the server does not start outside demo mode.
    let mut unsigned = config.clone();
    unsigned.signing = None;
    let refused = build_state(&unsigned, db).err().unwrap();
    assert!(refused.contains("QY_SIGNING_CERT"), "{refused}");
    assert!(!data.join("keys").join("ca.pem").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn verify_reads_no_more_than_a_contract_needs() {
    let (app, _) = app_and_ctx().await;
    let max = domain::verification::MAX_UPLOAD_BYTES;
    // One byte over the limit, in a body the router's own limit still lets through:
    // the handler stops reading and names the field.
    let over = vec![b'%'; max + 1];
    let res = send(
        &app,
        multipart(&[
            ("number", None, b"QY-20261123-000042"),
            ("file", Some("big.pdf"), &over),
        ]),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers()[header::LOCATION],
        "/verify?number=QY-20261123-000042&error=too_large"
    );
    let page = send(
        &app,
        get("/verify?number=QY-20261123-000042&error=too_large", None),
    )
    .await;
    let html = body_text(page).await;
    assert!(
        html.contains(&(app::i18n::ZH_CN.verify_too_large)(
            domain::verification::MAX_UPLOAD_MIB
        )),
        "{html}"
    );
    // Far over: the body limit cuts the request off, with the same answer.
    let huge = vec![b'%'; max * 3];
    let res = send(
        &app,
        multipart(&[
            ("number", None, b"QY-20261123-000042"),
            ("file", Some("huge.pdf"), &huge),
        ]),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .ends_with("error=too_large"));
    // A file just under the limit is read and hashed: a verdict, not an error.
    let under = vec![b'%'; max - 1024];
    let page = verify(
        &app,
        &[
            ("number", None, b"QY-20261123-000042"),
            ("file", Some("other.pdf"), &under),
        ],
    )
    .await;
    assert!(
        page.contains((app::i18n::ZH_CN.verdict)(
            domain::verification::HashVerdict::NoMatch
        )),
        "{page}"
    );
    let sha = service::platform::storage::sha256_hex(&under);
    assert!(
        page.contains(&sha),
        "the streamed hash is the file's: {page}"
    );
}
