//! Expiry notices (issue 31): 30, 7 and 1 days before a filing contract expires, one
//! notice per contract and threshold — driven by the injected clock, with two instances
//! sweeping at once and restarting in between.

mod common;

use std::sync::Arc;

use common::{effective_framework, seeded_customer};
use domain::calendar::MS_PER_DAY;
use domain::ContractType;
use service::contracts::find_for_account;
use service::platform::clock::ManualClock;
use service::Db;
use sqlx::Row;

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query(sql).fetch_one(&db.pool).await.unwrap().get(0)
}

db_test!(async fn a_filing_contract_is_told_30_7_and_1_days_before_it_expires_once_each(label, db) {
    let (ctx, clock) = common::clocked(db.clone());
    let account = seeded_customer(&db).await;
    common::link_external(&db, account, "ext-1").await;
    effective_framework(&ctx, account).await;
    let filing: i64 = sqlx::query_scalar(
        "SELECT id FROM icp_filings WHERE account_id = $1 ORDER BY id LIMIT 1",
    )
    .bind(account)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    let number = common::effective(&ctx, account, ContractType::Filing, vec![filing]).await;
    let expires_at = find_for_account(&ctx.db, account, &number)
        .await
        .unwrap()
        .expires_at
        .expect("a filing contract's term");
    let sweep = || service::after_signing::expiry::sweep(&ctx);
    // The contract's party A phone, texted once the customer opts in (after the
    // first notice).
    let party_a = service::identity::party_a::get(&db, account).await.unwrap();
    assert!(!party_a.expiry_sms, "{label}: off until chosen");
    let phone = find_for_account(&ctx.db, account, &number)
        .await
        .unwrap()
        .party_a
        .phone;
    let texts = || {
        let db = db.clone();
        let phone = phone.clone();
        async move {
            sqlx::query(
                "SELECT body FROM sms_outbox WHERE phone = $1 AND purpose = 'expiry_notice' ORDER BY id",
            )
            .bind(phone)
            .fetch_all(&db.pool)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<String, _>(0))
            .collect::<Vec<_>>()
        }
    };

    assert_eq!(sweep().await.unwrap(), 0, "{label}: a year away");
    for (days, expect_left) in [(30, 30), (7, 7), (1, 1)] {
        if days == 7 {
            assert!(texts().await.is_empty(), "{label}: not opted in");
            let chosen =
                service::identity::party_a::set_expiry_sms(&db, account, true, &common::actor(account))
                    .await
                    .unwrap();
            assert!(chosen.expiry_sms, "{label}");
        }
        clock.set(expires_at - days * MS_PER_DAY);
        assert_eq!(sweep().await.unwrap(), 1, "{label}: {days} days before");
        assert_eq!(sweep().await.unwrap(), 0, "{label}: once");
        // The banner on the contract home, read with the rest of the home.
        let owner = service::identity::accounts::find(&ctx.db, account).await.unwrap();
        let (gate, _, on_home) = service::contracts::home::home(&ctx.db, &owner).await.unwrap();
        assert_eq!(on_home, [(number.to_string(), expires_at)], "{label}");
        assert!(gate.has_effective_framework, "{label}");
        assert_eq!(
            domain::expiry::days_left(ctx.now(), expires_at),
            expect_left,
            "{label}"
        );
    }
    clock.set(expires_at);
    assert_eq!(sweep().await.unwrap(), 0, "{label}: expired");
    let texts = texts().await;
    assert_eq!(texts.len(), 2, "{label}: 7 and 1 days: {texts:?}");
    assert!(
        texts[0].contains(number.as_str()) && texts[0].contains("7 天后到期"),
        "{label}: {texts:?}"
    );
    let owner = service::identity::accounts::find(&ctx.db, account).await.unwrap();
    let (_, _, on_home) = service::contracts::home::home(&ctx.db, &owner).await.unwrap();
    assert!(on_home.is_empty(), "{label}: expired, no banner");

    // The billing system's feed carries each notice with its days left.
    let events = service::billing::events(&db, 0, 500).await.unwrap();
    let notices: Vec<Option<i64>> = events
        .iter()
        .filter(|e| e.action == "contract.expiring")
        .map(|e| e.days_left)
        .collect();
    assert_eq!(notices, [Some(30), Some(7), Some(1)], "{label}");
    assert!(events
        .iter()
        .filter(|e| e.action == "contract.expiring")
        .all(|e| e.number == number && e.state.is_some()));
});

/// `n` effective filing contracts of `account` expiring at `expires_at`, written directly:
/// the sweep reads nothing else of them.
async fn filing_contracts(db: &Db, account: i64, n: usize, expires_at: i64) {
    let mut tx = db.pool.begin().await.unwrap();
    for i in 0..n {
        sqlx::query(
            "INSERT INTO contracts (account_id, number, kind, channel, status, sub_status, party_a_name, \
             party_a_address, party_a_contact, party_a_phone, party_a_email, party_a_postcode, \
             template_version, created_at, updated_at, effective_at, expires_at) \
             VALUES ($1, $2, 'filing', 'single', 'effective', 'e_contract_effective', '示例', '地址', '张三', \
             '13800138000', 'a@example.cn', '200120', 'v1', $3, $3, $3, $4)",
        )
        .bind(account)
        .bind(format!("QY-20251206-{i:06}"))
        .bind(expires_at - 365 * MS_PER_DAY)
        .bind(expires_at + i as i64)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

/// Two instances on one database: each its own pool and its own clock at the same time.
async fn instances(url: &str, at: i64) -> [service::Ctx; 2] {
    let one = Db::connect(url).await.unwrap();
    let two = Db::connect(url).await.unwrap();
    [
        common::ctx(one.with_clock(Arc::new(ManualClock::at(at)))),
        common::ctx(two.with_clock(Arc::new(ManualClock::at(at)))),
    ]
}

#[tokio::test]
async fn two_instances_with_restarts_send_exactly_one_notice_per_contract_and_threshold() {
    let sqlite = std::env::temp_dir().join(format!("{}.db", common::unique_name()));
    let mut urls = vec![("sqlite", format!("sqlite://{}", sqlite.display()))];
    if let Some(url) = common::postgres_url().await {
        urls.push(("postgres", url));
    }
    for (label, url) in urls {
        let db = Db::connect(&url).await.unwrap();
        let account = seeded_customer(&db).await;
        let expires_at = 1_830_000_000_000;
        filing_contracts(&db, account, 1_000, expires_at).await;
        let mut sent = 0;
        for days in [30, 7, 1] {
            // A restart before each threshold: new pools, new clocks.
            // Just past the threshold of every one of them (they expire a millisecond apart).
            let [one, two] = instances(&url, expires_at + 1_000 - days * MS_PER_DAY).await;
            let (a, b) = tokio::join!(
                service::after_signing::expiry::sweep(&one),
                service::after_signing::expiry::sweep(&two)
            );
            sent += a.unwrap() + b.unwrap();
            // Swept again by both after the race: nothing more.
            assert_eq!(
                service::after_signing::expiry::sweep(&one).await.unwrap(),
                0,
                "{label}"
            );
            assert_eq!(
                service::after_signing::expiry::sweep(&two).await.unwrap(),
                0,
                "{label}"
            );
        }
        assert_eq!(sent, 3_000, "{label}");
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM contract_notices").await,
            3_000,
            "{label}"
        );
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM audit_events WHERE action = 'contract.expiring'"
            )
            .await,
            3_000,
            "{label}"
        );
    }
}
