//! Operator accounts and passwords set from the command line, and the sessions' absolute
//! lifetime, on both databases.

mod common;

use std::collections::HashMap;

use domain::account::{Role, LOGIN, PASSWORD};
use service::identity::account_admin::{create_operator, set_password};
use service::identity::accounts::{authenticate, DemoAccounts};
use service::identity::session_store::{DbSessionStore, ACCOUNT_KEY, MAX_SESSION_MS, TOUCHED_KEY};
use service::identity::throttle::Caller;
use service::ServiceError;
use tower_sessions::session::{Id, Record};
use tower_sessions::SessionStore;

/// A signed-in session of `account_id` in the store, as the session layer writes it.
async fn signed_in(store: &DbSessionStore, account_id: i64) -> Id {
    let mut record = Record {
        id: Id::default(),
        data: HashMap::from([(ACCOUNT_KEY.to_string(), account_id.into())]),
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(12),
    };
    store.create(&mut record).await.unwrap();
    record.id
}

db_test!(async fn an_operator_account_is_created_with_the_registration_rules(label, db) {
    let ops = create_operator(&db, " Ops_Lead ", "Strong-pass-1")
        .await
        .unwrap_or_else(|e| panic!("{label}: {e:?}"));
    assert_eq!((ops.login.as_str(), ops.role), ("ops_lead", Role::Operator));
    let signed = authenticate(
        &db,
        "ops_lead",
        "Strong-pass-1",
        &Caller::UNKNOWN,
        DemoAccounts::Allowed,
        0,
    )
    .await
    .unwrap();
    assert_eq!(signed.id, ops.id, "{label}");

    match create_operator(&db, "ops_lead", "Other-pass-2").await {
        Err(ServiceError::Conflict(errors)) => assert!(errors.get(LOGIN).is_some()),
        other => panic!("{label}: a taken login: {other:?}"),
    }
    match create_operator(&db, "ops_two", "short").await {
        Err(ServiceError::Validation(errors)) => assert!(errors.get(PASSWORD).is_some()),
        other => panic!("{label}: a weak password: {other:?}"),
    }
});

db_test!(async fn setting_a_password_replaces_the_old_one_and_ends_every_session(label, db) {
    let ops = create_operator(&db, "ops_lead", "Strong-pass-1")
        .await
        .unwrap();
    let store = DbSessionStore::new(db.clone());
    let (first, second) = (
        signed_in(&store, ops.id).await,
        signed_in(&store, ops.id).await,
    );
    assert!(store.load(&first).await.unwrap().is_some(), "{label}");

    set_password(&db, "OPS_LEAD", "Newer-pass-2").await.unwrap();
    assert!(store.load(&first).await.unwrap().is_none(), "{label}");
    assert!(store.load(&second).await.unwrap().is_none(), "{label}");
    assert!(matches!(
        authenticate(
            &db,
            "ops_lead",
            "Strong-pass-1",
            &Caller::UNKNOWN,
            DemoAccounts::Allowed,
            0
        )
        .await,
        Err(ServiceError::BadCredentials)
    ));
    assert!(authenticate(
        &db,
        "ops_lead",
        "Newer-pass-2",
        &Caller::UNKNOWN,
        DemoAccounts::Allowed,
        0
    )
    .await
    .is_ok());

    assert!(matches!(
        set_password(&db, "nobody_here", "Newer-pass-2").await,
        Err(ServiceError::NotFound)
    ));
    match set_password(&db, "ops_lead", "weak").await {
        Err(ServiceError::Validation(errors)) => assert!(errors.get(PASSWORD).is_some()),
        other => panic!("{label}: a weak password: {other:?}"),
    }
});

db_test!(async fn a_session_ends_at_its_absolute_lifetime_however_active(label, db) {
    let store = DbSessionStore::new(db.clone());
    let (old, fresh) = (signed_in(&store, 1).await, signed_in(&store, 1).await);
    // `old` began just over the lifetime ago; its inactivity expiry is still ahead.
    let began = service::platform::clock::wall_clock_ms() - MAX_SESSION_MS - 1000;
    sqlx::query("UPDATE sessions SET started_at = $1 WHERE id = $2")
        .bind(began)
        .bind(service::identity::session_store::stored_id(&old))
        .execute(&db.pool)
        .await
        .unwrap();
    assert!(store.load(&old).await.unwrap().is_none(), "{label}");
    assert!(store.load(&fresh).await.unwrap().is_some(), "{label}");

    assert_eq!(store.delete_expired().await.unwrap(), 1, "{label}");
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(left, 1, "{label}");
});

db_test!(
/// The console's gate reads the account with its session, in one query: the account of a
/// live session and when the session was last touched; nothing for an anonymous,
/// unknown or expired session.
async fn the_signed_in_account_is_read_with_its_live_session(label, db) {
    let account = customer(&db, "gate_reader").await;
    let store = DbSessionStore::new(db.clone());
    let record = |data: HashMap<String, serde_json::Value>| Record {
        id: Id::default(),
        data,
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(12),
    };
    let mut live = record(HashMap::from([
        (ACCOUNT_KEY.to_string(), account.id.into()),
        (TOUCHED_KEY.to_string(), 1_234.into()),
    ]));
    store.create(&mut live).await.unwrap();
    let read = store.signed_in(&live.id).await.unwrap().expect(label);
    let stored = service::identity::accounts::find(&db, account.id).await.unwrap();
    assert_eq!(read.account, stored, "{label}");
    assert_eq!(read.touched_at, Some(1_234), "{label}");

    let mut anonymous = record(HashMap::from([("lang".to_string(), "en".into())]));
    store.create(&mut anonymous).await.unwrap();
    assert!(
        store.signed_in(&anonymous.id).await.unwrap().is_none(),
        "{label}"
    );
    assert!(
        store.signed_in(&Id::default()).await.unwrap().is_none(),
        "{label}"
    );

    sqlx::query("UPDATE sessions SET expires_at = $1 WHERE id = $2")
        .bind(service::platform::clock::wall_clock_ms() - 1)
        .bind(service::identity::session_store::stored_id(&live.id))
        .execute(&db.pool)
        .await
        .unwrap();
    assert!(
        store.signed_in(&live.id).await.unwrap().is_none(),
        "{label}: expired"
    );
});

/// A newly registered customer whose password is `First-pass-1`.
async fn customer(db: &service::Db, login: &str) -> service::identity::accounts::Account {
    service::identity::accounts::register(
        db,
        login,
        "First-pass-1",
        "First-pass-1",
        domain::account::AccountKind::Individual,
        None,
    )
    .await
    .unwrap()
}

db_test!(
async fn a_user_changes_their_password_with_the_current_one_and_other_sessions_end(label, db) {
    use domain::account::{CURRENT_PASSWORD, PASSWORD_CONFIRM};
    use service::identity::account_admin::change_password;
    use service::platform::audit::Actor;

    let user = customer(&db, "pw_user").await;
    let actor = Actor::customer(user.id, "203.0.113.7".parse().ok());
    let store = DbSessionStore::new(db.clone());
    let elsewhere = signed_in(&store, user.id).await;

    let field = |result: Result<(), ServiceError>, name: &str| match result {
        Err(ServiceError::Validation(errors)) => errors.get(name).cloned(),
        other => panic!("{label}: expected a field error on {name}, got {other:?}"),
    };
    let wrong = change_password(
        &db,
        user.id,
        "Not-mine-1",
        "Second-pass-2",
        "Second-pass-2",
        &actor,
    )
    .await;
    assert!(field(wrong, CURRENT_PASSWORD).is_some(), "{label}");
    let mismatch = change_password(
        &db,
        user.id,
        "First-pass-1",
        "Second-pass-2",
        "Second-pass-3",
        &actor,
    )
    .await;
    assert!(field(mismatch, PASSWORD_CONFIRM).is_some(), "{label}");
    let weak = change_password(&db, user.id, "First-pass-1", "short", "short", &actor).await;
    assert!(field(weak, PASSWORD).is_some(), "{label}");
    assert!(
        store.load(&elsewhere).await.unwrap().is_some(),
        "{label}: nothing changed yet"
    );

    change_password(
        &db,
        user.id,
        "First-pass-1",
        "Second-pass-2",
        "Second-pass-2",
        &actor,
    )
    .await
    .unwrap();
    assert!(store.load(&elsewhere).await.unwrap().is_none(), "{label}");
    assert!(authenticate(
        &db,
        "pw_user",
        "Second-pass-2",
        &Caller::UNKNOWN,
        DemoAccounts::Allowed,
        0
    )
    .await
    .is_ok());
    assert!(matches!(
        authenticate(
            &db,
            "pw_user",
            "First-pass-1",
            &Caller::UNKNOWN,
            DemoAccounts::Allowed,
            0
        )
        .await,
        Err(ServiceError::BadCredentials)
    ));
});

db_test!(
/// Guessing the current password through a session is throttled like signing in.
async fn guessing_the_current_password_is_throttled(label, db) {
    use service::identity::account_admin::change_password;
    use service::platform::audit::Actor;

    let user = customer(&db, "pw_guess").await;
    let actor = Actor::customer(user.id, "203.0.113.8".parse().ok());
    for _ in 0..service::identity::throttle::PER_CLIENT {
        let _ = change_password(
            &db,
            user.id,
            "Guess-pass-1",
            "Second-pass-2",
            "Second-pass-2",
            &actor,
        )
        .await;
    }
    let right = change_password(
        &db,
        user.id,
        "First-pass-1",
        "Second-pass-2",
        "Second-pass-2",
        &actor,
    )
    .await;
    assert!(
        matches!(right, Err(ServiceError::Throttled { .. })),
        "{label}: {right:?}"
    );
});
