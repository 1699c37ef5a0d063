//! The public pages: rendered, in the negotiated language, the template samples.

#[allow(unused_imports)]
use super::*;

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
