//! The hourly purge keeps what is recent and what has legal weight, on both databases.

mod common;

use service::platform::retention::{purge, Retention};

use service::platform::clock::DAY_MS;

async fn count(db: &service::Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&db.pool).await.unwrap()
}

db_test!(async fn old_short_lived_records_go_and_everything_else_stays(label, db) {
    let now = service::platform::clock::wall_clock_ms();
    let keep = Retention::default();
    let old = |days: i64| now - (days + 1) * DAY_MS;
    let recent = now - DAY_MS;
    for (token, at) in [("old", old(keep.verifications_days)), ("new", recent)] {
        sqlx::query("INSERT INTO verifications (token, number, sha256, created_at) VALUES ($1, 'QY-1', $2, $3)")
            .bind(token)
            .bind("a".repeat(64))
            .bind(at)
            .execute(&db.pool)
            .await
            .unwrap();
    }
    for at in [old(keep.sms_days), recent] {
        sqlx::query("INSERT INTO sms_codes (purpose, subject_id, phone, code_hash, attempts, sent_at, expires_at) VALUES ('signing', 1, '13900000001', 'h', 0, $1, $1)")
            .bind(at)
            .execute(&db.pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO sms_outbox (account_id, purpose, phone, body, created_at) VALUES (1, 'signing', '13900000001', 'b', $1)")
            .bind(at)
            .execute(&db.pool)
            .await
            .unwrap();
    }
    // API calls expire; any other audit event, however old, is the contract trail.
    for (action, at) in [
        ("api.call", old(keep.api_calls_days)),
        ("api.call", recent),
        ("contract.create", old(10 * 365)),
    ] {
        sqlx::query(
            "INSERT INTO audit_events (actor_kind, action, created_at) VALUES ('api', $1, $2)",
        )
        .bind(action)
        .bind(at)
        .execute(&db.pool)
        .await
        .unwrap();
    }

    let purged = purge(&db, now, &keep).await.unwrap();
    assert_eq!(
        (
            purged.verifications,
            purged.sms_codes,
            purged.sms_outbox,
            purged.api_calls
        ),
        (1, 1, 1, 1),
        "{label}"
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM verifications WHERE token = 'new'"
        )
        .await,
        1,
        "{label}"
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM sms_codes").await,
        1,
        "{label}"
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM sms_outbox").await,
        1,
        "{label}"
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'contract.create'"
        )
        .await,
        1,
        "{label}"
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'api.call'"
        )
        .await,
        1,
        "{label}"
    );
    // Nothing left to purge.
    assert_eq!(
        purge(&db, now, &keep).await.unwrap(),
        Default::default(),
        "{label}"
    );
});
