//! Archive renewal (issue 30), on SQLite and PostgreSQL: an effective contract whose
//! document's newest time-stamp expires within the window is queued once however often
//! (and by however many instances) the sweep runs; the worker stores the renewed
//! document as the next revision, which downloads then serve, and `/verify` accepts
//! every revision; a second job for the same revision changes nothing.

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use common::{effective_framework, seeded_customer};
use domain::verification::HashVerdict;
use service::contracts::{Contract, ContractItem, TimelineEntry};
use service::esign::sealing::{
    EvidenceRequest, Need, SealFailure, Sealing, TrustError, TrustServices,
};
use service::platform::storage::DocumentKey;

const DAY: i64 = 86_400_000;

/// Documents that say when their time-stamp expires (`… exp=<ms>`); a renewal needs a
/// time-stamp token and adds ten years.
struct Renewer;

fn expiry(document: &[u8]) -> Option<i64> {
    let text = String::from_utf8_lossy(document);
    text.rsplit_once("exp=")?.1.trim().parse().ok()
}

impl service::DocumentRenderer for Renewer {
    fn draft(&self, c: &Contract, _: &[ContractItem]) -> Result<Vec<u8>, String> {
        Ok(format!("%PDF-test draft {}", c.number).into_bytes())
    }
    fn formal(
        &self,
        c: &Contract,
        _: &[ContractItem],
        _: &[TimelineEntry],
        signed_at: i64,
    ) -> Result<Vec<u8>, String> {
        Ok(format!("%PDF-test formal {} exp={}", c.number, signed_at + 10 * DAY).into_bytes())
    }
    fn archive_expires_at(&self, document: &[u8]) -> Option<i64> {
        expiry(document)
    }
    fn renew(
        &self,
        document: &[u8],
        at: i64,
        kept: &HashMap<String, Vec<u8>>,
    ) -> Result<Sealing, SealFailure> {
        let key = format!("tst:renew:{}", expiry(document).unwrap_or_default());
        let Some(token) = kept.get(&key) else {
            return Ok(Sealing::Needs(vec![EvidenceRequest {
                key,
                need: Need::Timestamp { imprint: [9; 32] },
            }]));
        };
        let renewed = format!(
            " renewed with {} exp={}",
            String::from_utf8_lossy(token),
            at + 3650 * DAY
        );
        Ok(Sealing::Sealed([document, renewed.as_bytes()].concat()))
    }
}

#[derive(Default)]
struct Tsa {
    asked: AtomicUsize,
}

#[async_trait::async_trait]
impl TrustServices for Tsa {
    async fn fetch(&self, _: &Need) -> Result<Vec<u8>, TrustError> {
        let n = self.asked.fetch_add(1, Ordering::SeqCst);
        Ok(format!("token-{n}").into_bytes())
    }
}

/// A context on `db` whose renderer renews with tokens from `tsa`.
fn renewing(db: &service::Db, tsa: &Arc<Tsa>) -> service::Ctx {
    service::Ctx {
        renderer: Arc::new(Renewer),
        trust: tsa.clone(),
        ..common::ctx(db.clone())
    }
}

async fn formal_sha(db: &service::Db, number: &str) -> String {
    sqlx::query_scalar("SELECT formal_pdf_sha256 FROM contracts WHERE number = $1")
        .bind(number)
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

async fn revisions(db: &service::Db) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM document_revisions")
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

async fn verdict(db: &service::Db, number: &str, sha: &str) -> HashVerdict {
    let token = format!("{:032x}", rand_token(sha));
    service::esign::verify::record(db, &token, number, sha, None, None)
        .await
        .unwrap();
    service::esign::verify::report(db, &token, "示例云计算有限公司")
        .await
        .unwrap()
        .verdict
}

fn rand_token(seed: &str) -> u128 {
    seed.bytes().fold(0u128, |acc, b| {
        acc.wrapping_mul(31).wrapping_add(u128::from(b))
    })
}

db_test!(async fn a_due_document_is_renewed_once_into_the_next_revision(label, db) {
    let tsa = Arc::new(Tsa::default());
    let ctx = renewing(&db, &tsa);
    let account = seeded_customer(&db).await;
    let number = effective_framework(&ctx, account).await;
    let signed = formal_sha(&db, &number).await;
    assert_eq!(revisions(&db).await, 1, "{label}: the signed document");

    let worker = service::worker::Worker::new(
        ctx.clone(),
        service::worker::WorkerConfig {
            backoff_ms: 0,
            renewal_window_ms: 30 * DAY,
            ..Default::default()
        },
    );
    // Ten days left, within thirty: queued once, however often the sweep runs.
    assert_eq!(worker.queue_renewals().await.unwrap(), 1, "{label}");
    assert_eq!(worker.queue_renewals().await.unwrap(), 0, "{label}");
    assert!(worker.run_once().await.unwrap());
    assert!(!worker.run_once().await.unwrap(), "{label}: one job");
    assert_eq!(tsa.asked.load(Ordering::SeqCst), 1, "{label}");
    assert_eq!(revisions(&db).await, 2, "{label}");
    let renewed = formal_sha(&db, &number).await;
    assert_ne!(renewed, signed, "{label}: downloads serve the newest");
    let document = ctx.storage.get(&DocumentKey::parse(&renewed).unwrap()).await.unwrap();
    assert!(
        String::from_utf8_lossy(&document).contains("renewed with token-0"),
        "{label}"
    );
    // Ten years left now: nothing more to queue.
    assert_eq!(worker.queue_renewals().await.unwrap(), 0, "{label}");
    // Both revisions are the genuine document.
    assert_eq!(verdict(&db, &number, &signed).await, HashVerdict::Genuine);
    assert_eq!(verdict(&db, &number, &renewed).await, HashVerdict::Genuine);
    assert_eq!(
        verdict(&db, &number, &"0".repeat(64)).await,
        HashVerdict::NoMatch
    );

    // A second job for a revision already renewed (another instance's) does nothing.
    let contract_id: i64 = sqlx::query_scalar("SELECT id FROM contracts WHERE number = $1")
        .bind(number.as_str())
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let mut tx = db.begin_write().await.unwrap();
    service::platform::jobs::enqueue_once(
        &mut tx,
        service::platform::jobs::JobKind::RenewArchive,
        contract_id,
        "renew_archive:again",
        0,
        0,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert!(worker.run_once().await.unwrap());
    assert_eq!(revisions(&db).await, 2, "{label}");
    assert_eq!(tsa.asked.load(Ordering::SeqCst), 1, "{label}");
});

db_test!(
/// Two instances on one database (PostgreSQL as in production, and SQLite) sweep and
/// work at the same time: every due contract gets exactly one renewal — one new
/// revision, one time-stamp asked for — however the sweeps and the jobs interleave.
multi_thread async fn two_instances_renew_each_due_contract_exactly_once(label, db) {
    let tsa = Arc::new(Tsa::default());
    let ctx = renewing(&db, &tsa);
    let account = seeded_customer(&db).await;
    let mut numbers = vec![effective_framework(&ctx, account).await];
    for order in common::order_ids(&db, account, "prepaid")
        .await
        .into_iter()
        .take(5)
    {
        let number = common::create(&ctx, account, domain::ContractType::Order, vec![order])
            .await
            .expect("an order contract");
        common::drain(&ctx).await;
        common::operate(&ctx, account, &number, domain::Operation::ConvertToFormal)
            .await
            .expect("converted");
        common::drain(&ctx).await;
        numbers.push(number);
    }
    let due = numbers.len() as i64;
    assert!(due >= 4, "{label}: {due} effective contracts");
    assert_eq!(revisions(&db).await, due, "{label}");

    let config = service::worker::WorkerConfig {
        backoff_ms: 0,
        renewal_window_ms: 30 * DAY,
        ..Default::default()
    };
    // Each instance has a context of its own on the shared database, document store
    // and TSA.
    let instances = [
        service::worker::Worker::new(ctx.clone(), config.clone()),
        service::worker::Worker::new(
            service::Ctx {
                storage: ctx.storage.clone(),
                ..renewing(&db, &tsa)
            },
            config,
        ),
    ];
    tokio::join!(sweep_and_work(&instances[0]), sweep_and_work(&instances[1]));

    let failures: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT dedupe_key, last_error FROM jobs WHERE last_error IS NOT NULL")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    assert_eq!(failures, vec![], "{label}");
    assert_eq!(revisions(&db).await, 2 * due, "{label}: one renewal each");
    assert_eq!(tsa.asked.load(Ordering::SeqCst) as i64, due, "{label}");
    for number in &numbers {
        let newest = formal_sha(&db, number).await;
        let document = ctx.storage.get(&DocumentKey::parse(&newest).unwrap()).await.unwrap();
        assert_eq!(
            String::from_utf8_lossy(&document)
                .matches("renewed with")
                .count(),
            1,
            "{label}: {number} renewed once"
        );
    }
});

/// An instance's round: sweep, then work until nothing is due; three times.
async fn sweep_and_work(worker: &service::worker::Worker) {
    for _ in 0..3 {
        worker.queue_renewals().await.unwrap();
        while worker.run_once().await.unwrap() {}
    }
}
