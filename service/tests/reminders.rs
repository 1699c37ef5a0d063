//! R23 through the service on SQLite and PostgreSQL, driven by the injected clock: the
//! automatic reminders at 24 and 72 hours (never at night, within R19's caps, at most
//! three with the customer's own 催签) and the signing deadline that cancels a signing
//! and voids the contract (a resent code extends it).

mod common;

use common::signing::{
    account, activate, dual, messages_to, state, to_confirming_signing, ADMIN_PHONE,
};
use common::{actor, create_with, drain, effective_framework, order_ids, refused};
use domain::calendar::cst_midnight_ms;
use domain::esign::SignerChoice;
use domain::{text, ContractState, ContractType};
use service::contracts::reminders::{expire_round, remind_round};
use service::platform::clock::ManualClock;
use service::Ctx;
use sqlx::Row;

const HOUR: i64 = 3_600_000;

/// China time on 7 December 2026 (hours past 24 run into the next days).
fn cst(hour: i64, minute: i64) -> i64 {
    cst_midnight_ms(2026, 12, 7) + hour * HOUR + minute * 60_000
}

/// A signing context at `start`, with caps that leave room for the test's messages.
async fn setup(db: service::Db, start: i64) -> (Ctx, ManualClock, i64) {
    let (mut ctx, clock) = common::clocked(db);
    clock.set(start - HOUR);
    ctx.sms_caps.per_phone_hour = 50;
    ctx.sms_caps.per_phone_day = 50;
    let ent = account(&ctx, "ent_demo").await;
    effective_framework(&ctx, ent).await;
    activate(&ctx, ent).await;
    clock.set(start);
    (ctx, clock, ent)
}

/// An order contract of `ent` whose signer (the admin) was confirmed just now.
async fn signing(ctx: &Ctx, ent: i64, nth: usize) -> domain::ContractNumber {
    let orders = order_ids(&ctx.db, ent, "prepaid").await[2 * nth..2 * nth + 2].to_vec();
    let number = create_with(ctx, ent, &dual(ContractType::Order, orders))
        .await
        .unwrap();
    to_confirming_signing(ctx, ent, &number).await;
    let signer_id = service::esign::signers(&ctx.db, ent).await.unwrap()[0].id;
    service::contracts::confirm_signer(
        ctx,
        ent,
        &number,
        &SignerChoice::Signer { signer_id },
        &actor(ent),
    )
    .await
    .unwrap();
    number
}

/// The contract's audit events as (action, actor kind).
async fn events_of(ctx: &Ctx, number: &str) -> Vec<(String, String)> {
    sqlx::query(
        "SELECT e.action, e.actor_kind FROM audit_events e JOIN contracts c ON c.id = e.contract_id \
         WHERE c.number = $1 ORDER BY e.id",
    )
    .bind(number)
    .fetch_all(&ctx.db.pool)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect()
}

fn system_reminders(events: &[(String, String)]) -> usize {
    events
        .iter()
        .filter(|(action, actor)| action == "contract.reminded" && actor == "system")
        .count()
}

db_test!(async fn r23_reminders_come_after_24_and_72_hours_then_the_customer_has_one_left(label, db) {
    let (ctx, clock, ent) = setup(db, cst(10, 0)).await;
    let number = signing(&ctx, ent, 0).await;
    let sent_before = messages_to(&ctx, ADMIN_PHONE).await;

    clock.set(cst(10 + 23, 59));
    assert_eq!(remind_round(&ctx).await.unwrap().done, 0, "{label}: early");
    clock.set(cst(10 + 24, 0));
    assert_eq!(remind_round(&ctx).await.unwrap().done, 1, "{label}: 24 h");
    assert_eq!(remind_round(&ctx).await.unwrap().done, 0, "{label}: once");
    clock.set(cst(10 + 72, 0));
    assert_eq!(remind_round(&ctx).await.unwrap().done, 1, "{label}: 72 h");
    clock.set(cst(10 + 120, 0));
    assert_eq!(remind_round(&ctx).await.unwrap().done, 0, "{label}: over");
    assert_eq!(
        messages_to(&ctx, ADMIN_PHONE).await,
        sent_before + 2,
        "{label}"
    );
    assert_eq!(
        system_reminders(&events_of(&ctx, &number).await),
        2,
        "{label}"
    );

    // The customer's own 催签 is the third and last.
    service::contracts::remind(&ctx, ent, &number, &actor(ent))
        .await
        .unwrap();
    clock.advance(2 * HOUR);
    let fourth = service::contracts::remind(&ctx, ent, &number, &actor(ent)).await;
    assert_eq!(refused(fourth).to_string(), text::REMIND_LIMIT_REACHED, "{label}");
    assert_eq!(
        messages_to(&ctx, ADMIN_PHONE).await,
        sent_before + 3,
        "{label}"
    );
});

db_test!(async fn r23_no_reminder_at_night_it_waits_for_eight_in_the_morning(label, db) {
    let (ctx, clock, ent) = setup(db, cst(22, 30)).await;
    let number = signing(&ctx, ent, 0).await;
    for (at, sent) in [
        (cst(22 + 24, 30), 0),
        (cst(24 + 24 + 7, 59), 0),
        (cst(24 + 24 + 8, 0), 1),
    ] {
        clock.set(at);
        assert_eq!(remind_round(&ctx).await.unwrap().done, sent, "{label}");
    }
    assert_eq!(
        system_reminders(&events_of(&ctx, &number).await),
        1,
        "{label}"
    );
});

db_test!(async fn r23_manual_reminders_count_and_a_recent_one_stands_for_the_automatic(label, db) {
    let (ctx, clock, ent) = setup(db, cst(10, 0)).await;
    let number = signing(&ctx, ent, 0).await;
    // 催签 at 23:30 hours: the automatic one half an hour later is let go.
    clock.set(cst(10 + 23, 30));
    service::contracts::remind(&ctx, ent, &number, &actor(ent))
        .await
        .unwrap();
    clock.set(cst(10 + 24, 0));
    assert_eq!(remind_round(&ctx).await.unwrap().done, 0, "{label}");
    // Another 催签, then the 72-hour one is the third; nothing after it.
    clock.set(cst(10 + 30, 0));
    service::contracts::remind(&ctx, ent, &number, &actor(ent))
        .await
        .unwrap();
    clock.set(cst(10 + 72, 0));
    assert_eq!(remind_round(&ctx).await.unwrap().done, 1, "{label}");
    clock.advance(2 * HOUR);
    let over = service::contracts::remind(&ctx, ent, &number, &actor(ent)).await;
    assert_eq!(refused(over).to_string(), text::REMIND_LIMIT_REACHED, "{label}");
});

db_test!(async fn r23_a_reminder_over_the_sms_caps_waits_an_hour_uncounted(label, db) {
    let (mut ctx, clock, ent) = setup(db, cst(10, 0)).await;
    let number = signing(&ctx, ent, 0).await;
    ctx.sms_caps.per_phone_hour = 1;
    // A code resent ten minutes before the reminder fills the phone's hour.
    clock.set(cst(10 + 23, 50));
    service::contracts::resend_code(&ctx, ent, &number, &actor(ent))
        .await
        .unwrap();
    clock.set(cst(10 + 24, 0));
    assert_eq!(remind_round(&ctx).await.unwrap().done, 0, "{label}: capped");
    clock.set(cst(10 + 24, 59));
    assert_eq!(remind_round(&ctx).await.unwrap().done, 0, "{label}: waits");
    clock.set(cst(10 + 25, 0));
    assert_eq!(remind_round(&ctx).await.unwrap().done, 1, "{label}: sent");
    let row = sqlx::query("SELECT reminders_sent FROM contracts WHERE number = $1")
        .bind(number.as_str())
        .fetch_one(&ctx.db.pool)
        .await
        .unwrap();
    assert_eq!(row.get::<i64, _>(0), 1, "{label}: counted once");
});

db_test!(async fn r23_two_instances_send_each_reminder_once(label, db) {
    let (ctx, clock, ent) = setup(db, cst(10, 0)).await;
    let mut numbers = Vec::new();
    for nth in 0..4 {
        numbers.push(signing(&ctx, ent, nth).await);
    }
    let other = ctx.clone();
    clock.set(cst(10 + 24, 0));
    let (a, b) = tokio::join!(remind_round(&ctx), remind_round(&other));
    assert_eq!(a.unwrap().done + b.unwrap().done, 4, "{label}");
    for number in &numbers {
        assert_eq!(
            system_reminders(&events_of(&ctx, number).await),
            1,
            "{label}"
        );
    }
});

db_test!(async fn r23_the_deadline_voids_the_contract_and_a_resend_extends_it(label, db) {
    let (ctx, clock, ent) = setup(db, cst(10, 0)).await;
    let number = signing(&ctx, ent, 0).await;
    let late = signing(&ctx, ent, 1).await;
    // Six days in, the second contract's code is sent again: its seven days restart.
    clock.set(cst(10 + 6 * 24, 0));
    service::contracts::resend_code(&ctx, ent, &late, &actor(ent))
        .await
        .unwrap();
    clock.set(cst(10 + 7 * 24, 0) - 1);
    assert_eq!(
        expire_round(&ctx).await.unwrap().done,
        0,
        "{label}: a moment before"
    );
    clock.set(cst(10 + 7 * 24, 0));
    assert_eq!(
        expire_round(&ctx).await.unwrap().done,
        1,
        "{label}: the deadline"
    );
    assert_eq!(expire_round(&ctx).await.unwrap().done, 0, "{label}: once");
    assert_eq!(
        state(&ctx, ent, &number).await,
        ContractState::CANCELLING,
        "{label}"
    );
    assert_eq!(
        state(&ctx, ent, &late).await,
        ContractState::CUSTOMER_SIGNING,
        "{label}: extended"
    );
    drain(&ctx).await;
    assert_eq!(
        state(&ctx, ent, &number).await,
        ContractState::VOIDED,
        "{label}"
    );
    let events = events_of(&ctx, &number).await;
    let expired = events
        .iter()
        .position(|e| e == &("contract.signing_expired".into(), "system".into()));
    let voided = events
        .iter()
        .position(|(action, _)| action == "contract.cancel_completed");
    assert!(expired.is_some() && expired < voided, "{label}: {events:?}");
    // No reminder for a contract no longer waiting; the other still gets one.
    clock.set(cst(10 + 13 * 24, 0));
    assert_eq!(remind_round(&ctx).await.unwrap().done, 1, "{label}");
    assert_eq!(
        system_reminders(&events_of(&ctx, &number).await),
        0,
        "{label}"
    );
    assert_eq!(
        expire_round(&ctx).await.unwrap().done,
        1,
        "{label}: the second"
    );
});
