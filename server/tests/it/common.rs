//! The test app: the real router and state on a fresh seeded SQLite file under the
//! temporary folder (scripts/test.sh points it into target/), configured for tests.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use axum::Router;
use server::{build_router, build_state, Config};
use service::Db;

/// The fonts `scripts/setup.sh` installs.
pub fn font_dir() -> String {
    format!(
        "{}/../{}",
        env!("CARGO_MANIFEST_DIR"),
        server::config::DEFAULT_FONT_DIR
    )
}

/// A path no other test in any process uses: `<prefix>_<pid>_<n>`.
pub fn scratch_path(prefix: &str) -> PathBuf {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    std::env::temp_dir().join(format!(
        "{prefix}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ))
}

/// No background delays, documents and keys under `data_dir`, demo mode as asked.
pub fn test_config(data_dir: &Path, demo: bool) -> Config {
    let font_dir = font_dir();
    let data_dir = data_dir.display().to_string();
    Config::from_lookup(|name| match name {
        "QY_DEMO" if demo => Some("1".into()),
        "QY_DRAFT_DELAY_SECS" | "QY_SIGN_DELAY_SECS" => Some("0".into()),
        "QY_FONT_DIR" => Some(font_dir.clone()),
        "QY_DATA_DIR" => Some(data_dir.clone()),
        _ => None,
    })
    .unwrap()
}

/// A fresh seeded database; `configure` adjusts the configuration before the state is built.
pub async fn app_with_config(
    prefix: &str,
    demo: bool,
    configure: impl FnOnce(&mut Config),
) -> (Router, service::Ctx) {
    let path = scratch_path(prefix);
    let db = Db::connect(&format!("sqlite://{}.db", path.display()))
        .await
        .unwrap();
    service::seed::seed_demo(&db).await.unwrap();
    let mut config = test_config(&path.with_extension("data"), demo);
    configure(&mut config);
    let state = build_state(&config, db).unwrap();
    let ctx = state.state.ctx.clone();
    (build_router(&config, state), ctx)
}
