//! The billing event feed in commit order (`service::billing::sequence`). On PostgreSQL an
//! event's id is taken when its row is inserted but the row is visible only at commit:
//! a transaction that wrote an event and stays open while others commit must not have
//! its event skipped by readers whose cursors moved on, nor shown twice.
//!
//! PostgreSQL only: on SQLite an open write transaction holds the one write lock, so no
//! other event can commit meanwhile, and ids are commit order by construction.

mod common;

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{create, seeded_customer};
use domain::{AuditAction, ContractState, ContractType};
use service::billing::{events, Event};
use service::platform::audit::{self, Actor, Change};
use service::Db;

/// How long the late transaction stays open (the 10 s: twice the old fixed lag).
const HELD: Duration = Duration::from_secs(10);

/// The late event is a provider signature; the prompt ones are reminders.
const LATE: AuditAction = AuditAction::ProviderSigned;
const PROMPT: AuditAction = AuditAction::Reminded;

fn change(account: i64, contract: i64, action: AuditAction) -> Change {
    Change {
        account_id: Some(account),
        contract_id: Some(contract),
        action,
        before: Some(ContractState::GENERATING.token()),
        after: Some(ContractState::GENERATED.token()),
        detail: None,
    }
}

/// Follows the feed from the start, as a billing system does, until it has seen
/// `expected` events (unknown — `usize::MAX` — until the late transaction committed) and
/// the feed has nothing more. Bounded.
async fn follow(db: Db, expected: Arc<AtomicUsize>) -> Vec<Event> {
    let deadline = Instant::now() + HELD + Duration::from_secs(30);
    let mut seen: Vec<Event> = Vec::new();
    let mut after = 0;
    loop {
        let batch = events(&db, after, 7).await.expect("feed");
        if let Some(last) = batch.last() {
            after = last.id;
        }
        let empty = batch.is_empty();
        seen.extend(batch);
        if empty && seen.len() >= expected.load(Ordering::SeqCst) {
            return seen;
        }
        assert!(
            Instant::now() < deadline,
            "the feed never caught up: {} seen",
            seen.len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn an_event_that_commits_late_is_neither_skipped_nor_repeated_by_two_readers() {
    let Some(db) = common::postgres().await else {
        return;
    };
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let number = create(&ctx, account, ContractType::Framework, vec![])
        .await
        .unwrap();
    let contract = service::contracts::find_for_account(&db, account, &number)
        .await
        .unwrap()
        .id;

    // The late writer: its event gets an id now and becomes visible in 10 s.
    let mut held = db.pool.begin().await.unwrap();
    audit::record(
        &mut held,
        db.now(),
        &Actor::system(),
        change(account, contract, LATE),
    )
    .await
    .unwrap();

    // Meanwhile other writers commit events, and two readers (two instances) follow.
    let writer = {
        let db = db.clone();
        tokio::spawn(async move {
            let until = Instant::now() + HELD;
            let mut written = 0;
            while Instant::now() < until {
                audit::record_alone(&db, &Actor::system(), change(account, contract, PROMPT))
                    .await
                    .unwrap();
                written += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            written
        })
    };
    let expected = Arc::new(AtomicUsize::new(usize::MAX));
    let first = tokio::spawn(follow(db.clone(), expected.clone()));
    let second = tokio::spawn(follow(db.clone(), expected.clone()));

    let written = writer.await.unwrap();
    assert!(
        written >= 20,
        "others committed while it was open: {written}"
    );
    held.commit().await.unwrap();
    let all: i64 =
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE state_after IS NOT NULL AND contract_id IS NOT NULL",
        )
            .fetch_one(&db.pool)
            .await
            .unwrap();
    let all = all as usize;
    expected.store(all, Ordering::SeqCst);
    let first = first.await.unwrap();
    let second = second.await.unwrap();

    for (name, seen) in [("first", &first), ("second", &second)] {
        let ids: Vec<i64> = seen.iter().map(|e| e.id).collect();
        assert!(
            ids.windows(2).all(|w| w[0] < w[1]),
            "{name}: in order, none repeated: {ids:?}"
        );
        assert_eq!(ids.len(), all, "{name}: every event, none skipped");
        assert!(
            seen.iter().any(|e| e.action == LATE.as_str()),
            "{name}: the late event is in the feed"
        );
        let unique: HashSet<i64> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len());
    }
    assert_eq!(first, second, "both instances read the same feed");
}

/// A receiver that takes its time: each POST waits until the test lets it answer 200.
struct SlowReceiver {
    posts: std::sync::Mutex<Vec<Vec<u8>>>,
    answer: tokio::sync::Semaphore,
}

#[async_trait::async_trait]
impl service::billing::webhooks::WebhookTransport for SlowReceiver {
    async fn post(&self, _url: &str, body: Vec<u8>, _signature: String) -> Result<u16, String> {
        self.posts.lock().unwrap().push(body);
        let permit = self.answer.acquire().await.map_err(|e| e.to_string())?;
        permit.forget();
        Ok(200)
    }
}

#[tokio::test]
async fn one_instance_delivers_webhooks_at_a_time() {
    use service::billing::webhooks::{Delivery, Webhooks};
    let Some(db) = common::postgres().await else {
        return;
    };
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    create(&ctx, account, ContractType::Framework, vec![])
        .await
        .unwrap();
    let receiver = Arc::new(SlowReceiver {
        posts: Default::default(),
        answer: tokio::sync::Semaphore::new(0),
    });
    // Two instances' deliverers, on one database and one receiver.
    let deliverer = || Webhooks {
        db: db.clone(),
        url: "http://127.0.0.1:9/hooks".into(),
        secret: "s".into(),
        transport: receiver.clone(),
    };
    // The feed test next door holds a transaction open for 10 s, which holds every
    // feed of the cluster back: wait until the event is in ours.
    let deadline = Instant::now() + HELD + Duration::from_secs(30);
    while events(&db, 0, 1).await.unwrap().is_empty() {
        assert!(
            Instant::now() < deadline,
            "the event never reached the feed"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (first, second) = (deliverer(), deliverer());
    let delivering = tokio::spawn(async move { first.deliver_once().await.unwrap() });
    let deadline = Instant::now() + Duration::from_secs(30);
    while receiver.posts.lock().unwrap().is_empty() {
        assert!(
            Instant::now() < deadline,
            "the first deliverer never posted"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // While the first waits for the receiver, the second finds the turn taken.
    assert_eq!(second.deliver_once().await.unwrap(), Delivery::Elsewhere);
    assert_eq!(
        receiver.posts.lock().unwrap().len(),
        1,
        "nothing posted twice"
    );
    receiver.answer.add_permits(1);
    let delivered = tokio::time::timeout(Duration::from_secs(30), delivering)
        .await
        .unwrap()
        .unwrap();
    assert!(
        matches!(delivered, Delivery::Delivered(n) if n > 0),
        "{delivered:?}"
    );
    // Its turn over, the second finds nothing left to send.
    receiver.answer.add_permits(1);
    assert_eq!(second.deliver_once().await.unwrap(), Delivery::Idle);
    assert_eq!(receiver.posts.lock().unwrap().len(), 1);
}
