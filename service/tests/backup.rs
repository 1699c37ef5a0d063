//! `qianyue backup`: a private file, created exclusively, never one that exists.

mod common;

use service::platform::backup::{sqlite, BackupError};

#[tokio::test]
async fn two_backups_to_one_name_write_it_once_and_the_copy_is_private() {
    let db = common::sqlite().await;
    service::seed::seed_demo(&db).await.unwrap();
    let path = std::env::temp_dir().join(format!("{}.backup.db", common::unique_name()));
    let (first, second) = tokio::join!(sqlite(&db, &path), sqlite(&db, &path));
    let outcomes = [first, second];
    assert_eq!(
        outcomes.iter().filter(|o| o.is_ok()).count(),
        1,
        "{outcomes:?}"
    );
    assert!(
        outcomes
            .iter()
            .any(|o| matches!(o, Err(BackupError::Exists(_)))),
        "{outcomes:?}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    let copy = service::Db::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(&copy.pool)
        .await
        .unwrap();
    assert!(accounts > 0);
    let _ = std::fs::remove_file(&path);
}

#[tokio::test]
async fn an_existing_file_is_refused_and_left_as_it_was() {
    let db = common::sqlite().await;
    let path = std::env::temp_dir().join(format!("{}.keep", common::unique_name()));
    std::fs::write(&path, b"not mine").unwrap();
    assert!(matches!(
        sqlite(&db, &path).await,
        Err(BackupError::Exists(_))
    ));
    assert_eq!(std::fs::read(&path).unwrap(), b"not mine");
    let _ = std::fs::remove_file(&path);
}
