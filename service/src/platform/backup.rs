//! `qianyue backup PATH`: an online, consistent copy of the embedded SQLite database.
//! `VACUUM INTO` reads inside one transaction, so the copy is the database as of one
//! moment even while the server writes, and it is compacted and has no WAL beside it.
//! PostgreSQL deployments back up with their own tools (pg_dump, base backups).

use std::path::Path;

use thiserror::Error;

use crate::platform::db::{Db, Dialect};

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
/// The file is created first, exclusively and readable by its owner only (it holds every
/// account's data): two backups to one name cannot both write it, and there is no moment
/// between a check and the creation for another file to appear. SQLite's `VACUUM INTO`
/// then fills the empty file.
pub async fn sqlite(db: &Db, path: &Path) -> Result<(), BackupError> {
    if db.dialect != Dialect::Sqlite {
        return Err(BackupError::NotSqlite);
    }
    let shown = path.display().to_string();
    let io = |source| BackupError::Io {
        path: shown.clone(),
        source,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| BackupError::Io {
            path: parent.display().to_string(),
            source,
        })?;
    }
    let target = path
        .to_str()
        .ok_or_else(|| io(std::io::Error::other("the path is not valid UTF-8")))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(BackupError::Exists(shown))
        }
        Err(e) => return Err(io(e)),
    }
    let copied = async {
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(&db.pool)
            .await?;
        // The copy is complete once on disk, not once in the page cache.
        std::fs::File::open(path)
            .and_then(|file| file.sync_all())
            .map_err(io)
    }
    .await;
    if copied.is_err() {
        // Ours (created above), and not a backup: nobody should mistake it for one.
        let _ = std::fs::remove_file(path);
    }
    copied
}
