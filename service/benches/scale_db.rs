//! The customer's queries at production volume on PostgreSQL: 1,000,000 contracts and
//! 10,000,000 orders over 10,001 accounts — one large customer with 100,000 contracts and
//! 1,000,000 orders, the others with 90 and 900. p50 / p99 of the records list's first
//! page, a search by contract number, and the item picker's first page and a deep page,
//! each for a typical account (chosen at random per run) and for the large one; and the
//! expiry-notice sweep over 100,000 filing contracts beside them, and the signing sweeps
//! (R23's reminders and deadlines) over 10,000 contracts awaiting their signers. Last,
//! issue 33's growth table: the contract home, a contract's page, the item picker and the
//! billing API's batch for one customer with 1, 1,000 and 100,000 contracts.
//!
//! `QY_BENCH_PG_URL=postgres://qy:qy@127.0.0.1:5432/postgres cargo bench -p service --bench scale_db`
//! (scripts/bench-scale.sh). The data is made once, with set-based INSERT … SELECT
//! FROM generate_series (a few minutes), in the database `qy_bench_scale`, and reused by
//! later runs; drop it to start over.

mod common;

use std::time::Instant;

use domain::picker::{Cursor, PickerQuery};
use domain::ContractType;
use service::contracts::items::pick;
use service::contracts::{find_for_account, items_of, list, timeline, ContractFilter};
use service::Db;
use sqlx::Row;

const SMALL_ACCOUNTS: i64 = 10_000;
const SMALL_ORDERS: i64 = 9_000_000;
const SMALL_CONTRACTS: i64 = 900_000;
const BIG_ORDERS: i64 = 1_000_000;
const BIG_CONTRACTS: i64 = 100_000;
const RUNS: usize = 400;

/// 2025-01-01 00:00 China time; one order a second, one contract every ten.
const BASE_MS: i64 = 1_735_660_800_000;

const SEED: &str = r#"
INSERT INTO accounts (login, password_hash, kind, realname_status, subject_name, created_at, updated_at)
SELECT 'bench_' || g, 'not-a-hash', 'enterprise', 'verified', '示例企业 ' || g || ' 有限公司', 0, 0
FROM generate_series(0::bigint, {SMALL_ACCOUNTS}) g;

-- Account 'bench_0' is the large customer; bench_1 … bench_10000 the others.
CREATE TEMP TABLE bench_ids AS SELECT MIN(id) AS big, MIN(id) + 1 AS first_small FROM accounts WHERE login LIKE 'bench\_%';

INSERT INTO orders (account_id, order_no, product, billing_mode, amount_fen, created_at)
SELECT (SELECT big FROM bench_ids), 'B' || lpad(g::text, 9, '0'),
       (ARRAY['云服务器 CVM','对象存储 COS','云数据库 MySQL','CDN'])[1 + g % 4],
       (ARRAY['prepaid','postpaid','refund','monthly_bill','marketplace'])[1 + g % 5],
       CASE WHEN g % 5 = 2 THEN -100 ELSE 10000 + g % 1000 END, {BASE_MS} + g * 1000
FROM generate_series(1::bigint, {BIG_ORDERS}) g;

INSERT INTO orders (account_id, order_no, product, billing_mode, amount_fen, created_at)
SELECT (SELECT first_small FROM bench_ids) + g % {SMALL_ACCOUNTS}, 'S' || lpad(g::text, 9, '0'),
       (ARRAY['云服务器 CVM','对象存储 COS','云数据库 MySQL','CDN'])[1 + g % 4],
       (ARRAY['prepaid','postpaid','refund','monthly_bill','marketplace'])[1 + g % 5],
       CASE WHEN g % 5 = 2 THEN -100 ELSE 10000 + g % 1000 END, {BASE_MS} + g * 1000
FROM generate_series(1::bigint, {SMALL_ORDERS}) g;

INSERT INTO contracts (account_id, number, kind, channel, status, sub_status, party_a_name,
    party_a_address, party_a_contact, party_a_phone, party_a_email, party_a_postcode, total_fen,
    template_version, created_at, updated_at, effective_at)
SELECT (SELECT big FROM bench_ids), 'QY-202502' || lpad((1 + g % 28)::text, 2, '0') || '-' || lpad(g::text, 6, '0'),
       'order', 'single', 'effective', 'e_contract_effective', '示例企业 0 有限公司',
       '上海市浦东新区示例路 88 号', '张三', '13800138000', 'a@example.cn', '200120', 10000,
       'v1', {BASE_MS} + g * 10000, {BASE_MS} + g * 10000, {BASE_MS} + g * 10000
FROM generate_series(1::bigint, {BIG_CONTRACTS}) g;

INSERT INTO contracts (account_id, number, kind, channel, status, sub_status, party_a_name,
    party_a_address, party_a_contact, party_a_phone, party_a_email, party_a_postcode, total_fen,
    template_version, created_at, updated_at, effective_at)
SELECT (SELECT first_small FROM bench_ids) + g % {SMALL_ACCOUNTS},
       'QY-202501' || lpad((1 + g % 28)::text, 2, '0') || '-' || lpad(g::text, 6, '0'),
       'order', 'single', 'effective', 'e_contract_effective', '示例企业 有限公司',
       '上海市浦东新区示例路 88 号', '张三', '13800138000', 'a@example.cn', '200120', 10000,
       'v1', {BASE_MS} + g * 10000, {BASE_MS} + g * 10000, {BASE_MS} + g * 10000
FROM generate_series(1::bigint, {SMALL_CONTRACTS}) g;

-- Each contract holds one order of its account (half the large customer's orders stay free).
INSERT INTO contract_items (contract_id, item_kind, item_id, item_ref, description, amount_fen, occurred_at)
SELECT c.id, 'order', o.id, o.order_no, o.product, o.amount_fen, o.created_at
FROM contracts c JOIN orders o ON o.order_no = CASE
    WHEN c.account_id = (SELECT big FROM bench_ids) THEN 'B' || lpad(right(c.number, 6), 9, '0')
    ELSE 'S' || lpad(right(c.number, 6), 9, '0') END;
"#;

fn seed_sql() -> String {
    SEED.replace("{SMALL_ACCOUNTS}", &SMALL_ACCOUNTS.to_string())
        .replace("{SMALL_ORDERS}", &SMALL_ORDERS.to_string())
        .replace("{SMALL_CONTRACTS}", &SMALL_CONTRACTS.to_string())
        .replace("{BIG_ORDERS}", &BIG_ORDERS.to_string())
        .replace("{BIG_CONTRACTS}", &BIG_CONTRACTS.to_string())
        .replace("{BASE_MS}", &BASE_MS.to_string())
}

/// p50 and p99 in milliseconds of `RUNS` runs of `f(run)`, after a warm-up.
async fn percentiles<F, Fut>(mut f: F) -> (f64, f64)
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for run in 0..20 {
        f(run).await;
    }
    let mut samples = Vec::with_capacity(RUNS);
    for run in 0..RUNS {
        let start = Instant::now();
        f(run).await;
        samples.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (samples[RUNS / 2], samples[RUNS * 99 / 100])
}

async fn database() -> Db {
    let admin = std::env::var("QY_BENCH_PG_URL")
        .expect("QY_BENCH_PG_URL: a PostgreSQL admin URL (scripts/bench-scale.sh sets it)");
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&admin).await.unwrap();
    let exists: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM pg_database WHERE datname = 'qy_bench_scale'")
            .fetch_one(&pool)
            .await
            .unwrap();
    if exists == 0 {
        sqlx::query("CREATE DATABASE qy_bench_scale")
            .execute(&pool)
            .await
            .unwrap();
    }
    let (base, _) = admin.rsplit_once('/').unwrap();
    let db = Db::connect(&format!("{base}/qy_bench_scale"))
        .await
        .unwrap();
    let contracts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contracts")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    if contracts == 0 {
        let started = Instant::now();
        eprintln!("seeding 1,000,000 contracts and 10,000,000 orders (once) …");
        // All or nothing: an interrupted seeding leaves no half-made data behind.
        let mut tx = db.pool.begin().await.unwrap();
        for statement in seed_sql().split(";\n").filter(|s| !s.trim().is_empty()) {
            sqlx::raw_sql(statement).execute(&mut *tx).await.unwrap();
        }
        tx.commit().await.unwrap();
        eprintln!("seeded in {:.0} s", started.elapsed().as_secs_f64());
    }
    // Fresh statistics (and for indexes that migrations added since the data was made).
    sqlx::raw_sql("ANALYZE").execute(&db.pool).await.unwrap();
    db
}

/// The records list's and the item picker's first page, as the pages ask for them.
fn first_pages() -> (ContractFilter, PickerQuery) {
    let list = ContractFilter {
        page: 1,
        per_page: 10,
        ..Default::default()
    };
    let picker = PickerQuery {
        limit: 20,
        ..Default::default()
    };
    (list, picker)
}

fn row(name: &str, (p50, p99): (f64, f64)) {
    println!(
        "| {name:<48} | {p50:>8.2} | {p99:>8.2} | {} |",
        if p50 < 5.0 { "yes" } else { "no" }
    );
}

#[tokio::main]
async fn main() {
    let db = database().await;
    let ids: (i64, i64) =
        sqlx::query_as("SELECT MIN(id), MIN(id) + 1 FROM accounts WHERE login LIKE 'bench\\_%'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    let (big, first_small) = ids;
    // A typical account per run, spread over all of them.
    let small = |run: usize| first_small + (run as i64 * 7919) % SMALL_ACCOUNTS;
    let small_number: String = sqlx::query_scalar(
        "SELECT number FROM contracts WHERE account_id = $1 ORDER BY id LIMIT 1",
    )
    .bind(first_small)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    let big_number: String = sqlx::query_scalar(
        "SELECT number FROM contracts WHERE account_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(big)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    let now = service::platform::clock::wall_clock_ms();
    let (first_page, picker) = first_pages();
    let deep_cursor = |account: i64, depth: i64| {
        let db = db.clone();
        async move {
            let r = sqlx::query("SELECT created_at, id FROM orders WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET $2")
                .bind(account)
                .bind(depth)
                .fetch_one(&db.pool)
                .await
                .unwrap();
            Cursor {
                date_ms: r.get(0),
                id: r.get(1),
            }
        }
    };
    let big_deep = deep_cursor(big, 900_000).await;

    println!(
        "PostgreSQL: 1,000,000 contracts, 10,000,000 orders, 10,001 accounts; {RUNS} runs each"
    );
    println!("| query | p50 ms | p99 ms | p50 < 5 ms |");
    println!("|---|---:|---:|---|");
    row(
        "records list, first page (typical account)",
        percentiles(|run| {
            let (db, f) = (db.clone(), first_page.clone());
            async move {
                list(&db, small(run), &f).await.unwrap();
            }
        })
        .await,
    );
    row(
        "records list, first page (100,000 contracts)",
        percentiles(|_| {
            let (db, f) = (db.clone(), first_page.clone());
            async move {
                list(&db, big, &f).await.unwrap();
            }
        })
        .await,
    );
    row(
        "search by contract number (typical account)",
        percentiles(|_| {
            let db = db.clone();
            let f = ContractFilter {
                number: small_number.clone(),
                ..first_page.clone()
            };
            async move {
                let page = list(&db, first_small, &f).await.unwrap();
                assert_eq!(page.total, 1);
            }
        })
        .await,
    );
    row(
        "search by contract number (100,000 contracts)",
        percentiles(|_| {
            let db = db.clone();
            let f = ContractFilter {
                number: big_number.clone(),
                ..first_page.clone()
            };
            async move {
                let page = list(&db, big, &f).await.unwrap();
                assert_eq!(page.total, 1);
            }
        })
        .await,
    );
    row(
        "search by a number fragment (typical account)",
        percentiles(|_| {
            let db = db.clone();
            let f = ContractFilter {
                number: small_number[small_number.len() - 6..].to_string(),
                ..first_page.clone()
            };
            async move {
                list(&db, first_small, &f).await.unwrap();
            }
        })
        .await,
    );
    row(
        "search by a number fragment (100,000 contracts)",
        percentiles(|_| {
            let db = db.clone();
            let f = ContractFilter {
                number: big_number[big_number.len() - 6..].to_string(),
                ..first_page.clone()
            };
            async move {
                list(&db, big, &f).await.unwrap();
            }
        })
        .await,
    );
    // The fragment search's plan in the large account: the trigram index (migration 18),
    // not a walk through the account's 100,000 contracts. (A kept prepared statement
    // would turn generic after five runs and walk them: `list` plans each fragment
    // search afresh, which the row above measures over 400 runs.)
    let plan: Vec<String> = sqlx::query_scalar(&format!(
        "EXPLAIN SELECT id FROM contracts WHERE account_id = {big} AND status <> 'deleted' \
         AND number LIKE '%{}%' ORDER BY created_at DESC, id DESC LIMIT 20",
        &big_number[big_number.len() - 6..]
    ))
    .fetch_all(&db.pool)
    .await
    .unwrap();
    println!(
        "fragment search plan uses contracts_number_trigram: {}",
        plan.join(" ").contains("contracts_number_trigram")
    );
    row(
        "item picker, first page (typical account)",
        percentiles(|run| {
            let (db, q) = (db.clone(), picker.clone());
            async move {
                pick(&db, small(run), ContractType::Order, &q, now)
                    .await
                    .unwrap();
            }
        })
        .await,
    );
    row(
        "item picker, first page (1,000,000 orders)",
        percentiles(|_| {
            let (db, q) = (db.clone(), picker.clone());
            async move {
                pick(&db, big, ContractType::Order, &q, now).await.unwrap();
            }
        })
        .await,
    );
    let small_deep = deep_cursor(first_small, 800).await;
    row(
        "item picker, page 800 rows deep (typical)",
        percentiles(|_| {
            let db = db.clone();
            let q = PickerQuery {
                after: Some(small_deep),
                ..picker.clone()
            };
            async move {
                pick(&db, first_small, ContractType::Order, &q, now)
                    .await
                    .unwrap();
            }
        })
        .await,
    );
    row(
        "item picker, page 900,000 rows deep (large)",
        percentiles(|_| {
            let db = db.clone();
            let q = PickerQuery {
                after: Some(big_deep),
                ..picker.clone()
            };
            async move {
                pick(&db, big, ContractType::Order, &q, now).await.unwrap();
            }
        })
        .await,
    );
    expiry_sweep(&db, first_small).await;
    signing_sweeps(&db, first_small).await;
    growth(&db, big).await;
}

/// Filing contracts for the expiry sweep (issue 31): 100,000 of the typical accounts',
/// expiring one every five minutes over a year from `FILINGS_FROM`, so ~8,600 are within
/// its 30 days on any day. Added once, beside the million order contracts.
const FILINGS: i64 = 100_000;
const FILINGS_FROM: i64 = BASE_MS + 400 * 86_400_000;

async fn expiry_sweep(db: &Db, first_small: i64) {
    let filings: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contracts WHERE kind = 'filing'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    if filings == 0 {
        sqlx::raw_sql(&format!(
            "INSERT INTO contracts (account_id, number, kind, channel, status, sub_status, party_a_name, \
             party_a_address, party_a_contact, party_a_phone, party_a_email, party_a_postcode, total_fen, \
             template_version, created_at, updated_at, effective_at, expires_at) \
             SELECT {first_small} + g % {SMALL_ACCOUNTS}, 'QY-20250301-' || lpad(g::text, 7, '0'), \
             'filing', 'single', 'effective', 'e_contract_effective', '示例企业 有限公司', \
             '上海市浦东新区示例路 88 号', '张三', '13800138000', 'a@example.cn', '200120', 0, 'v1', \
             {BASE_MS}, {BASE_MS}, {BASE_MS}, {FILINGS_FROM} + g * 300000 \
             FROM generate_series(1::bigint, {FILINGS}) g; ANALYZE contracts"
        ))
        .execute(&db.pool)
        .await
        .unwrap();
    }
    // A day into the year: the sweep's first run sends that day's notices; the runs
    // measured find them sent (the steady state of an hourly sweep).
    let at = FILINGS_FROM + 86_400_000;
    let swept = db.clone().with_clock(std::sync::Arc::new(
        service::platform::clock::ManualClock::at(at),
    ));
    let swept = common::ctx(swept);
    let first = service::after_signing::expiry::sweep(&swept).await.unwrap();
    row(
        &format!("expiry sweep, nothing new ({first} sent first)"),
        percentiles(|_| {
            let ctx = swept.clone();
            async move {
                assert_eq!(
                    service::after_signing::expiry::sweep(&ctx).await.unwrap(),
                    0
                );
            }
        })
        .await,
    );
}

/// Dual-channel contracts awaiting their signers (R23): 10,000 of the typical accounts',
/// one confirmed a minute over a week from `SIGNING_FROM`, so about one reminder and one
/// deadline fall due a minute. Added once.
const SIGNINGS: i64 = 10_000;
const SIGNING_FROM: i64 = BASE_MS + 800 * 86_400_000;

async fn signing_sweeps(db: &Db, first_small: i64) {
    let signings: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM contracts WHERE status = 'signing' AND sub_status = 'customer_signing'",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    if signings == 0 {
        sqlx::raw_sql(&format!(
            "INSERT INTO contracts (account_id, number, kind, channel, status, sub_status, party_a_name, \
             party_a_address, party_a_contact, party_a_phone, party_a_email, party_a_postcode, total_fen, \
             template_version, created_at, updated_at, signer_name, signer_phone, signing_started_at, \
             next_reminder_at, signing_deadline_at) \
             SELECT {first_small} + g % {SMALL_ACCOUNTS}, 'QY-20250401-' || lpad(g::text, 7, '0'), \
             'order', 'dual', 'signing', 'customer_signing', '示例企业 有限公司', \
             '上海市浦东新区示例路 88 号', '张三', '13800138000', 'a@example.cn', '200120', 0, 'v1', \
             {BASE_MS}, {BASE_MS}, '李四', '139' || lpad((g % 100000000)::text, 8, '0'), \
             {SIGNING_FROM} + g * 60000, {SIGNING_FROM} + g * 60000 + 86400000, \
             {SIGNING_FROM} + g * 60000 + 604800000 \
             FROM generate_series(1::bigint, {SIGNINGS}) g; ANALYZE contracts"
        ))
        .execute(&db.pool)
        .await
        .unwrap();
    }
    // Half a day after the first signer was confirmed: nothing is due yet, which is what
    // a sweep every minute finds almost every time.
    let at = SIGNING_FROM + 12 * 3_600_000;
    let ctx = common::ctx(db.clone().with_clock(std::sync::Arc::new(
        service::platform::clock::ManualClock::at(at),
    )));
    for (name, index) in [
        ("next_reminder_at", "contracts_reminder_due"),
        ("signing_deadline_at", "contracts_signing_deadline"),
    ] {
        let plan: Vec<String> = sqlx::query_scalar(&format!(
            "EXPLAIN SELECT id FROM contracts WHERE status = 'signing' AND sub_status = 'customer_signing' \
             AND {name} <= {at} ORDER BY {name}, id LIMIT 100"
        ))
        .fetch_all(&db.pool)
        .await
        .unwrap();
        assert!(plan.join(" ").contains(index), "{name}: {plan:?}");
    }
    row(
        "signing reminders sweep, nothing due (R23)",
        percentiles(|_| {
            let ctx = ctx.clone();
            async move {
                let round = service::contracts::reminders::remind_round(&ctx)
                    .await
                    .unwrap();
                assert_eq!(round.done, 0);
            }
        })
        .await,
    );
    row(
        "signing deadline sweep, nothing due (R23)",
        percentiles(|_| {
            let ctx = ctx.clone();
            async move {
                let round = service::contracts::reminders::expire_round(&ctx)
                    .await
                    .unwrap();
                assert_eq!(round.done, 0);
            }
        })
        .await,
    );
}

/// Issue 33's growth table: what one customer's pages cost at 1, 1,000 and 100,000
/// contracts (ten orders each, each contract holding one; three audit events each). The
/// large customer is `bench_0`; `growth_1` and `growth_1000` are added once beside it.
async fn growth(db: &Db, big: i64) {
    for (login, contracts, tag) in [("growth_1", 1_i64, "1"), ("growth_1000", 1_000, "2")] {
        let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE login = $1")
            .bind(login)
            .fetch_one(&db.pool)
            .await
            .unwrap();
        if exists == 0 {
            sqlx::raw_sql(&growth_sql(login, contracts, tag))
                .execute(&db.pool)
                .await
                .unwrap();
        }
    }
    // The large customer's contracts have their three events too (once).
    let events: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE account_id = $1")
        .bind(big)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    if events == 0 {
        sqlx::raw_sql(&format!(
            "INSERT INTO audit_events (account_id, actor_kind, actor_id, contract_id, action, state_before, state_after, created_at) \
             SELECT c.account_id, 'system', NULL, c.id, a.action, NULL, 'e_contract_effective', c.created_at + a.n \
             FROM contracts c, (VALUES (0, 'contract.created'), (1, 'contract.convert_to_formal'), (2, 'contract.provider_signed')) a(n, action) \
             WHERE c.account_id = {big}; ANALYZE audit_events"
        ))
        .execute(&db.pool)
        .await
        .unwrap();
    }
    // The billing system names accounts by their external id.
    sqlx::query(
        "UPDATE accounts SET external_id = login \
         WHERE login IN ('growth_1', 'growth_1000', 'bench_0') AND external_id IS NULL",
    )
    .execute(&db.pool)
    .await
    .unwrap();
    let mut sizes = Vec::new();
    for login in ["growth_1", "growth_1000", "bench_0"] {
        let account = service::identity::accounts::find_by_login(db, login)
            .await
            .unwrap()
            .unwrap();
        let number: String = sqlx::query_scalar(
            "SELECT number FROM contracts WHERE account_id = $1 ORDER BY id LIMIT 1",
        )
        .bind(account.id)
        .fetch_one(&db.pool)
        .await
        .unwrap();
        sizes.push((login, account, number));
    }
    let (first_page, picker) = first_pages();
    let now = service::platform::clock::wall_clock_ms();
    let batch_ctx = common::ctx(db.clone());
    let mut table: Vec<(&str, Vec<f64>)> = vec![
        (
            "contract home (facts, party A, expiring, first page)",
            vec![],
        ),
        (
            "a contract's page (contract, items, timeline, paper, stampings)",
            vec![],
        ),
        ("item picker, first page", vec![]),
        ("billing API batch, 100 orders upserted", vec![]),
    ];
    for (login, account, number) in &sizes {
        let (home, _) = percentiles(|_| {
            let (db, f, account) = (db.clone(), first_page.clone(), account.clone());
            async move {
                service::contracts::home::home(&db, &account).await.unwrap();
                list(&db, account.id, &f).await.unwrap();
            }
        })
        .await;
        let (page, _) = percentiles(|_| {
            let (db, account, number) = (db.clone(), account.clone(), number.clone());
            async move {
                let c = find_for_account(
                    &db,
                    account.id,
                    &domain::ContractNumber::from_stored(number),
                )
                .await
                .unwrap();
                assert!(!items_of(&db, c.id).await.unwrap().is_empty());
                assert_eq!(timeline(&db, c.id).await.unwrap().len(), 3);
                service::after_signing::paper::of_contract(&db, c.id)
                    .await
                    .unwrap();
                service::after_signing::stamping::of_contract(&db, c.id)
                    .await
                    .unwrap();
            }
        })
        .await;
        let (picked, _) = percentiles(|_| {
            let (db, q) = (db.clone(), picker.clone());
            let id = account.id;
            async move {
                pick(&db, id, ContractType::Order, &q, now).await.unwrap();
            }
        })
        .await;
        // The same 100 order numbers each run: the steady state of a billing system that
        // re-sends its day (the first run inserts, the rest update).
        let orders: Vec<service::billing::OrderItem> = (0..100)
            .map(|i| service::billing::OrderItem {
                order_no: format!("U-{login}-{i:03}"),
                account: login.to_string(),
                product: "云服务器 CVM".into(),
                billing_mode: domain::BillingMode::Prepaid,
                amount_fen: 10_000 + i,
                created_at: BASE_MS + i,
            })
            .collect();
        let (batch, _) = percentiles(|_| {
            let (ctx, orders) = (batch_ctx.clone(), orders.clone());
            async move {
                let actor = service::platform::audit::Actor::api(1, None);
                service::billing::upsert(&ctx, &orders, &actor)
                    .await
                    .unwrap();
            }
        })
        .await;
        for (row, value) in table.iter_mut().zip([home, page, picked, batch]) {
            row.1.push(value);
        }
    }
    println!();
    println!("Growth, p50 ms ({RUNS} runs each):");
    println!("| per account | 1 contract | 1,000 | 100,000 | 100,000 / 1 |");
    println!("|---|---:|---:|---:|---:|");
    for (name, p50s) in table {
        println!(
            "| {name} | {:.2} | {:.2} | {:.2} | {:.1}× |",
            p50s[0],
            p50s[1],
            p50s[2],
            p50s[2] / p50s[0]
        );
    }
}

/// One growth account with `contracts` order contracts, ten orders each (the first held
/// by the contract), and three audit events per contract.
fn growth_sql(login: &str, contracts: i64, tag: &str) -> String {
    format!(
        "INSERT INTO accounts (login, password_hash, kind, realname_status, subject_name, created_at, updated_at) \
         VALUES ('{login}', 'not-a-hash', 'enterprise', 'verified', '示例企业 {login} 有限公司', 0, 0); \
         INSERT INTO orders (account_id, order_no, product, billing_mode, amount_fen, created_at) \
         SELECT a.id, 'G{tag}' || lpad(g::text, 9, '0'), '云服务器 CVM', 'prepaid', 10000 + g % 1000, {BASE_MS} + g * 1000 \
         FROM accounts a, generate_series(1::bigint, {orders}) g WHERE a.login = '{login}'; \
         INSERT INTO contracts (account_id, number, kind, channel, status, sub_status, party_a_name, \
             party_a_address, party_a_contact, party_a_phone, party_a_email, party_a_postcode, total_fen, \
             template_version, created_at, updated_at, effective_at) \
         SELECT a.id, 'QY-2025060{tag}-' || lpad(g::text, 7, '0'), 'order', 'single', 'effective', \
             'e_contract_effective', '示例企业 有限公司', '上海市浦东新区示例路 88 号', '张三', '13800138000', \
             'a@example.cn', '200120', 10000, 'v1', {BASE_MS} + g * 10000, {BASE_MS} + g * 10000, {BASE_MS} + g * 10000 \
         FROM accounts a, generate_series(1::bigint, {contracts}) g WHERE a.login = '{login}'; \
         INSERT INTO contract_items (contract_id, item_kind, item_id, item_ref, description, amount_fen, occurred_at) \
         SELECT c.id, 'order', o.id, o.order_no, o.product, o.amount_fen, o.created_at \
         FROM contracts c JOIN accounts a ON a.id = c.account_id AND a.login = '{login}' \
         JOIN orders o ON o.order_no = 'G{tag}' || lpad((right(c.number, 7)::bigint * 10)::text, 9, '0'); \
         INSERT INTO audit_events (account_id, actor_kind, actor_id, contract_id, action, state_before, state_after, created_at) \
         SELECT c.account_id, 'system', NULL, c.id, a.action, NULL, 'e_contract_effective', c.created_at + a.n \
         FROM contracts c JOIN accounts x ON x.id = c.account_id AND x.login = '{login}', \
         (VALUES (0, 'contract.created'), (1, 'contract.convert_to_formal'), (2, 'contract.provider_signed')) a(n, action); \
         ANALYZE",
        orders = contracts * 10
    )
}
