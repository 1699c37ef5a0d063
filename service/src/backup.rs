//! `qianyue backup PATH`: an online, consistent copy of the embedded SQLite database.
//! `VACUUM INTO` reads inside one transaction, so the copy is the database as of one
//! moment even while the server writes, and it is compacted and has no WAL beside it.
//! PostgreSQL deployments back up with their own tools (pg_dump, base backups).

use std::path::Path;

use thiserror::Error;

use crate::db::{Db, Dialect};

#[derive(Debug, Error)]
pub enum BackupError {
    #[error("{0} exists already; give a new file name")]
    Exists(String),
    #[error("backup copies the embedded SQLite database; back up PostgreSQL with pg_dump (see the README's \"Backups\")")]
    NotSqlite,
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("copying the database: {0}")]
    Database(#[from] sqlx::Error),
}

/// Writes the copy to `path`, a file that must not exist yet (its folder is created).
pub async fn sqlite(db: &Db, path: &Path) -> Result<(), BackupError> {
    if db.dialect != Dialect::Sqlite {
        return Err(BackupError::NotSqlite);
    }
    let shown = path.display().to_string();
    if path.exists() {
        return Err(BackupError::Exists(shown));
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| BackupError::Io {
            path: parent.display().to_string(),
            source,
        })?;
    }
    let target = path.to_str().ok_or_else(|| BackupError::Io {
        path: shown.clone(),
        source: std::io::Error::other("the path is not valid UTF-8"),
    })?;
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(&db.pool)
        .await?;
    // The copy is complete once on disk, not once in the page cache.
    let file = std::fs::File::open(path).map_err(|source| BackupError::Io {
        path: shown.clone(),
        source,
    })?;
    file.sync_all().map_err(|source| BackupError::Io {
        path: shown,
        source,
    })?;
    Ok(())
}
