//! The billing system's account upsert, on both databases: one new account asked for
//! twenty times at once is created once, and every request answers as an upsert.

mod common;

use domain::account::AccountKind;
use service::billing::{upsert_account, AccountInput};
use service::platform::audit::Actor;

db_test!(async fn concurrent_upserts_of_one_new_account_create_it_once_and_all_succeed(label, db) {
    let ctx = common::ctx(db.clone());
    let input = AccountInput {
        login: Some("race_user".into()),
        kind: AccountKind::Enterprise,
        verified: true,
        subject_name: Some("星河示例数字科技（上海）有限公司".into()),
        id_number: Some("91350100M000100Y43".into()),
    };
    let mut puts = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (ctx, input) = (ctx.clone(), input.clone());
        puts.spawn(
            async move { upsert_account(&ctx, "ext-race", &input, &Actor::system()).await },
        );
    }
    let mut created = 0;
    let mut ids = std::collections::BTreeSet::new();
    while let Some(result) = puts.join_next().await {
        let state = result
            .unwrap()
            .unwrap_or_else(|e| panic!("{label}: an upsert failed: {e:?}"));
        created += usize::from(state.created);
        ids.insert(state.id);
    }
    assert_eq!(created, 1, "{label}: created once");
    assert_eq!(ids.len(), 1, "{label}: one account for all");
    let (accounts, unlinked): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM accounts WHERE external_id = 'ext-race'), \
                (SELECT COUNT(*) FROM accounts WHERE login = 'race_user' AND external_id IS NULL)",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!((accounts, unlinked), (1, 0), "{label}");
});

db_test!(async fn a_login_taken_by_another_account_is_still_refused(label, db) {
    let ctx = common::ctx(db.clone());
    service::identity::accounts::register(
        &db,
        "someone",
        "Secret-123",
        "Secret-123",
        AccountKind::Individual,
        None,
    )
    .await
    .unwrap();
    let input = AccountInput {
        login: Some("someone".into()),
        kind: AccountKind::Enterprise,
        verified: false,
        subject_name: None,
        id_number: None,
    };
    match upsert_account(&ctx, "ext-other", &input, &Actor::system()).await {
        Err(service::ServiceError::BillingInput(problems)) => assert_eq!(
            problems,
            vec![("login", domain::billing::Problem::LoginTaken)],
            "{label}"
        ),
        other => panic!("{label}: {other:?}"),
    }
});
