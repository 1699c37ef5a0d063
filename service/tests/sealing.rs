//! The evidence a seal needs from outside (issue 30), on SQLite and PostgreSQL: each
//! piece is kept before the document is assembled, so an outage half-way costs nothing
//! already fetched — the rerun asks only for the rest and the TSA exactly once per
//! imprint; an outage stores nothing and leaves the contract in provider signing; a
//! revoked certificate fails the step at once; the kept pieces go once the document is
//! stored.

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use common::{create, drain, operate, seeded_customer};
use domain::{ContractType, Operation, SubStatus};
use service::contracts::{Contract, ContractItem, TimelineEntry};
use service::esign::sealing::{
    EvidenceRequest, Need, SealFailure, Sealing, TrustError, TrustService, TrustServices,
};

/// A renderer whose seal needs a time-stamp, then a status; revoked when the status
/// says so.
struct Sealer;

const TOKEN_KEY: &str = "tst:signature";
const STATUS_KEY: &str = "ocsp:lt:signer";

impl service::DocumentRenderer for Sealer {
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
        Ok(format!("%PDF-test formal {} signed={signed_at}", c.number).into_bytes())
    }
    fn seal(
        &self,
        _: &Contract,
        formal: &[u8],
        _: i64,
        kept: &HashMap<String, Vec<u8>>,
    ) -> Result<Sealing, SealFailure> {
        let Some(token) = kept.get(TOKEN_KEY) else {
            return Ok(Sealing::Needs(vec![EvidenceRequest {
                key: TOKEN_KEY.into(),
                need: Need::Timestamp { imprint: [1; 32] },
            }]));
        };
        let Some(status) = kept.get(STATUS_KEY) else {
            return Ok(Sealing::Needs(vec![EvidenceRequest {
                key: STATUS_KEY.into(),
                need: Need::Revocation {
                    certificate: vec![2],
                    issuer: vec![3],
                },
            }]));
        };
        if status == b"revoked" {
            return Err(SealFailure::Revoked {
                subject: "CN=signer".into(),
            });
        }
        Ok(Sealing::Sealed(
            [formal, b" ", token, b" ", status].concat(),
        ))
    }
}

/// Counts requests; each service can be down; every token is new (as a TSA's are).
#[derive(Default)]
struct Services {
    timestamps: AtomicUsize,
    statuses: AtomicUsize,
    tsa_down: AtomicBool,
    ocsp_down: AtomicBool,
    revoked: AtomicBool,
}

#[async_trait::async_trait]
impl TrustServices for Services {
    async fn fetch(&self, need: &Need) -> Result<Vec<u8>, TrustError> {
        let down = |service| {
            Err(TrustError {
                service,
                detail: "503".into(),
            })
        };
        match need {
            Need::Timestamp { .. } => {
                if self.tsa_down.load(Ordering::SeqCst) {
                    return down(TrustService::Tsa);
                }
                let n = self.timestamps.fetch_add(1, Ordering::SeqCst);
                Ok(format!("token-{n}").into_bytes())
            }
            Need::Revocation { .. } => {
                if self.ocsp_down.load(Ordering::SeqCst) {
                    return down(TrustService::Ocsp);
                }
                self.statuses.fetch_add(1, Ordering::SeqCst);
                Ok(if self.revoked.load(Ordering::SeqCst) {
                    b"revoked".to_vec()
                } else {
                    b"good".to_vec()
                })
            }
            // This renderer never signs for the customer.
            Need::EventCertificate { .. } => down(TrustService::EventCa),
        }
    }
}

async fn state(ctx: &service::Ctx, number: &str) -> (String, Option<String>, i64) {
    let (sub, key): (String, Option<String>) =
        sqlx::query_as("SELECT sub_status, formal_pdf_key FROM contracts WHERE number = $1")
            .bind(number)
            .fetch_one(&ctx.db.pool)
            .await
            .unwrap();
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM signing_evidence")
        .fetch_one(&ctx.db.pool)
        .await
        .unwrap();
    (sub, key, kept)
}

/// A framework contract converted to formal, its provider signing due; a worker that
/// would retry five times at once.
async fn waiting_for_the_provider(
    db: &service::Db,
    services: &Arc<Services>,
) -> (
    service::Ctx,
    domain::ContractNumber,
    service::worker::Worker,
) {
    let ctx = service::Ctx {
        renderer: Arc::new(Sealer),
        trust: services.clone(),
        ..common::ctx(db.clone())
    };
    let account = seeded_customer(db).await;
    let number = create(&ctx, account, ContractType::Framework, vec![])
        .await
        .unwrap();
    drain(&ctx).await;
    operate(&ctx, account, &number, Operation::ConvertToFormal)
        .await
        .unwrap();
    let worker = service::worker::Worker::new(
        ctx.clone(),
        service::worker::WorkerConfig {
            backoff_ms: 0,
            max_attempts: 5,
            ..Default::default()
        },
    );
    (ctx, number, worker)
}

db_test!(async fn evidence_is_kept_before_assembly_and_never_fetched_twice(label, db) {
    let services = Arc::new(Services::default());
    let (ctx, number, worker) = waiting_for_the_provider(&db, &services).await;

    // The TSA is down: nothing kept, nothing stored.
    services.tsa_down.store(true, Ordering::SeqCst);
    assert!(worker.run_once().await.unwrap());
    assert_eq!(
        state(&ctx, &number).await,
        (SubStatus::ProviderSigning.as_str().into(), None, 0),
        "{label}"
    );
    // The TSA answers, the responder is down: the token is kept.
    services.tsa_down.store(false, Ordering::SeqCst);
    services.ocsp_down.store(true, Ordering::SeqCst);
    assert!(worker.run_once().await.unwrap());
    assert_eq!(
        state(&ctx, &number).await,
        (SubStatus::ProviderSigning.as_str().into(), None, 1),
        "{label}"
    );
    // Both answer: the token kept is the one in the document, asked for once.
    services.ocsp_down.store(false, Ordering::SeqCst);
    assert!(worker.run_once().await.unwrap());
    let (sub, key, kept) = state(&ctx, &number).await;
    assert_eq!(sub, SubStatus::EContractEffective.as_str(), "{label}");
    assert_eq!(kept, 0, "{label}: forgotten once stored");
    assert_eq!(services.timestamps.load(Ordering::SeqCst), 1, "{label}");
    assert_eq!(services.statuses.load(Ordering::SeqCst), 1, "{label}");
    let document = ctx.storage.get(&service::platform::storage::DocumentKey::parse(&key.unwrap()).unwrap()).await.unwrap();
    assert!(
        document.ends_with(b" token-0 good"),
        "{label}: {}",
        String::from_utf8_lossy(&document)
    );

    // Keeping is first-wins: another instance's piece under the same key stays.
    let contract_id: i64 = sqlx::query_scalar("SELECT id FROM contracts WHERE number = $1")
        .bind(number.as_str())
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let first = service::esign::sealing::keep(&db, contract_id, "tst:x", b"one")
        .await
        .unwrap();
    let second = service::esign::sealing::keep(&db, contract_id, "tst:x", b"two")
        .await
        .unwrap();
    assert_eq!(
        (first, second),
        (b"one".to_vec(), b"one".to_vec()),
        "{label}"
    );
    let kept = service::esign::sealing::kept(&db, contract_id).await.unwrap();
    assert_eq!(kept.get("tst:x").map(Vec::as_slice), Some(&b"one"[..]));
});

db_test!(async fn a_revoked_certificate_fails_the_step_at_once(label, db) {
    let services = Arc::new(Services::default());
    services.revoked.store(true, Ordering::SeqCst);
    // One run of the worker, though it would retry five times.
    let (ctx, number, worker) = waiting_for_the_provider(&db, &services).await;
    assert!(worker.run_once().await.unwrap());
    let (sub, key, _) = state(&ctx, &number).await;
    assert_eq!(sub, SubStatus::SigningFailed.as_str(), "{label}");
    assert_eq!(key, None);
    let last_error: Option<String> =
        sqlx::query_scalar("SELECT last_error FROM contracts WHERE number = $1")
            .bind(number.as_str())
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert!(last_error.is_some_and(|e| e.contains("revoked")), "{label}");
    assert!(!worker.run_once().await.unwrap(), "{label}: no retry left");
});
