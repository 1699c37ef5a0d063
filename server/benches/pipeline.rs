//! The background pipeline's throughput — contracts from created to effective per
//! second — with one and with two instances of the release binary on one PostgreSQL
//! database and one S3-compatible bucket, measured in the same run. The client creates
//! order contracts through the server functions (alternating instances) and converts each
//! as soon as its draft is ready, as a customer would.
//!
//! `scripts/bench-scale.sh` (starts PostgreSQL and moto, sets QY_BENCH_PG_URL and
//! QY_BENCH_S3_URL); QY_PIPELINE_CONTRACTS sets the batch (default 150).

#[path = "../tests/it/cluster.rs"]
mod cluster;

use std::time::Instant;

use axum::http::header;
use cluster::{create, drive, free_port, login, push_orders, ready, receiver, Http, Shared};
use service::Db;

async fn throughput(instances: usize, contracts: usize, pg: &str, s3: &str) -> f64 {
    let dir = std::env::temp_dir().join(format!("qy_pipeline_{instances}_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let font_dir = format!(
        "{}/../{}",
        env!("CARGO_MANIFEST_DIR"),
        server::config::DEFAULT_FONT_DIR
    );
    let (hook_port, _) = receiver().await;
    let shared = Shared::new(&dir, pg, s3, &font_dir, hook_port).await;
    shared.seed().await;
    let key = shared
        .run(&["api-key", "create", "bench"])
        .trim()
        .to_string();
    let bearer = [(header::AUTHORIZATION, format!("Bearer {key}"))];
    let http = Http::new();
    let ports: Vec<u16> = (0..instances).map(|_| free_port()).collect();
    let _running: Vec<_> = ports
        .iter()
        .enumerate()
        .map(|(i, port)| shared.start(&format!("i{i}"), *port))
        .collect();
    for port in &ports {
        ready(&http, *port).await;
    }
    let both = [ports[0], *ports.last().unwrap()];
    let session = [(header::COOKIE, login(ports[0]).await)];
    let db = Db::connect(shared.database_url()).await.unwrap();
    let account: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE login = 'ent_demo'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let orders = push_orders(&http, &ports, &bearer, &db, contracts).await;
    let framework = create(&http, ports[0], &session, "framework", &[]).await;
    drive(
        &http,
        &db,
        &session,
        &both,
        std::slice::from_ref(&framework),
        account,
    )
    .await;

    let started = Instant::now();
    let mut numbers = Vec::with_capacity(contracts);
    for (i, order) in orders.iter().enumerate() {
        numbers.push(create(&http, ports[i % instances], &session, "order", &[*order]).await);
    }
    drive(&http, &db, &session, &both, &numbers, account).await;
    let rate = contracts as f64 / started.elapsed().as_secs_f64();
    db.pool.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    rate
}

#[tokio::main]
async fn main() {
    let pg = std::env::var("QY_BENCH_PG_URL").expect("QY_BENCH_PG_URL (scripts/bench-scale.sh)");
    let s3 = std::env::var("QY_BENCH_S3_URL").expect("QY_BENCH_S3_URL (scripts/bench-scale.sh)");
    let contracts: usize = std::env::var("QY_PIPELINE_CONTRACTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(150);
    let one = throughput(1, contracts, &pg, &s3).await;
    let two = throughput(2, contracts, &pg, &s3).await;
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("Pipeline, {contracts} order contracts created → effective (release build, {cores} cores, one machine)");
    println!("| instances | contracts/s | ratio to one |");
    println!("|---:|---:|---:|");
    println!("| 1 | {one:.1} | 1.00 |");
    println!("| 2 | {two:.1} | {:.2} |", two / one);
}
