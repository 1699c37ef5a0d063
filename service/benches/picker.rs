//! The item picker on an account with 10,000 orders: first page, a deep keyset page,
//! a search, and — as the baseline measured in the same run — the same deep page fetched
//! with LIMIT/OFFSET, the way a naive pager would.
//!
//! `cargo bench -p service --bench picker` (SQLite; set QY_BENCH_PG_URL to an admin URL to
//! run on PostgreSQL too).

mod common;

use std::time::Instant;

use domain::picker::{Cursor, PickerQuery};
use domain::ContractType;
use service::contracts::items::pick;
use service::Db;
use sqlx::Row;

const ORDERS: i64 = 10_000;
const RUNS: usize = 41;

fn median_ms(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
    samples[samples.len() / 2]
}

async fn time<F, Fut>(mut f: F) -> f64
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    f().await; // warm up
    let mut samples = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        f().await;
        samples.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    median_ms(samples)
}

async fn setup(db: &Db) -> i64 {
    service::seed::seed_demo(db).await.unwrap();
    let account = service::identity::accounts::find_by_login(db, "ent_demo")
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut tx = db.pool.begin().await.unwrap();
    let base = domain::calendar::cst_midnight_ms(2025, 1, 1);
    for i in 0..ORDERS {
        let mode = [
            "prepaid",
            "postpaid",
            "refund",
            "monthly_bill",
            "marketplace",
        ][(i % 5) as usize];
        sqlx::query(
            "INSERT INTO orders (account_id, order_no, product, billing_mode, amount_fen, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(account)
        .bind(format!("BENCH{i:08}"))
        .bind(["云服务器 CVM", "对象存储 COS", "云数据库 MySQL", "CDN"][(i % 4) as usize])
        .bind(mode)
        .bind(if mode == "refund" { -100 } else { 10_000 + i })
        .bind(base + i * 60_000)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    account
}

async fn run(label: &str, db: Db) {
    let account = setup(&db).await;
    let now = service::platform::clock::wall_clock_ms();
    let first = PickerQuery {
        limit: 20,
        ..Default::default()
    };
    // The cursor of the page ~9,000 rows deep.
    let deep_row = sqlx::query("SELECT created_at, id FROM orders WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET 9000")
        .bind(account)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let cursor = Cursor {
        date_ms: deep_row.get(0),
        id: deep_row.get(1),
    };
    let deep = PickerQuery {
        after: Some(cursor),
        ..first.clone()
    };
    let search = PickerQuery {
        search: "对象存储".into(),
        ..first.clone()
    };

    let t_first = time(|| async {
        pick(&db, account, ContractType::Order, &first, now)
            .await
            .unwrap();
    })
    .await;
    let t_deep = time(|| async {
        pick(&db, account, ContractType::Order, &deep, now)
            .await
            .unwrap();
    })
    .await;
    let t_search = time(|| async {
        pick(&db, account, ContractType::Order, &search, now)
            .await
            .unwrap();
    })
    .await;
    let t_offset = time(|| async {
        sqlx::query(
            "SELECT i.id, i.order_no, i.product, i.billing_mode, i.amount_fen, i.created_at, c.number, c.expires_at \
             FROM orders i LEFT JOIN contract_items ci ON ci.item_kind = 'order' AND ci.item_id = i.id AND ci.released_at IS NULL \
             LEFT JOIN contracts c ON c.id = ci.contract_id WHERE i.account_id = $1 \
             ORDER BY i.created_at DESC, i.id DESC LIMIT 21 OFFSET 9000",
        )
        .bind(account)
        .fetch_all(&db.pool)
        .await
        .unwrap();
    })
    .await;
    println!("{label}: {ORDERS} orders on one account, median of {RUNS} runs");
    println!("  first page (20 rows)            {t_first:8.3} ms");
    println!("  keyset page ~9,000 rows deep    {t_deep:8.3} ms");
    println!("  search 对象存储 (first page)     {t_search:8.3} ms");
    println!(
        "  baseline: OFFSET 9000 page      {t_offset:8.3} ms  → keyset is {:.1}× faster",
        t_offset / t_deep
    );
}

#[tokio::main]
async fn main() {
    common::on_each_database("bench_picker", run).await;
}
