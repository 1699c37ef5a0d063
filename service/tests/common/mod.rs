//! Test databases: every test gets a fresh SQLite file and, when `QY_TEST_PG_URL` names
//! a PostgreSQL server (scripts/test.sh starts one), a fresh PostgreSQL database too, so
//! each rule is checked on both.

#![allow(dead_code)]

pub mod logs;
pub mod signing;
pub mod tokens;

use std::sync::atomic::{AtomicU32, Ordering};

use service::Db;
use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::Executor;

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "qy_t_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

pub async fn sqlite() -> Db {
    let path = std::env::temp_dir().join(format!("{}.db", unique_name()));
    Db::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("sqlite test database")
}

pub async fn postgres() -> Option<Db> {
    let url = postgres_url().await?;
    Some(Db::connect(&url).await.expect("postgres test database"))
}

/// A fresh PostgreSQL database's URL, for tests that connect to it more than once (two
/// instances); None without a PostgreSQL server.
pub async fn postgres_url() -> Option<String> {
    let Ok(admin_url) = std::env::var("QY_TEST_PG_URL") else {
        assert!(
            std::env::var("QY_REQUIRE_PG").is_err(),
            "QY_REQUIRE_PG is set but QY_TEST_PG_URL is not: the PostgreSQL tests would be skipped"
        );
        return None;
    };
    install_default_drivers();
    let name = unique_name();
    let admin = AnyPoolOptions::new()
        .max_connections(1)
        .connect(&admin_url)
        .await
        .expect("postgres admin");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create test database");
    admin.close().await;
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("QY_TEST_PG_URL ends with /database");
    Some(format!("{base}/{name}"))
}

/// A test of a rule on both databases, as two named tests: `NAME::sqlite` and
/// `NAME::postgres` (the latter passes without a PostgreSQL server, unless
/// `QY_REQUIRE_PG` asks for one). `label` names the database in assertion messages.
///
/// ```ignore
/// db_test!(async fn a_rule_holds(label, db) { assert!(…, "{label}"); });
/// ```
#[macro_export]
macro_rules! db_test {
    // Two runtime threads, for tests of instances racing each other.
    ($(#[$meta:meta])* multi_thread async fn $name:ident($label:ident, $db:ident) $body:block) => {
        $crate::db_test!(@on [tokio::test(flavor = "multi_thread", worker_threads = 2)]
            $(#[$meta])* async fn $name($label, $db) $body);
    };
    ($(#[$meta:meta])* async fn $name:ident($label:ident, $db:ident) $body:block) => {
        $crate::db_test!(@on [tokio::test] $(#[$meta])* async fn $name($label, $db) $body);
    };
    // The two named tests, under the runtime attribute `runtime`.
    (@on [$runtime:meta] $(#[$meta:meta])* async fn $name:ident($label:ident, $db:ident) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($label: &'static str, $db: service::Db) $body

            #[$runtime]
            async fn sqlite() {
                run("sqlite", $crate::common::sqlite().await).await
            }

            #[$runtime]
            async fn postgres() {
                if let Some(db) = $crate::common::postgres().await {
                    run("postgres", db).await
                }
            }
        }
    };
}

/// The refusal a use case answered with (a test of its words compares its
/// `to_string()`, the sentence the customer reads).
pub fn refused<T: std::fmt::Debug>(result: Result<T, service::ServiceError>) -> domain::Refused {
    match result {
        Err(service::ServiceError::Refused(reason)) => reason,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// A renderer for rule tests: deterministic bytes that name the contract and the step.
/// (The real PDF engine has its own tests; the browser tests use it end to end.)
pub struct TestRenderer {
    pub fail: bool,
}

impl service::DocumentRenderer for TestRenderer {
    fn draft(
        &self,
        c: &service::contracts::Contract,
        items: &[service::contracts::ContractItem],
    ) -> Result<Vec<u8>, String> {
        if self.fail {
            return Err("renderer unavailable".into());
        }
        Ok(format!("%PDF-test draft {} items={}", c.number, items.len()).into_bytes())
    }
    fn formal(
        &self,
        c: &service::contracts::Contract,
        _items: &[service::contracts::ContractItem],
        _events: &[service::contracts::TimelineEntry],
        signed_at: i64,
    ) -> Result<Vec<u8>, String> {
        if self.fail {
            return Err("renderer unavailable".into());
        }
        Ok(format!("%PDF-test formal {} signed={signed_at}", c.number).into_bytes())
    }
}

pub fn ctx_with(db: Db, fail: bool) -> service::Ctx {
    service::Ctx {
        storage: service::platform::storage::Storage::new(std::env::temp_dir().join(unique_name())),
        sms: std::sync::Arc::new(service::sms::OutboxSender::new(db.clone())),
        db,
        renderer: std::sync::Arc::new(TestRenderer { fail }),
        trust: std::sync::Arc::new(service::esign::sealing::NoTrustServices),
        delays: service::Delays::default(),
        code_key: std::sync::Arc::from(vec![7u8; 32]),
        contracts_per_day: service::CONTRACTS_PER_DAY,
        lang: domain::Lang::default(),
        sms_caps: Default::default(),
        signing: Default::default(),
    }
}

pub fn ctx(db: Db) -> service::Ctx {
    ctx_with(db, false)
}

/// A context whose clock stands still (at the machine's time now) until the test moves it:
/// time passes for codes, caps and deadlines without rewriting rows.
pub fn clocked(db: Db) -> (service::Ctx, service::platform::clock::ManualClock) {
    let clock = service::platform::clock::ManualClock::stopped_now();
    (
        ctx(db.with_clock(std::sync::Arc::new(clock.clone()))),
        clock,
    )
}

/// A worker that retries at once and gives up after two attempts.
pub fn worker(ctx: &service::Ctx) -> service::worker::Worker {
    service::worker::Worker::new(
        ctx.clone(),
        service::worker::WorkerConfig {
            backoff_ms: 0,
            max_attempts: 2,
            ..Default::default()
        },
    )
}

/// Runs due jobs until none is left.
pub async fn drain(ctx: &service::Ctx) {
    let worker = worker(ctx);
    while worker.run_once().await.expect("worker step") {}
}

pub fn party_a() -> domain::PartyAInput {
    domain::PartyAInput {
        address: "上海市浦东新区示例路 88 号".into(),
        contact: "张三".into(),
        phone: "13800138000".into(),
        email: "zhangsan@example.cn".into(),
        postcode: "200120".into(),
    }
}

/// A verified enterprise customer with orders, filings and recharge records (the demo
/// seed's `ent_demo`).
pub async fn seeded_customer(db: &Db) -> i64 {
    service::seed::seed_demo(db).await.expect("seed");
    service::identity::accounts::find_by_login(db, "ent_demo")
        .await
        .unwrap()
        .unwrap()
        .id
}

pub fn new_contract(
    kind: domain::ContractType,
    item_ids: Vec<i64>,
) -> domain::new_contract::NewContract {
    domain::new_contract::NewContract {
        kind,
        channel: domain::Channel::Single,
        item_ids,
        party_a: party_a(),
        confirmed: true,
    }
}

pub fn actor(account_id: i64) -> service::platform::audit::Actor {
    service::platform::audit::Actor::customer(account_id, "127.0.0.1".parse().ok())
}

/// Creates a framework contract and takes it to effective through the real steps.
pub async fn effective_framework(ctx: &service::Ctx, account_id: i64) -> domain::ContractNumber {
    effective(ctx, account_id, domain::ContractType::Framework, vec![]).await
}

/// Creates a single-channel contract of `kind` over `items` and takes it to effective
/// through the real steps (draft, conversion, provider signing).
pub async fn effective(
    ctx: &service::Ctx,
    account_id: i64,
    kind: domain::ContractType,
    items: Vec<i64>,
) -> domain::ContractNumber {
    let number = create(ctx, account_id, kind, items)
        .await
        .expect("contract created");
    drain(ctx).await;
    operate(ctx, account_id, &number, domain::Operation::ConvertToFormal)
        .await
        .expect("converted");
    drain(ctx).await;
    number
}

/// Links `account` to the billing system's id `external_id`, as its first call would.
pub async fn link_external(db: &Db, account: i64, external_id: &str) {
    sqlx::query("UPDATE accounts SET external_id = $1 WHERE id = $2")
        .bind(external_id)
        .bind(account)
        .execute(&db.pool)
        .await
        .expect("linked");
}

/// Ids of the account's orders of one billing mode, newest first.
pub async fn order_ids(db: &Db, account_id: i64, mode: &str) -> Vec<i64> {
    use sqlx::Row;
    sqlx::query("SELECT id FROM orders WHERE account_id = $1 AND billing_mode = $2 ORDER BY created_at DESC, id DESC")
        .bind(account_id)
        .bind(mode)
        .fetch_all(&db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get::<i64, _>(0))
        .collect()
}

/// Creates a single-channel contract of `kind` covering `items` for `account`, with the
/// standard party A, confirmed — the call most rule tests make.
pub async fn create(
    ctx: &service::Ctx,
    account: i64,
    kind: domain::ContractType,
    items: Vec<i64>,
) -> Result<domain::ContractNumber, service::ServiceError> {
    service::contracts::create_contract(ctx, account, &new_contract(kind, items), &actor(account))
        .await
}

/// A customer operation by `account` on its contract `number`.
pub async fn operate(
    ctx: &service::Ctx,
    account: i64,
    number: &domain::ContractNumber,
    op: domain::Operation,
) -> Result<domain::ContractState, service::ServiceError> {
    service::contracts::perform(ctx, account, number, op, &actor(account)).await
}

/// Creates `new` for `account` (tests that vary the request itself).
pub async fn create_with(
    ctx: &service::Ctx,
    account: i64,
    new: &domain::new_contract::NewContract,
) -> Result<domain::ContractNumber, service::ServiceError> {
    service::contracts::create_contract(ctx, account, new, &actor(account)).await
}
