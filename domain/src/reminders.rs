//! Signing reminders and the signing deadline (R23, issue 31). A dual-channel contract
//! waiting for its signer reminds them by SMS 24 and 72 hours after signing began, at
//! most [`MAX_REMINDERS`] times counting the customer's own 催签, never in the quiet
//! hours of the night (deferred to their end). After the deadline (7 days by default,
//! each resent code starting it anew) the signing is cancelled and the contract voided.

use crate::calendar::{CST_OFFSET_MS, MS_PER_DAY};

const HOUR_MS: i64 = 3_600_000;

/// When the automatic reminders are due, counted from the start of signing.
pub const REMIND_AFTER_MS: [i64; 2] = [24 * HOUR_MS, 72 * HOUR_MS];

/// Reminders one signer gets at most, automatic and manual together.
pub const MAX_REMINDERS: i64 = 3;

/// The default signing deadline, in days (`QY_SIGNING_DEADLINE_DAYS`).
pub const DEADLINE_DAYS: i64 = 7;

/// Hours of the day (China time) in which no automatic reminder is sent: from `start`
/// to `end` the next morning (21 → 8 by default, `QY_REMIND_QUIET_HOURS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub start: u8,
    pub end: u8,
}

impl Default for QuietHours {
    fn default() -> Self {
        Self { start: 21, end: 8 }
    }
}

/// The deployment's signing rules: how long a signer has (`QY_SIGNING_DEADLINE_DAYS`)
/// and the night's quiet hours (`QY_REMIND_QUIET_HOURS`; `None`: none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SigningPolicy {
    pub deadline_ms: i64,
    pub quiet: Option<QuietHours>,
}

impl Default for SigningPolicy {
    fn default() -> Self {
        Self {
            deadline_ms: DEADLINE_DAYS * MS_PER_DAY,
            quiet: Some(QuietHours::default()),
        }
    }
}

impl QuietHours {
    /// Reads `"21-8"`: two hours of the day, 0–23, not equal.
    pub fn parse(text: &str) -> Option<Self> {
        let (start, end) = text.trim().split_once('-')?;
        let start: u8 = start.trim().parse().ok()?;
        let end: u8 = end.trim().parse().ok()?;
        (start < 24 && end < 24 && start != end).then_some(Self { start, end })
    }

    fn contains_hour(self, hour: u8) -> bool {
        if self.start < self.end {
            (self.start..self.end).contains(&hour)
        } else {
            hour >= self.start || hour < self.end
        }
    }

    /// `at`, or the end of the quiet hours it falls in (China time).
    pub fn defer(self, at: i64) -> i64 {
        let local = at + CST_OFFSET_MS;
        let into_day = local.rem_euclid(MS_PER_DAY);
        let hour = (into_day / HOUR_MS) as u8;
        if !self.contains_hour(hour) {
            return at;
        }
        let midnight = at - into_day;
        let end = midnight + i64::from(self.end) * HOUR_MS;
        if end > at {
            end
        } else {
            end + MS_PER_DAY
        }
    }
}

/// When the next automatic reminder is due: the first point of the schedule after
/// `after` (signing's start, or the reminder just sent), moved out of the quiet hours;
/// none once `sent` reminders reach the cap or the schedule is over. A sweep that was
/// down for days sends one reminder, not every one it missed.
pub fn next_reminder(
    signing_started_at: i64,
    after: i64,
    sent: i64,
    quiet: Option<QuietHours>,
) -> Option<i64> {
    if sent >= MAX_REMINDERS {
        return None;
    }
    let due = REMIND_AFTER_MS
        .iter()
        .map(|offset| signing_started_at + offset)
        .find(|at| *at > after)?;
    Some(quiet.map_or(due, |q| q.defer(due)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::cst_midnight_ms;

    fn cst(hour: i64, minute: i64) -> i64 {
        cst_midnight_ms(2026, 12, 7) + hour * HOUR_MS + minute * 60_000
    }

    #[test]
    fn quiet_hours_defer_to_eight_in_the_morning_china_time() {
        let q = QuietHours::default();
        assert_eq!(q.defer(cst(20, 59)), cst(20, 59), "before nine: sent");
        assert_eq!(q.defer(cst(21, 0)), cst(32, 0), "nine: next morning");
        assert_eq!(q.defer(cst(23, 30)), cst(32, 0));
        assert_eq!(
            q.defer(cst(3, 0)),
            cst(8, 0),
            "after midnight: this morning"
        );
        assert_eq!(q.defer(cst(7, 59)), cst(8, 0));
        assert_eq!(q.defer(cst(8, 0)), cst(8, 0), "eight: sent");
        let day = QuietHours { start: 1, end: 5 };
        assert_eq!(day.defer(cst(0, 59)), cst(0, 59));
        assert_eq!(day.defer(cst(2, 0)), cst(5, 0));
    }

    #[test]
    fn quiet_hours_read_two_distinct_hours() {
        assert_eq!(QuietHours::parse("21-8"), Some(QuietHours::default()));
        assert_eq!(
            QuietHours::parse(" 22 - 7 "),
            Some(QuietHours { start: 22, end: 7 })
        );
        for bad in ["", "21", "21-24", "8-8", "a-b", "-1-8"] {
            assert_eq!(QuietHours::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn reminders_come_at_24_and_72_hours_then_stop() {
        let start = cst(10, 0);
        let q = Some(QuietHours::default());
        assert_eq!(
            next_reminder(start, start, 0, q),
            Some(start + 24 * HOUR_MS)
        );
        let first = start + 24 * HOUR_MS;
        assert_eq!(
            next_reminder(start, first, 1, q),
            Some(start + 72 * HOUR_MS)
        );
        assert_eq!(next_reminder(start, start + 72 * HOUR_MS, 2, q), None);
        // A sweep back after four days sends one, not two.
        assert_eq!(next_reminder(start, start + 96 * HOUR_MS, 1, q), None);
    }

    #[test]
    fn manual_reminders_count_toward_the_cap() {
        let start = cst(10, 0);
        assert_eq!(
            next_reminder(start, start, 2, None),
            Some(start + 24 * HOUR_MS)
        );
        assert_eq!(next_reminder(start, start, MAX_REMINDERS, None), None);
    }

    #[test]
    fn a_reminder_due_at_night_waits_for_the_morning() {
        // Signing began at 22:30: 24 hours later is 22:30 again, quiet.
        let start = cst(22, 30);
        let q = Some(QuietHours::default());
        assert_eq!(next_reminder(start, start, 0, q), Some(cst(56, 0)));
        assert_eq!(next_reminder(start, start, 0, None), Some(cst(46, 30)));
    }
}
