//! Renewal of filing contracts (R25, issue 31): in the last 30 days of its term a filing
//! contract is renewed once; the filings pass to the renewal without ever being free,
//! and its year begins when the old one ends, at the boundary in China time. Every test
//! runs on SQLite and on PostgreSQL, driven by the injected clock.

mod common;

use common::{effective_framework, refused, seeded_customer};
use domain::calendar::{add_years_cst, cst_midnight_ms, MS_PER_DAY};
use domain::picker::PickerQuery;
use domain::{ContractType, Operation, Refused, Status};
use service::contracts::{find_for_account, renew, renewal_of};
use service::platform::clock::ManualClock;
use service::{Ctx, Db};

const HOUR: i64 = 3_600_000;

/// The account's first `n` filings.
async fn filings(db: &Db, account: i64, n: i64) -> Vec<i64> {
    sqlx::query_scalar("SELECT id FROM icp_filings WHERE account_id = $1 ORDER BY id LIMIT $2")
        .bind(account)
        .bind(n)
        .fetch_all(&db.pool)
        .await
        .unwrap()
}

/// Who holds each of `ids` at the clock's now, as the picker shows it (R7, R8).
async fn holders(ctx: &Ctx, account: i64, ids: &[i64]) -> Vec<Option<String>> {
    let query = PickerQuery {
        limit: 100,
        ..Default::default()
    };
    let page =
        service::contracts::items::pick(&ctx.db, account, ContractType::Filing, &query, ctx.now())
            .await
            .unwrap();
    ids.iter()
        .map(|id| {
            page.rows
                .iter()
                .find(|r| r.id == *id)
                .expect("listed")
                .occupied_by
                .clone()
        })
        .collect()
}

/// An effective filing contract over `ids`, signed at the clock's now; its number and end.
async fn filing_contract(ctx: &Ctx, account: i64, ids: &[i64]) -> (domain::ContractNumber, i64) {
    let number = common::effective(ctx, account, ContractType::Filing, ids.to_vec()).await;
    let c = find_for_account(&ctx.db, account, &number).await.unwrap();
    assert_eq!(c.state.status, Status::Effective);
    (number, c.expires_at.expect("a filing contract's term"))
}

/// Takes a renewal from its draft to effective through the real steps, at the clock's now.
async fn sign(ctx: &Ctx, account: i64, renewal: &domain::ContractNumber) {
    common::drain(ctx).await;
    common::operate(ctx, account, renewal, Operation::ConvertToFormal)
        .await
        .unwrap();
    common::drain(ctx).await;
}

async fn setup(db: &Db) -> (Ctx, ManualClock, i64) {
    let (ctx, clock) = common::clocked(db.clone());
    let account = seeded_customer(db).await;
    effective_framework(&ctx, account).await;
    (ctx, clock, account)
}

db_test!(async fn a_renewal_takes_the_filings_over_from_the_moment_the_old_term_ends(label, db) {
    let (ctx, clock, account) = setup(&db).await;
    let ids = filings(&db, account, 2).await;
    let (old, ends) = filing_contract(&ctx, account, &ids).await;
    let actor = common::actor(account);

    clock.set(ends - 30 * MS_PER_DAY - 1);
    assert_eq!(
        refused(renew(&ctx, account, &old, &actor).await).to_string(),
        Refused::RenewalNotYetOpen.to_string(),
        "{label}: a moment before the last 30 days"
    );
    clock.set(ends - 30 * MS_PER_DAY);
    let renewal = renew(&ctx, account, &old, &actor).await.expect("renewed");
    assert_eq!(
        refused(renew(&ctx, account, &old, &actor).await).to_string(),
        Refused::AlreadyRenewed.to_string(),
        "{label}: once"
    );
    // The renewal holds the filings now; no one else can take them.
    assert_eq!(
        holders(&ctx, account, &ids).await,
        [Some(renewal.to_string()), Some(renewal.to_string())],
        "{label}"
    );
    let other = common::create(&ctx, account, ContractType::Filing, ids.clone()).await;
    assert!(
        matches!(other, Err(service::ServiceError::Validation(_))),
        "{label}: occupied: {other:?}"
    );
    // Renewed: no expiry notice and no banner for the old one.
    assert_eq!(service::after_signing::expiry::sweep(&ctx).await.unwrap(), 0, "{label}");
    let owner = service::identity::accounts::find(&db, account).await.unwrap();
    let (_, _, expiring) = service::contracts::home::home(&db, &owner).await.unwrap();
    assert!(expiring.is_empty(), "{label}: {expiring:?}");

    // Signed 20 days before the old term ends: its year still starts at that end.
    clock.set(ends - 20 * MS_PER_DAY);
    sign(&ctx, account, &renewal).await;
    let new = find_for_account(&db, account, &renewal).await.unwrap();
    assert_eq!(new.state.status, Status::Effective, "{label}");
    assert_eq!(
        new.renews_id,
        Some(find_for_account(&db, account, &old).await.unwrap().id)
    );
    assert_eq!(new.term_starts_at, Some(ends), "{label}: no gap");
    assert_eq!(new.expires_at, Some(add_years_cst(ends, 1)), "{label}");
    assert_eq!(new.effective_at, Some(ends - 20 * MS_PER_DAY), "{label}");

    // Held without a break: the last moment of the old term, its end, the renewal's
    // last moment; free at the renewal's end (R8).
    for at in [ends - 1, ends, add_years_cst(ends, 1) - 1] {
        clock.set(at);
        assert_eq!(
            holders(&ctx, account, &ids).await,
            [Some(renewal.to_string()), Some(renewal.to_string())],
            "{label}: at {at}"
        );
    }
    clock.set(add_years_cst(ends, 1));
    assert_eq!(holders(&ctx, account, &ids).await, [None, None], "{label}");

    // The billing system learns of it on the old contract.
    let events = service::billing::events(&db, 0, 500).await.unwrap();
    let renewed: Vec<_> = events
        .iter()
        .filter(|e| e.action == "contract.renewed")
        .map(|e| (e.number.clone(), e.renewal_number.clone()))
        .collect();
    assert_eq!(renewed, [(old.to_string(), Some(renewal.to_string()))], "{label}");
});

db_test!(async fn a_renewal_deleted_before_it_is_signed_hands_the_filings_back(label, db) {
    let (ctx, clock, account) = setup(&db).await;
    let ids = filings(&db, account, 1).await;
    let (old, ends) = filing_contract(&ctx, account, &ids).await;
    let actor = common::actor(account);
    clock.set(ends - 10 * MS_PER_DAY);
    let first = renew(&ctx, account, &old, &actor).await.unwrap();
    common::drain(&ctx).await;
    for op in [Operation::Void, Operation::Delete] {
        common::operate(&ctx, account, &first, op)
            .await
            .expect("a draft is voided, then deleted");
    }
    assert_eq!(
        holders(&ctx, account, &ids).await,
        [Some(old.to_string())],
        "{label}: the old contract holds them again while its term runs"
    );
    assert_eq!(
        renewal_of(&db, find_for_account(&db, account, &old).await.unwrap().id)
            .await
            .unwrap(),
        None,
        "{label}"
    );
    // And can be renewed again; the old one's notices stop, then resume if this
    // one is voided (a voided renewal no longer continues it).
    let second = renew(&ctx, account, &old, &actor)
        .await
        .expect("renewed again");
    common::drain(&ctx).await;
    common::operate(&ctx, account, &second, Operation::Void)
        .await
        .expect("a draft is voided");
    assert_eq!(
        refused(renew(&ctx, account, &old, &actor).await).to_string(),
        Refused::AlreadyRenewed.to_string(),
        "{label}: a voided renewal still holds the filings (R7) until deleted"
    );
    assert_eq!(
        service::after_signing::expiry::sweep(&ctx).await.unwrap(),
        1,
        "{label}: told again"
    );
    // Deleted after the old term ended: the filings stay free (R8).
    clock.set(ends);
    common::operate(&ctx, account, &second, Operation::Delete)
        .await
        .unwrap();
    assert_eq!(holders(&ctx, account, &ids).await, [None], "{label}");
    assert_eq!(
        refused(renew(&ctx, account, &old, &actor).await).to_string(),
        Refused::RenewalClosed.to_string(),
        "{label}: expired"
    );
});

db_test!(async fn two_renewals_at_once_make_one(label, db) {
    let (ctx, clock, account) = setup(&db).await;
    let ids = filings(&db, account, 2).await;
    let (old, ends) = filing_contract(&ctx, account, &ids).await;
    clock.set(ends - 5 * MS_PER_DAY);
    let actor = common::actor(account);
    let (a, b) = tokio::join!(
        renew(&ctx, account, &old, &actor),
        renew(&ctx, account, &old, &actor)
    );
    let made = [&a, &b].iter().filter(|r| r.is_ok()).count();
    assert_eq!(made, 1, "{label}: {a:?} {b:?}");
    let loser = if a.is_ok() { b } else { a };
    assert_eq!(
        refused(loser).to_string(),
        Refused::AlreadyRenewed.to_string(),
        "{label}"
    );
});

db_test!(async fn the_renewed_year_is_counted_in_china_time_across_leap_days_and_new_year(label, db) {
    let (ctx, clock, account) = setup(&db).await;
    let ids = filings(&db, account, 3).await;
    // Signed on a leap day; signed at 07:00 on New Year's Day in Beijing (still the
    // last day of the year in UTC).
    for (i, (signed, first_end, renewed_end)) in [
        (
            cst_midnight_ms(2028, 2, 29) + 9 * HOUR,
            cst_midnight_ms(2029, 2, 28) + 9 * HOUR,
            cst_midnight_ms(2030, 2, 28) + 9 * HOUR,
        ),
        (
            cst_midnight_ms(2030, 1, 1) + 7 * HOUR,
            cst_midnight_ms(2031, 1, 1) + 7 * HOUR,
            cst_midnight_ms(2032, 1, 1) + 7 * HOUR,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        clock.set(signed);
        let (old, ends) = filing_contract(&ctx, account, &ids[i..=i]).await;
        assert_eq!(ends, first_end, "{label}");
        clock.set(ends - MS_PER_DAY);
        let renewal = renew(&ctx, account, &old, &common::actor(account))
            .await
            .unwrap();
        sign(&ctx, account, &renewal).await;
        let new = find_for_account(&db, account, &renewal).await.unwrap();
        assert_eq!(new.term_starts_at, Some(first_end), "{label}");
        assert_eq!(new.expires_at, Some(renewed_end), "{label}: {renewal}");
    }
});
