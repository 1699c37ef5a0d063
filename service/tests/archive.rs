//! Many documents as one archive (issue 31): what goes in, what is refused, and an
//! altered document ending the archive without a directory.

mod common;

use std::io::Read;

use common::tokens::{Tokens, HEADER};
use common::{create, drain, effective_framework, order_ids, seeded_customer};
use domain::{ContractType, Status};
use futures::StreamExt;
use service::after_signing::archive::{
    manifest, plan, stream, ArchiveEntry, ArchiveError, ArchiveFault, ArchiveRefusal,
    ARCHIVE_LIMIT, MANIFEST,
};
use service::contracts::documents::PdfKind;
use service::contracts::StoredPdf;
use service::platform::storage::sha256_hex;
use service::ServiceError;

/// The archive's bytes, or the fault that ended it with what came before.
async fn collect(
    ctx: &service::Ctx,
    entries: Vec<ArchiveEntry>,
) -> (Vec<u8>, Option<ArchiveFault>) {
    let mut out = Vec::new();
    let mut chunks = std::pin::pin!(stream(ctx.storage.clone(), entries, Tokens));
    while let Some(chunk) = chunks.next().await {
        match chunk {
            Ok(bytes) => out.extend(bytes),
            Err(fault) => return (out, Some(fault)),
        }
    }
    (out, None)
}

fn read_entry(archive: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str) -> Vec<u8> {
    let mut bytes = Vec::new();
    archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_end(&mut bytes)
        .unwrap();
    bytes
}

db_test!(async fn the_archive_holds_each_document_and_a_manifest_of_their_hashes(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let framework = effective_framework(&ctx, account).await;
    let orders = order_ids(&db, account, "prepaid").await;
    let order = create(&ctx, account, ContractType::Order, vec![orders[0]])
        .await
        .unwrap();
    drain(&ctx).await;

    // Asked twice, written once; the formal PDF of the effective contract, the
    // draft of the other.
    let asked = [order.to_string(), framework.to_string(), order.to_string()];
    let entries = plan(&db, account, &asked).await.unwrap();
    let documents: Vec<_> = entries.iter().map(|e| (&*e.number, e.document)).collect();
    assert_eq!(
        documents,
        [(&*order, PdfKind::Draft), (&*framework, PdfKind::Formal)],
        "{label}"
    );

    let (bytes, fault) = collect(&ctx, entries.clone()).await;
    assert!(fault.is_none(), "{label}: {fault:?}");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut names: Vec<_> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    names.sort();
    let mut expected = vec![
        format!("{framework}_framework.pdf"),
        format!("{order}_order.pdf"),
        MANIFEST.to_owned(),
    ];
    expected.sort();
    assert_eq!(names, expected, "{label}");

    let text = String::from_utf8(read_entry(&mut archive, MANIFEST)).unwrap();
    assert!(
        text.starts_with('\u{feff}'),
        "{label}: a BOM for spreadsheets"
    );
    let rows: Vec<Vec<&str>> = text
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(rows[0], HEADER, "{label}");
    assert_eq!(rows.len(), 3, "{label}");
    for row in &rows[1..] {
        let name = format!("{}_{}.pdf", row[0], row[1]);
        let pdf = read_entry(&mut archive, &name);
        assert_eq!(row[6], sha256_hex(&pdf), "{label}: {name}'s hash");
    }
    let effective = rows.iter().find(|r| r[0] == framework).unwrap();
    assert_eq!(effective[2], "effective", "{label}");
    assert!(
        effective[4].len() == "2026-12-06 10:00".len(),
        "{label}: {effective:?}"
    );
    let draft = rows.iter().find(|r| r[0] == order).unwrap();
    assert_eq!((draft[3], draft[4]), ("draft", ""), "{label}");
    assert!(
        draft[5].parse::<f64>().is_ok(),
        "{label}: a plain amount, {draft:?}"
    );
});

db_test!(async fn an_archive_is_refused_whole_before_anything_is_written(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let framework = effective_framework(&ctx, account).await;

    let many: Vec<String> = (0..=ARCHIVE_LIMIT).map(|i| format!("QY-{i}")).collect();
    assert!(
        matches!(
            plan(&db, account, &many).await,
            Err(ArchiveError::Refused(ArchiveRefusal::TooMany { limit: 50 }))
        ),
        "{label}: 51 refused by the limit"
    );
    assert!(matches!(
        plan(&db, account, &[" ".into()]).await,
        Err(ArchiveError::Refused(ArchiveRefusal::NoneChosen))
    ));

    // Another account's number: the whole request is not found.
    let other = service::identity::accounts::find_by_login(&db, "ind_demo")
        .await
        .unwrap()
        .unwrap()
        .id;
    assert!(
        matches!(
            plan(&db, other, &[framework.to_string()]).await,
            Err(ArchiveError::Service(ServiceError::NotFound))
        ),
        "{label}"
    );

    // A contract whose draft is still being made.
    let orders = order_ids(&db, account, "prepaid").await;
    let waiting = create(&ctx, account, ContractType::Order, vec![orders[0]])
        .await
        .unwrap();
    match plan(&db, account, &[framework.to_string(), waiting.to_string()]).await {
        Err(ArchiveError::Refused(ArchiveRefusal::NoDocument { number })) => {
            assert_eq!(number, waiting, "{label}")
        }
        other => panic!("{label}: {other:?}"),
    }
});

#[tokio::test]
async fn an_altered_document_ends_the_archive_without_its_directory() {
    let db = common::sqlite().await;
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let first = effective_framework(&ctx, account).await;
    let orders = order_ids(&db, account, "prepaid").await;
    let second = create(&ctx, account, ContractType::Order, vec![orders[0]])
        .await
        .unwrap();
    drain(&ctx).await;
    // The second document's stored bytes are swapped for others.
    let swapped = ctx
        .storage
        .put(b"%PDF-1.7 not the signed one")
        .await
        .unwrap();
    sqlx::query("UPDATE contracts SET draft_pdf_key = $1 WHERE number = $2")
        .bind(swapped.as_str())
        .bind(second.as_str())
        .execute(&db.pool)
        .await
        .unwrap();

    let entries = plan(&db, account, &[first.to_string(), second.to_string()])
        .await
        .unwrap();
    let (bytes, fault) = collect(&ctx, entries).await;
    match fault {
        Some(ArchiveFault::Altered(number)) => assert_eq!(number, second),
        other => panic!("the mismatch ends the archive: {other:?}"),
    }
    assert!(!bytes.is_empty(), "the first document went out before");
    assert!(
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).is_err(),
        "what went out is no complete archive"
    );
}

/// The largest memory the process has held (Linux), in bytes.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[tokio::test]
async fn fifty_documents_of_a_megabyte_stream_in_flat_memory() {
    let db = common::sqlite().await;
    let ctx = common::ctx(db);
    let mut entries = Vec::new();
    for i in 0..ARCHIVE_LIMIT {
        // Bytes that differ per document, as PDFs do.
        let bytes: Vec<u8> = (0..1_000_000u32)
            .map(|n| (n.wrapping_mul(2_654_435_761).wrapping_add(i as u32) >> 24) as u8)
            .collect();
        let key = ctx.storage.put(&bytes).await.unwrap();
        entries.push(ArchiveEntry {
            number: format!("QY-20261206-{i:06}"),
            kind: ContractType::Order,
            status: Status::Effective,
            effective_at: Some(1_796_000_000_000),
            total_fen: 12_800,
            document: PdfKind::Formal,
            pdf: StoredPdf {
                key,
                sha256: sha256_hex(&bytes),
            },
            modified_at: 1_796_000_000_000,
        });
    }
    let Some(before) = peak_memory() else {
        eprintln!("no /proc/self/status here: memory not measured");
        return;
    };
    let mut total = 0usize;
    let mut chunks = std::pin::pin!(stream(ctx.storage.clone(), entries.clone(), Tokens));
    while let Some(chunk) = chunks.next().await {
        total += chunk.expect("every document intact").len();
    }
    let growth = peak_memory().unwrap().saturating_sub(before);
    assert!(total > 50_000_000, "all fifty went out: {total} bytes");
    assert!(
        growth < 32 * 1024 * 1024,
        "{total} bytes streamed with {growth} bytes of growth"
    );
    // The manifest names every document once.
    let manifest = String::from_utf8(manifest(&entries, &Tokens)).unwrap();
    assert_eq!(manifest.lines().count(), ARCHIVE_LIMIT + 1);
}
