//! Renewal of filing contracts (续签, R25). In the last 30 days of its term (the days the
//! expiry notices cover) an effective filing contract can be renewed once: a new filing
//! contract for the same filings whose one-year term begins the moment the old one ends,
//! however early or late it is signed. No gap: the filings pass from the old contract to
//! the renewal without ever being free. No overlap: the renewal's year is counted from
//! the old term's end, not from its own signing.

use crate::contract::ContractType;
use crate::eligibility::filing_contract_expires_at;
use crate::expiry::is_expiring;
use crate::refused::Refused;
use crate::status::Status;

/// Why a contract cannot be renewed now; `None` when it can.
pub fn renewal_block(
    kind: ContractType,
    status: Status,
    expires_at: Option<i64>,
    renewed: bool,
    now_ms: i64,
) -> Option<Refused> {
    let Some(expires_at) = expires_at.filter(|_| kind == ContractType::Filing) else {
        return Some(Refused::RenewalNotAvailable);
    };
    if status != Status::Effective {
        return Some(Refused::RenewalNotAvailable);
    }
    if now_ms >= expires_at {
        return Some(Refused::RenewalClosed);
    }
    if !is_expiring(now_ms, expires_at) {
        return Some(Refused::RenewalNotYetOpen);
    }
    renewed.then_some(Refused::AlreadyRenewed)
}

/// When a filing contract signed at `signed_at` expires: one year after its term
/// begins, which is its signing (R8) or, for a renewal, the renewed contract's end.
pub fn filing_term_end(signed_at: i64, term_starts_at: Option<i64>) -> i64 {
    filing_contract_expires_at(term_starts_at.unwrap_or(signed_at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{cst_midnight_ms, MS_PER_DAY};

    const HOUR: i64 = 3_600_000;
    /// 2027-11-23 14:00 China time.
    fn expires() -> i64 {
        cst_midnight_ms(2027, 11, 23) + 14 * HOUR
    }

    fn block(kind: ContractType, status: Status, renewed: bool, now: i64) -> Option<Refused> {
        renewal_block(kind, status, Some(expires()), renewed, now)
    }

    #[test]
    fn only_in_the_last_thirty_days_of_an_effective_filing_contract() {
        let (f, e) = (ContractType::Filing, Status::Effective);
        let opens = expires() - 30 * MS_PER_DAY;
        assert_eq!(
            block(f, e, false, opens - 1),
            Some(Refused::RenewalNotYetOpen)
        );
        assert_eq!(block(f, e, false, opens), None);
        assert_eq!(block(f, e, false, expires() - 1), None);
        assert_eq!(block(f, e, false, expires()), Some(Refused::RenewalClosed));
        assert_eq!(block(f, e, true, opens), Some(Refused::AlreadyRenewed));
        assert_eq!(
            block(f, Status::Voided, false, opens),
            Some(Refused::RenewalNotAvailable)
        );
        assert_eq!(
            block(ContractType::Order, e, false, opens),
            Some(Refused::RenewalNotAvailable)
        );
        assert_eq!(
            renewal_block(f, e, None, false, opens),
            Some(Refused::RenewalNotAvailable),
            "no term, nothing to renew"
        );
    }

    #[test]
    fn the_renewed_year_begins_where_the_old_one_ends() {
        // Signed early, on time or late: the same year, from the old term's end.
        for signed_at in [
            expires() - 20 * MS_PER_DAY,
            expires(),
            expires() + 3 * MS_PER_DAY,
        ] {
            assert_eq!(
                filing_term_end(signed_at, Some(expires())),
                cst_midnight_ms(2028, 11, 23) + 14 * HOUR
            );
        }
        // A first contract's year runs from its signing (R8).
        assert_eq!(
            filing_term_end(expires(), None),
            cst_midnight_ms(2028, 11, 23) + 14 * HOUR
        );
    }

    #[test]
    fn at_the_boundary_in_china_time() {
        // 2028-02-29 09:00 CST (a leap day) → 2029-02-28 09:00 CST.
        let leap = cst_midnight_ms(2028, 2, 29) + 9 * HOUR;
        assert_eq!(
            filing_term_end(0, Some(leap)),
            cst_midnight_ms(2029, 2, 28) + 9 * HOUR
        );
        // 2027-01-01 07:00 CST is still 2026-12-31 in UTC: the China date counts.
        let new_year = cst_midnight_ms(2027, 1, 1) + 7 * HOUR;
        assert_eq!(
            filing_term_end(0, Some(new_year)),
            cst_midnight_ms(2028, 1, 1) + 7 * HOUR
        );
        // Chained renewals keep the wall-clock time: no drift of a day a year.
        let mut end = cst_midnight_ms(2026, 3, 1);
        for _ in 0..4 {
            end = filing_term_end(0, Some(end));
        }
        assert_eq!(end, cst_midnight_ms(2030, 3, 1));
    }
}
