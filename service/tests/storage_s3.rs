//! The object-store backend against a real S3-compatible server (moto on loopback,
//! `scripts/s3-test.sh`; `QY_TEST_S3_URL`): conditional writes, hash-checked reads,
//! missing and tampered objects, and the background step storing its document there.

mod common;

use common::{create, drain, seeded_customer};
use domain::{ContractState, ContractType};
use object_store::aws::AmazonS3Builder;
use object_store::path::Path;
use object_store::{ObjectStore, PutPayload};
use service::platform::storage::{sha256_hex, DocumentKey, S3Settings, Storage, StorageError};

fn settings() -> Option<S3Settings> {
    let Ok(url) = std::env::var("QY_TEST_S3_URL") else {
        assert!(
            std::env::var("QY_REQUIRE_S3").is_err(),
            "QY_REQUIRE_S3 is set but QY_TEST_S3_URL is not: the object-store tests would be skipped"
        );
        return None;
    };
    let mut settings = S3Settings::new("qianyue-test", Some(&url), "test", "test");
    // A prefix per test run, so runs never see each other's objects.
    settings.prefix = format!("t{}-{}", std::process::id(), common::unique_name());
    Some(settings)
}

#[tokio::test]
async fn documents_are_written_once_and_read_back_checked() {
    let Some(settings) = settings() else { return };
    let storage = Storage::s3(&settings).unwrap();
    storage.check().await.unwrap();
    let document = b"%PDF-1.7 contract".repeat(5_000);
    let key = storage.put(&document).await.unwrap();
    assert_eq!(key.as_str(), sha256_hex(&document));
    // The same document from two instances at once: both succeed (If-None-Match).
    let (a, b) = tokio::join!(storage.put(&document), storage.put(&document));
    assert_eq!((a.unwrap(), b.unwrap()), (key.clone(), key.clone()));
    assert_eq!(storage.get(&key).await.unwrap(), document);
    assert!(matches!(
        storage.get(&DocumentKey::of(b"never stored")).await,
        Err(StorageError::Missing(_))
    ));

    // Someone with the bucket's keys changes the object: it is never served.
    let raw = AmazonS3Builder::new()
        .with_bucket_name(&settings.bucket)
        .with_region(&settings.region)
        .with_endpoint(settings.endpoint.clone().unwrap())
        .with_allow_http(true)
        .with_access_key_id("test")
        .with_secret_access_key("test")
        .build()
        .unwrap();
    let path = Path::from(format!("{}/{}/{key}", settings.prefix, &key.as_str()[..2]));
    raw.put(&path, PutPayload::from_static(b"%PDF-1.7 forged"))
        .await
        .unwrap();
    assert!(matches!(
        storage.get(&key).await,
        Err(StorageError::Corrupt { .. })
    ));
}

db_test!(
async fn the_background_step_stores_its_document_in_the_bucket(label, db) {
    let Some(settings) = settings() else { return };
    let mut ctx = common::ctx(db.clone());
    ctx.storage = Storage::s3(&settings).unwrap();
    let account = seeded_customer(&db).await;
    let number = create(&ctx, account, ContractType::Framework, vec![])
        .await
        .unwrap();
    drain(&ctx).await;
    let contract = service::contracts::find_for_account(&db, account, &number)
        .await
        .unwrap();
    assert_eq!(contract.state, ContractState::GENERATED, "{label}");
    let key = contract.draft_pdf.expect("recorded").key;
    // Any instance with the same settings reads it.
    let other = Storage::s3(&settings).unwrap();
    let bytes = other.get(&key).await.unwrap();
    assert_eq!(sha256_hex(&bytes), key.as_str(), "{label}");
});
