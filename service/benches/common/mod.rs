//! What the benchmarks share: a fresh SQLite file, and a fresh PostgreSQL database when
//! `QY_BENCH_PG_URL` names a server's admin URL.

use std::future::Future;

use service::Db;

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
