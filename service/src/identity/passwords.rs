//! Password hashing with argon2id (the argon2 crate's defaults: m=19 MiB, t=2, p=1,
//! OWASP's recommended minimum). Hashing is CPU-bound, so it runs on the blocking pool —
//! at most [`concurrent_hashes`] at a time. Login and registration are open to anyone:
//! unbounded, 600 parallel logins once put 512 blocking threads × 19 MiB to work (12.7 GB)
//! and stalled PDF rendering on the same pool. Past the bound a request is answered
//! `Busy` at once instead of waiting in a queue, which would only move the exhaustion
//! into memory.
//!
//! Each slot hashes in a working area it keeps ([`MEMORY`]) rather than one allocated
//! per hash: freed 19 MiB areas stay with whichever allocator arena the blocking thread
//! used (glibc keeps up to eight arenas per core), so bursts of logins left the server at
//! ~830 MB long after the last one, though never more than four hashes ran at once. With
//! the areas reused, hashing holds at most `concurrent_hashes() × 19 MiB`, for good.
//!
//! Strangers (sign-ins without a device cookie, registrations) may hold all slots but
//! [`reserved_hashes`]: under a flood of guesses from many addresses, which fill their
//! share at once, a customer whose browser signed in before still gets a slot. The
//! slot is taken before the attempt is charged to the login throttle, so an attempt
//! refused as busy never counts as a failure.

use std::sync::{Arc, LazyLock, Mutex};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::ServiceError;

/// How long a refused caller is asked to wait: a hash takes tens of milliseconds.
pub const BUSY_RETRY_AFTER_SECS: i64 = 1;

/// Hashes at once: two per core, so a few people signing in at the same moment on a
/// small machine are not refused, while memory stays bounded (19 MiB each).
pub fn concurrent_hashes() -> usize {
    2 * std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Slots strangers can never take: kept for recognised devices and signed-in people.
pub fn reserved_hashes() -> usize {
    (concurrent_hashes() / 4).max(1)
}

static HASHING: LazyLock<Arc<Semaphore>> =
    LazyLock::new(|| Arc::new(Semaphore::new(concurrent_hashes())));

/// The strangers' share of [`HASHING`].
static STRANGERS: LazyLock<Arc<Semaphore>> =
    LazyLock::new(|| Arc::new(Semaphore::new(concurrent_hashes() - reserved_hashes())));

/// Whose hash it is: what share of the slots it may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Priority {
    /// A sign-in without a device cookie, a registration: all slots but the reserved.
    Stranger,
    /// A recognised device's sign-in, a signed-in person's password check: any slot.
    Known,
}

/// A hashing slot, held until the hash is done (by the blocking task itself, so a
/// caller that goes away does not free it early).
#[derive(Debug)]
pub struct Slot {
    _any: OwnedSemaphorePermit,
    _strangers: Option<OwnedSemaphorePermit>,
}

fn busy() -> ServiceError {
    ServiceError::Busy {
        retry_after_secs: BUSY_RETRY_AFTER_SECS,
    }
}

/// A free slot for `priority`, or `Busy` at once.
pub fn slot(priority: Priority) -> Result<Slot, ServiceError> {
    let strangers = match priority {
        Priority::Stranger => Some(STRANGERS.clone().try_acquire_owned().map_err(|_| busy())?),
        Priority::Known => None,
    };
    let any = HASHING.clone().try_acquire_owned().map_err(|_| busy())?;
    Ok(Slot {
        _any: any,
        _strangers: strangers,
    })
}

/// The working areas of finished hashes, for the next ones. A slot takes one (or makes
/// one) and returns it, so there are never more than [`concurrent_hashes`].
static MEMORY: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());

/// Runs `work` on the blocking pool in `slot`.
async fn hashing<T: Send + 'static>(
    slot: Slot,
    work: impl FnOnce(&mut Vec<Block>) -> Result<T, ServiceError> + Send + 'static,
) -> Result<T, ServiceError> {
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        let pool = || MEMORY.lock().unwrap_or_else(|e| e.into_inner());
        let mut memory = pool().pop().unwrap_or_default();
        let result = work(&mut memory);
        pool().push(memory);
        result
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("hash task: {e}")))?
}

fn argon2_error(e: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(format!("argon2: {e}"))
}

/// The argon2 output of `password` and `salt` under `argon2`, `len` bytes, computed in
/// `memory` (grown to the parameters' size if needed; the first pass writes every block
/// before reading it, so what an earlier hash left there does not matter).
fn output(
    argon2: &Argon2<'_>,
    password: &str,
    salt: &[u8],
    len: usize,
    memory: &mut Vec<Block>,
) -> Result<Output, ServiceError> {
    let blocks = argon2.params().block_count();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    Output::init_with(len, |out| {
        argon2
            .hash_password_into_with_memory(password.as_bytes(), salt, out, &mut memory[..])
            .map_err(|_| argon2::password_hash::Error::Password)
    })
    .map_err(argon2_error)
}

/// The PHC string of `password`, hashed in a stranger's slot (`Busy` when none is free).
pub async fn hash(password: String) -> Result<String, ServiceError> {
    hash_in(slot(Priority::Stranger)?, password).await
}

async fn hash_in(slot: Slot, password: String) -> Result<String, ServiceError> {
    hashing(slot, move |memory| {
        let salt = SaltString::generate(&mut OsRng);
        let argon2 = Argon2::default();
        let mut salt_bytes = [0u8; 64];
        let salt_bytes = salt.decode_b64(&mut salt_bytes).map_err(argon2_error)?;
        let len = argon2
            .params()
            .output_len()
            .unwrap_or(Params::DEFAULT_OUTPUT_LEN);
        let hash = output(&argon2, &password, salt_bytes, len, memory)?;
        Ok(PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: argon2.params().try_into().map_err(argon2_error)?,
            salt: Some(salt.as_salt()),
            hash: Some(hash),
        }
        .to_string())
    })
    .await
}

/// Verifies `password` against a PHC string, with the hash's own algorithm, version,
/// parameters and salt; the comparison is constant-time (`Output`'s equality). With
/// `None` (unknown login) it still spends the time of one verification, so response time
/// does not reveal which logins exist. Hashed in `slot`.
pub async fn verify_in(
    slot: Slot,
    password: String,
    phc: Option<String>,
) -> Result<bool, ServiceError> {
    hashing(slot, move |memory| {
        let phc = phc.unwrap_or_else(|| DUMMY_HASH.to_string());
        let parsed = PasswordHash::new(&phc).map_err(argon2_error)?;
        let (Some(expected), Some(salt)) = (parsed.hash, parsed.salt) else {
            return Err(argon2_error("a stored hash without salt or output"));
        };
        let argon2 = Argon2::new(
            Algorithm::try_from(parsed.algorithm).map_err(argon2_error)?,
            parsed
                .version
                .map(Version::try_from)
                .transpose()
                .map_err(argon2_error)?
                .unwrap_or_default(),
            Params::try_from(&parsed).map_err(argon2_error)?,
        );
        let mut salt_bytes = [0u8; 64];
        let salt_bytes = salt.decode_b64(&mut salt_bytes).map_err(argon2_error)?;
        let computed = output(&argon2, &password, salt_bytes, expected.len(), memory)?;
        Ok(computed == expected)
    })
    .await
}

/// A password hash nobody can sign in with: the hash of a random secret that is made
/// once per process and never kept. For accounts the billing system creates, whose
/// people sign in through the billing console until they set a password of their own;
/// hashed once, so creating many accounts at once costs no hashing slots.
pub async fn unusable() -> Result<String, ServiceError> {
    static UNUSABLE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    UNUSABLE
        .get_or_try_init(|| async {
            let mut secret = [0u8; 32];
            argon2::password_hash::rand_core::RngCore::fill_bytes(&mut OsRng, &mut secret);
            let secret: String = secret.iter().map(|b| format!("{b:02x}")).collect();
            // Once per process: worth waiting for a slot rather than being refused.
            let any = HASHING
                .clone()
                .acquire_owned()
                .await
                .map_err(|e| ServiceError::Internal(format!("hashing slots: {e}")))?;
            let slot = Slot {
                _any: any,
                _strangers: None,
            };
            hash_in(slot, secret).await
        })
        .await
        .cloned()
}

/// [`verify_in`] a stranger's slot (`Busy` when none is free).
pub async fn verify(password: String, phc: Option<String>) -> Result<bool, ServiceError> {
    verify_in(slot(Priority::Stranger)?, password, phc).await
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

    /// Hashes made by the argon2 crate's own `PasswordHasher` (every stored hash so far)
    /// verify with the pooled working areas, and ours verify with the crate's verifier.
    #[tokio::test]
    async fn the_pooled_hash_agrees_with_the_argon2_crate() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::default()
            .hash_password(b"Qianyue-2026", &salt)
            .unwrap()
            .to_string();
        assert!(verify("Qianyue-2026".into(), Some(theirs.clone()))
            .await
            .unwrap());
        assert!(!verify("Qianyue-2025".into(), Some(theirs)).await.unwrap());
        // A hash with other parameters (a smaller memory cost) verifies too.
        let small = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8 * 1024, 3, 1, None).unwrap(),
        )
        .hash_password(b"Other-pass-1", &salt)
        .unwrap()
        .to_string();
        assert!(verify("Other-pass-1".into(), Some(small)).await.unwrap());
        let ours = hash("Qianyue-2026".into()).await.unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(Argon2::default()
            .verify_password(b"Qianyue-2026", &parsed)
            .is_ok());
        assert!(
            ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{ours}"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn working_areas_are_reused_never_more_than_the_slots() {
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..3 {
            for _ in 0..concurrent_hashes() * 4 {
                tasks.spawn(verify("anything".into(), None));
            }
            while tasks.join_next().await.is_some() {}
        }
        let areas = MEMORY.lock().unwrap().len();
        assert!(areas >= 1 && areas <= concurrent_hashes(), "{areas} areas");
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
                hashing(slot(Priority::Stranger)?, move |_| {
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
        assert!(
            most.load(std::sync::atomic::Ordering::SeqCst)
                <= concurrent_hashes() - reserved_hashes(),
            "strangers never take the reserved slots"
        );
    }

    /// Strangers holding every slot they may leave the reserved ones to known callers.
    #[test]
    fn known_callers_get_a_slot_that_strangers_cannot_take() {
        let mut held = Vec::new();
        while let Ok(slot) = slot(Priority::Stranger) {
            held.push(slot);
        }
        assert_eq!(held.len(), concurrent_hashes() - reserved_hashes());
        let known: Vec<Slot> = (0..reserved_hashes())
            .map(|_| slot(Priority::Known).expect("a reserved slot"))
            .collect();
        assert!(matches!(
            slot(Priority::Known),
            Err(ServiceError::Busy { .. })
        ));
        assert!(matches!(
            slot(Priority::Stranger),
            Err(ServiceError::Busy { .. })
        ));
        drop(known);
        drop(held);
        assert!(slot(Priority::Stranger).is_ok());
    }
}
