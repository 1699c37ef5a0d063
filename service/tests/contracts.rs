//! Contract rules R1–R10 through the service's use cases, each test named after its rule,
//! on a fresh SQLite file and a fresh PostgreSQL database.

mod common;

use common::{
    actor, create, create_with, drain, effective_framework, new_contract, operate, order_ids,
    refused, seeded_customer,
};
use domain::eligibility::POSTPAID_CUTOFF_MS;
use domain::new_contract::{CONFIRMED, ITEMS};
use domain::{Channel, ContractState, ContractType, Operation, Status};
use service::contracts::{find_for_account, items_of, list, ContractFilter};
use service::{Ctx, ServiceError};
use sqlx::Row;

async fn eligible_orders(ctx: &Ctx, account: i64) -> Vec<i64> {
    let mut ids = order_ids(&ctx.db, account, "prepaid").await;
    let rows = sqlx::query("SELECT id FROM orders WHERE account_id = $1 AND billing_mode = 'postpaid' AND created_at >= $2")
        .bind(account)
        .bind(POSTPAID_CUTOFF_MS)
        .fetch_all(&ctx.db.pool)
        .await
        .unwrap();
    ids.extend(rows.iter().map(|r| r.get::<i64, _>(0)));
    ids
}

fn field_error(result: Result<domain::ContractNumber, ServiceError>, field: &str) -> String {
    match result {
        Err(ServiceError::Validation(fields)) => fields
            .get(field)
            .unwrap_or_else(|| panic!("no {field} error: {fields:?}"))
            .to_string(),
        other => panic!("expected a validation error on {field}, got {other:?}"),
    }
}

db_test!(async fn r1_unverified_accounts_cannot_create_contracts(label, db) {
    let ctx = common::ctx(db.clone());
    service::seed::seed_demo(&db).await.unwrap();
    let new_demo = service::identity::accounts::find_by_login(&db, "new_demo")
        .await
        .unwrap()
        .unwrap()
        .id;
    let reason = refused(create(&ctx, new_demo, ContractType::Framework, vec![]).await).to_string();
    assert_eq!(reason, domain::text::GATE_UNVERIFIED, "{label}");
});

db_test!(async fn r1_party_a_name_is_the_verified_subject_and_a_snapshot(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let number = create(&ctx, account, ContractType::Framework, vec![])
        .await
        .unwrap();
    let contract = find_for_account(&db, account, &number).await.unwrap();
    assert_eq!(
        contract.party_a_name, "星河示例数字科技（上海）有限公司",
        "{label}"
    );
    // Editing the profile later does not touch the contract's snapshot.
    let mut changed = common::party_a();
    changed.address = "北京市朝阳区另一条示例路 9 号".into();
    service::identity::party_a::save(&db, account, &changed, &actor(account))
        .await
        .unwrap();
    let contract = find_for_account(&db, account, &number).await.unwrap();
    assert_eq!(
        contract.party_a.address,
        common::party_a().address,
        "{label}"
    );
});

db_test!(async fn r1_party_a_must_be_valid_and_confirmed(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let mut new = new_contract(ContractType::Framework, vec![]);
    new.confirmed = false;
    new.party_a.phone = "123".into();
    let result = create_with(&ctx, account, &new).await;
    match result {
        Err(ServiceError::Validation(fields)) => {
            assert!(
                fields.get(CONFIRMED).is_some() && fields.get("phone").is_some(),
                "{label}: {fields:?}"
            );
        }
        other => panic!("{label}: {other:?}"),
    }
    assert_eq!(
        list(&db, account, &ContractFilter::default())
            .await
            .unwrap()
            .total,
        0,
        "{label}: nothing written"
    );
});

db_test!(async fn r2_a_subject_change_hold_refuses_new_contracts(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    sqlx::query("UPDATE accounts SET subject_hold = 1 WHERE id = $1")
        .bind(account)
        .execute(&db.pool)
        .await
        .unwrap();
    let reason = refused(create(&ctx, account, ContractType::Framework, vec![]).await).to_string();
    assert_eq!(reason, domain::text::GATE_SUBJECT_HOLD, "{label}");
});

db_test!(async fn r3_a_second_valid_framework_is_refused_until_the_first_is_voided(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let framework = new_contract(ContractType::Framework, vec![]);
    let first = create_with(&ctx, account, &framework).await.unwrap();
    assert_eq!(
        refused(create_with(&ctx, account, &framework).await).to_string(),
        domain::text::GATE_FRAMEWORK_EXISTS,
        "{label}"
    );
    drain(&ctx).await;
    operate(&ctx, account, &first, Operation::Void)
        .await
        .unwrap();
    create_with(&ctx, account, &framework)
        .await
        .unwrap_or_else(|e| panic!("{label}: {e:?}"));
});

db_test!(async fn r3_fifty_parallel_framework_creations_make_exactly_one(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let ctx = ctx.clone();
            tokio::spawn(
                async move { create(&ctx, account, ContractType::Framework, vec![]).await },
            )
        })
        .collect();
    let mut created = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => created += 1,
            Err(ServiceError::Refused(reason)) => assert_eq!(
                reason,
                domain::Refused::Gate(domain::gate::CreationBlock::FrameworkExists),
                "{label}"
            ),
            Err(e) => panic!("{label}: unexpected {e:?}"),
        }
    }
    assert_eq!(created, 1, "{label}");
    assert_eq!(
        list(&db, account, &ContractFilter::default())
            .await
            .unwrap()
            .total,
        1,
        "{label}"
    );
});

db_test!(async fn r4_other_contracts_need_an_effective_framework(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let orders = eligible_orders(&ctx, account).await;
    let order = new_contract(ContractType::Order, vec![orders[0]]);
    assert_eq!(
        refused(create_with(&ctx, account, &order).await).to_string(),
        domain::text::GATE_NO_EFFECTIVE_FRAMEWORK,
        "{label}"
    );
    // A framework that is only a draft is not enough.
    create(&ctx, account, ContractType::Framework, vec![])
        .await
        .unwrap();
    drain(&ctx).await;
    assert_eq!(
        refused(create_with(&ctx, account, &order).await).to_string(),
        domain::text::GATE_NO_EFFECTIVE_FRAMEWORK,
        "{label}"
    );
});

db_test!(async fn r5_ineligible_orders_are_refused_with_their_reason(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    effective_framework(&ctx, account).await;
    for (mode, reason) in [
        ("monthly_bill", domain::text::INELIGIBLE_MONTHLY_BILL),
        ("marketplace", domain::text::INELIGIBLE_MARKETPLACE),
    ] {
        let id = order_ids(&db, account, mode).await[0];
        let message = field_error(
            create(&ctx, account, ContractType::Order, vec![id]).await,
            ITEMS,
        );
        assert!(message.ends_with(reason), "{label}: {message}");
    }
    // Postpaid: the minute before the cut-off is refused, the cut-off itself accepted.
    let boundary = sqlx::query("SELECT id, created_at FROM orders WHERE account_id = $1 AND billing_mode = 'postpaid' ORDER BY created_at")
        .bind(account)
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let before = boundary
        .iter()
        .rev()
        .find(|r| r.get::<i64, _>(1) < POSTPAID_CUTOFF_MS)
        .unwrap()
        .get::<i64, _>(0);
    let at = boundary
        .iter()
        .find(|r| r.get::<i64, _>(1) >= POSTPAID_CUTOFF_MS)
        .unwrap()
        .get::<i64, _>(0);
    let message = field_error(
        create(&ctx, account, ContractType::Order, vec![before]).await,
        ITEMS,
    );
    assert!(
        message.ends_with(domain::text::INELIGIBLE_POSTPAID_BEFORE_CUTOFF),
        "{label}: {message}"
    );
    create(&ctx, account, ContractType::Order, vec![at])
        .await
        .unwrap_or_else(|e| panic!("{label}: {e:?}"));
});

db_test!(async fn r5_refunds_are_allowed_while_the_total_is_not_negative(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    effective_framework(&ctx, account).await;
    let refunds = order_ids(&db, account, "refund").await;
    let message = field_error(
        create(&ctx, account, ContractType::Order, vec![refunds[0]]).await,
        ITEMS,
    );
    assert_eq!(message, domain::text::SELECTION_NEGATIVE_TOTAL, "{label}");
    let mut ids = vec![refunds[0]];
    ids.extend(order_ids(&db, account, "prepaid").await.into_iter().take(3));
    let number = create(&ctx, account, ContractType::Order, ids)
        .await
        .unwrap();
    let contract = find_for_account(&db, account, &number).await.unwrap();
    let items = items_of(&db, contract.id).await.unwrap();
    assert_eq!(
        contract.total_fen,
        items.iter().map(|i| i.amount_fen).sum::<i64>(),
        "{label}"
    );
    assert!(
        contract.total_fen >= 0 && items.iter().any(|i| i.amount_fen < 0),
        "{label}"
    );
});

db_test!(async fn r6_item_limits_per_contract_type(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    effective_framework(&ctx, account).await;
    let orders = eligible_orders(&ctx, account).await;
    assert!(
        orders.len() >= 31,
        "{label}: the seed has {} eligible orders",
        orders.len()
    );
    let too_many = field_error(
        create(&ctx, account, ContractType::Order, orders[..31].to_vec()).await,
        ITEMS,
    );
    assert!(too_many.contains("30"), "{label}: {too_many}");
    create(&ctx, account, ContractType::Order, orders[..30].to_vec())
        .await
        .unwrap();

    let filings: Vec<i64> =
        sqlx::query("SELECT id FROM icp_filings WHERE account_id = $1 ORDER BY id")
            .bind(account)
            .fetch_all(&db.pool)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
    let too_many = field_error(
        create(&ctx, account, ContractType::Filing, filings[..21].to_vec()).await,
        ITEMS,
    );
    assert!(too_many.contains("20"), "{label}: {too_many}");
    create(&ctx, account, ContractType::Filing, filings[..20].to_vec())
        .await
        .unwrap();
});

db_test!(async fn r7_an_item_stays_occupied_until_its_contract_is_deleted(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    effective_framework(&ctx, account).await;
    let order = eligible_orders(&ctx, account).await[0];
    let first = create(&ctx, account, ContractType::Order, vec![order])
        .await
        .unwrap();
    let again = new_contract(ContractType::Order, vec![order]);
    let message = field_error(create_with(&ctx, account, &again).await, ITEMS);
    assert!(message.contains(first.as_str()), "{label}: {message}");
    drain(&ctx).await;
    // Voiding does not release it (R7: only deletion does) …
    operate(&ctx, account, &first, Operation::Void)
        .await
        .unwrap();
    field_error(create_with(&ctx, account, &again).await, ITEMS);
    // … deleting does.
    operate(&ctx, account, &first, Operation::Delete)
        .await
        .unwrap();
    create_with(&ctx, account, &again)
        .await
        .unwrap_or_else(|e| panic!("{label}: {e:?}"));
    assert!(
        matches!(
            find_for_account(&db, account, &first).await,
            Err(ServiceError::NotFound)
        ),
        "{label}"
    );
});

db_test!(async fn r7_a_hundred_parallel_contracts_with_the_same_order_make_exactly_one(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    effective_framework(&ctx, account).await;
    let orders = eligible_orders(&ctx, account).await;
    let shared = orders[0];
    let tasks: Vec<_> = (0..100)
        .map(|i| {
            let ctx = ctx.clone();
            // Each also carries a second order of its own where one exists.
            let ids = vec![shared, orders[1 + i % (orders.len() - 1)]];
            tokio::spawn(async move { create(&ctx, account, ContractType::Order, ids).await })
        })
        .collect();
    let mut created = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => created += 1,
            Err(ServiceError::Validation(fields)) => {
                assert!(fields.get(ITEMS).is_some(), "{label}")
            }
            Err(e) => panic!("{label}: unexpected {e:?}"),
        }
    }
    assert_eq!(created, 1, "{label}");
    let holders: i64 = sqlx::query("SELECT COUNT(*) FROM contract_items WHERE item_kind = 'order' AND item_id = $1 AND released_at IS NULL")
        .bind(shared)
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(holders, 1, "{label}");
    let doubled: i64 = sqlx::query(
        "SELECT COUNT(*) FROM (SELECT item_id FROM contract_items WHERE released_at IS NULL GROUP BY item_kind, item_id HAVING COUNT(*) > 1) d",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap()
    .get(0);
    assert_eq!(doubled, 0, "{label}: no item in two contracts");
});

db_test!(async fn r8_a_filing_contract_frees_its_filings_after_one_year(label, db) {
    let (ctx, clock) = common::clocked(db.clone());
    let account = seeded_customer(&db).await;
    effective_framework(&ctx, account).await;
    let filing: i64 =
        sqlx::query("SELECT id FROM icp_filings WHERE account_id = $1 ORDER BY id LIMIT 1")
            .bind(account)
            .fetch_one(&db.pool)
            .await
            .unwrap()
            .get(0);
    let number = create(&ctx, account, ContractType::Filing, vec![filing])
        .await
        .unwrap();
    drain(&ctx).await;
    operate(&ctx, account, &number, Operation::ConvertToFormal)
        .await
        .unwrap();
    drain(&ctx).await;
    let contract = find_for_account(&db, account, &number).await.unwrap();
    let effective_at = contract.effective_at.expect("effective");
    assert_eq!(
        contract.expires_at,
        Some(domain::eligibility::filing_contract_expires_at(
            effective_at
        )),
        "{label}"
    );
    let again = new_contract(ContractType::Filing, vec![filing]);
    field_error(create_with(&ctx, account, &again).await, ITEMS);
    // A year passes.
    clock.set(contract.expires_at.unwrap() + 1);
    let query = domain::picker::PickerQuery {
        limit: 100,
        ..Default::default()
    };
    let page = service::contracts::items::pick(&db, account, ContractType::Filing, &query, ctx.now())
        .await
        .unwrap();
    assert!(
        page.rows
            .iter()
            .find(|r| r.id == filing)
            .unwrap()
            .occupied_by
            .is_none(),
        "{label}"
    );
    create_with(&ctx, account, &again)
        .await
        .unwrap_or_else(|e| panic!("{label}: {e:?}"));
});

db_test!(async fn r9_the_channel_is_fixed_at_creation(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let number = effective_framework(&ctx, account).await;
    let contract = find_for_account(&db, account, &number).await.unwrap();
    assert_eq!(
        contract.channel,
        Channel::Single,
        "{label}: still the channel it was created with"
    );
    // The dual channel is not offered yet; asking for it creates nothing.
    let mut dual = new_contract(
        ContractType::Order,
        vec![eligible_orders(&ctx, account).await[0]],
    );
    dual.channel = Channel::Dual;
    refused(create_with(&ctx, account, &dual).await).to_string();
});

db_test!(async fn r10_an_effective_contract_cannot_be_voided_or_deleted(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let number = effective_framework(&ctx, account).await;
    let contract = find_for_account(&db, account, &number).await.unwrap();
    assert_eq!(
        contract.state,
        ContractState::E_CONTRACT_EFFECTIVE,
        "{label}"
    );
    let formal = contract.formal_pdf.clone().expect("formal PDF recorded");
    for op in [
        Operation::Void,
        Operation::Delete,
        Operation::ConvertToFormal,
    ] {
        let result = operate(&ctx, account, &number, op).await;
        assert!(
            matches!(result, Err(ServiceError::Refused(_))),
            "{label}: {op:?} → {result:?}"
        );
    }
    let after = find_for_account(&db, account, &number).await.unwrap();
    assert_eq!(
        (after.state, after.formal_pdf),
        (contract.state, Some(formal.clone())),
        "{label}"
    );
    // What is served is what was recorded.
    let download =
        service::contracts::documents::fetch(&ctx, account, &number, service::contracts::documents::PdfKind::Formal)
            .await
            .unwrap();
    assert_eq!(
        service::platform::storage::sha256_hex(&download.bytes),
        formal.sha256,
        "{label}"
    );
});

db_test!(async fn r10_content_is_locked_once_provider_signing_starts(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let number = create(&ctx, account, ContractType::Framework, vec![])
        .await
        .unwrap();
    // While the draft is being generated nothing can be done to it.
    assert!(
        matches!(
            operate(&ctx, account, &number, Operation::Void).await,
            Err(ServiceError::Refused(_))
        ),
        "{label}"
    );
    drain(&ctx).await;
    operate(&ctx, account, &number, Operation::ConvertToFormal)
        .await
        .unwrap();
    let result = operate(&ctx, account, &number, Operation::Void).await;
    assert!(
        matches!(result, Err(ServiceError::Refused(_))),
        "{label}: {result:?}"
    );
    assert_eq!(
        find_for_account(&db, account, &number).await.unwrap().state,
        ContractState::PROVIDER_SIGNING,
        "{label}"
    );
});

db_test!(async fn another_accounts_contract_is_not_found(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let other = service::identity::accounts::find_by_login(&db, "ind_demo")
        .await
        .unwrap()
        .unwrap()
        .id;
    let number = create(&ctx, account, ContractType::Framework, vec![])
        .await
        .unwrap();
    drain(&ctx).await;
    assert!(
        matches!(
            find_for_account(&db, other, &number).await,
            Err(ServiceError::NotFound)
        ),
        "{label}"
    );
    let result = operate(&ctx, other, &number, Operation::Void).await;
    assert!(matches!(result, Err(ServiceError::NotFound)), "{label}");
    let download =
        service::contracts::documents::fetch(&ctx, other, &number, service::contracts::documents::PdfKind::Draft)
            .await;
    assert!(matches!(download, Err(ServiceError::NotFound)), "{label}");
    assert_eq!(
        list(&db, other, &ContractFilter::default())
            .await
            .unwrap()
            .total,
        0,
        "{label}"
    );
});

db_test!(async fn records_filter_search_and_page(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    let framework = effective_framework(&ctx, account).await;
    let orders = eligible_orders(&ctx, account).await;
    for id in &orders[..12] {
        create(&ctx, account, ContractType::Order, vec![*id])
            .await
            .unwrap();
    }
    let all = list(
        &db,
        account,
        &ContractFilter {
            page: 1,
            per_page: 10,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!((all.total, all.rows.len()), (13, 10), "{label}");
    let second = list(
        &db,
        account,
        &ContractFilter {
            page: 2,
            per_page: 10,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    // A partial page past the first still counts every match.
    assert_eq!((second.total, second.rows.len()), (13, 3), "{label}");
    let effective = list(
        &db,
        account,
        &ContractFilter {
            status: Some(Status::Effective),
            page: 1,
            per_page: 10,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        effective
            .rows
            .iter()
            .map(|c| c.number.clone())
            .collect::<Vec<_>>(),
        vec![framework.clone()],
        "{label}"
    );
    let orders_only = list(
        &db,
        account,
        &ContractFilter {
            kind: Some(ContractType::Order),
            page: 1,
            per_page: 50,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(orders_only.total, 12, "{label}");
    let by_number = list(
        &db,
        account,
        &ContractFilter {
            number: framework[framework.len() - 6..].to_string(),
            page: 1,
            per_page: 10,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(by_number.rows[0].number, framework, "{label}");
    // A whole number is an exact lookup; LIKE's wildcards in a fragment are literal.
    let search = |number: &str| ContractFilter {
        number: number.into(),
        page: 1,
        per_page: 10,
        ..Default::default()
    };
    let exact = list(&db, account, &search(&framework)).await.unwrap();
    assert_eq!((exact.total, exact.more), (1, false), "{label}");
    assert_eq!(exact.rows[0].number, framework, "{label}");
    let wildcard = list(&db, account, &search("QY-%")).await.unwrap();
    assert_eq!(wildcard.total, 0, "{label}");

    // Past the cap the count stops: the page says "more", and the rows still come.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i <= $2) \
         INSERT INTO contracts (account_id, number, kind, channel, status, sub_status, \
           party_a_name, party_a_address, party_a_contact, party_a_phone, party_a_email, \
           party_a_postcode, template_version, created_at, updated_at) \
         SELECT c.account_id, 'QY-20200101-' || (1000000 + n.i), 'order', c.channel, 'voided', 'none', \
           c.party_a_name, c.party_a_address, c.party_a_contact, c.party_a_phone, \
           c.party_a_email, c.party_a_postcode, c.template_version, 0, 0 \
         FROM contracts c, n WHERE c.number = $1",
    )
    .bind(framework.as_str())
    .bind(service::contracts::COUNT_CAP)
    .execute(&db.pool)
    .await
    .unwrap();
    let capped = list(&db, account, &search("")).await.unwrap();
    assert_eq!(
        (capped.total, capped.more, capped.rows.len()),
        (service::contracts::COUNT_CAP, true, 10),
        "{label}"
    );
    let exact = list(&db, account, &search(&framework)).await.unwrap();
    assert_eq!((exact.total, exact.more), (1, false), "{label}");
});

db_test!(
/// A day's new contracts per account are capped (deleted ones count: creating and deleting
/// in a loop is still creating); the next day starts afresh.
async fn an_account_creates_at_most_the_day_cap_of_contracts(label, db) {
    let (mut ctx, clock) = common::clocked(db);
    ctx.contracts_per_day = 3;
    let account = seeded_customer(&ctx.db).await;
    effective_framework(&ctx, account).await;
    let orders = eligible_orders(&ctx, account).await;
    for id in &orders[..2] {
        create(&ctx, account, ContractType::Order, vec![*id])
            .await
            .unwrap_or_else(|e| panic!("{label}: {e:?}"));
    }
    let over = create(&ctx, account, ContractType::Order, vec![orders[2]]).await;
    assert_eq!(
        refused(over).to_string(),
        domain::text::contracts_per_day_reached(3),
        "{label}"
    );
    // Nothing of the refused one remains: the order is still free.
    let contracts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM contracts WHERE account_id = $1")
            .bind(account)
            .fetch_one(&ctx.db.pool)
            .await
            .unwrap();
    assert_eq!(contracts, 3, "{label}");

    // Deleted contracts still count.
    sqlx::query(
        "UPDATE contracts SET status = 'deleted' WHERE account_id = $1 AND kind = 'order'",
    )
    .bind(account)
    .execute(&ctx.db.pool)
    .await
    .unwrap();
    let over = create(&ctx, account, ContractType::Order, vec![orders[2]]).await;
    assert_eq!(
        refused(over).to_string(),
        domain::text::contracts_per_day_reached(3),
        "{label}"
    );

    // The next day (China time), the count starts again.
    clock.advance(86_400_000);
    create(&ctx, account, ContractType::Order, vec![orders[2]])
        .await
        .unwrap_or_else(|e| panic!("{label}: {e:?}"));
});
