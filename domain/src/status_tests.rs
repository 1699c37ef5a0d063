use super::*;
use crate::macros::assert_token_enum;
use Channel::{Dual, Single};

const CHANNELS: [Channel; 2] = [Single, Dual];

/// The row exists for `channel`, offers exactly `expected` (in order), accepts each of
/// them, and refuses every other customer operation with a reason, unchanged state.
fn assert_row(channel: Channel, state: ContractState, expected: &[Operation]) {
    assert!(is_valid_state(channel, state), "{channel:?} {state:?}");
    assert_eq!(
        allowed_operations(channel, state),
        expected,
        "{channel:?} {state:?}"
    );
    for op in Operation::ALL
        .into_iter()
        .filter(|op| op.is_customer_operation())
    {
        let result = apply(channel, state, op);
        if expected.contains(&op) {
            assert!(result.is_ok(), "{channel:?} {state:?} {op:?}: {result:?}");
        } else {
            let refusal = result.expect_err("must be refused");
            assert_eq!(refusal.operation, op);
            assert_eq!(refusal.state, state);
            assert_ne!(refusal.reason, RefusalReason::InvalidState);
            let sentence = refusal.to_string();
            assert!(sentence.contains(op.label()), "{sentence}");
            assert!(sentence.contains(state.status.label()), "{sentence}");
            assert!(sentence.ends_with(refusal.reason.label()), "{sentence}");
        }
    }
}

fn assert_absent(channel: Channel, state: ContractState) {
    assert!(!is_valid_state(channel, state), "{channel:?} {state:?}");
    assert!(allowed_operations(channel, state).is_empty());
    for op in Operation::ALL {
        assert_eq!(
            apply(channel, state, op).unwrap_err().reason,
            RefusalReason::InvalidState
        );
    }
}

// One test per row of SPEC's table (plus the failed states and Deleted).

#[test]
fn row_dual_draft_filling_info() {
    assert_row(Dual, S::FILLING_INFO, &[Op::SavePartyA, Op::Delete]);
    assert_absent(Single, S::FILLING_INFO);
}

#[test]
fn row_dual_draft_confirming_text() {
    assert_row(Dual, S::CONFIRMING_TEXT, &[Op::ConfirmText, Op::Delete]);
    assert_absent(Single, S::CONFIRMING_TEXT);
}

#[test]
fn row_dual_draft_confirming_signing() {
    assert_row(
        Dual,
        S::CONFIRMING_SIGNING,
        &[Op::ConfirmSigner, Op::Delete],
    );
    assert_absent(Single, S::CONFIRMING_SIGNING);
}

#[test]
fn row_both_draft_generating() {
    for channel in CHANNELS {
        assert_row(channel, S::GENERATING, &[]);
    }
}

#[test]
fn row_single_draft_generated() {
    assert_row(Single, S::GENERATED, &[Op::ConvertToFormal, Op::Void]);
    assert_absent(Dual, S::GENERATED);
}

#[test]
fn row_both_draft_generation_failed() {
    for channel in CHANNELS {
        assert_row(channel, S::GENERATION_FAILED, &[Op::Void]);
    }
}

#[test]
fn row_dual_signing_customer_signing() {
    assert_row(
        Dual,
        S::CUSTOMER_SIGNING,
        &[Op::CustomerSign, Op::CancelSigning, Op::ResendSms],
    );
    assert_absent(Single, S::CUSTOMER_SIGNING);
}

#[test]
fn row_dual_signing_cancelling() {
    assert_row(Dual, S::CANCELLING, &[]);
    assert_absent(Single, S::CANCELLING);
}

#[test]
fn row_both_signing_provider_signing() {
    for channel in CHANNELS {
        assert_row(channel, S::PROVIDER_SIGNING, &[]);
    }
}

#[test]
fn row_both_signing_failed() {
    for channel in CHANNELS {
        assert_row(channel, S::SIGNING_FAILED, &[Op::Void]);
    }
}

#[test]
fn row_both_effective_e_contract() {
    for channel in CHANNELS {
        assert_row(
            channel,
            S::E_CONTRACT_EFFECTIVE,
            &[Op::ApplyPaper, Op::OfflineStamping],
        );
    }
}

#[test]
fn row_both_effective_paper_requested() {
    for channel in CHANNELS {
        assert_row(channel, S::PAPER_REQUESTED, &[Op::ViewMailingInfo]);
    }
}

#[test]
fn row_both_effective_paper_shipped() {
    for channel in CHANNELS {
        assert_row(channel, S::PAPER_SHIPPED, &[Op::ViewMailingInfo]);
    }
}

#[test]
fn row_both_voided() {
    for channel in CHANNELS {
        assert_row(channel, S::VOIDED, &[Op::Delete]);
    }
}

#[test]
fn row_both_deleted_accepts_nothing() {
    for channel in CHANNELS {
        assert_row(channel, S::DELETED, &[]);
        for op in Operation::ALL {
            let refusal = apply(channel, S::DELETED, op).unwrap_err();
            assert_eq!(refusal.reason, RefusalReason::ContractDeleted);
        }
    }
}

#[test]
fn the_table_has_one_row_per_state_and_channel() {
    for channel in CHANNELS {
        let mut seen = std::collections::HashSet::new();
        for row in TABLE.iter().filter(|r| r.scope.includes(channel)) {
            assert!(seen.insert(row.state), "{channel:?} {:?} twice", row.state);
            let mut ops = std::collections::HashSet::new();
            for &(op, next) in row.moves {
                assert!(ops.insert(op), "{:?} twice in {:?}", op, row.state);
                assert!(is_valid_state(channel, next), "{channel:?} {next:?}");
            }
        }
    }
    // Every combination not in the table is invalid, e.g. a draft that is shipped.
    assert_absent(Single, S::new(Status::Draft, SubStatus::PaperShipped));
    assert_absent(Dual, S::new(Status::Voided, SubStatus::Generating));
}

#[test]
fn initial_states() {
    assert_eq!(initial_state(Single), S::GENERATING);
    assert_eq!(initial_state(Dual), S::FILLING_INFO);
}

fn run(channel: Channel, ops: &[Operation]) -> ContractState {
    ops.iter().fold(initial_state(channel), |state, &op| {
        apply(channel, state, op).unwrap_or_else(|r| panic!("{r}"))
    })
}

#[test]
fn single_channel_happy_path_and_paper() {
    let state = run(
        Single,
        &[Op::DraftGenerated, Op::ConvertToFormal, Op::ProviderSigned],
    );
    assert_eq!(state, S::E_CONTRACT_EFFECTIVE);
    let state = run(
        Single,
        &[
            Op::DraftGenerated,
            Op::ConvertToFormal,
            Op::ProviderSigned,
            Op::OfflineStamping,
            Op::ApplyPaper,
            Op::ViewMailingInfo,
            Op::PaperShipped,
            Op::ViewMailingInfo,
        ],
    );
    assert_eq!(state, S::PAPER_SHIPPED);
}

#[test]
fn single_channel_void_and_failures() {
    assert_eq!(run(Single, &[Op::DraftGenerated, Op::Void]), S::VOIDED);
    assert_eq!(
        run(Single, &[Op::DraftGenerated, Op::Void, Op::Delete]),
        S::DELETED
    );
    assert_eq!(
        run(Single, &[Op::DraftGenerationFailed, Op::Void]),
        S::VOIDED
    );
    assert_eq!(
        run(
            Single,
            &[
                Op::DraftGenerated,
                Op::ConvertToFormal,
                Op::ProviderSigningFailed,
                Op::Void
            ]
        ),
        S::VOIDED
    );
}

#[test]
fn dual_channel_happy_path() {
    let steps = [
        (Op::SavePartyA, S::GENERATING),
        (Op::DraftGenerated, S::CONFIRMING_TEXT),
        (Op::ConfirmText, S::CONFIRMING_SIGNING),
        (Op::ConfirmSigner, S::CUSTOMER_SIGNING),
        (Op::ResendSms, S::CUSTOMER_SIGNING),
        (Op::CustomerSign, S::PROVIDER_SIGNING),
        (Op::ProviderSigned, S::E_CONTRACT_EFFECTIVE),
        (Op::ApplyPaper, S::PAPER_REQUESTED),
        (Op::PaperShipped, S::PAPER_SHIPPED),
    ];
    let mut state = initial_state(Dual);
    for (op, expected) in steps {
        state = apply(Dual, state, op).unwrap();
        assert_eq!(state, expected, "after {op:?}");
    }
}

#[test]
fn dual_channel_cancel_and_delete() {
    let state = run(
        Dual,
        &[
            Op::SavePartyA,
            Op::DraftGenerated,
            Op::ConfirmText,
            Op::ConfirmSigner,
            Op::CancelSigning,
        ],
    );
    assert_eq!(state, S::CANCELLING);
    assert_eq!(apply(Dual, state, Op::CancelCompleted), Ok(S::VOIDED));
    for draft in [S::FILLING_INFO, S::CONFIRMING_TEXT, S::CONFIRMING_SIGNING] {
        assert_eq!(apply(Dual, draft, Op::Delete), Ok(S::DELETED));
    }
}

#[test]
fn r10_effective_contracts_are_neither_voided_nor_deleted() {
    for channel in CHANNELS {
        for state in [
            S::E_CONTRACT_EFFECTIVE,
            S::PAPER_REQUESTED,
            S::PAPER_SHIPPED,
        ] {
            for op in [Op::Void, Op::Delete] {
                let refusal = apply(channel, state, op).unwrap_err();
                assert_eq!(refusal.reason, RefusalReason::EffectiveIsImmutable);
            }
        }
    }
    let refusal = apply(Single, S::E_CONTRACT_EFFECTIVE, Op::Void).unwrap_err();
    assert_eq!(
        refusal.to_string(),
        "当前状态（已生效 / 电子合同已生效）不允许作废：已生效的合同不可作废或删除"
    );
}

#[test]
fn refusal_reasons_are_specific() {
    let reason = |channel, state, op| apply(channel, state, op).unwrap_err().reason;
    assert_eq!(
        reason(Dual, S::PROVIDER_SIGNING, Op::CancelSigning),
        RefusalReason::SigningStarted
    );
    assert_eq!(
        reason(Single, S::SIGNING_FAILED, Op::Delete),
        RefusalReason::SigningStarted
    );
    assert_eq!(
        reason(Single, S::PROVIDER_SIGNING, Op::Void),
        RefusalReason::BackgroundStepRunning
    );
    assert_eq!(
        reason(Dual, S::GENERATING, Op::Delete),
        RefusalReason::BackgroundStepRunning
    );
    assert_eq!(
        reason(Dual, S::CANCELLING, Op::ResendSms),
        RefusalReason::BackgroundStepRunning
    );
    assert_eq!(
        reason(Single, S::GENERATED, Op::ProviderSigned),
        RefusalReason::NotAllowedInState
    );
    assert_eq!(
        reason(Single, S::VOIDED, Op::ConvertToFormal),
        RefusalReason::NotAllowedInState
    );
    assert_eq!(
        reason(Single, S::GENERATED, Op::Delete),
        RefusalReason::NotAllowedInState
    );
}

#[test]
fn background_items_and_locks() {
    let running: Vec<_> = TABLE
        .iter()
        .map(|r| r.state)
        .filter(|&s| background_step_running(s))
        .collect();
    assert_eq!(
        running,
        [
            S::GENERATING,
            S::GENERATING,
            S::CANCELLING,
            S::PROVIDER_SIGNING
        ]
    );
    for row in TABLE {
        assert_eq!(occupies_items(row.state), row.state != S::DELETED);
    }
    let locked: Vec<_> = TABLE
        .iter()
        .map(|r| r.state)
        .filter(|&s| content_locked(s))
        .collect();
    assert_eq!(
        locked,
        [
            S::PROVIDER_SIGNING,
            S::SIGNING_FAILED,
            S::E_CONTRACT_EFFECTIVE,
            S::PAPER_REQUESTED,
            S::PAPER_SHIPPED
        ]
    );
}

#[test]
fn labels_and_tokens() {
    assert_token_enum!(Status);
    assert_token_enum!(SubStatus, Some(SubStatus::None));
    let labels: Vec<_> = Status::ALL.iter().map(|s| s.label()).collect();
    assert_eq!(labels, ["草稿", "签署中", "已生效", "已作废", "已删除"]);
    let labels: Vec<_> = SubStatus::ALL.iter().map(|s| s.label()).collect();
    assert_eq!(
        labels,
        [
            "填写信息",
            "确认合同文本内容",
            "签署确认",
            "合同草稿生成中",
            "合同草稿已生成",
            "合同草稿生成失败",
            "客户签署",
            "取消中",
            "服务商签署",
            "服务商签署失败",
            "电子合同已生效",
            "纸质合同申请中",
            "纸质合同已寄出",
            ""
        ]
    );
    let classes: Vec<_> = Status::ALL.iter().map(|s| s.badge_class()).collect();
    assert_eq!(
        classes,
        ["draft", "signing", "effective", "voided", "deleted"]
    );
    assert_eq!(S::PAPER_SHIPPED.label(), "已生效 / 纸质合同已寄出");
    assert_eq!(S::VOIDED.label(), "已作废");
}
