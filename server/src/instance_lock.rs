//! One server per SQLite database. SQLite serialises writers inside one process's pool,
//! but the job worker's claim is not safe across processes (no `SKIP LOCKED`) and nothing
//! else is shared either: a second instance must run on PostgreSQL. The lock is an
//! exclusive `flock` on a file beside the database, released by the kernel when the
//! process ends however it ends, so a killed server never leaves a stale lock behind.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::PathBuf;

/// Held for the life of the server.
#[derive(Debug)]
pub struct InstanceLock {
    _file: File,
}

/// Takes the lock for the SQLite database at `database_url`; PostgreSQL needs none.
pub fn claim(database_url: &str) -> Result<Option<InstanceLock>, String> {
    let Some(database) = service::platform::db::sqlite_file(database_url) else {
        return Ok(None);
    };
    let mut path = database.clone().into_os_string();
    path.push(".lock");
    let path = PathBuf::from(path);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(InstanceLock { _file: file })),
        Err(TryLockError::WouldBlock) => Err(format!(
            "another qianyue server is serving {}: a SQLite database serves one instance; \
             run several instances on PostgreSQL (README: \"Running several instances\")",
            database.display()
        )),
        Err(TryLockError::Error(e)) => Err(format!("cannot lock {}: {e}", path.display())),
    }
}
