//! Expiry notices (issue 31): a filing contract runs one year (R8), and the customer is
//! told 30, 7 and 1 days before it ends — once per contract and threshold. A threshold
//! passed while no one looked (every instance down for a week) is not sent late: only
//! the nearest one reached is due.

use crate::calendar::MS_PER_DAY;

/// Days before expiry at which a notice is due, farthest first.
pub const NOTICE_DAYS: [i64; 3] = [30, 7, 1];

/// The notice due at `now_ms` for a contract that expires at `expires_at`: the nearest
/// threshold reached, while the contract still runs.
pub fn notice_due(now_ms: i64, expires_at: i64) -> Option<i64> {
    if now_ms >= expires_at {
        return None;
    }
    NOTICE_DAYS
        .iter()
        .rev()
        .copied()
        .find(|days| expires_at - days * MS_PER_DAY <= now_ms)
}

/// Whole days left before `expires_at`, counting a started day as one ("expires in 3
/// days" until the last 24 hours, then "in 1 day").
pub fn days_left(now_ms: i64, expires_at: i64) -> i64 {
    let left = (expires_at - now_ms).max(0);
    (left + MS_PER_DAY - 1) / MS_PER_DAY
}

/// Whether a contract expiring at `expires_at` is shown as expiring (a banner) at
/// `now_ms`: within the farthest notice's reach and not expired yet.
pub fn is_expiring(now_ms: i64, expires_at: i64) -> bool {
    notice_due(now_ms, expires_at).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPIRES: i64 = 1_830_000_000_000;

    #[test]
    fn each_threshold_is_due_from_its_moment_until_the_next() {
        let at = |days_before: i64, ms: i64| EXPIRES - days_before * MS_PER_DAY + ms;
        assert_eq!(
            notice_due(at(30, -1), EXPIRES),
            None,
            "a moment before 30 days"
        );
        assert_eq!(notice_due(at(30, 0), EXPIRES), Some(30));
        assert_eq!(notice_due(at(7, -1), EXPIRES), Some(30));
        assert_eq!(notice_due(at(7, 0), EXPIRES), Some(7));
        assert_eq!(notice_due(at(1, 0), EXPIRES), Some(1));
        assert_eq!(notice_due(EXPIRES - 1, EXPIRES), Some(1));
        assert_eq!(notice_due(EXPIRES, EXPIRES), None, "expired: nothing due");
        // A sweep after a long outage: the nearest threshold, not the missed ones.
        assert_eq!(notice_due(at(3, 0), EXPIRES), Some(7));
    }

    #[test]
    fn days_left_count_a_started_day() {
        assert_eq!(days_left(EXPIRES - 30 * MS_PER_DAY, EXPIRES), 30);
        assert_eq!(days_left(EXPIRES - 29 * MS_PER_DAY - 1, EXPIRES), 30);
        assert_eq!(days_left(EXPIRES - 1, EXPIRES), 1);
        assert_eq!(days_left(EXPIRES + 5, EXPIRES), 0);
        assert!(is_expiring(EXPIRES - MS_PER_DAY, EXPIRES));
        assert!(!is_expiring(EXPIRES - 31 * MS_PER_DAY, EXPIRES));
    }
}
