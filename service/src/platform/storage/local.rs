//! The embedded backend: documents as files under a directory, `ab/abcd…` by key.

use std::path::PathBuf;

use super::{sha256_hex, StorageError};

#[derive(Debug, Clone)]
pub struct Local {
    root: PathBuf,
}

impl Local {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// `key` is checked by `Storage` (64 hex digits) before it reaches a path.
    fn path(&self, key: &str) -> PathBuf {
        self.root.join(&key[..2]).join(key)
    }

    /// Stores `bytes` under `key`, their SHA-256. Written to a temporary
    /// file and renamed, so a crash never leaves a half-written document under its key;
    /// the file and then its directory are flushed to disk before this returns, so the
    /// database commit that records the key (always after) never names a document a power
    /// loss could take back.
    pub async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), StorageError> {
        use tokio::io::AsyncWriteExt;
        let path = self.path(key);
        if tokio::fs::try_exists(&path).await? {
            return Ok(());
        }
        let dir = path.parent().expect("keyed paths have a parent");
        tokio::fs::create_dir_all(dir).await?;
        let tmp = dir.join(format!("{key}.{}.tmp", std::process::id()));
        let mut file = tokio::fs::File::create(&tmp).await?;
        file.write_all(bytes).await?;
        file.sync_all().await?;
        drop(file);
        tokio::fs::rename(&tmp, &path).await?;
        sync_dir(dir).await?;
        Ok(())
    }

    /// Whether documents can be written: a readiness check writes, flushes and removes a
    /// small file of this process's own.
    pub async fn check(&self) -> Result<(), StorageError> {
        static PROBES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = PROBES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        tokio::fs::create_dir_all(&self.root).await?;
        let probe = self
            .root
            .join(format!(".ready-probe.{}.{n}.tmp", std::process::id()));
        tokio::fs::write(&probe, b"ready").await?;
        tokio::fs::remove_file(&probe).await?;
        Ok(())
    }

    /// Reads a document and checks it still hashes to its key.
    pub async fn get(&self, key: &str) -> Result<Vec<u8>, StorageError> {
        let bytes = match tokio::fs::read(self.path(key)).await {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StorageError::Missing(key.to_string()))
            }
            read => read?,
        };
        if sha256_hex(&bytes) != key {
            return Err(StorageError::Corrupt {
                key: key.to_string(),
            });
        }
        Ok(bytes)
    }
}

/// The operators' exports (`files.rs`), as files under `ROOT/files/`.
impl Local {
    fn file_path(&self, name: &str) -> PathBuf {
        self.root.join("files").join(name)
    }

    pub async fn put_file(
        &self,
        name: &str,
        chunks: impl futures::Stream<Item = Result<Vec<u8>, StorageError>> + Send,
    ) -> Result<(), StorageError> {
        use futures::StreamExt;
        use tokio::io::AsyncWriteExt;
        let path = self.file_path(name);
        let dir = path.parent().expect("a file has a directory");
        tokio::fs::create_dir_all(dir).await?;
        let tmp = dir.join(format!("{name}.tmp"));
        let written = async {
            let mut file = tokio::fs::File::create(&tmp).await?;
            let mut chunks = std::pin::pin!(chunks);
            while let Some(chunk) = chunks.next().await {
                file.write_all(&chunk?).await?;
            }
            file.sync_all().await?;
            Ok::<_, StorageError>(())
        }
        .await;
        if let Err(e) = written {
            let _ = tokio::fs::remove_file(&tmp).await;
            return Err(e);
        }
        tokio::fs::rename(&tmp, &path).await?;
        sync_dir(dir).await?;
        Ok(())
    }

    pub async fn open_file(&self, name: &str) -> Result<super::FileStream, StorageError> {
        use futures::StreamExt;
        use tokio::io::AsyncReadExt;
        let file = match tokio::fs::File::open(self.file_path(name)).await {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StorageError::Missing(name.to_string()))
            }
            opened => opened?,
        };
        // 256 KiB a chunk: one in memory at a time, however large the file.
        Ok(futures::stream::try_unfold(file, |mut file| async move {
            let mut chunk = vec![0u8; 256 << 10];
            let n = file.read(&mut chunk).await?;
            chunk.truncate(n);
            Ok((n > 0).then_some((chunk, file)))
        })
        .boxed())
    }

    pub async fn remove_file(&self, name: &str) -> Result<(), StorageError> {
        match tokio::fs::remove_file(self.file_path(name)).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }
}

/// Flushes a directory's entries (a rename is durable only once its directory is).
pub async fn sync_dir(dir: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    tokio::fs::File::open(dir).await?.sync_all().await?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::storage::{DocumentKey, Storage};

    #[tokio::test]
    async fn stores_by_hash_and_detects_tampering() {
        let root = std::env::temp_dir().join(format!("qy_storage_{}", std::process::id()));
        let storage = Storage::new(&root);
        let key = storage.put(b"contract").await.unwrap();
        assert_eq!(key.as_str(), sha256_hex(b"contract"));
        assert_eq!(storage.put(b"contract").await.unwrap(), key);
        assert_eq!(storage.get(&key).await.unwrap(), b"contract");
        let local = Local::new(&root);
        std::fs::write(local.path(key.as_str()), b"contracT").unwrap();
        assert!(matches!(
            storage.get(&key).await,
            Err(StorageError::Corrupt { .. })
        ));
        assert!(matches!(
            DocumentKey::parse("../etc/passwd"),
            Err(StorageError::BadKey(_))
        ));
        assert!(matches!(
            storage.get(&DocumentKey::of(b"never stored")).await,
            Err(StorageError::Missing(_))
        ));
        let _ = std::fs::remove_dir_all(root);
    }
}
