//! Two real server processes on one PostgreSQL database and one S3-compatible bucket
//! (moto on loopback): 200 contracts made through both — billing items pushed by the
//! billing API and contracts created and converted by the browser's server functions,
//! alternating instances, with one session cookie for both — while one instance is
//! SIGKILLed half-way and restarted. Expected: every contract effective with exactly one
//! draft and one signing step; every document downloads, hash-checked, from both
//! instances; the event feed lists each change once, in order, the same on both; every
//! webhook event reaches the receiver (deduplicated by id).
//!
//! Needs `QY_TEST_PG_URL` and `QY_TEST_S3_URL` (scripts/test.sh starts both); skipped
//! without them unless `QY_REQUIRE_PG` / `QY_REQUIRE_S3` say they must run.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use axum::http::{header, Method, StatusCode};
use service::Db;

use crate::cluster::{
    create, drive, feed, free_port, login, push_orders, ready, receiver, required, Http, Shared,
    DEADLINE,
};

const CONTRACTS: usize = 200;

#[tokio::test]
async fn two_instances_on_postgresql_and_object_storage_survive_a_kill() {
    let (Some(pg), Some(s3)) = (
        required("QY_TEST_PG_URL", "QY_REQUIRE_PG"),
        required("QY_TEST_S3_URL", "QY_REQUIRE_S3"),
    ) else {
        return;
    };
    let started = Instant::now();
    let dir = crate::common::scratch_path("qy_scale");
    let (hook_port, received) = receiver().await;
    let shared = Shared::new(&dir, &pg, &s3, &crate::common::font_dir(), hook_port).await;
    shared.seed().await;
    let key = shared
        .run(&["api-key", "create", "scale-out"])
        .trim()
        .to_string();
    let bearer = [(header::AUTHORIZATION, format!("Bearer {key}"))];
    let http = Http::new();

    let (port_a, port_b) = (free_port(), free_port());
    let a = shared.start("a", port_a);
    let mut b = Some(shared.start("b", port_b));
    ready(&http, port_a).await;
    ready(&http, port_b).await;
    let ports = [port_a, port_b];

    // The customer signs in on one instance; the session works on both.
    let cookie = login(port_a).await;
    let session = [(header::COOKIE, cookie)];

    let db = Db::connect(shared.database_url()).await.unwrap();
    let account: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE login = 'ent_demo'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    // The billing system links the customer and pushes one order per contract.
    let order_ids = push_orders(&http, &ports, &bearer, &db, CONTRACTS - 1).await;
    assert_eq!(order_ids.len(), CONTRACTS - 1);
    // The framework contract first (the orders' prerequisite), to effective.
    let framework = create(&http, port_b, &session, "framework", &[]).await;
    drive(
        &http,
        &db,
        &session,
        &ports,
        std::slice::from_ref(&framework),
        account,
    )
    .await;

    // 199 order contracts, created alternately; instance b is killed half-way.
    let mut numbers = vec![framework];
    for (i, order) in order_ids.iter().enumerate() {
        let port = if b.is_some() { ports[i % 2] } else { port_a };
        numbers.push(create(&http, port, &session, "order", &[*order]).await);
        if i == order_ids.len() / 2 {
            drop(b.take()); // SIGKILL, whatever it was doing
        }
    }
    let b = shared.start("b", port_b);
    ready(&http, port_b).await;
    drive(&http, &db, &session, &ports, &numbers, account).await;
    assert!(started.elapsed() < DEADLINE);

    // Exactly one draft and one signing step per contract.
    let steps: Vec<(String, i64)> = sqlx::query_as(
        "SELECT action, COUNT(*) FROM audit_events WHERE action IN \
         ('contract.draft_generated', 'contract.provider_signed') GROUP BY action ORDER BY action",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert_eq!(
        steps,
        vec![
            ("contract.draft_generated".to_string(), CONTRACTS as i64),
            ("contract.provider_signed".to_string(), CONTRACTS as i64)
        ]
    );

    // Every document from both instances, checked against its recorded SHA-256.
    for number in &numbers {
        let contract = service::contracts::find_for_account(
            &db,
            account,
            &domain::ContractNumber::parse(number).unwrap(),
        )
        .await
        .unwrap();
        for (which, pdf) in [
            ("draft", contract.draft_pdf),
            ("formal", contract.formal_pdf),
        ] {
            let pdf = pdf.expect("both documents recorded");
            for port in ports {
                let path = format!("/contracts/{number}/pdf/{which}");
                let (status, bytes) = http
                    .send(Method::GET, port, &path, &session, None)
                    .await
                    .unwrap();
                assert_eq!(status, StatusCode::OK, "{path} on :{port}");
                assert_eq!(
                    service::platform::storage::sha256_hex(&bytes),
                    pdf.sha256,
                    "{path}"
                );
            }
        }
    }

    // The feed: each change once, in order, the same from both instances.
    let expected: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE state_after IS NOT NULL AND contract_id IS NOT NULL",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    let feed_a = feed(&http, port_a, &bearer, expected as usize).await;
    let feed_b = feed(&http, port_b, &bearer, expected as usize).await;
    assert!(
        feed_a.windows(2).all(|w| w[0] < w[1]),
        "in order, no repeats"
    );
    assert_eq!(feed_a.len(), expected as usize, "none skipped");
    assert_eq!(feed_a, feed_b);

    // Every webhook event reached the receiver (at least once; deduplicated by id).
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let unique: BTreeSet<i64> = received.lock().unwrap().iter().copied().collect();
        if unique.len() >= feed_a.len() {
            assert_eq!(unique.into_iter().collect::<Vec<_>>(), feed_a);
            break;
        }
        assert!(
            Instant::now() < deadline,
            "webhooks: {} of {}",
            unique.len(),
            feed_a.len()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let deliveries = received.lock().unwrap().len();
    let retried: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE attempts > 1")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    eprintln!(
        "scale-out: {CONTRACTS} contracts in {:?}; {} events; {deliveries} webhook deliveries \
         ({} repeated after the kill); {retried} jobs claimed more than once",
        started.elapsed(),
        feed_a.len(),
        deliveries - feed_a.len()
    );
    drop((a, b));
    db.pool.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
