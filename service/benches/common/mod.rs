//! What the benchmarks share: a fresh SQLite file, and a fresh PostgreSQL database when
//! `QY_BENCH_PG_URL` names a server's admin URL.

#![allow(dead_code)] // each benchmark uses part of this

use std::future::Future;
use std::sync::Arc;

use service::{Ctx, Db};

/// Runs `run` on SQLite, then on PostgreSQL if configured.
pub async fn on_each_database<F, Fut>(name: &str, run: F)
where
    F: Fn(&'static str, Db) -> Fut,
    Fut: Future<Output = ()>,
{
    let path = std::env::temp_dir().join(format!("qy_{name}_{}.db", std::process::id()));
    let db = Db::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    run("SQLite", db).await;
    let _ = std::fs::remove_file(&path);
    if let Ok(admin) = std::env::var("QY_BENCH_PG_URL") {
        sqlx::any::install_default_drivers();
        let database = format!("qy_{name}_{}", std::process::id());
        let pool = sqlx::AnyPool::connect(&admin).await.unwrap();
        sqlx::query(&format!("CREATE DATABASE {database}"))
            .execute(&pool)
            .await
            .unwrap();
        let (base, _) = admin.rsplit_once('/').unwrap();
        run(
            "PostgreSQL",
            Db::connect(&format!("{base}/{database}")).await.unwrap(),
        )
        .await;
    }
}

/// Benchmarks never render documents.
struct NoDocuments;

impl service::DocumentRenderer for NoDocuments {
    fn draft(
        &self,
        _: &service::contracts::Contract,
        _: &[service::contracts::ContractItem],
    ) -> Result<Vec<u8>, String> {
        Err("not in this benchmark".into())
    }
    fn formal(
        &self,
        _: &service::contracts::Contract,
        _: &[service::contracts::ContractItem],
        _: &[service::contracts::TimelineEntry],
        _: i64,
    ) -> Result<Vec<u8>, String> {
        Err("not in this benchmark".into())
    }
}

/// A use case's context on `db`: SMS to the outbox, no documents.
pub fn ctx(db: Db) -> Ctx {
    Ctx {
        storage: service::platform::storage::Storage::new(std::env::temp_dir().join("qy-bench")),
        sms: Arc::new(service::sms::OutboxSender::new(db.clone())),
        db,
        renderer: Arc::new(NoDocuments),
        trust: Arc::new(service::esign::sealing::NoTrustServices),
        delays: Default::default(),
        code_key: Arc::from(vec![7u8; 32]),
        contracts_per_day: service::CONTRACTS_PER_DAY,
        sms_caps: Default::default(),
        signing: Default::default(),
        lang: domain::Lang::default(),
    }
}
