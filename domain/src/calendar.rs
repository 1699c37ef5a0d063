//! Proleptic Gregorian calendar math and China Standard Time (R16).
//!
//! Hand-written instead of depending on `time`: the crate needs only day counting,
//! date validity and a fixed UTC+8 offset (China has no daylight saving time), which is
//! a few lines with Howard Hinnant's public-domain `days_from_civil` /
//! `civil_from_days` algorithms, works for every `i64` millisecond value, and keeps the
//! wasm bundle free of another dependency.

/// Milliseconds in a day.
pub const MS_PER_DAY: i64 = 86_400_000;
/// China Standard Time is UTC+8 all year.
pub const CST_OFFSET_MS: i64 = 8 * 3_600_000;

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`; 0 for a month outside 1–12.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The date exists in the Gregorian calendar.
pub fn is_valid_date(year: i32, month: u8, day: u8) -> bool {
    day >= 1 && day <= days_in_month(year, month)
}

/// Days since 1970-01-01 of a (valid) date.
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01. Total for every day count an `i64` of
/// milliseconds can produce (years stay well inside `i32`).
pub fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year as i32, month, day)
}

/// The CST calendar date of a UTC instant.
pub fn cst_date(utc_ms: i64) -> (i32, u8, u8) {
    let local = i128::from(utc_ms) + i128::from(CST_OFFSET_MS);
    civil_from_days(local.div_euclid(i128::from(MS_PER_DAY)) as i64)
}

/// The UTC instant of 00:00 CST on a (valid) date.
pub fn cst_midnight_ms(year: i32, month: u8, day: u8) -> i64 {
    days_from_civil(year, month, day) * MS_PER_DAY - CST_OFFSET_MS
}

/// The same CST wall-clock time `years` calendar years later. February 29 becomes
/// February 28 when the target year is not a leap year (the term ends inside the
/// month it started in, never on March 1). Saturates at the ends of `i64`.
pub fn add_years_cst(utc_ms: i64, years: i32) -> i64 {
    let local = i128::from(utc_ms) + i128::from(CST_OFFSET_MS);
    let day_ms = i128::from(MS_PER_DAY);
    let (days, time_of_day) = (local.div_euclid(day_ms), local.rem_euclid(day_ms));
    let (year, month, day) = civil_from_days(days as i64);
    let target_year = year.saturating_add(years);
    let target_day = day.min(days_in_month(target_year, month));
    let target_days = i128::from(days_from_civil(target_year, month, target_day));
    let result = target_days * day_ms + time_of_day - i128::from(CST_OFFSET_MS);
    result.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(days_from_civil(1900, 1, 1), -25_567);
    }

    #[test]
    fn round_trip_over_centuries() {
        for days in (-800_000..800_000).step_by(7) {
            let (y, m, d) = civil_from_days(days);
            assert!(is_valid_date(y, m, d));
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn validity() {
        assert!(is_valid_date(2024, 2, 29));
        assert!(!is_valid_date(2023, 2, 29));
        assert!(!is_valid_date(1900, 2, 29));
        assert!(is_valid_date(2000, 2, 29));
        assert!(!is_valid_date(2024, 2, 30));
        assert!(!is_valid_date(2024, 13, 1));
        assert!(!is_valid_date(2024, 4, 31));
        assert!(!is_valid_date(2024, 1, 0));
    }

    #[test]
    fn cst_is_utc_plus_eight() {
        // 2018-09-01 00:00 CST = 2018-08-31 16:00 UTC.
        assert_eq!(cst_midnight_ms(2018, 9, 1), 1_535_731_200_000);
        assert_eq!(cst_date(1_535_731_200_000), (2018, 9, 1));
        assert_eq!(cst_date(1_535_731_199_999), (2018, 8, 31));
    }

    #[test]
    fn extremes_do_not_panic() {
        for ms in [i64::MIN, i64::MIN + 1, -1, 0, i64::MAX - 1, i64::MAX] {
            let _ = cst_date(ms);
            let _ = add_years_cst(ms, 1);
        }
        assert_eq!(add_years_cst(i64::MAX, 1), i64::MAX);
        assert_eq!(add_years_cst(i64::MIN, -1), i64::MIN);
    }
}

/// "2026-11-23" in China Standard Time (R16: shown in CST).
pub fn format_cst_date(utc_ms: i64) -> String {
    let (y, m, d) = cst_date(utc_ms);
    format!("{y:04}-{m:02}-{d:02}")
}

/// "2026-11-23 10:02" in China Standard Time.
pub fn format_cst_minute(utc_ms: i64) -> String {
    let local = i128::from(utc_ms) + i128::from(CST_OFFSET_MS);
    let minutes = local.rem_euclid(i128::from(MS_PER_DAY)) / 60_000;
    format!(
        "{} {:02}:{:02}",
        format_cst_date(utc_ms),
        minutes / 60,
        minutes % 60
    )
}

#[cfg(test)]
mod format_tests {
    use super::*;

    #[test]
    fn formats_in_china_standard_time() {
        // 2026-11-23T15:59:00Z is 23:59 in Beijing; 16:00Z is the next day.
        assert_eq!(format_cst_minute(1_795_449_540_000), "2026-11-23 23:59");
        assert_eq!(format_cst_minute(1_795_449_600_000), "2026-11-24 00:00");
        assert_eq!(format_cst_date(cst_midnight_ms(2018, 9, 1)), "2018-09-01");
    }
}
