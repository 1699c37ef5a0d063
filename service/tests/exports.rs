//! Operators' exports (issue 31): the documents of every contract matching a search as
//! one archive, written in the background into the document store, downloadable for 24
//! hours; one audit event per export; refused when nothing or too much matches. On
//! SQLite and PostgreSQL, with local files and (when `QY_TEST_S3_URL` is set) S3.

mod common;

use std::io::Read;

use common::tokens::Tokens;
use common::{create, drain, effective_framework, order_ids, seeded_customer};
use domain::{ContractType, Lang, Refused};
use futures::StreamExt;
use service::ops::exports::{self, ExportFilter, ExportState, EXPORT_LIMIT, LINK_VALID_MS};
use service::platform::storage::{sha256_hex, S3Settings, Storage};
use service::{Ctx, Db, ServiceError};

async fn operator(db: &Db) -> service::platform::audit::Actor {
    let ops = service::identity::accounts::find_by_login(db, "ops_demo")
        .await
        .unwrap()
        .expect("the demo operator");
    service::platform::audit::Actor::operator(ops.id, "127.0.0.1".parse().ok())
}

fn of_login(login: &str) -> ExportFilter {
    ExportFilter {
        login: login.into(),
        ..Default::default()
    }
}

async fn download(ctx: &Ctx, id: i64) -> Vec<u8> {
    let (_, mut chunks) = exports::open(ctx, id).await.expect("downloadable");
    let mut bytes = Vec::new();
    while let Some(chunk) = chunks.next().await {
        bytes.extend(chunk.unwrap());
    }
    bytes
}

/// Every document of the archive hashes to what its manifest says; the numbers in it.
fn check_archive(bytes: Vec<u8>) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a whole zip");
    let mut manifest = String::new();
    archive
        .by_name(service::after_signing::archive::MANIFEST)
        .unwrap()
        .read_to_string(&mut manifest)
        .unwrap();
    let mut numbers = Vec::new();
    for line in manifest.trim_start_matches('\u{feff}').lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        let (number, kind, sha) = (fields[0], fields[1], fields[6]);
        let mut pdf = Vec::new();
        archive
            .by_name(&format!("{number}_{kind}.pdf"))
            .unwrap()
            .read_to_end(&mut pdf)
            .unwrap();
        assert_eq!(sha256_hex(&pdf), sha, "{number}");
        numbers.push(number.to_string());
    }
    assert_eq!(
        archive.len(),
        numbers.len() + 1,
        "the documents and the manifest"
    );
    numbers
}

/// The audit events of the exports so far.
async fn export_events(db: &Db) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'ops.contracts_exported'")
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

async fn export_round(ctx: &Ctx, label: &str) {
    let db = &ctx.db;
    let account = seeded_customer(db).await;
    effective_framework(ctx, account).await;
    for id in order_ids(db, account, "prepaid").await.into_iter().take(3) {
        create(ctx, account, ContractType::Order, vec![id])
            .await
            .unwrap();
    }
    drain(ctx).await;
    let actor = operator(db).await;

    let export = exports::request(ctx, &actor, &of_login("ent_demo"), Lang::ZhCn)
        .await
        .unwrap();
    assert_eq!(export.state, ExportState::Queued, "{label}");
    assert_eq!(
        export.documents, 4,
        "{label}: the framework and three orders"
    );
    assert_eq!(export_events(db).await, 1, "{label}: one audit event");
    // Not downloadable before it is written.
    assert!(matches!(
        exports::open(ctx, export.id).await,
        Err(ServiceError::NotFound)
    ));
    // Two instances at once: one writes it.
    let (a, b) = tokio::join!(
        exports::run_next(ctx, "instance-a", |_| Tokens),
        exports::run_next(ctx, "instance-b", |_| Tokens)
    );
    assert_eq!(
        [a.unwrap(), b.unwrap()].iter().filter(|w| **w).count(),
        1,
        "{label}"
    );
    assert!(!exports::run_next(ctx, "instance-a", |_| Tokens)
        .await
        .unwrap());
    let written = exports::recent(ctx, 10).await.unwrap().remove(0);
    assert_eq!(written.state, ExportState::Done, "{label}");
    let bytes = download(ctx, export.id).await;
    assert_eq!(Some(sha256_hex(&bytes)), written.sha256, "{label}");
    assert_eq!(Some(bytes.len() as i64), written.size_bytes, "{label}");
    assert_eq!(check_archive(bytes).len(), 4, "{label}");

    // Nothing matches; and two unfinished exports are the most an operator has at once.
    assert!(matches!(
        exports::request(ctx, &actor, &of_login("nobody"), Lang::En).await,
        Err(ServiceError::Refused(Refused::ExportEmpty))
    ));
    for _ in 0..2 {
        exports::request(ctx, &actor, &of_login("ent_demo"), Lang::En)
            .await
            .unwrap();
    }
    assert!(matches!(
        exports::request(ctx, &actor, &of_login("ent_demo"), Lang::En).await,
        Err(ServiceError::Refused(Refused::ExportsPending { limit: 2 }))
    ));
    assert_eq!(
        export_events(db).await,
        3,
        "{label}: refusals record nothing"
    );
}

db_test!(async fn an_export_holds_every_matching_document_checked_and_lasts_a_day(label, db) {
    let (ctx, clock) = common::clocked(db.clone());
    export_round(&ctx, label).await;
    let first = exports::recent(&ctx, 10).await.unwrap().pop().unwrap();
    // 24 hours on: the link is over, then the file is removed.
    clock.advance(LINK_VALID_MS - 1);
    download(&ctx, first.id).await;
    assert_eq!(exports::purge(&ctx).await.unwrap(), 0, "{label}");
    clock.advance(1);
    assert!(matches!(
        exports::open(&ctx, first.id).await,
        Err(ServiceError::Refused(Refused::ExportExpired))
    ));
    assert_eq!(exports::purge(&ctx).await.unwrap(), 1, "{label}");
    assert_eq!(exports::purge(&ctx).await.unwrap(), 0, "{label}: once");
});

#[tokio::test]
async fn an_export_to_s3_is_uploaded_in_parts_and_read_back_whole() {
    let Ok(url) = std::env::var("QY_TEST_S3_URL") else {
        assert!(
            std::env::var("QY_REQUIRE_S3").is_err(),
            "QY_REQUIRE_S3 is set but QY_TEST_S3_URL is not"
        );
        return;
    };
    let mut settings = S3Settings::new("qianyue-test", Some(&url), "test", "test");
    settings.prefix = format!("t{}-{}", std::process::id(), common::unique_name());
    let db = common::sqlite().await;
    let ctx = Ctx {
        storage: Storage::s3(&settings).unwrap(),
        ..common::ctx(db)
    };
    export_round(&ctx, "s3").await;
    // A file larger than one part (5 MB): several parts, one object.
    let name = service::platform::storage::new_file_name();
    let chunk = vec![7u8; 1 << 20];
    let chunks = futures::stream::iter((0..12).map(|_| Ok::<_, std::io::Error>(chunk.clone())));
    let stored = ctx.storage.put_file(&name, chunks).await.unwrap();
    assert_eq!(stored.size, 12 << 20);
    let mut read = ctx.storage.open_file(&name).await.unwrap();
    let mut size = 0;
    while let Some(part) = read.next().await {
        size += part.unwrap().len();
    }
    assert_eq!(size, 12 << 20);
    ctx.storage.remove_file(&name).await.unwrap();
    assert!(ctx.storage.open_file(&name).await.is_err());
}

db_test!(async fn more_than_ten_thousand_documents_are_refused_naming_the_limit(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let actor = operator(&db).await;
    let mut tx = db.pool.begin().await.unwrap();
    for i in 0..=EXPORT_LIMIT {
        sqlx::query(
            "INSERT INTO contracts (account_id, number, kind, channel, status, sub_status, party_a_name, \
             party_a_address, party_a_contact, party_a_phone, party_a_email, party_a_postcode, \
             template_version, created_at, updated_at, draft_pdf_key, draft_pdf_sha256) \
             VALUES ($1, $2, 'order', 'single', 'draft', 'generated', '示例', '地址', '张三', \
             '13800138000', 'a@example.cn', '200120', 'v1', 0, 0, $3, $3)",
        )
        .bind(account)
        .bind(format!("QY-20261206-{i:06}"))
        .bind(sha256_hex(b"x"))
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    assert!(
        matches!(
            exports::request(&ctx, &actor, &of_login("ent_demo"), Lang::ZhCn).await,
            Err(ServiceError::Refused(Refused::ExportTooLarge {
                limit: 10_000
            }))
        ),
        "{label}"
    );
    sqlx::query(
        "UPDATE contracts SET draft_pdf_key = NULL WHERE number = 'QY-20261206-000000'",
    )
    .execute(&db.pool)
    .await
    .unwrap();
    let export = exports::request(&ctx, &actor, &of_login("ent_demo"), Lang::ZhCn)
        .await
        .expect("exactly the limit");
    assert_eq!(export.documents, EXPORT_LIMIT, "{label}");
});

db_test!(async fn an_export_abandoned_by_a_stopped_instance_is_taken_over_then_given_up(label, db) {
    let (ctx, clock) = common::clocked(db.clone());
    let account = seeded_customer(&db).await;
    effective_framework(&ctx, account).await;
    let actor = operator(&db).await;
    let export = exports::request(&ctx, &actor, &of_login("ent_demo"), Lang::En)
        .await
        .unwrap();
    let abandon = |attempts: i64| {
        sqlx::query(
            "UPDATE contract_exports SET status = 'running', locked_by = 'gone', \
             locked_until = $1, attempts = $2 WHERE id = $3",
        )
        .bind(ctx.now() + 60_000)
        .bind(attempts)
        .bind(export.id)
        .execute(&db.pool)
    };
    abandon(1).await.unwrap();
    assert!(
        !exports::run_next(&ctx, "alive", |_| Tokens).await.unwrap(),
        "{label}: its lease still holds"
    );
    clock.advance(60_001);
    assert!(exports::run_next(&ctx, "alive", |_| Tokens).await.unwrap());
    assert_eq!(
        exports::recent(&ctx, 1).await.unwrap()[0].state,
        ExportState::Done,
        "{label}: taken over and written"
    );
    // A third abandoned claim is the last.
    abandon(3).await.unwrap();
    clock.advance(60_001);
    assert!(!exports::run_next(&ctx, "alive", |_| Tokens).await.unwrap());
    assert_eq!(
        exports::recent(&ctx, 1).await.unwrap()[0].state,
        ExportState::Failed,
        "{label}: given up"
    );
});
