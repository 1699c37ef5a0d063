//! The shared backend: documents as objects `PREFIX/ab/abcd…` in an S3-compatible bucket
//! (AWS S3, MinIO, Ceph, Tencent COS, Alibaba OSS…) through the `object_store` crate.
//! A write is conditional (`If-None-Match: *`): two instances storing the same document
//! at once both succeed and the object is written once. A read streams the object,
//! hashing as it arrives and refusing anything larger than a document can be.

use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use object_store::aws::{AmazonS3Builder, S3ConditionalPut};
use object_store::path::Path;
use object_store::{ClientOptions, ObjectStore, PutMode, PutPayload, RetryConfig};
use sha2::{Digest, Sha256};

use super::{hex, StorageError, MAX_DOCUMENT_BYTES};

/// Where the documents live (`QY_S3_*`, see the server's configuration).
#[derive(Clone, PartialEq, Eq)]
pub struct S3Settings {
    pub bucket: String,
    /// Objects are named `PREFIX/ab/abcd…`.
    pub prefix: String,
    /// A custom endpoint (`https://…`; `http://` only to loopback, a local test server).
    pub endpoint: Option<String>,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: crate::platform::secret::Secret,
    /// `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key`: what most
    /// S3-compatible servers expect.
    pub path_style: bool,
    /// How long to wait for the store to take a connection, and for its answer to begin
    /// (`QY_BACKEND_TIMEOUT_SECS`): a store that is down fails a request in seconds.
    pub connect_timeout: Duration,
}

impl S3Settings {
    /// A bucket with the defaults: region `us-east-1`, prefix `documents`, path-style
    /// addressing exactly when a custom endpoint is given (S3-compatible servers).
    pub fn new(bucket: &str, endpoint: Option<&str>, access_key_id: &str, secret: &str) -> Self {
        Self {
            bucket: bucket.into(),
            prefix: "documents".into(),
            endpoint: endpoint.map(|e| e.trim_end_matches('/').to_string()),
            region: "us-east-1".into(),
            access_key_id: access_key_id.into(),
            secret_access_key: secret.into(),
            path_style: endpoint.is_some(),
            connect_timeout: Duration::from_secs(5),
        }
    }
}

impl std::fmt::Debug for S3Settings {
    // The secret never reaches a log line (not even its field's name).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Settings")
            .field("bucket", &self.bucket)
            .field("prefix", &self.prefix)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field("path_style", &self.path_style)
            .field("connect_timeout", &self.connect_timeout)
            .finish_non_exhaustive()
    }
}

pub struct Object {
    store: Arc<dyn ObjectStore>,
    prefix: String,
    described: String,
}

impl Object {
    pub fn new(store: Arc<dyn ObjectStore>, prefix: &str) -> Self {
        Self {
            described: format!("{store}/{prefix}"),
            store,
            prefix: prefix.trim_matches('/').to_string(),
        }
    }

    pub fn s3(settings: &S3Settings) -> Result<Self, StorageError> {
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&settings.bucket)
            .with_region(&settings.region)
            .with_access_key_id(&settings.access_key_id)
            .with_secret_access_key(settings.secret_access_key.expose())
            .with_virtual_hosted_style_request(!settings.path_style)
            .with_conditional_put(S3ConditionalPut::ETagMatch)
            // Bounded: a store that does not answer fails the step (retried by the
            // worker), it does not hold it.
            .with_client_options(
                ClientOptions::new()
                    .with_connect_timeout(settings.connect_timeout)
                    .with_timeout(Duration::from_secs(30)),
            )
            .with_retry(RetryConfig {
                max_retries: 3,
                retry_timeout: Duration::from_secs(30),
                ..RetryConfig::default()
            });
        if let Some(endpoint) = &settings.endpoint {
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        let store = builder
            .build()
            .map_err(|e| StorageError::Store(e.to_string()))?;
        Ok(Self::new(Arc::new(store), &settings.prefix))
    }

    pub fn describe(&self) -> &str {
        &self.described
    }

    fn path(&self, key: &str) -> Path {
        if self.prefix.is_empty() {
            Path::from(format!("{}/{key}", &key[..2]))
        } else {
            Path::from(format!("{}/{}/{key}", self.prefix, &key[..2]))
        }
    }

    pub async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), StorageError> {
        let payload = PutPayload::from(bytes.to_vec());
        match self
            .store
            .put_opts(&self.path(key), payload, PutMode::Create.into())
            .await
        {
            // Content-addressed: the object present is these very bytes.
            Ok(_) | Err(object_store::Error::AlreadyExists { .. }) => Ok(()),
            Err(e) => Err(StorageError::Store(e.to_string())),
        }
    }

    pub async fn get(&self, key: &str) -> Result<Vec<u8>, StorageError> {
        let found = match self.store.get(&self.path(key)).await {
            Ok(found) => found,
            Err(object_store::Error::NotFound { .. }) => {
                return Err(StorageError::Missing(key.to_string()))
            }
            Err(e) => return Err(StorageError::Store(e.to_string())),
        };
        let mut chunks = found.into_stream();
        let mut bytes = Vec::new();
        let mut hash = Sha256::new();
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(|e| StorageError::Store(e.to_string()))?;
            if bytes.len() + chunk.len() > MAX_DOCUMENT_BYTES {
                return Err(StorageError::Corrupt {
                    key: key.to_string(),
                });
            }
            hash.update(&chunk);
            bytes.extend_from_slice(&chunk);
        }
        if hex(&hash.finalize()) != key {
            return Err(StorageError::Corrupt {
                key: key.to_string(),
            });
        }
        Ok(bytes)
    }

    /// Reachable with working credentials: a HEAD of an object that need not exist.
    pub async fn check(&self) -> Result<(), StorageError> {
        let probe = if self.prefix.is_empty() {
            Path::from("ready-probe")
        } else {
            Path::from(format!("{}/ready-probe", self.prefix))
        };
        match self.store.head(&probe).await {
            Ok(_) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(StorageError::Store(e.to_string())),
        }
    }
}

/// The operators' exports (`files.rs`), as objects `PREFIX/files/NAME`, uploaded in
/// parts (object_store's multipart writer: a few parts of 5 MB in memory at a time).
impl Object {
    fn file_path(&self, name: &str) -> Path {
        if self.prefix.is_empty() {
            Path::from(format!("files/{name}"))
        } else {
            Path::from(format!("{}/files/{name}", self.prefix))
        }
    }

    pub async fn put_file(
        &self,
        name: &str,
        chunks: impl futures::Stream<Item = Result<Vec<u8>, StorageError>> + Send,
    ) -> Result<(), StorageError> {
        let store = |e: object_store::Error| StorageError::Store(e.to_string());
        let upload = self
            .store
            .put_multipart(&self.file_path(name))
            .await
            .map_err(store)?;
        let mut writer = object_store::WriteMultipart::new(upload);
        let mut chunks = std::pin::pin!(chunks);
        while let Some(chunk) = chunks.next().await {
            let chunk = match chunk {
                Ok(chunk) => chunk,
                Err(e) => {
                    // An upload never completed is never an object.
                    let _ = writer.abort().await;
                    return Err(e);
                }
            };
            writer.wait_for_capacity(2).await.map_err(store)?;
            writer.write(&chunk);
        }
        writer.finish().await.map_err(store)?;
        Ok(())
    }

    pub async fn open_file(&self, name: &str) -> Result<super::FileStream, StorageError> {
        let found = match self.store.get(&self.file_path(name)).await {
            Ok(found) => found,
            Err(object_store::Error::NotFound { .. }) => {
                return Err(StorageError::Missing(name.to_string()))
            }
            Err(e) => return Err(StorageError::Store(e.to_string())),
        };
        Ok(found
            .into_stream()
            .map(|chunk| {
                chunk
                    .map(|bytes| bytes.to_vec())
                    .map_err(|e| StorageError::Store(e.to_string()))
            })
            .boxed())
    }

    pub async fn remove_file(&self, name: &str) -> Result<(), StorageError> {
        match self.store.delete(&self.file_path(name)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(StorageError::Store(e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use object_store::memory::InMemory;

    use super::*;
    use crate::platform::storage::{sha256_hex, DocumentKey, Storage};

    #[tokio::test]
    async fn stores_once_by_hash_and_refuses_what_does_not_match() {
        let memory = Arc::new(InMemory::new());
        let storage = Storage::object_store(memory.clone(), "documents");
        let key = storage.put(b"contract").await.unwrap();
        assert_eq!(key.as_str(), sha256_hex(b"contract"));
        // Twice, and from two instances at once: harmless.
        let (a, b) = tokio::join!(storage.put(b"contract"), storage.put(b"contract"));
        assert_eq!((a.unwrap(), b.unwrap()), (key.clone(), key.clone()));
        assert_eq!(storage.get(&key).await.unwrap(), b"contract");
        let path = Path::from(format!("documents/{}/{key}", &key.as_str()[..2]));
        assert!(memory.head(&path).await.is_ok(), "named PREFIX/ab/key");

        memory
            .put(&path, PutPayload::from_static(b"contracT"))
            .await
            .unwrap();
        assert!(matches!(
            storage.get(&key).await,
            Err(StorageError::Corrupt { .. })
        ));
        assert!(matches!(
            storage.get(&DocumentKey::of(b"never stored")).await,
            Err(StorageError::Missing(_))
        ));
        assert!(matches!(
            DocumentKey::parse("documents/../x"),
            Err(StorageError::BadKey(_))
        ));
        storage.check().await.unwrap();
    }

    #[tokio::test]
    async fn an_unreachable_store_is_a_clear_error_soon() {
        // Nothing listens on port 1.
        let unreachable =
            S3Settings::new("contracts", Some("http://127.0.0.1:1"), "AKID", "secret");
        let storage = Storage::s3(&unreachable).unwrap();
        let started = std::time::Instant::now();
        let error = storage.put(b"contract").await.unwrap_err();
        assert!(matches!(error, StorageError::Store(_)), "{error}");
        assert!(storage.check().await.is_err());
        assert!(started.elapsed() < Duration::from_secs(60), "bounded");
    }
}
