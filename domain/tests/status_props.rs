//! Property tests of the status machine (R10, R7) and of the money and identifier
//! helpers, over random inputs.

use domain::calendar;
use domain::contract::Channel;
use domain::ids::{uscc_check_char, validate_uscc};
use domain::money::{chinese_capital, format_yuan};
use domain::status::{apply, initial_state, is_valid_state, Operation, Status};
use proptest::prelude::*;
use proptest::sample::select;

fn channel() -> impl Strategy<Value = Channel> {
    select(Channel::ALL.to_vec())
}

fn operations() -> impl Strategy<Value = Vec<Operation>> {
    prop::collection::vec(select(Operation::ALL.to_vec()), 0..=40)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_operation_sequences_respect_the_table(channel in channel(), ops in operations()) {
        let mut state = initial_state(channel);
        prop_assert!(is_valid_state(channel, state));
        for op in ops {
            match apply(channel, state, op) {
                Ok(next) => {
                    prop_assert!(is_valid_state(channel, next), "{:?} -{:?}-> {:?}", state, op, next);
                    if state.status == Status::Effective {
                        // R10: effective contracts are neither voided nor deleted.
                        prop_assert_eq!(next.status, Status::Effective);
                    }
                    if state.status == Status::Deleted {
                        prop_assert_eq!(next.status, Status::Deleted);
                    }
                    state = next;
                }
                Err(refusal) => {
                    // A refusal reports the state it saw and changes nothing.
                    prop_assert_eq!(refusal.state, state);
                    prop_assert_eq!(refusal.operation, op);
                    prop_assert!(!refusal.to_string().is_empty());
                }
            }
        }
    }
}

proptest! {
    #[test]
    fn format_yuan_keeps_every_digit(fen in any::<i64>()) {
        let formatted = format_yuan(fen);
        let digits: String = formatted.chars().filter(|c| c.is_ascii_digit()).collect();
        let magnitude: u64 = digits.parse().unwrap();
        prop_assert_eq!(magnitude, fen.unsigned_abs());
        prop_assert_eq!(formatted.starts_with('-'), fen < 0);
        prop_assert!(formatted.chars().all(|c| c.is_ascii_digit() || ",.-".contains(c)));
        let (_, decimals) = formatted.split_once('.').unwrap();
        prop_assert_eq!(decimals.len(), 2);
    }

    #[test]
    fn chinese_capital_is_total_and_signed(fen in any::<i64>()) {
        let words = chinese_capital(fen);
        prop_assert_eq!(words.starts_with('负'), fen < 0);
        prop_assert!(words.ends_with('整') || words.ends_with('分'));
        prop_assert!(!words.contains("零零"));
    }

    #[test]
    fn uscc_with_computed_check_passes_and_any_single_change_fails(
        first17 in "[0-9A-HJ-NPQRTUWXY]{17}",
        position in 0usize..18,
        replacement in select(b"0123456789ABCDEFGHJKLMNPQRTUWXYIOZSV".to_vec()),
    ) {
        let code = format!("{first17}{}", uscc_check_char(&first17).unwrap());
        prop_assert_eq!(validate_uscc(&code), Ok(()));
        let mut changed = code.clone().into_bytes();
        prop_assume!(changed[position] != replacement);
        changed[position] = replacement;
        let changed = String::from_utf8(changed).unwrap();
        prop_assert!(validate_uscc(&changed).is_err(), "{} passed", changed);
    }

    #[test]
    fn cst_dates_round_trip(ms in any::<i64>()) {
        let (y, m, d) = calendar::cst_date(ms);
        prop_assert!(calendar::is_valid_date(y, m, d));
    }
}
