//! After signing (R13, R14), the subject-change hold (R2) and the operator's queues,
//! through the service's use cases on SQLite and PostgreSQL.

mod common;

use common::{actor, create, drain, effective_framework, order_ids, refused, seeded_customer};
use domain::paper::{
    MailingAddress, PaperRequestInput, PaperStatus, StampingInput, StampingStatus,
    SubjectResolution, CARRIER, CONFIRMED, COPIES, POSTCODE, TRACKING_NO,
};
use domain::Check;
use domain::{text, ContractState, ContractType};
use service::contracts::find_for_account;
use service::platform::audit::Actor;
use service::{after_signing::paper, after_signing::stamping, ops, Ctx, ServiceError};

fn mailing() -> MailingAddress {
    MailingAddress {
        recipient: "陈六".into(),
        phone: "13800138001".into(),
        province: "浙江省".into(),
        city: "杭州市".into(),
        district: "西湖区".into(),
        address: "示例路 1 号 2 幢".into(),
        postcode: "310000".into(),
    }
}

fn paper_input() -> PaperRequestInput {
    PaperRequestInput {
        mailing: mailing(),
        copies: 2,
        confirmed: true,
    }
}

fn stamping_input() -> StampingInput {
    StampingInput {
        copies: 2,
        all_stamped: true,
        courier: "顺丰速运".into(),
        tracking_no: "SF1234567890".into(),
        return_to: mailing(),
    }
}

fn operator() -> Actor {
    Actor::operator(999, "10.0.0.1".parse().ok())
}

fn fields<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> domain::FieldErrors {
    match result {
        Err(ServiceError::Validation(fields)) => fields,
        other => panic!("expected field errors, got {other:?}"),
    }
}

async fn state(ctx: &Ctx, account: i64, number: &domain::ContractNumber) -> ContractState {
    find_for_account(&ctx.db, account, number)
        .await
        .unwrap()
        .state
}

db_test!(async fn r13_paper_is_applied_for_on_effective_contracts_and_shipped_by_an_operator(label, db) {
    let ctx = common::ctx(db);
    let ent = seeded_customer(&ctx.db).await;
    let framework = effective_framework(&ctx, ent).await;
    // A draft cannot have paper copies.
    let order = order_ids(&ctx.db, ent, "prepaid").await[0];
    let draft = create(&ctx, ent, ContractType::Order, vec![order])
        .await
        .unwrap();
    drain(&ctx).await;
    let early = paper::apply_for_paper(&ctx, ent, &draft, &paper_input(), &actor(ent)).await;
    assert!(refused(early).to_string().contains("申请纸质合同"), "{label}");

    let bad = PaperRequestInput {
        mailing: MailingAddress {
            postcode: "3100".into(),
            ..mailing()
        },
        copies: 9,
        confirmed: false,
    };
    let errors = fields(paper::apply_for_paper(&ctx, ent, &framework, &bad, &actor(ent)).await);
    for field in [POSTCODE, COPIES, CONFIRMED] {
        assert!(errors.get(field).is_some(), "{label}: {field}");
    }
    assert_eq!(
        state(&ctx, ent, &framework).await,
        ContractState::E_CONTRACT_EFFECTIVE,
        "{label}"
    );

    paper::apply_for_paper(&ctx, ent, &framework, &paper_input(), &actor(ent))
        .await
        .unwrap();
    assert_eq!(
        state(&ctx, ent, &framework).await,
        ContractState::PAPER_REQUESTED,
        "{label}"
    );
    // The address is final: a second request is refused.
    let again =
        paper::apply_for_paper(&ctx, ent, &framework, &paper_input(), &actor(ent)).await;
    assert!(matches!(again, Err(ServiceError::Refused(_))), "{label}");

    let queue = ops::paper_queue(&ctx.db, Some(PaperStatus::Requested))
        .await
        .unwrap();
    assert_eq!(queue.len(), 1, "{label}");
    assert_eq!(queue[0].number, framework, "{label}");
    assert_eq!(queue[0].login, "ent_demo", "{label}");
    assert_eq!(
        ops::counts(&ctx.db).await.unwrap().paper_to_ship,
        1,
        "{label}"
    );

    let missing = paper::ship(&ctx, &framework, "", "x", &operator()).await;
    let errors = fields(missing);
    assert!(
        errors.get(CARRIER).is_some() && errors.get(TRACKING_NO).is_some(),
        "{label}"
    );
    paper::ship(&ctx, &framework, "顺丰速运", "SF9876543210", &operator())
        .await
        .unwrap();
    assert_eq!(
        state(&ctx, ent, &framework).await,
        ContractState::PAPER_SHIPPED,
        "{label}"
    );
    let twice = paper::ship(&ctx, &framework, "顺丰速运", "SF9876543210", &operator()).await;
    assert_eq!(refused(twice).to_string(), text::PAPER_NOT_REQUESTED, "{label}");
    let contract = find_for_account(&ctx.db, ent, &framework).await.unwrap();
    let request = paper::of_contract(&ctx.db, contract.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(request.status, PaperStatus::Shipped, "{label}");
    assert_eq!(
        request.tracking_no.as_deref(),
        Some("SF9876543210"),
        "{label}"
    );
    assert_eq!(
        request.mailing.full_address(),
        "浙江省 杭州市 西湖区 示例路 1 号 2 幢",
        "{label}"
    );
    let events = service::contracts::timeline(&ctx.db, contract.id)
        .await
        .unwrap();
    let shipped = events
        .iter()
        .find(|e| e.action == Some(domain::AuditAction::PaperShipped))
        .unwrap();
    assert_eq!(shipped.actor_kind, domain::ActorKind::Operator, "{label}");
    assert_eq!(
        ops::counts(&ctx.db).await.unwrap().paper_to_ship,
        0,
        "{label}"
    );
});

db_test!(async fn r14_offline_stamping_goes_submitted_received_stamped_returned(label, db) {
    let ctx = common::ctx(db);
    let ent = seeded_customer(&ctx.db).await;
    let framework = effective_framework(&ctx, ent).await;
    let bad = StampingInput {
        copies: 1,
        all_stamped: false,
        ..stamping_input()
    };
    let errors = fields(stamping::submit(&ctx, ent, &framework, &bad, &actor(ent)).await);
    assert_eq!(
        errors.get(COPIES),
        Some(&Check::StampingCopiesRange.into()),
        "{label}"
    );
    assert_eq!(
        errors.get(CONFIRMED),
        Some(&Check::StampingConfirmRequired.into()),
        "{label}"
    );

    stamping::submit(&ctx, ent, &framework, &stamping_input(), &actor(ent))
        .await
        .unwrap();
    let twice = stamping::submit(&ctx, ent, &framework, &stamping_input(), &actor(ent)).await;
    assert_eq!(refused(twice).to_string(), text::STAMPING_IN_PROGRESS, "{label}");
    // The contract itself stays effective.
    assert_eq!(
        state(&ctx, ent, &framework).await,
        ContractState::E_CONTRACT_EFFECTIVE,
        "{label}"
    );

    let parcel = ops::stamping_queue(&ctx.db, None).await.unwrap()[0].item.id;
    let skip =
        stamping::advance(&ctx, parcel, StampingStatus::Stamped, None, &operator()).await;
    assert_eq!(refused(skip).to_string(), text::STAMPING_STEP_STALE, "{label}");
    stamping::advance(&ctx, parcel, StampingStatus::Received, None, &operator())
        .await
        .unwrap();
    stamping::advance(&ctx, parcel, StampingStatus::Stamped, None, &operator())
        .await
        .unwrap();
    let untracked =
        stamping::advance(&ctx, parcel, StampingStatus::Returned, None, &operator()).await;
    assert!(fields(untracked).get(TRACKING_NO).is_some(), "{label}");
    stamping::advance(
        &ctx,
        parcel,
        StampingStatus::Returned,
        Some(("中通快递", "ZT20261130001")),
        &operator(),
    )
    .await
    .unwrap();
    let contract = find_for_account(&ctx.db, ent, &framework).await.unwrap();
    let done = &stamping::of_contract(&ctx.db, contract.id).await.unwrap()[0];
    assert_eq!(done.status, StampingStatus::Returned, "{label}");
    assert_eq!(
        done.return_tracking_no.as_deref(),
        Some("ZT20261130001"),
        "{label}"
    );
    assert!(
        done.received_at.is_some() && done.stamped_at.is_some() && done.returned_at.is_some()
    );
    assert!(
        ops::stamping_queue(&ctx.db, None).await.unwrap().is_empty(),
        "{label}"
    );
    // Once returned, another round may start.
    stamping::submit(&ctx, ent, &framework, &stamping_input(), &actor(ent))
        .await
        .unwrap();
});

db_test!(
async fn r2_a_subject_change_after_an_effective_contract_holds_creation_until_an_operator_records_it(label, db) {
    let ctx = common::ctx(db);
    let ent = seeded_customer(&ctx.db).await;
    let ind = service::identity::accounts::find_by_login(&ctx.db, "ind_demo")
        .await
        .unwrap()
        .unwrap()
        .id;
    // Without an effective contract a new name is just recorded.
    let held = ops::change_subject(&ctx, ind, "王小明（更名）", &Actor::system())
        .await
        .unwrap();
    assert!(!held, "{label}");

    let framework = effective_framework(&ctx, ent).await;
    let held = ops::change_subject(
        &ctx,
        ent,
        "星河数字科技（上海）股份有限公司",
        &Actor::system(),
    )
    .await
    .unwrap();
    assert!(held, "{label}");
    let order = order_ids(&ctx.db, ent, "prepaid").await[0];
    let refusal = refused(create(&ctx, ent, ContractType::Order, vec![order]).await).to_string();
    assert_eq!(refusal, text::GATE_SUBJECT_HOLD, "{label}");
    // Existing contracts keep the name they were signed with.
    let contract = find_for_account(&ctx.db, ent, &framework).await.unwrap();
    assert_eq!(
        contract.party_a_name, "星河示例数字科技（上海）有限公司",
        "{label}"
    );

    let holds = ops::open_holds(&ctx.db).await.unwrap();
    assert_eq!(holds.len(), 1, "{label}");
    assert_eq!(
        holds[0].new_name, "星河数字科技（上海）股份有限公司",
        "{label}"
    );
    let long_note = "备".repeat(201);
    let result = ops::resolve_hold(
        &ctx,
        holds[0].change_id,
        SubjectResolution::RenameLetter,
        &long_note,
        &operator(),
    )
    .await;
    assert!(fields(result).get("note").is_some(), "{label}");
    ops::resolve_hold(
        &ctx,
        holds[0].change_id,
        SubjectResolution::RenameLetter,
        "更名函已核验",
        &operator(),
    )
    .await
    .unwrap();
    let again = ops::resolve_hold(
        &ctx,
        holds[0].change_id,
        SubjectResolution::RenameLetter,
        "",
        &operator(),
    )
    .await;
    assert_eq!(refused(again).to_string(), text::HOLD_NOT_FOUND, "{label}");
    let number = create(&ctx, ent, ContractType::Order, vec![order])
        .await
        .unwrap();
    drain(&ctx).await;
    // The new contract carries the new name.
    let created = find_for_account(&ctx.db, ent, &number).await.unwrap();
    assert_eq!(
        created.party_a_name, "星河数字科技（上海）股份有限公司",
        "{label}"
    );
});

db_test!(async fn operators_search_every_accounts_contracts(label, db) {
    let ctx = common::ctx(db);
    let ent = seeded_customer(&ctx.db).await;
    let ind = service::identity::accounts::find_by_login(&ctx.db, "ind_demo")
        .await
        .unwrap()
        .unwrap()
        .id;
    let a = effective_framework(&ctx, ent).await;
    let b = create(&ctx, ind, ContractType::Framework, vec![])
        .await
        .unwrap();
    drain(&ctx).await;
    let all = ops::search_contracts(&ctx.db, &ops::Search::default())
        .await
        .unwrap();
    assert_eq!(all.1, 2, "{label}");
    let by_login = ops::Search {
        login: "IND_demo".into(),
        ..Default::default()
    };
    let (rows, total) = ops::search_contracts(&ctx.db, &by_login).await.unwrap();
    assert_eq!(
        (rows[0].0.number.clone(), rows[0].1.as_str(), total),
        (b.clone(), "ind_demo", 1),
        "{label}"
    );
    let by_status = ops::Search {
        status: Some(domain::Status::Effective),
        ..Default::default()
    };
    let (rows, _) = ops::search_contracts(&ctx.db, &by_status).await.unwrap();
    assert_eq!(rows.len(), 1, "{label}");
    assert_eq!(rows[0].0.number, a, "{label}");
    let by_number = ops::Search {
        number: b[3..].to_string(),
        ..Default::default()
    };
    assert_eq!(
        ops::search_contracts(&ctx.db, &by_number).await.unwrap().1,
        1,
        "{label}"
    );
});
