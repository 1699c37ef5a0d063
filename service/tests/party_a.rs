//! Party A profile: R1 (verified accounts only, name from verification), validation, and
//! scoping to the account.

mod common;

use domain::account::AccountKind;
use domain::party_a::{PartyAInput, PHONE, POSTCODE};
use service::identity::accounts::{register, verify_realname_demo};
use service::platform::audit::Actor;
use service::{identity::party_a, Db, ServiceError};

fn valid_input(address: &str) -> PartyAInput {
    PartyAInput {
        address: address.into(),
        contact: "张三".into(),
        phone: "13800138000".into(),
        email: "a@example.cn".into(),
        postcode: "200120".into(),
    }
}

async fn verified_account(db: &Db, login: &str, name: &str) -> i64 {
    let account = register(
        db,
        login,
        "Secret-123",
        "Secret-123",
        AccountKind::Enterprise,
        None,
    )
    .await
    .unwrap();
    verify_realname_demo(
        db,
        account.id,
        name,
        "91350100M000100Y43",
        &Actor::customer(account.id, None),
    )
    .await
    .unwrap();
    account.id
}

db_test!(async fn r1_party_a_requires_a_verified_account(label, db) {
    let account = register(
        &db,
        "unverified",
        "Secret-123",
        "Secret-123",
        AccountKind::Enterprise,
        None,
    )
    .await
    .unwrap();
    let result = party_a::save(
        &db,
        account.id,
        &valid_input("上海市示例路 1 号"),
        &Actor::customer(account.id, None),
    )
    .await;
    assert!(
        matches!(result, Err(ServiceError::Refused(_))),
        "{label}: {result:?}"
    );
    let view = party_a::get(&db, account.id).await.unwrap();
    assert_eq!(view.name, None, "{label}");
    assert_eq!(view.profile, None, "{label}");
});

db_test!(async fn r1_party_a_name_is_the_verified_subject(label, db) {
    let id = verified_account(&db, "named", "星河示例有限公司").await;
    let saved = party_a::save(
        &db,
        id,
        &valid_input("上海市示例路 1 号"),
        &Actor::customer(id, None),
    )
    .await
    .unwrap();
    assert_eq!(saved.name.as_deref(), Some("星河示例有限公司"), "{label}");
});

db_test!(async fn party_a_is_validated_and_bad_input_changes_nothing(label, db) {
    let id = verified_account(&db, "validated", "示例有限公司").await;
    let actor = Actor::customer(id, None);
    party_a::save(&db, id, &valid_input("上海市示例路 1 号"), &actor)
        .await
        .unwrap();
    let bad = PartyAInput {
        phone: "123".into(),
        postcode: "20012".into(),
        ..valid_input("北京市示例路 2 号")
    };
    match party_a::save(&db, id, &bad, &actor).await {
        Err(ServiceError::Validation(fields)) => {
            assert!(fields.get(PHONE).is_some(), "{label}");
            assert!(fields.get(POSTCODE).is_some(), "{label}");
        }
        other => panic!("{label}: expected validation errors, got {other:?}"),
    }
    let stored = party_a::get(&db, id).await.unwrap().profile.unwrap();
    assert_eq!(stored.address, "上海市示例路 1 号", "{label}");
});

db_test!(async fn party_a_is_scoped_to_its_account(label, db) {
    let a = verified_account(&db, "account_a", "甲公司").await;
    let b = verified_account(&db, "account_b", "乙公司").await;
    party_a::save(
        &db,
        a,
        &valid_input("A 的地址 示例路 1 号"),
        &Actor::customer(a, None),
    )
    .await
    .unwrap();
    assert_eq!(party_a::get(&db, b).await.unwrap().profile, None, "{label}");
    party_a::save(
        &db,
        b,
        &valid_input("B 的地址 示例路 2 号"),
        &Actor::customer(b, None),
    )
    .await
    .unwrap();
    assert_eq!(
        party_a::get(&db, a).await.unwrap().profile.unwrap().address,
        "A 的地址 示例路 1 号",
        "{label}"
    );
});

db_test!(
/// The contract home's gate facts and party A come from one query: no profile until one
/// is saved, then the saved one, the name always the verified one; the framework counts
/// follow the account's contracts.
async fn the_home_reads_the_gate_and_party_a_in_one_go(label, db) {
    let id = verified_account(&db, "home_facts", "星河示例有限公司").await;
    let account = service::identity::accounts::find(&db, id).await.unwrap();
    let (gate, party) = service::contracts::home::facts(&db, &account).await.unwrap();
    assert!(gate.verified && !gate.subject_hold, "{label}");
    assert!(
        !gate.has_valid_framework && !gate.has_effective_framework,
        "{label}"
    );
    assert_eq!(party.name.as_deref(), Some("星河示例有限公司"), "{label}");
    assert_eq!(party.profile, None, "{label}");

    let input = valid_input("上海市示例路 1 号");
    party_a::save(&db, id, &input, &Actor::customer(id, None))
        .await
        .unwrap();
    let (_, party) = service::contracts::home::facts(&db, &account).await.unwrap();
    assert_eq!(party.profile, Some(input), "{label}");
    assert_eq!(party, party_a::get(&db, id).await.unwrap(), "{label}");

    let ctx = common::ctx(db.clone());
    common::effective_framework(&ctx, id).await;
    let (gate, _) = service::contracts::home::facts(&db, &account).await.unwrap();
    assert!(
        gate.has_valid_framework && gate.has_effective_framework,
        "{label}"
    );
    assert_eq!(
        gate,
        service::contracts::home::gate_facts(&db, &account).await.unwrap(),
        "{label}"
    );
});
