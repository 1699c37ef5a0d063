//! The demo seed covers what the demo and the browser tests need, and is idempotent.

mod common;

use domain::eligibility::{order_eligibility, BillingMode, POSTPAID_CUTOFF_MS};
use service::identity::accounts::find_by_login;
use service::seed::{item_counts, seed_demo};
use sqlx::Row;

db_test!(async fn seed_is_idempotent_and_covers_every_billing_mode(label, db) {
    seed_demo(&db).await.unwrap();
    seed_demo(&db).await.unwrap();
    let accounts: i64 = sqlx::query("SELECT COUNT(*) FROM accounts")
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(accounts, 5, "{label}");
    for login in ["ent_demo", "ind_demo", "esign_demo"] {
        let account = find_by_login(&db, login).await.unwrap().unwrap();
        assert!(account.is_verified(), "{label} {login}");
        let (orders, filings, recharges) = item_counts(&db, account.id).await.unwrap();
        assert!(
            orders >= 40 && filings >= 25 && recharges >= 35,
            "{label} {login}: {orders} {filings} {recharges}"
        );

        let rows = sqlx::query(
            "SELECT billing_mode, created_at, amount_fen FROM orders WHERE account_id = $1",
        )
        .bind(account.id)
        .fetch_all(&db.pool)
        .await
        .unwrap();
        let mut seen = std::collections::HashSet::new();
        let (mut old_postpaid, mut new_postpaid, mut negative_refund) = (false, false, false);
        for row in rows {
            let mode =
                BillingMode::parse(&row.get::<String, _>(0)).expect("known billing mode");
            let created_at: i64 = row.get(1);
            let amount: i64 = row.get(2);
            seen.insert(mode);
            if mode == BillingMode::Postpaid {
                old_postpaid |= created_at < POSTPAID_CUTOFF_MS
                    && order_eligibility(mode, created_at).is_err();
                new_postpaid |= created_at >= POSTPAID_CUTOFF_MS
                    && order_eligibility(mode, created_at).is_ok();
            }
            negative_refund |= mode == BillingMode::Refund && amount < 0;
        }
        assert_eq!(seen.len(), 5, "{label} {login}: {seen:?}");
        assert!(
            old_postpaid && new_postpaid && negative_refund,
            "{label} {login}"
        );
    }
    for login in ["new_demo", "ops_demo"] {
        let account = find_by_login(&db, login).await.unwrap().unwrap();
        assert!(!account.is_verified(), "{label} {login}");
    }
});
