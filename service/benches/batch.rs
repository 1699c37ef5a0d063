//! The billing API's batch upsert: 1,000 orders in one all-or-nothing batch, against the
//! baseline measured in the same run — the same 1,000 orders pushed one per call (one
//! transaction each), the way a client without the batch endpoint would.
//!
//! `cargo bench -p service --bench batch` (SQLite; set QY_BENCH_PG_URL to an admin URL to
//! run on PostgreSQL too).

mod common;

use std::time::Instant;

use service::billing::{upsert, OrderItem};
use service::platform::audit::Actor;
use service::Db;

const ITEMS: usize = 1_000;
const RUNS: usize = 5;

fn median_ms(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
    samples[samples.len() / 2]
}

fn orders(run: usize) -> Vec<OrderItem> {
    (0..ITEMS)
        .map(|i| OrderItem {
            order_no: format!("BATCH-{run}-{i:05}"),
            account: "bench-ent".into(),
            product: "云服务器 CVM".into(),
            billing_mode: domain::BillingMode::Prepaid,
            amount_fen: 10_000 + i as i64,
            created_at: 1_795_400_000_000 + i as i64,
        })
        .collect()
}

async fn run(label: &str, db: Db) {
    service::seed::seed_demo(&db).await.unwrap();
    sqlx::query("UPDATE accounts SET external_id = 'bench-ent' WHERE login = 'ent_demo'")
        .execute(&db.pool)
        .await
        .unwrap();
    let ctx = common::ctx(db);
    let actor = Actor::system();
    let (mut batched, mut single) = (Vec::new(), Vec::new());
    for run in 0..RUNS {
        // New orders each run (inserts), the same ones again (updates): both count.
        let items = orders(run);
        let start = Instant::now();
        upsert(&ctx, &items, &actor).await.unwrap();
        batched.push(start.elapsed().as_secs_f64() * 1000.0);

        let items = orders(RUNS + run);
        let start = Instant::now();
        for item in &items {
            upsert(&ctx, std::slice::from_ref(item), &actor)
                .await
                .unwrap();
        }
        single.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let (batched, single) = (median_ms(batched), median_ms(single));
    println!("{label}: {ITEMS} new orders, median of {RUNS} runs");
    println!("  one batch of {ITEMS}                 {batched:9.1} ms");
    println!(
        "  baseline: {ITEMS} calls of one item   {single:9.1} ms  → the batch is {:.1}× faster",
        single / batched
    );
}

#[tokio::main]
async fn main() {
    common::on_each_database("bench_batch", run).await;
}
