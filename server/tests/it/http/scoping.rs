//! Every answer is scoped to the signed-in account; bad input is a field error, never a 500.

#[allow(unused_imports)]
use super::*;

#[tokio::test]
async fn invalid_party_a_is_422_with_field_errors_not_500() {
    let app = app().await;
    let cookie = login(&app, "ent_demo").await;
    let form =
        "input[address]=x&input[contact]=&input[phone]=123&input[email]=nope&input[postcode]=1";
    let res = send(&app, call("/fn/party_a/save", form, Some(&cookie))).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: app::error::AppError = answer(res).await;
    let fields = error.fields().expect("field errors");
    for field in ["address", "contact", "phone", "email", "postcode"] {
        assert!(
            fields.get(field).is_some(),
            "no error for {field}: {error:?}"
        );
    }
    // Garbage that is not even the right shape is a client error too.
    let res = send(&app, call("/fn/party_a/save", "%%%", Some(&cookie))).await;
    assert!(res.status().is_client_error(), "{}", res.status());
}

#[tokio::test]
async fn an_account_reads_and_writes_only_its_own_party_a() {
    let app = app().await;
    let ent = login(&app, "ent_demo").await;
    let ind = login(&app, "ind_demo").await;

    let ent_view = body_text(send(&app, call("/fn/party_a", "", Some(&ent))).await).await;
    assert!(ent_view.contains("星河大厦"), "{ent_view}");
    let ind_view = body_text(send(&app, call("/fn/party_a", "", Some(&ind))).await).await;
    assert!(!ind_view.contains("星河大厦"), "{ind_view}");
    assert!(ind_view.contains("王小明"), "{ind_view}");

    let form = encode_form(&[
        ("input[address]", "北京市海淀区示例路 9 号"),
        ("input[contact]", "王小明"),
        ("input[phone]", "13900001111"),
        ("input[email]", "wang@example.cn"),
        ("input[postcode]", "100080"),
    ]);
    let res = send(&app, call("/fn/party_a/save", &form, Some(&ind))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let ent_after = body_text(send(&app, call("/fn/party_a", "", Some(&ent))).await).await;
    assert!(
        ent_after.contains("星河大厦") && !ent_after.contains("海淀区"),
        "{ent_after}"
    );
}

#[tokio::test]
async fn contracts_and_their_pdfs_are_served_to_their_owner_only() {
    let (app, ctx) = app_and_ctx().await;
    let ent = login(&app, "ent_demo").await;
    let ind = login(&app, "ind_demo").await;
    let number = create_framework(&app, &ent).await;
    assert!(number.starts_with("QY-"), "{number}");
    service::worker::Worker::new(ctx.clone(), Default::default())
        .run_once()
        .await
        .unwrap();

    let page = send(&app, get(&format!("/contracts/{number}"), Some(&ent))).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(body_text(page).await.contains(&number));
    assert_eq!(
        send(&app, get(&format!("/contracts/{number}"), Some(&ind)))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    let pdf_path = format!("/contracts/{number}/pdf/draft");
    let res = send(&app, get(&pdf_path, Some(&ent))).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/pdf");
    let disposition = res.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.contains(&format!("{number}-%E8%8D%89%E7%A8%BF.pdf")),
        "{disposition}"
    );
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 24)
        .await
        .unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(
        send(&app, get(&pdf_path, Some(&ind))).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        send(
            &app,
            get(&format!("/contracts/{number}/pdf/formal"), Some(&ent))
        )
        .await
        .status(),
        StatusCode::NOT_FOUND
    );
    // Signed out: sent to the login page, nothing served.
    assert_eq!(
        send(&app, get(&pdf_path, None)).await.status(),
        StatusCode::SEE_OTHER
    );

    // Another account cannot operate on it either.
    let op = serde_json::json!({ "number": number, "operation": "void" });
    assert_eq!(
        send(&app, json("/fn/contracts/operate", op.clone(), &ind))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    // A second framework contract is refused with the rule's reason (R3) …
    let body = serde_json::json!({ "contract": {
        "kind": "framework", "channel": "single", "item_ids": [], "confirmed": true,
        "party_a": { "address": "上海市浦东新区示例路 88 号", "contact": "张三", "phone": "13800138000",
                     "email": "a@example.cn", "postcode": "200120" } } });
    let res = send(&app, json("/fn/contracts/create", body, &ent)).await;
    let refusal = refused(res).await;
    assert_eq!(
        refusal,
        domain::Refused::Gate(domain::gate::CreationBlock::FrameworkExists)
    );
    assert_eq!(refusal.to_string(), domain::text::GATE_FRAMEWORK_EXISTS);
    // … and the owner's void goes through.
    assert_eq!(
        send(&app, json("/fn/contracts/operate", op, &ent))
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_altered_stored_pdf_is_not_served() {
    let (app, ctx) = app_and_ctx().await;
    let ent = login(&app, "ent_demo").await;
    let number = create_framework(&app, &ent).await;
    service::worker::Worker::new(ctx.clone(), Default::default())
        .run_once()
        .await
        .unwrap();
    let account = service::identity::accounts::find_by_login(&ctx.db, "ent_demo")
        .await
        .unwrap()
        .unwrap()
        .id;
    let contract = service::contracts::find_for_account(
        &ctx.db,
        account,
        &domain::ContractNumber::parse(&number).unwrap(),
    )
    .await
    .unwrap();
    let key = contract.draft_pdf.unwrap().key;
    let root = ctx.storage.clone();
    let bytes = root.get(&key).await.unwrap();
    let mut altered = bytes.clone();
    let middle = altered.len() / 2;
    altered[middle] ^= 0x01;
    // Overwrite the stored file in place (what a disk error or an intruder would do).
    let path = walk_for(key.as_str());
    std::fs::write(&path, &altered).unwrap();
    let res = send(
        &app,
        get(&format!("/contracts/{number}/pdf/draft"), Some(&ent)),
    )
    .await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
}

/// The stored file of `key` under the test data folders.
fn walk_for(key: &str) -> std::path::PathBuf {
    let tmp = std::env::temp_dir();
    for entry in std::fs::read_dir(&tmp).unwrap().flatten() {
        let candidate = entry.path().join("documents").join(&key[..2]).join(key);
        if candidate.exists() {
            return candidate;
        }
    }
    panic!("stored document {key} not found");
}

#[tokio::test]
async fn the_dev_outbox_is_served_only_when_configured_and_escapes_its_messages() {
    let (off, _) = app_with(false).await;
    assert_eq!(
        send(&off, get("/dev/outbox", None)).await.status(),
        StatusCode::NOT_FOUND
    );

    let (app, ctx) = app_with(true).await;
    let message = service::sms::SmsMessage {
        account_id: 1,
        phone: "13900000001".into(),
        text: service::sms::SmsText::ApprovalCode {
            code: "123456".into(),
            signer: "<script>alert(1)</script>".into(),
        },
        lang: domain::Lang::ZhCn,
    };
    ctx.sms.send(&message).await.unwrap();
    let res = send(&app, get("/dev/outbox", None)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CACHE_CONTROL], "no-store");
    let html = body_text(res).await;
    assert!(html.contains("123456"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(!html.contains("<script>alert"), "{html}");
}

#[tokio::test]
async fn dual_steps_answer_their_owner_only_and_bad_input_is_a_field_error() {
    let (app, ctx) = app_with(false).await;
    let ind = login(&app, "ind_demo").await;
    let ent = login(&app, "ent_demo").await;
    let body = serde_json::json!({ "contract": {
        "kind": "framework", "channel": "dual", "item_ids": [], "confirmed": false,
        "party_a": { "address": "", "contact": "", "phone": "", "email": "", "postcode": "" } } });
    let res = send(&app, json("/fn/contracts/create", body, &ind)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let number: String = answer(res).await;

    // ent_demo has not activated e-sign: the dual channel is refused with the reason.
    let body = serde_json::json!({ "contract": {
        "kind": "framework", "channel": "dual", "item_ids": [], "confirmed": false,
        "party_a": { "address": "", "contact": "", "phone": "", "email": "", "postcode": "" } } });
    let res = send(&app, json("/fn/contracts/create", body, &ent)).await;
    let refusal = refused(res).await;
    assert_eq!(refusal, domain::Refused::EsignNotActivated);
    assert!(refusal.to_string().contains("开通电子签署"));

    let party_a = serde_json::json!({ "number": number, "confirmed": true, "party_a": {
        "address": "北京市海淀区示例路 1 号", "contact": "王小明", "phone": "13800138001",
        "email": "wang@example.cn", "postcode": "100080" } });
    // Another account's contract is not found.
    let res = send(&app, json("/fn/dual/party_a", party_a.clone(), &ent)).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = send(&app, json("/fn/dual/party_a", party_a, &ind)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let worker = service::worker::Worker::new(ctx.clone(), Default::default());
    while worker.run_once().await.unwrap() {}
    let confirm = serde_json::json!({ "number": number, "operation": "confirm_text" });
    assert_eq!(
        send(&app, json("/fn/contracts/operate", confirm, &ind))
            .await
            .status(),
        StatusCode::OK
    );
    let choice =
        serde_json::json!({ "number": number, "choice": { "kind": "myself", "phone": "12345" } });
    let res = send(&app, json("/fn/dual/signer", choice, &ind)).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problems(res).await.contains(&Check::MobileInvalid.into()));
    let choice = serde_json::json!({ "number": number, "choice": { "kind": "myself", "phone": "13900000021" } });
    let res = send(&app, json("/fn/dual/signer", choice, &ind)).await;
    assert_eq!(res.status(), StatusCode::OK);

    // A malformed code and a hostile drawing are field errors, never a 500.
    let sign = serde_json::json!({ "number": number, "code": "12ab56", "strokes": [[[0.1, 0.1], [0.9, 0.9]]] });
    let res = send(&app, json("/fn/dual/sign", sign, &ind)).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let sign = serde_json::json!({ "number": number, "code": "123456", "strokes": [[[5.0, 0.1], [0.9, 0.9]]] });
    let res = send(&app, json("/fn/dual/sign", sign, &ind)).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problems(res)
        .await
        .contains(&Check::SignatureInvalid.into()));
    let sign = serde_json::json!({ "number": number, "code": "123456", "strokes": "not strokes" });
    let res = send(&app, json("/fn/dual/sign", sign, &ind)).await;
    assert!(res.status().is_client_error(), "{}", res.status());
}

#[tokio::test]
async fn the_operator_console_is_an_ordinary_404_page_for_customers() {
    let app = app().await;
    let customer = login(&app, "ent_demo").await;
    let operator = login(&app, "ops_demo").await;
    for path in ["/ops", "/ops/contracts/QY-20261130-000001"] {
        let res = send(&app, get(path, Some(&customer))).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        let html = body_text(res).await;
        assert!(html.contains(app::i18n::ZH_CN.not_found_title), "{path}");
        // Nothing of the console: not its title, not its navigation.
        assert!(
            !html.contains(app::i18n::console::ops_words::ZH_CN.ops_title),
            "{path}"
        );
        assert!(!html.contains(app::i18n::console::ZH_CN.nav_ops), "{path}");
    }
    let res = send(&app, get("/ops", Some(&operator))).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body_text(res)
        .await
        .contains(app::i18n::console::ops_words::ZH_CN.ops_title));
}

#[tokio::test]
async fn an_api_key_from_the_console_needs_the_operators_password_again() {
    let (app, ctx) = app_and_ctx().await;
    let ops = login(&app, "ops_demo").await;
    let create = |password: &str| {
        json(
            "/fn/ops/keys/create",
            serde_json::json!({ "name": "reporting", "scope": "read", "valid_days": 30,
                                "password": password }),
            &ops,
        )
    };
    let keys = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM api_keys")
            .fetch_one(&ctx.db.pool)
            .await
            .unwrap()
    };
    let before = keys().await;
    let res = send(&app, create("Not-the-password-1")).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: app::error::AppError = answer(res).await;
    assert_eq!(
        error.fields().and_then(|f| f.get("password")),
        Some(&domain::FieldProblem::Check(Check::CurrentPasswordWrong)),
        "{error:?}"
    );
    assert_eq!(keys().await, before, "no key without the password");

    let res = send(&app, create("Qianyue-2026")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let key: String = answer(res).await;
    assert!(key.starts_with("qy_"), "{key}");
    let (scope, expires_at, created_at): (String, Option<i64>, i64) = sqlx::query_as(
        "SELECT scope, expires_at, created_at FROM api_keys ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&ctx.db.pool)
    .await
    .unwrap();
    assert_eq!(scope, "read");
    assert_eq!(expires_at, Some(created_at + 30 * 86_400_000));
}

/// R21: self-service real-name verification is a demo convenience. Outside demo mode
/// the server function refuses, with the reason, and the account stays unverified; in
/// demo mode the same call verifies it.
#[tokio::test]
async fn real_name_verification_is_self_service_only_in_demo_mode() {
    let form = "subject_name=示例新企业有限公司&id_number=91350100M000100Y43";
    for demo in [false, true] {
        let (app, ctx) = app_with_config("qy_realname", demo, |_| {}).await;
        let cookie = login(&app, "new_demo").await;
        let res = send(&app, call("/fn/account/verify", form, Some(&cookie))).await;
        let account = service::identity::accounts::find_by_login(&ctx.db, "new_demo")
            .await
            .unwrap()
            .unwrap();
        if demo {
            assert_eq!(res.status(), StatusCode::OK);
            assert!(account.subject_name.is_some(), "verified in demo mode");
        } else {
            assert_eq!(
                refused(res).await,
                domain::Refused::DemoVerificationOff,
                "the reason is given"
            );
            assert!(account.subject_name.is_none(), "still unverified");
        }
    }
}
