//! The time, as UTC epoch milliseconds (R16: stored in UTC, compared in CST via
//! `domain::calendar`). Every use case reads it from the clock its database handle carries
//! (`Db::now`, `Ctx::now`): the system's in production, one that tests set and advance
//! (`ManualClock`) to cross a deadline or a threshold without rewriting rows.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use domain::calendar::{cst_date, cst_midnight_ms};

pub const HOUR_MS: i64 = 3_600_000;
pub const DAY_MS: i64 = 24 * HOUR_MS;

/// Where the service reads the current time.
pub trait Clock: Send + Sync + std::fmt::Debug + 'static {
    fn now_ms(&self) -> i64;
}

/// The machine's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        wall_clock_ms()
    }
}

/// A clock that stands still until it is set or advanced: tests move time with it, and
/// every clone shows the same time.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<AtomicI64>);

impl ManualClock {
    pub fn at(ms: i64) -> Self {
        Self(Arc::new(AtomicI64::new(ms)))
    }

    /// Stopped at the machine's time now.
    pub fn stopped_now() -> Self {
        Self::at(wall_clock_ms())
    }

    pub fn set(&self, ms: i64) {
        self.0.store(ms, Ordering::SeqCst);
    }

    pub fn advance(&self, ms: i64) {
        self.0.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// The machine's clock read directly: for what is not the service's to decide (metrics,
/// the worker's heartbeat and health reports, a request signature a receiver checks for
/// freshness, the validity of a certificate this moment, sessions, whose expiry the session
/// layer sets). Use cases read `Db::now`.
pub fn wall_clock_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Today's calendar date in China Standard Time (UTC+8).
pub fn today_cst(now_ms: i64) -> (i32, u8, u8) {
    cst_date(now_ms)
}

/// UTC epoch milliseconds of a wall-clock time in China Standard Time.
pub fn cst_ms(y: i32, m: u8, d: u8, hour: u8, minute: u8) -> i64 {
    cst_midnight_ms(y, m, d) + i64::from(hour) * 3_600_000 + i64::from(minute) * 60_000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told_and_for_every_clone() {
        let clock = ManualClock::at(1_000);
        let shared = clock.clone();
        assert_eq!(shared.now_ms(), 1_000);
        clock.advance(DAY_MS);
        assert_eq!(shared.now_ms(), 1_000 + DAY_MS);
        shared.set(5);
        assert_eq!(clock.now_ms(), 5);
    }

    #[test]
    fn wall_clock_times_are_china_standard_time() {
        // The R5 cut-off: 2018-09-01 00:00 in Beijing is 2018-08-31 16:00 UTC.
        assert_eq!(cst_ms(2018, 9, 1, 0, 0), 1_535_731_200_000);
        // 2026-11-23T15:59:59Z is still the 23rd in Beijing; 16:00Z is the 24th.
        assert_eq!(today_cst(1_795_449_599_000), (2026, 11, 23));
        assert_eq!(today_cst(1_795_449_600_000), (2026, 11, 24));
        assert_eq!(today_cst(cst_ms(2024, 2, 29, 23, 59)), (2024, 2, 29));
    }
}
