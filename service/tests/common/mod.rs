//! Test databases: every test gets a fresh SQLite file and, when `QY_TEST_PG_URL` names
//! a PostgreSQL server (scripts/test.sh starts one), a fresh PostgreSQL database too, so
//! each rule is checked on both.

#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};

use service::Db;
use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::Executor;

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
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
    Some(
        Db::connect(&format!("{base}/{name}"))
            .await
            .expect("postgres test database"),
    )
}

/// A fresh database of each kind available: (label, db).
pub async fn databases() -> Vec<(&'static str, Db)> {
    let mut dbs = vec![("sqlite", sqlite().await)];
    if let Some(pg) = postgres().await {
        dbs.push(("postgres", pg));
    }
    dbs
}
