//! Content-addressed document storage: a document's key is its SHA-256, so storing the
//! same bytes twice is harmless and what is served is checked against what was recorded
//! (R10). Two backends behind one interface: files under a local directory (the embedded
//! default) and an S3-compatible object store (`object.rs`), which several instances
//! share.

mod files;
mod key;
mod local;
mod object;

use std::sync::Arc;

use sha2::{Digest, Sha256};

pub use files::{new_file_name, FileStream, StoredFile};
pub use key::DocumentKey;
pub use local::sync_dir;
pub use object::S3Settings;

/// The largest document a read accepts (every contract PDF is well under 1 MB); a larger
/// object is not ours.
pub const MAX_DOCUMENT_BYTES: usize = 16 << 20;

#[derive(Clone)]
pub struct Storage {
    backend: Backend,
}

#[derive(Clone)]
enum Backend {
    Local(local::Local),
    Object(Arc<object::Object>),
}

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("storage io: {0}")]
    Io(#[from] std::io::Error),
    #[error("object store: {0}")]
    Store(String),
    #[error("stored document {0} does not exist")]
    Missing(String),
    #[error("stored document {key} does not match its SHA-256")]
    Corrupt { key: String },
    #[error("bad storage key {0:?}")]
    BadKey(String),
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hexadecimal of `bytes` (digests, MACs, random keys).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Storage {
    /// Files under `root` (the embedded default).
    pub fn new(root: impl Into<std::path::PathBuf>) -> Self {
        Self {
            backend: Backend::Local(local::Local::new(root)),
        }
    }

    /// An S3-compatible bucket (`S3Settings`).
    pub fn s3(settings: &S3Settings) -> Result<Self, StorageError> {
        Ok(Self::object(object::Object::s3(settings)?))
    }

    /// Any `object_store` backend (tests use an in-memory or a failing one).
    pub fn object_store(store: Arc<dyn object_store::ObjectStore>, prefix: &str) -> Self {
        Self::object(object::Object::new(store, prefix))
    }

    fn object(object: object::Object) -> Self {
        Self {
            backend: Backend::Object(Arc::new(object)),
        }
    }

    /// Stores `bytes` and returns their key (= SHA-256, hex). When this returns, the
    /// document is durable: the database commit that records the key (always after)
    /// never names a document that could be lost. Storing existing bytes again is
    /// harmless (a conditional write that finds the object present).
    pub async fn put(&self, bytes: &[u8]) -> Result<DocumentKey, StorageError> {
        let key = DocumentKey::of(bytes);
        match &self.backend {
            Backend::Local(local) => local.put(key.as_str(), bytes).await?,
            Backend::Object(object) => object.put(key.as_str(), bytes).await?,
        }
        Ok(key)
    }

    /// Reads a document and checks it still hashes to its key: corrupt bytes are never
    /// served.
    pub async fn get(&self, key: &DocumentKey) -> Result<Vec<u8>, StorageError> {
        match &self.backend {
            Backend::Local(local) => local.get(key.as_str()).await,
            Backend::Object(object) => object.get(key.as_str()).await,
        }
    }

    /// Whether documents can be stored (a readiness check).
    pub async fn check(&self) -> Result<(), StorageError> {
        match &self.backend {
            Backend::Local(local) => local.check().await,
            Backend::Object(object) => object.check().await,
        }
    }
}

impl std::fmt::Debug for Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.backend {
            Backend::Local(local) => local.fmt(f),
            Backend::Object(object) => write!(f, "Object({})", object.describe()),
        }
    }
}
