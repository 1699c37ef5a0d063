//! The bundle as browsers get it: content-hashed names in the HTML, precompressed files
//! chosen by `Accept-Encoding`, a year's immutable caching for them, 304 for a file the
//! browser has, and HTML that is revalidated on every visit; public pages without the
//! bundle's code.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;

use crate::common::{app_with_config, body_text, get, login, scratch_path, send};

const BUNDLE: &str = "0123456789abcdef/qianyue";

/// A site as `scripts/build.sh` lays it out, each variant with recognisable content.
fn site() -> std::path::PathBuf {
    let root = scratch_path("qy_site");
    let pkg = root.join("pkg");
    std::fs::create_dir_all(pkg.join(BUNDLE).parent().unwrap()).unwrap();
    std::fs::write(root.join("bundle.txt"), format!("{BUNDLE}\n")).unwrap();
    for file in [
        format!("{BUNDLE}.js"),
        format!("{BUNDLE}_bg.wasm"),
        format!("{BUNDLE}.css"),
    ] {
        std::fs::write(pkg.join(&file), format!("plain {file}")).unwrap();
        std::fs::write(pkg.join(format!("{file}.br")), format!("brotli {file}")).unwrap();
        std::fs::write(pkg.join(format!("{file}.gz")), format!("gzip {file}")).unwrap();
    }
    root
}

async fn app() -> Router {
    let root = site();
    app_with_config("qy_assets", true, |config| {
        config.site_root = root.display().to_string()
    })
    .await
    .0
}

fn fetch(path: &str, encodings: Option<&str>) -> Request<Body> {
    let mut req = get(path, None);
    if let Some(encodings) = encodings {
        req.headers_mut()
            .insert(header::ACCEPT_ENCODING, encodings.parse().unwrap());
    }
    req
}

#[tokio::test]
async fn pages_name_the_hashed_bundle_and_are_revalidated() {
    let app = app().await;
    let res = send(&app, get("/login", None)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CACHE_CONTROL], "no-cache");
    let html = body_text(res).await;
    for file in [
        format!("/pkg/{BUNDLE}.js"),
        format!("/pkg/{BUNDLE}_bg.wasm"),
        format!("/pkg/{BUNDLE}.css"),
    ] {
        assert!(html.contains(&file), "{file} in {html}");
    }
    // The public pages are plain HTML: the stylesheet, and nothing of the bundle's code.
    for path in ["/", "/guide", "/faq", "/templates", "/verify"] {
        let res = send(&app, get(path, None)).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.headers()[header::CACHE_CONTROL], "no-cache", "{path}");
        let html = body_text(res).await;
        assert!(
            html.contains(&format!("/pkg/{BUNDLE}.css")),
            "{path}: {html}"
        );
        for code in [
            format!("{BUNDLE}.js"),
            format!("{BUNDLE}_bg.wasm"),
            "modulepreload".into(),
        ] {
            assert!(!html.contains(&code), "{path} names {code}: {html}");
        }
    }
    // A signed-in page stays out of shared caches.
    let cookie = login(&app, "ent_demo").await;
    let res = send(&app, get("/contracts", Some(&cookie))).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CACHE_CONTROL], "private, no-cache");
    // A console page is whole in its first HTML (no loading placeholder to be replaced)
    // and starts the bundle after the page has loaded, with nothing preloaded in <head>
    // that would compete with the first paint (app/src/bundle_script.rs).
    let html = body_text(res).await;
    assert!(html.contains("id=\"records\""), "{html}");
    assert!(!html.contains(app::i18n::console::ZH_CN.loading), "{html}");
    assert!(!html.contains("preload"), "{html}");
    assert!(html.contains("addEventListener('load'"), "{html}");
    assert!(html.contains(&format!("/pkg/{BUNDLE}_bg.wasm")), "{html}");
}

#[tokio::test]
async fn bundle_files_are_precompressed_and_cached_for_good() {
    let app = app().await;
    let js = format!("/pkg/{BUNDLE}.js");
    for (accept, encoding, body) in [
        (Some("gzip, deflate, br"), Some("br"), "brotli"),
        (Some("gzip"), Some("gzip"), "gzip"),
        (None, None, "plain"),
    ] {
        let res = send(&app, fetch(&js, accept)).await;
        assert_eq!(res.status(), StatusCode::OK, "{accept:?}");
        assert_eq!(
            res.headers()
                .get(header::CONTENT_ENCODING)
                .map(|v| v.to_str().unwrap()),
            encoding,
            "{accept:?}"
        );
        assert_eq!(
            res.headers()[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        assert!(res.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .contains("javascript"));
        assert!(body_text(res).await.starts_with(body), "{accept:?}");
    }
    let wasm = send(&app, fetch(&format!("/pkg/{BUNDLE}_bg.wasm"), Some("br"))).await;
    assert_eq!(wasm.headers()[header::CONTENT_TYPE], "application/wasm");
    assert_eq!(wasm.headers()[header::CONTENT_ENCODING], "br");
    let vary = wasm.headers()[header::VARY]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(vary.contains("accept-encoding"), "{vary}");

    // The browser's copy is current: 304, no body.
    let res = send(&app, fetch(&js, Some("br"))).await;
    let modified = res.headers()[header::LAST_MODIFIED].clone();
    let mut again = fetch(&js, Some("br"));
    again
        .headers_mut()
        .insert(header::IF_MODIFIED_SINCE, modified);
    let res = send(&app, again).await;
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
    assert!(body_text(res).await.is_empty());

    // What is not there is not cached for a year.
    let res = send(&app, fetch("/pkg/qianyue.ffffffffffffffff.js", Some("br"))).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(res
        .headers()
        .get(header::CACHE_CONTROL)
        .is_none_or(|v| v != "public, max-age=31536000, immutable"));
}

/// Pages go gzip'ed to a browser that accepts it and as they are to one that does not;
/// answers that are not HTML are left alone (the bundle is compressed at build time).
#[tokio::test]
async fn pages_are_gzipped_for_browsers_that_accept_it() {
    use std::io::Read;
    let app = app().await;
    let plain = body_text(send(&app, fetch("/guide", None)).await).await;
    let res = send(&app, fetch("/guide", Some("gzip, deflate"))).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_ENCODING], "gzip");
    let vary: Vec<_> = res.headers().get_all(header::VARY).iter().collect();
    assert!(
        vary.iter().any(|v| v
            .to_str()
            .unwrap()
            .to_ascii_lowercase()
            .contains("accept-encoding")),
        "{vary:?}"
    );
    let gzipped = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    assert!(
        gzipped.len() * 2 < plain.len(),
        "{} of {}",
        gzipped.len(),
        plain.len()
    );
    let mut html = String::new();
    flate2::read::GzDecoder::new(&gzipped[..])
        .read_to_string(&mut html)
        .unwrap();
    // The same page (a nonce may differ between two renders, never its length).
    assert_eq!(html.len(), plain.len());
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("</html>"),
        "{html}"
    );
    // Without gzip in Accept-Encoding, as it is.
    let res = send(&app, fetch("/guide", Some("identity"))).await;
    assert!(res.headers().get(header::CONTENT_ENCODING).is_none());
    // Not HTML: as it is.
    let res = send(&app, fetch("/healthz", Some("gzip"))).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get(header::CONTENT_ENCODING).is_none());
}

/// The public pages are rendered once per language and origin, then served as kept
/// bytes (issue 33): the same bytes twice, a strong ETag and its 304, gzip'ed once.
#[tokio::test]
async fn public_pages_are_kept_with_a_strong_etag_and_a_precompressed_variant() {
    let app = app().await;
    let first = send(&app, fetch("/faq", None)).await;
    assert_eq!(first.status(), StatusCode::OK);
    let etag = first.headers()[header::ETAG].clone();
    assert!(etag.to_str().unwrap().starts_with('"'), "strong: {etag:?}");
    assert_eq!(first.headers()[header::CACHE_CONTROL], "no-cache");
    assert_eq!(first.headers()[header::CONTENT_LANGUAGE], "zh-CN");
    let vary: Vec<_> = first.headers().get_all(header::VARY).iter().collect();
    assert!(
        format!("{vary:?}")
            .to_lowercase()
            .contains("accept-encoding"),
        "{vary:?}"
    );
    let html = body_text(first).await;
    assert!(html.contains("常见问题"), "{html}");

    let again = send(&app, fetch("/faq", None)).await;
    assert_eq!(again.headers()[header::ETAG], etag);
    assert_eq!(body_text(again).await, html, "the same bytes");

    let mut revalidate = fetch("/faq", None);
    revalidate
        .headers_mut()
        .insert(header::IF_NONE_MATCH, etag.clone());
    let not_modified = send(&app, revalidate).await;
    assert_eq!(not_modified.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(not_modified.headers()[header::ETAG], etag);
    assert!(body_text(not_modified).await.is_empty());

    let zipped = send(&app, fetch("/faq", Some("br, gzip"))).await;
    assert_eq!(zipped.headers()[header::CONTENT_ENCODING], "gzip");
    let bytes = axum::body::to_bytes(zipped.into_body(), 1 << 20)
        .await
        .unwrap();
    let mut unzipped = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut unzipped)
        .unwrap();
    assert_eq!(unzipped, html);

    // Another language is another page; a signed-in visitor gets the same one.
    let mut english = fetch("/faq", None);
    english
        .headers_mut()
        .insert(header::ACCEPT_LANGUAGE, "en".parse().unwrap());
    let english = send(&app, english).await;
    assert_eq!(english.headers()[header::CONTENT_LANGUAGE], "en");
    assert_ne!(english.headers()[header::ETAG], etag);
    let cookie = login(&app, "ent_demo").await;
    let signed_in = send(&app, get("/faq", Some(&cookie))).await;
    assert_eq!(signed_in.headers()[header::ETAG], etag);
    // ?lang= sets the language cookie: rendered fresh, never kept.
    let chosen = send(&app, fetch("/faq?lang=en", None)).await;
    assert!(chosen.headers().get(header::ETAG).is_none());
    assert!(chosen.headers().contains_key(header::SET_COOKIE));
}
