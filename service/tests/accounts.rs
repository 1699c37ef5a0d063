//! Accounts, passwords, throttling and demo real-name verification, on both databases.

mod common;

use domain::account::{AccountKind, RealNameStatus, LOGIN, PASSWORD_CONFIRM};
use service::accounts::{authenticate, find, register, verify_realname_demo};
use service::audit::Actor;
use service::throttle::{LOCK_MS, MAX_FAILURES};
use service::ServiceError;

#[tokio::test]
async fn register_then_authenticate() {
    for (label, db) in common::databases().await {
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
        let again = authenticate(&db, "NEW_USER", "Secret-123", 0)
            .await
            .unwrap();
        assert_eq!(again.id, account.id, "{label}");
        assert!(matches!(
            authenticate(&db, "new_user", "secret-123", 0).await,
            Err(ServiceError::BadCredentials)
        ));
        assert!(matches!(
            authenticate(&db, "nobody", "Secret-123", 0).await,
            Err(ServiceError::BadCredentials)
        ));
    }
}

#[tokio::test]
async fn registration_errors_are_field_level() {
    for (label, db) in common::databases().await {
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
    }
}

#[tokio::test]
async fn repeated_failures_lock_the_login_even_for_the_right_password() {
    for (label, db) in common::databases().await {
        register(
            &db,
            "victim",
            "Secret-123",
            "Secret-123",
            AccountKind::Individual,
            None,
        )
        .await
        .unwrap();
        let now = 1_800_000_000_000;
        for _ in 0..MAX_FAILURES {
            assert!(matches!(
                authenticate(&db, "victim", "wrong-1", now).await,
                Err(ServiceError::BadCredentials)
            ));
        }
        match authenticate(&db, "victim", "Secret-123", now + 1000).await {
            Err(ServiceError::Throttled { retry_after_secs }) => {
                assert!(retry_after_secs > 0, "{label}")
            }
            other => panic!("{label}: expected throttling, got {other:?}"),
        }
        // Unknown logins are throttled the same way (nothing to learn from the lock).
        for _ in 0..MAX_FAILURES {
            let _ = authenticate(&db, "ghost", "wrong-1", now).await;
        }
        assert!(matches!(
            authenticate(&db, "ghost", "x", now).await,
            Err(ServiceError::Throttled { .. })
        ));
        // After the lock the right password works again and clears the count.
        authenticate(&db, "victim", "Secret-123", now + LOCK_MS + 1)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn demo_verification_checks_the_identifier_and_masks_it() {
    for (label, db) in common::databases().await {
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
    }
}
