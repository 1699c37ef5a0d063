//! The binary's account commands, run as the person operating the service would: the demo
//! data refused outside demo mode, a real operator created and a password reset with the
//! password on standard input (never an argument).

use std::process::Stdio;
use std::time::Duration;

use service::identity::accounts::{authenticate, DemoAccounts};
use service::identity::throttle::Caller;
use service::Db;
use tokio::io::AsyncWriteExt;
use tokio::process::Command;

/// Runs `qianyue ARGS` on the database in `dir`, `stdin` piped in; (success, stderr).
/// Bounded: a command that does not finish within a minute fails the test.
async fn qianyue(dir: &std::path::Path, demo: bool, args: &[&str], stdin: &str) -> (bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_qianyue"))
        .args(args)
        .env("DATABASE_URL", database_url(dir))
        .env("QY_DATA_DIR", dir.join("data"))
        .env("QY_DEMO", if demo { "1" } else { "0" })
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("qianyue starts");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.as_bytes()).await.unwrap();
    drop(input);
    let output = tokio::time::timeout(Duration::from_secs(60), child.wait_with_output())
        .await
        .unwrap_or_else(|_| panic!("qianyue {args:?} did not finish within 60 s"))
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn database_url(dir: &std::path::Path) -> String {
    format!("sqlite://{}/commands.db", dir.display())
}

#[tokio::test]
async fn operators_are_created_and_passwords_set_from_the_command_line_and_demo_data_only_in_demo_mode(
) {
    let dir = std::env::temp_dir().join(format!("qy_commands_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();

    let (ok, stderr) = qianyue(&dir, false, &["seed-demo"], "").await;
    assert!(!ok && stderr.contains("QY_DEMO=1"), "{stderr}");
    let db = Db::connect(&database_url(&dir)).await.unwrap();
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(accounts, 0, "no demo account outside demo mode");

    let (ok, stderr) = qianyue(
        &dir,
        false,
        &["operator", "create", "ops_lead"],
        "Lead-pass-1\n",
    )
    .await;
    assert!(ok, "{stderr}");
    let ops = authenticate(
        &db,
        "ops_lead",
        "Lead-pass-1",
        &Caller::UNKNOWN,
        DemoAccounts::Allowed,
        0,
    )
    .await
    .unwrap();
    assert_eq!(ops.role, domain::account::Role::Operator);

    let (ok, stderr) = qianyue(&dir, false, &["operator", "create", "ops_two"], "weak\n").await;
    assert!(!ok && stderr.contains("password"), "{stderr}");
    let (ok, stderr) = qianyue(&dir, false, &["operator", "create"], "Lead-pass-1\n").await;
    assert!(!ok && stderr.contains("Usage: qianyue"), "{stderr}");

    let (ok, stderr) = qianyue(
        &dir,
        false,
        &["account", "set-password", "ops_lead"],
        "Newer-pass-2\n",
    )
    .await;
    assert!(ok, "{stderr}");
    assert!(authenticate(
        &db,
        "ops_lead",
        "Newer-pass-2",
        &Caller::UNKNOWN,
        DemoAccounts::Allowed,
        0
    )
    .await
    .is_ok());
    let (ok, stderr) = qianyue(
        &dir,
        false,
        &["account", "set-password", "nobody_here"],
        "Newer-pass-2\n",
    )
    .await;
    assert!(!ok && stderr.contains("no such account"), "{stderr}");

    let (ok, stderr) = qianyue(&dir, true, &["seed-demo"], "").await;
    assert!(ok, "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn api_keys_are_created_with_a_scope_and_an_expiry_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("qy_key_commands_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let create = |extra: &'static [&'static str]| {
        let dir = dir.clone();
        async move {
            let args: Vec<&str> = ["api-key", "create", "reporting"]
                .into_iter()
                .chain(extra.iter().copied())
                .collect();
            qianyue(&dir, false, &args, "").await
        }
    };
    let (ok, stderr) = create(&["--read-only", "--days", "7"]).await;
    assert!(ok, "{stderr}");
    let (ok, stderr) = create(&["--days", "0"]).await;
    assert!(!ok && stderr.contains("3650"), "{stderr}");
    let (ok, stderr) = create(&["--forever"]).await;
    assert!(!ok && stderr.contains("Usage: qianyue"), "{stderr}");

    let db = Db::connect(&database_url(&dir)).await.unwrap();
    let keys: Vec<(String, Option<i64>, i64)> =
        sqlx::query_as("SELECT scope, expires_at, created_at FROM api_keys")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    assert_eq!(keys.len(), 1, "only the valid command made a key");
    let (scope, expires_at, created_at) = &keys[0];
    assert_eq!(scope, "read");
    assert_eq!(*expires_at, Some(created_at + 7 * 86_400_000));
    db.pool.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
