//! The bulk download over HTTP: the owner's archive, its words in the request's
//! language, and refusals before a byte of archive is sent.

use std::io::Read;

use axum::http::{header, StatusCode};

use crate::common::{app_with_config, body_text, get, login, send};
use crate::http::create_framework;

/// The archive a response carries, whole.
async fn archive_of(res: axum::response::Response) -> zip::ZipArchive<std::io::Cursor<Vec<u8>>> {
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 26)
        .await
        .unwrap();
    zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap()
}

fn read_text(archive: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str) -> String {
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn archive_path(numbers: &[&str]) -> String {
    let query: Vec<String> = numbers.iter().map(|n| format!("number={n}")).collect();
    format!("{}?{}", server::archive::PATH, query.join("&"))
}

#[tokio::test]
async fn the_owner_downloads_chosen_documents_as_one_archive_and_no_one_else_does() {
    let (app, ctx) = app_with_config("qy_archive", true, |_| {}).await;
    let ent = login(&app, "ent_demo").await;
    let ind = login(&app, "ind_demo").await;
    let number = create_framework(&app, &ent).await;
    service::worker::Worker::new(ctx.clone(), Default::default())
        .run_once()
        .await
        .unwrap();

    // The page lists it, and the contract home links to the page.
    let page = send(&app, get("/contracts/archive", Some(&ent))).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = body_text(page).await;
    assert!(
        html.contains(&number) && html.contains("批量下载"),
        "{html}"
    );
    let home = body_text(send(&app, get("/contracts", Some(&ent))).await).await;
    assert!(home.contains("href=\"/contracts/archive\""));

    let res = send(&app, get(&archive_path(&[&number, &number]), Some(&ent))).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/zip");
    let disposition = res.headers()[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.starts_with("attachment;") && disposition.contains(".zip"));
    let mut archive = archive_of(res).await;
    assert_eq!(archive.len(), 2, "one document, once, and the manifest");
    let mut pdf = Vec::new();
    archive
        .by_name(&format!("{number}_框架合同.pdf"))
        .unwrap()
        .read_to_end(&mut pdf)
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let manifest = read_text(&mut archive, "manifest.csv");
    assert!(
        manifest.starts_with("\u{feff}合同编号,合同类型"),
        "{manifest}"
    );
    assert!(
        manifest.contains(&service::platform::storage::sha256_hex(&pdf)),
        "{manifest}"
    );

    // In English when the browser asks for it.
    let mut english = get(&archive_path(&[&number]), Some(&ent));
    english
        .headers_mut()
        .insert(header::ACCEPT_LANGUAGE, "en-US,en;q=0.9".parse().unwrap());
    let res = send(&app, english).await;
    assert!(res.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .contains("contracts-"));
    let mut archive = archive_of(res).await;
    let manifest = read_text(&mut archive, "manifest.csv");
    assert!(manifest.contains("Contract number,Type"), "{manifest}");
    assert!(archive
        .by_name(&format!("{number}_Framework contract.pdf"))
        .is_ok());

    // Another account's number: the whole request is not found, no archive.
    let res = send(&app, get(&archive_path(&[&number]), Some(&ind))).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(res.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    // 51 numbers: refused by the limit, named.
    let many: Vec<String> = (0..51).map(|i| format!("QY-20261206-{i:06}")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    let res = send(&app, get(&archive_path(&many), Some(&ent))).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body_text(res).await.contains("50 份"));
    // None chosen.
    let res = send(&app, get(server::archive::PATH, Some(&ent))).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Signed out: to the sign-in page, nothing served.
    let res = send(&app, get(&archive_path(&[&number]), None)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}
