//! The background steps: durable, idempotent, retried, and failing visibly.

mod common;

use common::{create, drain, operate, seeded_customer};
use domain::{ContractState, ContractType, Operation};
use service::contracts::{find_for_account, timeline};
use service::worker::{Worker, WorkerConfig};
use sqlx::Row;

/// A framework contract of the demo customer after the worker ran its draft step.
async fn framework_after_its_draft_step(ctx: &service::Ctx) -> service::contracts::Contract {
    let account = seeded_customer(&ctx.db).await;
    let number = create(ctx, account, ContractType::Framework, vec![])
        .await
        .unwrap();
    drain(ctx).await;
    find_for_account(&ctx.db, account, &number).await.unwrap()
}

db_test!(async fn single_channel_steps_reach_effective_with_both_documents(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let number = create(&ctx, account, ContractType::Framework, vec![])
        .await
        .unwrap();
    assert_eq!(
        find_for_account(&db, account, &number).await.unwrap().state,
        ContractState::GENERATING,
        "{label}"
    );
    drain(&ctx).await;
    let generated = find_for_account(&db, account, &number).await.unwrap();
    assert_eq!(generated.state, ContractState::GENERATED, "{label}");
    assert!(
        generated.draft_pdf.is_some() && generated.formal_pdf.is_none(),
        "{label}"
    );
    operate(&ctx, account, &number, Operation::ConvertToFormal)
        .await
        .unwrap();
    drain(&ctx).await;
    let effective = find_for_account(&db, account, &number).await.unwrap();
    assert_eq!(
        effective.state,
        ContractState::E_CONTRACT_EFFECTIVE,
        "{label}"
    );
    assert!(
        effective.formal_pdf.is_some() && effective.effective_at.is_some(),
        "{label}"
    );
    let actions: Vec<_> = timeline(&db, effective.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    use domain::AuditAction as A;
    assert_eq!(
        actions,
        [
            Some(A::ContractCreated),
            Some(A::DraftGenerated),
            Some(A::ConvertToFormal),
            Some(A::ProviderSigned)
        ],
        "{label}"
    );
});

db_test!(async fn a_job_whose_worker_died_is_taken_over_and_done_once(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let number = create(&ctx, account, ContractType::Framework, vec![])
        .await
        .unwrap();
    // A worker claims the job and dies before finishing (its lease is 50 ms).
    let claimed = service::platform::jobs::claim(&db, "dead-worker", service::platform::clock::wall_clock_ms(), 50)
        .await
        .unwrap();
    assert!(claimed.is_some(), "{label}");
    // While the lease holds nobody else takes it.
    let other = Worker::new(
        ctx.clone(),
        WorkerConfig {
            id: "second".into(),
            backoff_ms: 0,
            ..Default::default()
        },
    );
    assert!(!other.run_once().await.unwrap(), "{label}");
    tokio::time::sleep(std::time::Duration::from_millis(80)).await;
    assert!(other.run_once().await.unwrap(), "{label}");
    assert!(!other.run_once().await.unwrap(), "{label}: nothing left");
    let contract = find_for_account(&db, account, &number).await.unwrap();
    assert_eq!(contract.state, ContractState::GENERATED, "{label}");
    let generated = timeline(&db, contract.id)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.action == Some(domain::AuditAction::DraftGenerated))
        .count();
    assert_eq!(generated, 1, "{label}");
    let pending = service::platform::jobs::pending(&db).await.unwrap();
    let attempts: i64 = sqlx::query("SELECT MAX(attempts) FROM jobs")
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!((pending, attempts), (0, 2), "{label}");
});

db_test!(async fn a_stopping_worker_gives_up_its_claims_and_another_takes_them_at_once(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let number = create(&ctx, account, ContractType::Framework, vec![])
        .await
        .unwrap();
    // A server shutting down holds a claim with a long lease (its step was cut off).
    let now = service::platform::clock::wall_clock_ms();
    let claimed = service::platform::jobs::claim(&db, "stopping", now, 600_000)
        .await
        .unwrap();
    assert!(claimed.is_some(), "{label}");
    let other = common::worker(&ctx);
    assert!(!other.run_once().await.unwrap(), "{label}: the lease holds");
    // Another worker's release leaves the claim alone.
    assert_eq!(
        service::platform::jobs::release(&db, "someone-else").await.unwrap(),
        0
    );
    assert!(!other.run_once().await.unwrap(), "{label}");
    // The stopping worker's release frees it for the next poll, not in ten minutes.
    let stopping = Worker::new(
        ctx.clone(),
        WorkerConfig {
            id: "stopping".into(),
            ..Default::default()
        },
    );
    let (stop, stopped) = tokio::sync::watch::channel(true);
    stopping.run(stopped).await;
    drop(stop);
    assert!(
        other.run_once().await.unwrap(),
        "{label}: taken over at once"
    );
    let contract = find_for_account(&db, account, &number).await.unwrap();
    assert_eq!(contract.state, ContractState::GENERATED, "{label}");
    assert_eq!(service::platform::jobs::release(&db, "stopping").await.unwrap(), 0);
});

db_test!(async fn a_step_that_keeps_failing_leaves_a_visible_error_state_that_allows_void(label, db) {
    let failing = common::ctx_with(db.clone(), true);
    let contract = framework_after_its_draft_step(&failing).await;
    let (account, number) = (contract.account_id, contract.number.clone());
    assert_eq!(contract.state, ContractState::GENERATION_FAILED, "{label}");
    assert_eq!(
        contract.last_error.as_deref(),
        Some("renderer unavailable"),
        "{label}: kept for operators"
    );
    // The customer's timeline names the failed step, never our error text.
    let events = timeline(&db, contract.id).await.unwrap();
    let failure = events
        .iter()
        .find(|e| e.action == Some(domain::AuditAction::DraftGenerationFailed))
        .expect("the failure is in the timeline");
    assert_eq!(failure.detail, None, "{label}");
    assert_eq!(
        service::platform::jobs::pending(&db).await.unwrap(),
        0,
        "{label}: it does not retry for ever"
    );
    operate(&failing, account, &number, Operation::Void)
        .await
        .unwrap();
    operate(&failing, account, &number, Operation::Delete)
        .await
        .unwrap();
});

db_test!(
/// Every line a job's step logs names the job and its contract (a span per job), so one
/// contract's way through the logs is one filter.
async fn a_failing_step_logs_its_job_and_contract(label, db) {
    let (log, _logging) = common::logs::capture();
    log.clear();
    let failing = common::ctx_with(db.clone(), true);
    let contract = framework_after_its_draft_step(&failing).await;
    let logged = log.text();
    // The seeded demo data has steps of its own: this contract's line is the one.
    let ours = format!("contract={} ", contract.id);
    let failure = logged
        .lines()
        .find(|l| l.contains("background step failed") && l.contains(&ours))
        .unwrap_or_else(|| panic!("{label}: no failure logged for {ours}: {logged}"));
    assert!(failure.contains("job{"), "{label}: {failure}");
    assert!(failure.contains("generate_draft"), "{label}: {failure}");
});

db_test!(async fn provider_signing_failure_is_visible_and_voidable(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let number = create(&ctx, account, ContractType::Framework, vec![])
        .await
        .unwrap();
    drain(&ctx).await;
    operate(&ctx, account, &number, Operation::ConvertToFormal)
        .await
        .unwrap();
    let failing = common::ctx_with(db.clone(), true);
    drain(&failing).await;
    let contract = find_for_account(&db, account, &number).await.unwrap();
    assert_eq!(contract.state, ContractState::SIGNING_FAILED, "{label}");
    assert!(contract.formal_pdf.is_none(), "{label}");
    operate(&ctx, account, &number, Operation::Void)
        .await
        .unwrap();
});

db_test!(async fn the_signing_time_is_the_scheduled_time_so_reruns_make_the_same_document(label, db) {
    let mut ctx = common::ctx(db.clone());
    ctx.delays.sign_ms = 10;
    let account = seeded_customer(&db).await;
    let number = create(&ctx, account, ContractType::Framework, vec![])
        .await
        .unwrap();
    drain(&ctx).await;
    operate(&ctx, account, &number, Operation::ConvertToFormal)
        .await
        .unwrap();
    let scheduled: i64 =
        sqlx::query("SELECT scheduled_at FROM jobs WHERE kind = 'provider_sign'")
            .fetch_one(&db.pool)
            .await
            .unwrap()
            .get(0);
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    drain(&ctx).await;
    let contract = find_for_account(&db, account, &number).await.unwrap();
    assert_eq!(contract.effective_at, Some(scheduled), "{label}");
    let expected = format!("%PDF-test formal {number} signed={scheduled}");
    assert_eq!(
        contract.formal_pdf.unwrap().sha256,
        service::platform::storage::sha256_hex(expected.as_bytes()),
        "{label}"
    );
});

db_test!(async fn a_document_store_that_fails_records_nothing_as_generated(label, db) {
    let mut ctx = common::ctx(db.clone());
    // An S3-compatible store that does not answer (nothing listens on port 1).
    ctx.storage = service::platform::storage::Storage::s3(&service::platform::storage::S3Settings::new(
        "contracts",
        Some("http://127.0.0.1:1"),
        "AKID",
        "secret",
    ))
    .unwrap();
    let contract = framework_after_its_draft_step(&ctx).await;
    assert_eq!(contract.state, ContractState::GENERATION_FAILED, "{label}");
    assert!(
        contract.draft_pdf.is_none(),
        "{label}: no document recorded"
    );
    let error = contract.last_error.unwrap_or_default();
    assert!(error.contains("object store"), "{label}: {error}");
    let generated: i64 = sqlx::query(
        "SELECT COUNT(*) FROM audit_events WHERE contract_id = $1 AND action = 'contract.draft_generated'",
    )
    .bind(contract.id)
    .fetch_one(&db.pool)
    .await
    .unwrap()
    .get(0);
    assert_eq!(generated, 0, "{label}");
});
