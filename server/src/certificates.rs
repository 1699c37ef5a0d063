//! When the certificates the seals depend on expire (issue 30): the provider's signing
//! certificate (known at start) and the TSA's — the demo's from its key directory, a
//! configured TSA's from the newest token it issued. `/metrics` shows the seconds left
//! for each; `/readyz` warns (without failing: pages still serve) within
//! [`EXPIRY_WARNING_MS`] of the signer's expiry, when a new certificate must be ordered.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

/// How long before the signer's certificate expires `/readyz` starts saying so.
pub const EXPIRY_WARNING_MS: i64 = 30 * 24 * 3600 * 1000;

#[derive(Debug, Clone)]
pub struct CertificateWatch {
    signer_not_after_ms: i64,
    /// 0 until a TSA's certificate is known.
    tsa_not_after_ms: Arc<AtomicI64>,
}

impl CertificateWatch {
    pub fn new(signer_not_after_ms: i64, tsa_not_after_ms: Option<i64>) -> Self {
        Self {
            signer_not_after_ms,
            tsa_not_after_ms: Arc::new(AtomicI64::new(tsa_not_after_ms.unwrap_or(0))),
        }
    }

    /// A token from a TSA whose certificate expires at `not_after_ms` was taken.
    pub fn saw_tsa(&self, not_after_ms: i64) {
        self.tsa_not_after_ms.store(not_after_ms, Ordering::Relaxed);
    }

    pub fn tsa_not_after_ms(&self) -> Option<i64> {
        Some(self.tsa_not_after_ms.load(Ordering::Relaxed)).filter(|ms| *ms > 0)
    }

    /// The signer certificate as `/readyz` reports it: `ok`, `expires_soon` (within
    /// [`EXPIRY_WARNING_MS`]) or `expired`.
    pub fn signer_status(&self, now_ms: i64) -> &'static str {
        if now_ms >= self.signer_not_after_ms {
            "expired"
        } else if self.signer_not_after_ms - now_ms <= EXPIRY_WARNING_MS {
            "expires_soon"
        } else {
            "ok"
        }
    }

    /// Sets the gauges of the seconds left (negative once expired).
    pub fn set_gauges(&self, now_ms: i64) {
        let left = |not_after: i64| (not_after - now_ms) as f64 / 1000.0;
        metrics::gauge!("qianyue_certificate_expiry_seconds", "certificate" => "signer")
            .set(left(self.signer_not_after_ms));
        if let Some(tsa) = self.tsa_not_after_ms() {
            metrics::gauge!("qianyue_certificate_expiry_seconds", "certificate" => "tsa")
                .set(left(tsa));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signer_is_reported_soon_to_expire_thirty_days_before() {
        let watch = CertificateWatch::new(100 * 86_400_000, None);
        assert_eq!(watch.signer_status(0), "ok");
        assert_eq!(watch.signer_status(70 * 86_400_000 - 1), "ok");
        assert_eq!(watch.signer_status(70 * 86_400_000), "expires_soon");
        assert_eq!(watch.signer_status(100 * 86_400_000 - 1), "expires_soon");
        assert_eq!(watch.signer_status(100 * 86_400_000), "expired");
        assert_eq!(watch.tsa_not_after_ms(), None);
        watch.clone().saw_tsa(5);
        assert_eq!(
            watch.tsa_not_after_ms(),
            Some(5),
            "clones share what they saw"
        );
    }
}
