//! Password hashing with argon2id (the argon2 crate's defaults: m=19 MiB, t=2, p=1,
//! OWASP's recommended minimum). Hashing is CPU-bound, so it runs on the blocking pool —
//! at most [`concurrent_hashes`] at a time. Login and registration are open to anyone:
//! unbounded, 600 parallel logins once put 512 blocking threads × 19 MiB to work (12.7 GB)
//! and stalled PDF rendering on the same pool. Past the bound a request is answered
//! `Busy` at once instead of waiting in a queue, which would only move the exhaustion
//! into memory.

use std::sync::{Arc, LazyLock};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use tokio::sync::Semaphore;

use crate::error::ServiceError;

/// How long a refused caller is asked to wait: a hash takes tens of milliseconds.
pub const BUSY_RETRY_AFTER_SECS: i64 = 1;

/// Hashes at once: two per core, so a few people signing in at the same moment on a
/// small machine are not refused, while memory stays bounded (19 MiB each).
pub fn concurrent_hashes() -> usize {
    2 * std::thread::available_parallelism().map_or(2, |n| n.get())
}

static HASHING: LazyLock<Arc<Semaphore>> =
    LazyLock::new(|| Arc::new(Semaphore::new(concurrent_hashes())));

/// Runs `work` on the blocking pool if a hashing slot is free, else `Busy`. The slot is
/// held by the blocking task itself, so a caller that goes away does not free it early.
async fn hashing<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ServiceError> + Send + 'static,
) -> Result<T, ServiceError> {
    let slot = HASHING
        .clone()
        .try_acquire_owned()
        .map_err(|_| ServiceError::Busy {
            retry_after_secs: BUSY_RETRY_AFTER_SECS,
        })?;
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        work()
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("hash task: {e}")))?
}

pub async fn hash(password: String) -> Result<String, ServiceError> {
    hashing(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| ServiceError::Internal(format!("argon2: {e}")))
    })
    .await
}

/// Verifies `password` against a PHC string. With `None` (unknown login) it still spends
/// the time of one verification, so response time does not reveal which logins exist.
pub async fn verify(password: String, phc: Option<String>) -> Result<bool, ServiceError> {
    hashing(move || {
        let phc = phc.unwrap_or_else(|| DUMMY_HASH.to_string());
        let parsed =
            PasswordHash::new(&phc).map_err(|e| ServiceError::Internal(format!("argon2: {e}")))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
}

/// argon2id hash of a random string nobody knows, with the default parameters.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1SKp1Q3xZLrVHhxxPCuH8GPvZYkiqGwbJLEOyH5NgM4";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let h = hash("Qianyue-2026".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("Qianyue-2026".into(), Some(h.clone()))
            .await
            .unwrap());
        assert!(!verify("qianyue-2026".into(), Some(h)).await.unwrap());
        assert!(!verify("anything".into(), None).await.unwrap());
    }

    /// A burst larger than the bound: some hashes run, the rest are refused at once, and
    /// never more than the bound run together.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn parallel_hashes_beyond_the_bound_are_refused_not_queued() {
        let burst = concurrent_hashes() * 20;
        let running = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let most = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..burst {
            let (running, most) = (running.clone(), most.clone());
            tasks.spawn(async move {
                hashing(move || {
                    use std::sync::atomic::Ordering::SeqCst;
                    let now = running.fetch_add(1, SeqCst) + 1;
                    most.fetch_max(now, SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(50));
                    running.fetch_sub(1, SeqCst);
                    Ok(())
                })
                .await
            });
        }
        let (mut done, mut busy) = (0, 0);
        while let Some(result) = tasks.join_next().await {
            match result.unwrap() {
                Ok(()) => done += 1,
                Err(ServiceError::Busy { retry_after_secs }) => {
                    assert!(retry_after_secs > 0);
                    busy += 1
                }
                Err(e) => panic!("{e}"),
            }
        }
        assert!(done >= 1 && busy >= 1, "done {done}, busy {busy}");
        assert_eq!(done + busy, burst);
        assert!(most.load(std::sync::atomic::Ordering::SeqCst) <= concurrent_hashes());
    }
}
