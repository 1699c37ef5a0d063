//! Password hashing with argon2id (the argon2 crate's defaults: m=19 MiB, t=2, p=1,
//! OWASP's recommended minimum). Hashing is CPU-bound, so it runs on the blocking pool.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::error::ServiceError;

pub async fn hash(password: String) -> Result<String, ServiceError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| ServiceError::Internal(format!("argon2: {e}")))
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("hash task: {e}")))?
}

/// Verifies `password` against a PHC string. With `None` (unknown login) it still spends
/// the time of one verification, so response time does not reveal which logins exist.
pub async fn verify(password: String, phc: Option<String>) -> Result<bool, ServiceError> {
    tokio::task::spawn_blocking(move || {
        let phc = phc.unwrap_or_else(|| DUMMY_HASH.to_string());
        let parsed =
            PasswordHash::new(&phc).map_err(|e| ServiceError::Internal(format!("argon2: {e}")))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("verify task: {e}")))?
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
}
