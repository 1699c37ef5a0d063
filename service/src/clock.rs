//! Wall-clock time as UTC epoch milliseconds (R16: stored in UTC, compared in CST via
//! `domain::calendar`).

use std::time::{SystemTime, UNIX_EPOCH};

use domain::calendar::{cst_date, cst_midnight_ms};

pub const HOUR_MS: i64 = 3_600_000;
pub const DAY_MS: i64 = 24 * HOUR_MS;

pub fn now_ms() -> i64 {
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
    fn wall_clock_times_are_china_standard_time() {
        // The R5 cut-off: 2018-09-01 00:00 in Beijing is 2018-08-31 16:00 UTC.
        assert_eq!(cst_ms(2018, 9, 1, 0, 0), 1_535_731_200_000);
        // 2026-11-23T15:59:59Z is still the 23rd in Beijing; 16:00Z is the 24th.
        assert_eq!(today_cst(1_795_449_599_000), (2026, 11, 23));
        assert_eq!(today_cst(1_795_449_600_000), (2026, 11, 24));
        assert_eq!(today_cst(cst_ms(2024, 2, 29, 23, 59)), (2024, 2, 29));
    }
}
