//! Accounts, passwords, throttling and demo real-name verification, on both databases.

mod common;

use domain::account::{AccountKind, RealNameStatus, LOGIN, PASSWORD_CONFIRM};
use service::identity::accounts::{
    authenticate, find, register, verify_realname_demo, DemoAccounts,
};
use service::identity::throttle::{Caller, PER_CLIENT, PER_LOGIN, WINDOW_MS};
use service::platform::audit::Actor;
use service::ServiceError;
use sqlx::Row;

db_test!(async fn register_then_authenticate(label, db) {
    let account = register(
        &db,
        " New_User ",
        "Secret-123",
        "Secret-123",
        AccountKind::Individual,
        None,
    )
    .await
    .unwrap_or_else(|e| panic!("{label}: {e:?}"));
    assert_eq!(account.login, "new_user", "{label}");
    assert_eq!(account.realname, RealNameStatus::Unverified, "{label}");
    let again = authenticate(
        &db,
        "NEW_USER",
        "Secret-123",
        &Caller::UNKNOWN,
        DemoAccounts::Allowed,
        0,
    )
    .await
    .unwrap();
    assert_eq!(again.id, account.id, "{label}");
    assert!(matches!(
        authenticate(
            &db,
            "new_user",
            "secret-123",
            &Caller::UNKNOWN,
            DemoAccounts::Allowed,
            0
        )
        .await,
        Err(ServiceError::BadCredentials)
    ));
    assert!(matches!(
        authenticate(
            &db,
            "nobody",
            "Secret-123",
            &Caller::UNKNOWN,
            DemoAccounts::Allowed,
            0
        )
        .await,
        Err(ServiceError::BadCredentials)
    ));
});

db_test!(async fn registration_errors_are_field_level(label, db) {
    register(
        &db,
        "taken",
        "Secret-123",
        "Secret-123",
        AccountKind::Enterprise,
        None,
    )
    .await
    .unwrap();
    match register(
        &db,
        "taken",
        "Secret-123",
        "Secret-123",
        AccountKind::Enterprise,
        None,
    )
    .await
    {
        Err(ServiceError::Conflict(fields)) => assert!(fields.get(LOGIN).is_some(), "{label}"),
        other => panic!("{label}: expected a login conflict, got {other:?}"),
    }
    match register(
        &db,
        "other",
        "Secret-123",
        "Secret-124",
        AccountKind::Enterprise,
        None,
    )
    .await
    {
        Err(ServiceError::Validation(fields)) => {
            assert!(fields.get(PASSWORD_CONFIRM).is_some(), "{label}")
        }
        other => panic!("{label}: expected a validation error, got {other:?}"),
    }
});

async fn victim(db: &service::Db) {
    register(
        db,
        "victim",
        "Secret-123",
        "Secret-123",
        AccountKind::Individual,
        None,
    )
    .await
    .unwrap();
}

async fn attempts_of(db: &service::Db, subject: &str) -> i64 {
    sqlx::query("SELECT attempts FROM login_attempts WHERE subject = $1")
        .bind(subject)
        .fetch_optional(&db.pool)
        .await
        .unwrap()
        .map_or(0, |row| row.get(0))
}

const NOW: i64 = 1_800_000_000_000;

/// A stranger at `address`.
fn from(address: &str) -> Caller {
    Caller::Stranger(Some(address.parse().unwrap()))
}

db_test!(async fn one_clients_wrong_passwords_lock_that_client_out_not_the_customer(label, db) {
    victim(&db).await;
    let attacker = from("203.0.113.9");
    for _ in 0..PER_CLIENT {
        assert!(matches!(
            authenticate(
                &db,
                "victim",
                "wrong-1",
                &attacker,
                DemoAccounts::Allowed,
                NOW
            )
            .await,
            Err(ServiceError::BadCredentials)
        ));
    }
    // Even the right password is refused from that client, with a time to retry…
    match authenticate(
        &db,
        "victim",
        "Secret-123",
        &attacker,
        DemoAccounts::Allowed,
        NOW + 1000,
    )
    .await
    {
        Err(ServiceError::Throttled { retry_after_secs }) => {
            assert!(retry_after_secs > 0, "{label}")
        }
        other => panic!("{label}: expected throttling, got {other:?}"),
    }
    // …while the customer signs in from their own address.
    authenticate(
        &db,
        "victim",
        "Secret-123",
        &from("198.51.100.7"),
        DemoAccounts::Allowed,
        NOW + 2000,
    )
    .await
    .unwrap_or_else(|e| panic!("{label}: {e:?}"));
    // Unknown logins are throttled the same way (nothing to learn from the lock).
    for _ in 0..PER_CLIENT {
        let _ = authenticate(
            &db,
            "ghost",
            "wrong-1",
            &attacker,
            DemoAccounts::Allowed,
            NOW,
        )
        .await;
    }
    assert!(matches!(
        authenticate(&db, "ghost", "x", &attacker, DemoAccounts::Allowed, NOW).await,
        Err(ServiceError::Throttled { .. })
    ));
    // After the window the right password works again from there too.
    authenticate(
        &db,
        "victim",
        "Secret-123",
        &attacker,
        DemoAccounts::Allowed,
        NOW + WINDOW_MS + 1,
    )
    .await
    .unwrap_or_else(|e| panic!("{label}: {e:?}"));
});

db_test!(async fn many_clients_together_reach_the_looser_cap_of_the_login(label, db) {
    victim(&db).await;
    let clients = PER_LOGIN / PER_CLIENT;
    for client in 0..clients {
        let address = format!("203.0.113.{client}");
        // More than a client may: the refused ones do not count for the login.
        for _ in 0..PER_CLIENT * 2 {
            let _ = authenticate(
                &db,
                "victim",
                "wrong-1",
                &from(&address),
                DemoAccounts::Allowed,
                NOW,
            )
            .await;
        }
    }
    assert_eq!(attempts_of(&db, "victim").await, PER_LOGIN, "{label}");
    assert!(
        matches!(
            authenticate(
                &db,
                "victim",
                "Secret-123",
                &from("198.51.100.7"),
                DemoAccounts::Allowed,
                NOW
            )
            .await,
            Err(ServiceError::Throttled { .. })
        ),
        "{label}"
    );
});

db_test!(async fn parallel_guesses_are_charged_before_the_hash_and_none_is_lost(label, db) {
    victim(&db).await;
    let burst = 40;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..burst {
        let db = db.clone();
        tasks.spawn(async move {
            // A guesser asks again when the server was busy (busy is never charged).
            loop {
                let attempt = authenticate(
                    &db,
                    "victim",
                    "wrong-1",
                    &from("203.0.113.9"),
                    DemoAccounts::Allowed,
                    NOW,
                )
                .await;
                if !matches!(attempt, Err(ServiceError::Busy { .. })) {
                    return attempt;
                }
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
        });
    }
    let (mut checked, mut throttled) = (0, 0);
    while let Some(result) = tasks.join_next().await {
        match result.unwrap() {
            Err(ServiceError::BadCredentials) => checked += 1,
            Err(ServiceError::Throttled { .. }) => throttled += 1,
            other => panic!("{label}: {other:?}"),
        }
    }
    assert!(
        checked <= PER_CLIENT,
        "{label}: {checked} passwords checked"
    );
    assert_eq!(checked + throttled, burst as i64, "{label}");
    assert_eq!(
        attempts_of(&db, "victim|203.0.113.9").await,
        burst as i64,
        "{label}: every attempt counted"
    );
});

db_test!(
/// The right password hashed while a burst of wrong ones was charged does not sign in:
/// the client's count is read again after the hash.
async fn the_right_password_counts_only_if_the_client_stayed_within_its_cap(label, db) {
    let caller = from("203.0.113.10");
    let right = service::identity::throttle::charge(&db, "victim", &caller, NOW)
        .await
        .unwrap();
    for _ in 1..PER_CLIENT {
        service::identity::throttle::charge(&db, "victim", &caller, NOW)
            .await
            .unwrap();
    }
    assert!(matches!(
        service::identity::throttle::charge(&db, "victim", &caller, NOW).await,
        Err(ServiceError::Throttled { .. })
    ));
    assert!(
        matches!(
            service::identity::throttle::succeeded(&db, right, NOW).await,
            Err(ServiceError::Throttled { .. })
        ),
        "{label}"
    );
});

db_test!(
/// An attempt refused because every hashing slot was taken is not charged: busy is the
/// server's state, not a guess.
async fn attempts_refused_as_busy_are_not_charged(label, db) {
    victim(&db).await;
    let mut held = Vec::new();
    while let Ok(slot) = service::identity::passwords::slot(service::identity::passwords::Priority::Stranger) {
        held.push(slot);
    }
    for _ in 0..PER_CLIENT * 3 {
        assert!(
            matches!(
                authenticate(
                    &db,
                    "victim",
                    "wrong-1",
                    &from("203.0.113.11"),
                    DemoAccounts::Allowed,
                    NOW
                )
                .await,
                Err(ServiceError::Busy { .. })
            ),
            "{label}"
        );
    }
    assert_eq!(attempts_of(&db, "victim|203.0.113.11").await, 0, "{label}");
    assert_eq!(attempts_of(&db, "victim").await, 0, "{label}");
    drop(held);
    authenticate(
        &db,
        "victim",
        "Secret-123",
        &from("203.0.113.11"),
        DemoAccounts::Allowed,
        NOW,
    )
    .await
    .unwrap_or_else(|e| panic!("{label}: {e:?}"));
});

db_test!(async fn strings_that_are_not_logins_never_reach_the_table_and_old_windows_are_purged(label, db) {
    for not_a_login in ["x", "名字", "a b c", "a".repeat(100).as_str()] {
        assert!(matches!(
            authenticate(
                &db,
                not_a_login,
                "wrong-1",
                &Caller::UNKNOWN,
                DemoAccounts::Allowed,
                NOW
            )
            .await,
            Err(ServiceError::BadCredentials)
        ));
    }
    let rows = |db: service::Db| async move {
        sqlx::query("SELECT COUNT(*) FROM login_attempts")
            .fetch_one(&db.pool)
            .await
            .unwrap()
            .get::<i64, _>(0)
    };
    assert_eq!(rows(db.clone()).await, 0, "{label}");
    let _ = authenticate(
        &db,
        "ghost",
        "wrong-1",
        &Caller::UNKNOWN,
        DemoAccounts::Allowed,
        NOW,
    )
    .await;
    assert_eq!(
        rows(db.clone()).await,
        2,
        "{label}: the client's and the login's"
    );
    assert_eq!(service::identity::throttle::purge(&db, NOW + 1).await.unwrap(), 0);
    assert_eq!(
        service::identity::throttle::purge(&db, NOW + WINDOW_MS)
            .await
            .unwrap(),
        2,
        "{label}"
    );
    assert_eq!(rows(db).await, 0, "{label}");
});

db_test!(async fn demo_verification_checks_the_identifier_and_masks_it(label, db) {
    let ent = register(
        &db,
        "ent",
        "Secret-123",
        "Secret-123",
        AccountKind::Enterprise,
        None,
    )
    .await
    .unwrap();
    let actor = Actor::customer(ent.id, None);
    // A resident ID is not a credit code: refused per field, nothing stored.
    let err = verify_realname_demo(&db, ent.id, "示例公司", "11010519491231002X", &actor).await;
    assert!(
        matches!(err, Err(ServiceError::Validation(_))),
        "{label}: {err:?}"
    );
    assert!(!find(&db, ent.id).await.unwrap().is_verified());

    let verified =
        verify_realname_demo(&db, ent.id, " 示例公司 ", "91350100M000100Y43", &actor)
            .await
            .unwrap();
    assert!(verified.is_verified(), "{label}");
    assert_eq!(verified.subject_name.as_deref(), Some("示例公司"));
    let masked = verified.id_number_masked.unwrap();
    assert!(
        masked.starts_with("9135") && masked.ends_with("0Y43") && masked.contains('*'),
        "{label}: {masked}"
    );

    let again =
        verify_realname_demo(&db, ent.id, "别的公司", "91350100M000100Y43", &actor).await;
    assert!(matches!(again, Err(ServiceError::Refused(_))), "{label}");
});
