//! The database itself enforces R3 and R7 (not only the code), and migrations are
//! idempotent; checked on both databases.

mod common;

use domain::account::AccountKind;
use domain::{AuditAction, ContractState};
use service::identity::accounts::register;
use service::platform::db::is_unique_violation;
use service::Db;
use sqlx::Row;

async fn insert_contract(
    db: &Db,
    account_id: i64,
    number: &str,
    kind: &str,
    status: &str,
) -> Result<i64, sqlx::Error> {
    let row = sqlx::query(
        "INSERT INTO contracts (account_id, number, kind, channel, status, sub_status, party_a_name, \
         party_a_address, party_a_contact, party_a_phone, party_a_email, party_a_postcode, template_version, \
         created_at, updated_at) \
         VALUES ($1, $2, $3, 'single', $4, 'generated', '甲', '地址', '联系人', '13800138000', 'a@b.cn', '200000', \
         'v1', 0, 0) RETURNING id",
    )
    .bind(account_id)
    .bind(number)
    .bind(kind)
    .bind(status)
    .fetch_one(&db.pool)
    .await?;
    row.try_get(0)
}

async fn insert_item(db: &Db, contract_id: i64, item_id: i64) -> Result<i64, sqlx::Error> {
    let row = sqlx::query(
        "INSERT INTO contract_items (contract_id, item_kind, item_id, item_ref, description, amount_fen, occurred_at) \
         VALUES ($1, 'order', $2, 'O-1', '云服务器', 100, 0) RETURNING id",
    )
    .bind(contract_id)
    .bind(item_id)
    .fetch_one(&db.pool)
    .await?;
    row.try_get(0)
}

db_test!(async fn r3_the_database_allows_one_valid_framework_per_account(label, db) {
    let a = register(
        &db,
        "fw_a",
        "Secret-123",
        "Secret-123",
        AccountKind::Enterprise,
        None,
    )
    .await
    .unwrap()
    .id;
    let b = register(
        &db,
        "fw_b",
        "Secret-123",
        "Secret-123",
        AccountKind::Enterprise,
        None,
    )
    .await
    .unwrap()
    .id;
    let first = insert_contract(&db, a, "QY-1", "framework", "draft")
        .await
        .unwrap();
    let second = insert_contract(&db, a, "QY-2", "framework", "effective").await;
    assert!(
        second.as_ref().is_err_and(is_unique_violation),
        "{label}: {second:?}"
    );
    // Another account, and other contract types, are unaffected.
    insert_contract(&db, b, "QY-3", "framework", "draft")
        .await
        .unwrap();
    insert_contract(&db, a, "QY-4", "order", "draft")
        .await
        .unwrap();
    insert_contract(&db, a, "QY-5", "order", "draft")
        .await
        .unwrap();
    // Once the first is voided a new one is allowed.
    sqlx::query("UPDATE contracts SET status = 'voided' WHERE id = $1")
        .bind(first)
        .execute(&db.pool)
        .await
        .unwrap();
    insert_contract(&db, a, "QY-6", "framework", "draft")
        .await
        .unwrap();
});

db_test!(async fn r7_the_database_holds_an_item_in_one_contract_at_a_time(label, db) {
    let a = register(
        &db,
        "items",
        "Secret-123",
        "Secret-123",
        AccountKind::Enterprise,
        None,
    )
    .await
    .unwrap()
    .id;
    let c1 = insert_contract(&db, a, "QY-10", "order", "draft")
        .await
        .unwrap();
    let c2 = insert_contract(&db, a, "QY-11", "order", "draft")
        .await
        .unwrap();
    let held = insert_item(&db, c1, 42).await.unwrap();
    let twice = insert_item(&db, c2, 42).await;
    assert!(
        twice.as_ref().is_err_and(is_unique_violation),
        "{label}: {twice:?}"
    );
    insert_item(&db, c2, 43).await.unwrap();
    // Released (the first contract deleted): the item can be taken again.
    sqlx::query("UPDATE contract_items SET released_at = 1 WHERE id = $1")
        .bind(held)
        .execute(&db.pool)
        .await
        .unwrap();
    insert_item(&db, c2, 42).await.unwrap();
});

#[tokio::test]
async fn migrations_run_once_and_reconnecting_is_harmless() {
    let path = std::env::temp_dir().join(format!("qy_migrate_{}.db", std::process::id()));
    let url = format!("sqlite://{}", path.display());
    let first = Db::connect(&url).await.unwrap();
    register(
        &first,
        "keeper",
        "Secret-123",
        "Secret-123",
        AccountKind::Individual,
        None,
    )
    .await
    .unwrap();
    first.pool.close().await;
    let second = Db::connect(&url).await.unwrap();
    let count: i64 = sqlx::query("SELECT COUNT(*) FROM accounts")
        .fetch_one(&second.pool)
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(count, 1);
    let _ = std::fs::remove_file(&path);
}

db_test!(
/// Audit events hold tokens; rows written before migration 10 held the zh-CN labels of
/// the states. Written the old way and migrated, they read back typed — in the contract's
/// timeline and in the billing feed — and an account's own tokens are left as they were.
async fn audit_rows_with_state_labels_are_migrated_to_tokens(label, db) {
    use sqlx::Executor;
    let account = register(
        &db,
        "old_rows",
        "Secret-123",
        "Secret-123",
        AccountKind::Enterprise,
        None,
    )
    .await
    .unwrap()
    .id;
    let contract =
        insert_contract(&db, account, "QY-20240101-000001", "framework", "effective")
            .await
            .unwrap();
    for (contract_id, action, before, after) in [
        (
            Some(contract),
            "contract.created",
            None,
            "草稿 / 合同草稿生成中",
        ),
        (
            Some(contract),
            "contract.provider_signed",
            Some("签署中 / 服务商签署"),
            "已生效 / 电子合同已生效",
        ),
        (
            Some(contract),
            "contract.voided",
            Some("已生效 / 电子合同已生效"),
            "已作废",
        ),
        (
            None,
            "account.realname_verified",
            Some("unverified"),
            "verified",
        ),
    ] {
        sqlx::query(
            "INSERT INTO audit_events (account_id, actor_kind, contract_id, action, state_before, state_after, created_at) \
             VALUES ($1, 'system', $2, $3, $4, $5, 0)",
        )
        .bind(account)
        .bind(contract_id)
        .bind(action)
        .bind(before)
        .bind(after)
        .execute(&db.pool)
        .await
        .unwrap();
    }
    let migration = service::platform::migrate::sql_of(10, db.dialect).unwrap();
    (&db.pool).execute(migration.as_str()).await.unwrap();

    let timeline = service::contracts::timeline(&db, contract).await.unwrap();
    let states: Vec<_> = timeline.iter().map(|e| e.state_after).collect();
    assert_eq!(
        states,
        [
            Some(ContractState::GENERATING),
            Some(ContractState::E_CONTRACT_EFFECTIVE),
            Some(ContractState::VOIDED)
        ],
        "{label}"
    );
    assert_eq!(
        timeline[1].action,
        Some(AuditAction::ProviderSigned),
        "{label}"
    );
    assert_eq!(timeline[1].action.unwrap().label(), "服务商签署，合同生效");
    let before: Vec<Option<String>> = sqlx::query_scalar(
        "SELECT state_before FROM audit_events WHERE account_id = $1 AND created_at = 0 ORDER BY id",
    )
    .bind(account)
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let before: Vec<Option<&str>> = before.iter().map(|b| b.as_deref()).collect();
    assert_eq!(
        before,
        [
            None,
            Some("signing/provider_signing"),
            Some("effective/e_contract_effective"),
            Some("unverified")
        ],
        "{label}"
    );
    // On PostgreSQL an open transaction anywhere in the cluster (the feed tests hold
    // one for 10 s) holds positions back: wait for them, bounded.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(45);
    let feed = loop {
        let feed = service::billing::events(&db, 0, 100).await.unwrap();
        if feed.len() >= 3 || std::time::Instant::now() > deadline {
            break feed;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let feed: Vec<_> = feed.iter().map(|e| (e.action.as_str(), e.state)).collect();
    assert_eq!(
        feed,
        [
            ("contract.created", Some(ContractState::GENERATING)),
            (
                "contract.provider_signed",
                Some(ContractState::E_CONTRACT_EFFECTIVE)
            ),
            ("contract.voided", Some(ContractState::VOIDED)),
        ],
        "{label}"
    );
});
