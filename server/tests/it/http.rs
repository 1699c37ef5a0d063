//! HTTP-level tests of the real router (no socket): authentication, session cookies,
//! CSRF, status codes for bad input, and scoping to the signed-in account.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use domain::Check;
use server::{build_state, Config};
use service::Db;

use crate::common::{
    answer, app_with_config, body_text, call, font_dir, get, json, login, refused, send, HOST,
};

/// The problems of an answer's field errors (a 422).
async fn problems(res: axum::response::Response) -> Vec<domain::FieldProblem> {
    let error: app::error::AppError = answer(res).await;
    let fields = error
        .fields()
        .unwrap_or_else(|| panic!("no field errors: {error:?}"));
    fields.iter().map(|(_, problem)| problem.clone()).collect()
}

async fn app() -> Router {
    app_and_ctx().await.0
}

async fn app_and_ctx() -> (Router, service::Ctx) {
    app_with(false).await
}

/// An app in demo mode on a fresh seeded database; `dev_outbox` turns on `/dev/outbox`.
async fn app_with(dev_outbox: bool) -> (Router, service::Ctx) {
    app_with_config("qy_http", true, |config| config.dev_outbox = dev_outbox).await
}

/// `application/x-www-form-urlencoded`, as a browser encodes a form.
fn encode_form(pairs: &[(&str, &str)]) -> String {
    let encode = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[tokio::test]
async fn public_pages_render_and_unknown_pages_are_404() {
    let app = app().await;
    for (path, needle) in [
        ("/", "合同中心"),
        ("/guide", "<svg"),
        ("/faq", "常见问题"),
        ("/templates", "/templates/order.pdf"),
    ] {
        let res = send(&app, get(path, None)).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let html = body_text(res).await;
        assert!(html.contains(needle), "{path} lacks {needle}");
        assert!(
            html.contains(r#"<meta name="description""#),
            "{path} lacks a description"
        );
    }
    assert_eq!(
        send(&app, get("/no-such-page", None)).await.status(),
        StatusCode::NOT_FOUND
    );
}

/// A public page answers in the negotiated language and says so to caches: `?lang=` over
/// the cookie over `Accept-Language` (the negotiation itself: app::i18n's unit tests).
#[tokio::test]
async fn public_pages_answer_in_the_negotiated_language() {
    let app = app().await;
    let page = |path: &str, header: Option<(header::HeaderName, &str)>| {
        let mut req = Request::get(path).header(header::HOST, HOST);
        if let Some((name, value)) = header {
            req = req.header(name, value);
        }
        req.body(Body::empty()).unwrap()
    };
    let res = send(
        &app,
        page("/guide", Some((header::ACCEPT_LANGUAGE, "en-US,en;q=0.9"))),
    )
    .await;
    assert_eq!(res.headers()[header::CONTENT_LANGUAGE], "en");
    let vary: Vec<_> = res.headers().get_all(header::VARY).iter().collect();
    assert!(
        vary.iter()
            .any(|v| v.to_str().unwrap().contains("Accept-Language")),
        "{vary:?}"
    );
    let html = body_text(res).await;
    assert!(html.contains(r#"<html lang="en">"#) && html.contains("How to apply"));
    assert!(
        html.contains(r#"hreflang="zh-CN" href="http://127.0.0.1:3000/guide?lang=zh-CN""#),
        "{html}"
    );

    // A choice in the query is kept in a cookie, and the cookie beats the header.
    let res = send(
        &app,
        page("/faq?lang=zh-CN", Some((header::ACCEPT_LANGUAGE, "en"))),
    )
    .await;
    assert_eq!(res.headers()[header::CONTENT_LANGUAGE], "zh-CN");
    let cookie = res.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("lang=zh-CN;"), "{cookie}");
    let mut req = page("/faq", Some((header::ACCEPT_LANGUAGE, "en")));
    req.headers_mut()
        .insert(header::COOKIE, "lang=zh-CN".parse().unwrap());
    assert!(body_text(send(&app, req).await).await.contains("常见问题"));

    // A host that is not a plain host[:port] is not echoed into the links.
    let mut req = page("/guide", None);
    req.headers_mut()
        .insert(header::HOST, "evil.example/x?y=\"z".parse().unwrap());
    let html = body_text(send(&app, req).await).await;
    assert!(
        !html.contains(r#"rel="alternate""#) && !html.contains("evil.example"),
        "{html}"
    );

    // The console's pages follow the same negotiation.
    let res = send(&app, page("/login", Some((header::ACCEPT_LANGUAGE, "en")))).await;
    assert_eq!(res.headers()[header::CONTENT_LANGUAGE], "en");
    let html = body_text(res).await;
    assert!(html.contains(r#"<html lang="en">"#), "{html}");
    assert!(html.contains(app::i18n::console::EN.login_title), "{html}");
    let res = send(
        &app,
        page("/login", Some((header::ACCEPT_LANGUAGE, "zh-CN"))),
    )
    .await;
    assert!(body_text(res)
        .await
        .contains(app::i18n::console::ZH_CN.login_title));
}

#[tokio::test]
async fn template_samples_are_public_pdfs_marked_as_samples() {
    let app = app().await;
    let page = body_text(send(&app, get("/templates", None)).await).await;
    let dir = crate::tools::temp_dir("templates");
    for kind in domain::ContractType::ALL {
        let path = format!("/templates/{}.pdf", kind.as_str());
        assert!(page.contains(&path), "the page links {path}");
        assert!(page.contains(kind.template_version()), "{path}: version");
        // Signed out, and twice: the second answer comes from memory and is the same.
        let first = send(&app, get(&path, None)).await;
        assert_eq!(first.status(), StatusCode::OK, "{path}");
        assert_eq!(first.headers()[header::CONTENT_TYPE], "application/pdf");
        assert!(first.headers()[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("inline;"));
        let bytes = axum::body::to_bytes(first.into_body(), 1 << 22)
            .await
            .unwrap();
        let again = send(&app, get(&path, None)).await;
        let again = axum::body::to_bytes(again.into_body(), 1 << 22)
            .await
            .unwrap();
        assert_eq!(bytes, again, "{path}: one rendering per type");
        let file = dir.join(format!("{}.pdf", kind.as_str()));
        std::fs::write(&file, &bytes).unwrap();
        let text = crate::tools::squash(&crate::tools::pdftotext(&file, None));
        for needle in [
            domain::text::SAMPLE_PARTY_A_NAME,
            kind.template_version(),
            "第一条",
        ] {
            assert!(
                text.contains(&crate::tools::squash(needle)),
                "{path}: {needle}"
            );
        }
    }
    for path in [
        "/templates/invoice.pdf",
        "/templates/order",
        "/templates/..%2Forder.pdf",
    ] {
        assert_eq!(
            send(&app, get(path, None)).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn console_pages_and_server_functions_refuse_signed_out_visitors() {
    let app = app().await;
    for path in ["/contracts", "/party-a", "/account", "/esign"] {
        let res = send(&app, get(path, None)).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{path}");
        let location = res.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_string();
        assert_eq!(location, format!("/login?next={path}"), "{path}");
    }
    for path in ["/fn/party_a", "/fn/account", "/fn/contracts/home"] {
        let res = send(&app, call(path, "", None)).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    let form = "input[address]=x&input[contact]=y&input[phone]=1&input[email]=e&input[postcode]=1";
    let res = send(&app, call("/fn/party_a/save", form, None)).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

/// Served over HTTPS (the default, on any address: a TLS proxy on the same host reaches
/// the server on loopback): the cookies are `Secure` with the `__Host-` prefix and every
/// answer carries HSTS.
#[tokio::test]
async fn by_default_cookies_are_secure_host_cookies_and_answers_carry_hsts() {
    let (app, _) = app_with_config("qy_https", true, |_| {}).await;
    let res = send(
        &app,
        call("/fn/login", "login=ent_demo&password=Qianyue-2026", None),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    for name in ["__Host-qy_session", "__Host-qy_device"] {
        let set_cookie = crate::common::set_cookie(&res, name).unwrap_or_else(|| panic!("{name}"));
        assert!(set_cookie.contains("; Secure"), "{set_cookie}");
        assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
        assert!(set_cookie.contains("Path=/"), "{set_cookie}");
        assert!(!set_cookie.contains("Domain"), "{set_cookie}");
    }
    for path in ["/", "/login", "/healthz", "/no-such-page"] {
        let res = send(&app, get(path, None)).await;
        assert_eq!(
            res.headers()[header::STRICT_TRANSPORT_SECURITY],
            "max-age=31536000",
            "{path}"
        );
    }
}

/// The local demo over plain HTTP turns it off explicitly (`QY_SECURE_COOKIES=0`).
#[tokio::test]
async fn login_sets_a_hardened_session_cookie_and_logout_ends_it() {
    let (app, _) = app_with_config("qy_http", true, |config| config.secure_cookies = false).await;
    let res = send(
        &app,
        call("/fn/login", "login=ent_demo&password=Qianyue-2026", None),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let set_cookie = crate::common::set_cookie(&res, "qy_session").expect("session cookie");
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(
        !set_cookie.contains("Secure"),
        "no Secure when turned off for plain HTTP: {set_cookie}"
    );
    assert!(!res
        .headers()
        .contains_key(header::STRICT_TRANSPORT_SECURITY));
    let cookie = set_cookie.split(';').next().unwrap().to_string();

    let res = send(&app, get("/contracts", Some(&cookie))).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body_text(res).await.contains("星河示例数字科技"));

    assert_eq!(
        send(&app, call("/fn/logout", "", Some(&cookie)))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        send(&app, get("/contracts", Some(&cookie))).await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn bad_credentials_are_401_and_repeated_failures_429() {
    let app = app().await;
    for _ in 0..5 {
        let res = send(
            &app,
            call("/fn/login", "login=ind_demo&password=wrong-pass-1", None),
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = send(
        &app,
        call("/fn/login", "login=ind_demo&password=Qianyue-2026", None),
    )
    .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    // Typed: the page words it in its language.
    let error: app::error::AppError = answer(res).await;
    assert!(
        matches!(error, app::error::AppError::LoginThrottled { .. }),
        "{error:?}"
    );
}

/// Anonymous login traffic cannot exhaust the server or guess through the throttle: a
/// burst of 300 logins with made-up names and 200 on one login is answered 401, 429 or
/// 503 — never 500, never a sign-in. A guesser asks again when told the server is busy
/// (busy is not charged, so that costs it nothing); once its guesses passed the cap, the
/// right password from it is refused too, and an account nobody attacked still signs in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_logins_is_refused_cleanly_and_signs_nobody_in() {
    let app = app().await;
    let mut burst = tokio::task::JoinSet::new();
    for n in 0..500 {
        let form = match n {
            0..300 => format!("login=burst_{n}&password=wrong-pass-1"),
            _ => "login=ind_demo&password=wrong-pass-1".to_string(),
        };
        let app = app.clone();
        burst.spawn(async move {
            let mut busy = 0;
            loop {
                let res = send(&app, call("/fn/login", &form, None)).await;
                let retry_after = res.headers().contains_key(header::RETRY_AFTER);
                if res.status() != StatusCode::SERVICE_UNAVAILABLE || busy == 200 {
                    return (res.status(), retry_after, busy);
                }
                assert!(retry_after, "503 without Retry-After");
                busy += 1;
                tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            }
        });
    }
    let mut counts = std::collections::BTreeMap::new();
    let mut busy_answers = 0;
    while let Some(result) = burst.join_next().await {
        let (status, retry_after, busy) = result.unwrap();
        busy_answers += busy;
        assert!(
            [StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS].contains(&status),
            "{status}"
        );
        if status != StatusCode::UNAUTHORIZED {
            assert!(retry_after, "{status} without Retry-After");
        }
        *counts.entry(status.as_u16()).or_insert(0) += 1;
    }
    eprintln!("statuses: {counts:?}, {busy_answers} busy answers on the way");
    assert!(
        counts.contains_key(&429),
        "the one-login burst was not throttled"
    );
    let res = send(
        &app,
        call("/fn/login", "login=ind_demo&password=Qianyue-2026", None),
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the right password after the guesses"
    );
    login(&app, "ent_demo").await;
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = app().await;
    let req = Request::post("/fn/login")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, "http://evil.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("login=ent_demo&password=Qianyue-2026"))
        .unwrap();
    let res = send(&app, req).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.headers().get(header::SET_COOKIE).is_none());
}

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

pub(crate) async fn create_framework(app: &Router, cookie: &str) -> String {
    let body = serde_json::json!({ "contract": {
        "kind": "framework", "channel": "single", "item_ids": [], "confirmed": true,
        "party_a": { "address": "上海市浦东新区示例路 88 号", "contact": "张三", "phone": "13800138000",
                     "email": "a@example.cn", "postcode": "200120" } } });
    let res = send(app, json("/fn/contracts/create", body, cookie)).await;
    assert_eq!(res.status(), StatusCode::OK);
    answer(res).await
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
    let account = service::accounts::find_by_login(&ctx.db, "ent_demo")
        .await
        .unwrap()
        .unwrap()
        .id;
    let contract = service::contracts::find_for_account(&ctx.db, account, &number)
        .await
        .unwrap();
    let key = contract.draft_pdf.unwrap().key;
    let root = ctx.storage.clone();
    let bytes = root.get(&key).await.unwrap();
    let mut altered = bytes.clone();
    let middle = altered.len() / 2;
    altered[middle] ^= 0x01;
    // Overwrite the stored file in place (what a disk error or an intruder would do).
    let path = walk_for(&key);
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
        page.contains((app::i18n::ZH_CN.signature_check)("valid")),
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
        page.contains((app::i18n::ZH_CN.signature_check)("altered")),
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
    let sha = service::storage::sha256_hex(&genuine);
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

/// The browser hydrates resource N with the server's `__RESOLVED_RESOURCES[N]`; a resource
/// created inside a suspended branch is numbered differently on the two sides (the
/// server may build the branch more than once), and the page then fails to hydrate.
/// Pages create their resources up front, so the server's numbers are 0, 1, 2, … .
#[tokio::test]
async fn console_pages_number_their_resources_without_gaps() {
    let (app, ctx) = app_and_ctx().await;
    let ent = login(&app, "ent_demo").await;
    let ops = login(&app, "ops_demo").await;
    let number = create_framework(&app, &ent).await;
    service::worker::Worker::new(ctx.clone(), Default::default())
        .run_once()
        .await
        .unwrap();
    for (path, cookie) in [
        "/contracts".to_string(),
        "/contracts/new/order".to_string(),
        "/contracts/new/framework".to_string(),
        format!("/contracts/{number}"),
        "/party-a".to_string(),
        "/esign".to_string(),
        "/account".to_string(),
    ]
    .into_iter()
    .map(|path| (path, ent.clone()))
    .chain(
        ["/ops".to_string(), format!("/ops/contracts/{number}")]
            .into_iter()
            .map(|path| (path, ops.clone())),
    ) {
        let html = body_text(send(&app, get(&path, Some(&cookie))).await).await;
        let mut ids: Vec<usize> = html
            .match_indices("__RESOLVED_RESOURCES[")
            .filter_map(|(at, needle)| {
                let rest = &html[at + needle.len()..];
                rest[..rest.find(']')?].parse().ok()
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        assert!(!ids.is_empty(), "{path}: no resources");
        assert_eq!(ids, (0..ids.len()).collect::<Vec<_>>(), "{path}");
    }
}

/// Every pooled SQLite connection sees a session as soon as login has committed it (a
/// connection pinned to an old read snapshot once made every other request anonymous).
#[tokio::test]
async fn a_new_session_is_seen_by_every_following_request() {
    let (app, ctx) = app_and_ctx().await;
    // The background worker polls the job table meanwhile, as in the server.
    let (stop, stop_rx) = tokio::sync::watch::channel(false);
    let worker =
        tokio::spawn(service::worker::Worker::new(ctx.clone(), Default::default()).run(stop_rx));
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    for who in ["ent_demo", "ind_demo", "ent_demo"] {
        let cookie = login(&app, who).await;
        for i in 0..12 {
            let res = send(&app, get("/party-a", Some(&cookie))).await;
            assert_eq!(res.status(), StatusCode::OK, "{who}: request {i}");
        }
    }
    stop.send(true).unwrap();
    worker.await.unwrap();
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
async fn every_answer_carries_the_security_headers() {
    let app = app().await;
    let cookie = login(&app, "ent_demo").await;
    for (path, cookie) in [
        ("/", None),
        ("/contracts", Some(cookie.as_str())),
        ("/templates/order.pdf", None),
        ("/api/v1/openapi.json", None),
        ("/no-such-page", None),
    ] {
        let res = send(&app, get(path, cookie)).await;
        let headers = res.headers();
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(headers[header::X_FRAME_OPTIONS], "SAMEORIGIN", "{path}");
        assert_eq!(headers[header::REFERRER_POLICY], "same-origin", "{path}");
        let policy = headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            policy.contains("frame-ancestors 'self'"),
            "{path}: {policy}"
        );
        assert!(policy.contains("form-action 'self'"), "{path}: {policy}");
        let body = body_text(res).await;
        if path == "/" {
            // A public page is plain HTML, kept as such: no script, and none allowed.
            assert!(policy.contains("script-src 'none'"), "{path}: {policy}");
            assert!(!body.contains("<script"), "{path}: {body}");
            continue;
        }
        if path.ends_with(".pdf") || path.ends_with(".json") {
            assert!(!policy.contains("script-src"), "{path}: {policy}");
            continue;
        }
        // Pages: scripts run only with this response's nonce, and every inline script
        // Leptos wrote carries it.
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_else(|| panic!("{path}: no nonce in {policy}"));
        assert!(nonce.len() >= 16, "{path}: {nonce}");
        let scripts = body.matches("<script").count();
        assert!(scripts > 0, "{path}");
        assert_eq!(
            body.matches(&format!("nonce=\"{nonce}\"")).count(),
            scripts,
            "{path}: a script without the nonce"
        );
    }
    // A new nonce for every page that runs script.
    let first = send(&app, get("/login", None)).await;
    let second = send(&app, get("/login", None)).await;
    assert_ne!(
        first.headers()[header::CONTENT_SECURITY_POLICY],
        second.headers()[header::CONTENT_SECURITY_POLICY]
    );
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
    let sha = service::storage::sha256_hex(&under);
    assert!(
        page.contains(&sha),
        "the streamed hash is the file's: {page}"
    );
}

#[tokio::test]
async fn page_views_write_no_session_and_an_active_session_is_kept_alive() {
    let (app, ctx) = app_and_ctx().await;
    let cookie = login(&app, "ent_demo").await;
    // Stored under the SHA-256 of the cookie's id (`session_store::stored_id`).
    let id = cookie.split_once('=').expect("the session cookie").1;
    let id = service::storage::sha256_hex(id.as_bytes());
    let plain: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE id = $1")
        .bind(cookie.split_once('=').unwrap().1)
        .fetch_one(&ctx.db.pool)
        .await
        .unwrap();
    assert_eq!(
        plain, 0,
        "no session is stored under the cookie's own value"
    );
    let row = || async {
        sqlx::query_as::<_, (i64, String)>("SELECT expires_at, data FROM sessions WHERE id = $1")
            .bind(&id)
            .fetch_one(&ctx.db.pool)
            .await
            .unwrap()
    };
    let signed_in = row().await;
    for path in ["/contracts", "/account", "/contracts"] {
        let res = send(&app, get(path, Some(&cookie))).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert!(res.headers().get(header::SET_COOKIE).is_none(), "{path}");
    }
    assert_eq!(row().await, signed_in, "page views wrote nothing");

    // Six minutes on (the touch and the expiry moved back in the row), the next view
    // pushes the expiry back by the whole inactivity period and renews the cookie.
    let mut data: serde_json::Value = serde_json::from_str(&signed_in.1).unwrap();
    let touched = data["touched_at"].as_i64().expect("touched at sign-in");
    data["touched_at"] = (touched - 6 * 60_000).into();
    let aged = signed_in.0 - 6 * 60_000;
    sqlx::query("UPDATE sessions SET data = $1, expires_at = $2 WHERE id = $3")
        .bind(data.to_string())
        .bind(aged)
        .bind(&id)
        .execute(&ctx.db.pool)
        .await
        .unwrap();
    let res = send(&app, get("/contracts", Some(&cookie))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let renewed = res.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        renewed.starts_with(&format!("{cookie};")) && renewed.contains("Max-Age=43200"),
        "{renewed}"
    );
    let (expires_at, _) = row().await;
    let now = service::clock::wall_clock_ms();
    assert!(
        expires_at > aged && (expires_at - now - 12 * 3_600_000).abs() < 60_000,
        "expires {expires_at}, now {now}"
    );
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
        let account = service::accounts::find_by_login(&ctx.db, "new_demo")
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

/// Each use of a SQLite connection is a round trip to its thread, and those were over a
/// third of a page view's CPU: the signed-in contract home reads the account with its
/// session once (the console's gate, not once per part of the page), the creation gate
/// with party A in one query, and its list — three uses, however many parts ask for the
/// account.
#[tokio::test]
async fn the_contract_home_uses_three_connections_per_view() {
    let (app, ctx) = app_and_ctx().await;
    let cookie = login(&app, "ent_demo").await;
    let mut uses = Vec::new();
    for _ in 0..2 {
        let before = ctx.db.connection_uses();
        let res = send(&app, get("/contracts", Some(&cookie))).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(body_text(res).await.contains("星河示例数字科技"));
        settled(&ctx.db).await;
        uses.push(ctx.db.connection_uses() - before);
    }
    // The first view may push the session's expiry back (a write); the next does not.
    assert_eq!(uses[1], 3, "connection uses per view: {uses:?}");
}

/// Waits (boundedly) until every connection is back in the pool: the pool returns a
/// connection in a task of its own, after the answer may have gone out.
async fn settled(db: &Db) {
    for _ in 0..500 {
        if db.pool.num_idle() == db.pool.size() as usize {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("connections still out after 5 s");
}
