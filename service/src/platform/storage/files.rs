//! Files of their own beside the content-addressed documents: the operators' exports
//! (issue 31), archives of up to 10,000 documents. Too large to hold in memory, they are
//! written from a stream and read back as one, in chunks. A file is named by a random
//! token (never by user input), checked before it reaches a path or an object name.

use futures::stream::BoxStream;
use futures::{Stream, StreamExt};
use sha2::{Digest, Sha256};

use super::{hex, Backend, Storage, StorageError};

/// A stored file: its size and SHA-256, worked out as it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub size: i64,
    pub sha256: String,
}

/// Chunks of a file as it is read.
pub type FileStream = BoxStream<'static, Result<Vec<u8>, StorageError>>;

/// A file name is 32 hex digits and `.zip`: nothing else reaches a path or an object.
fn check_name(name: &str) -> Result<(), StorageError> {
    let ok = name.len() == 36
        && name.ends_with(".zip")
        && name[..32].bytes().all(|b| b.is_ascii_hexdigit());
    if ok {
        Ok(())
    } else {
        Err(StorageError::BadKey(name.to_string()))
    }
}

/// A new file name: 128 random bits.
pub fn new_file_name() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut token = [0u8; 16];
    OsRng.fill_bytes(&mut token);
    format!("{}.zip", hex(&token))
}

/// Hashes and counts what passes through.
struct Tally {
    hash: Sha256,
    size: i64,
}

impl Tally {
    fn new() -> Self {
        Self {
            hash: Sha256::new(),
            size: 0,
        }
    }
    fn add(&mut self, chunk: &[u8]) {
        self.hash.update(chunk);
        self.size += chunk.len() as i64;
    }
    fn done(self) -> StoredFile {
        StoredFile {
            size: self.size,
            sha256: hex(&self.hash.finalize()),
        }
    }
}

impl Storage {
    /// Writes `chunks` as the file `name`. The file exists under its name only once the
    /// stream ended without an error: a failed export leaves nothing that looks whole.
    pub async fn put_file<E: std::fmt::Display>(
        &self,
        name: &str,
        chunks: impl Stream<Item = Result<Vec<u8>, E>> + Send,
    ) -> Result<StoredFile, StorageError> {
        check_name(name)?;
        let mut tally = Tally::new();
        let chunks = chunks.map(|chunk| {
            chunk
                .inspect(|c| tally.add(c))
                .map_err(|e| StorageError::Store(e.to_string()))
        });
        match &self.backend {
            Backend::Local(local) => local.put_file(name, chunks).await?,
            Backend::Object(object) => object.put_file(name, chunks).await?,
        }
        Ok(tally.done())
    }

    /// The file `name`, as it is read.
    pub async fn open_file(&self, name: &str) -> Result<FileStream, StorageError> {
        check_name(name)?;
        match &self.backend {
            Backend::Local(local) => local.open_file(name).await,
            Backend::Object(object) => object.open_file(name).await,
        }
    }

    /// Removes the file `name`; one already gone is not an error.
    pub async fn remove_file(&self, name: &str) -> Result<(), StorageError> {
        check_name(name)?;
        match &self.backend {
            Backend::Local(local) => local.remove_file(name).await,
            Backend::Object(object) => object.remove_file(name).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_generated_names_are_accepted() {
        let name = new_file_name();
        assert!(check_name(&name).is_ok(), "{name}");
        for bad in ["../etc/passwd", "", "x.zip", &name.replace(".zip", ".pdf")] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
        assert_ne!(new_file_name(), name);
    }
}
