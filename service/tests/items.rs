//! The item picker: keyset pages, search, filters, eligibility and occupancy.

mod common;

use common::{create, effective_framework, seeded_customer};
use domain::picker::PickerQuery;
use domain::{BillingMode, ContractType};
use service::contracts::items::pick;

db_test!(async fn keyset_pages_cover_every_order_once_newest_first(label, db) {
    let account = seeded_customer(&db).await;
    let now = service::platform::clock::wall_clock_ms();
    let mut query = PickerQuery {
        limit: 7,
        ..Default::default()
    };
    let mut seen = Vec::new();
    loop {
        let page = pick(&db, account, ContractType::Order, &query, now)
            .await
            .unwrap();
        assert!(page.rows.len() <= 7, "{label}");
        seen.extend(page.rows.iter().map(|r| (r.date_ms, r.id)));
        match page.next {
            Some(cursor) => query.after = Some(cursor),
            None => break,
        }
    }
    let (orders, _, _) = service::seed::item_counts(&db, account).await.unwrap();
    assert_eq!(seen.len() as i64, orders, "{label}");
    assert!(
        seen.windows(2).all(|w| w[0] > w[1]),
        "{label}: strictly newest first, no repeats"
    );
});

db_test!(async fn search_mode_and_date_filters(label, db) {
    let account = seeded_customer(&db).await;
    let now = service::platform::clock::wall_clock_ms();
    let q = |search: &str, mode: Option<BillingMode>| PickerQuery {
        search: search.into(),
        billing_mode: mode,
        limit: 100,
        ..Default::default()
    };
    let by_product = pick(&db, account, ContractType::Order, &q("对象存储", None), now)
        .await
        .unwrap();
    assert!(
        !by_product.rows.is_empty()
            && by_product
                .rows
                .iter()
                .all(|r| r.description.contains("对象存储")),
        "{label}"
    );
    let one = by_product.rows[0].reference.clone();
    let by_number = pick(&db, account, ContractType::Order, &q(&one, None), now)
        .await
        .unwrap();
    assert_eq!(
        by_number
            .rows
            .iter()
            .map(|r| r.reference.clone())
            .collect::<Vec<_>>(),
        vec![one],
        "{label}"
    );
    let monthly = pick(
        &db,
        account,
        ContractType::Order,
        &q("", Some(BillingMode::MonthlyBill)),
        now,
    )
    .await
    .unwrap();
    assert!(!monthly.rows.is_empty(), "{label}");
    for row in &monthly.rows {
        assert_eq!(row.billing_mode, Some(BillingMode::MonthlyBill), "{label}");
        assert_eq!(
            row.ineligible,
            Some(domain::Ineligible::MonthlyBill),
            "{label}"
        );
    }
    let from = domain::calendar::cst_midnight_ms(2026, 1, 1);
    let dated = PickerQuery {
        from_ms: Some(from),
        limit: 100,
        ..Default::default()
    };
    let recent = pick(&db, account, ContractType::Order, &dated, now)
        .await
        .unwrap();
    assert!(
        !recent.rows.is_empty() && recent.rows.iter().all(|r| r.date_ms >= from),
        "{label}"
    );
    // Wildcards in the search are taken literally, not as patterns.
    let wild = pick(&db, account, ContractType::Order, &q("%", None), now)
        .await
        .unwrap();
    assert!(
        wild.rows.is_empty(),
        "{label}: '%' matched {} rows",
        wild.rows.len()
    );
});

db_test!(async fn occupied_items_name_their_contract(label, db) {
    let ctx = common::ctx(db.clone());
    let account = seeded_customer(&db).await;
    effective_framework(&ctx, account).await;
    let query = PickerQuery {
        limit: 100,
        ..Default::default()
    };
    let page = pick(
        &db,
        account,
        ContractType::Recharge,
        &query,
        service::platform::clock::wall_clock_ms(),
    )
    .await
    .unwrap();
    let record = page.rows[0].id;
    let number = create(&ctx, account, ContractType::Recharge, vec![record])
        .await
        .unwrap();
    let page = pick(
        &db,
        account,
        ContractType::Recharge,
        &query,
        service::platform::clock::wall_clock_ms(),
    )
    .await
    .unwrap();
    let row = page.rows.iter().find(|r| r.id == record).unwrap();
    assert_eq!(row.occupied_by.as_deref(), Some(number.as_str()), "{label}");
    assert!(!row.selectable(), "{label}");
    // Another account sees none of this account's items.
    let other = service::identity::accounts::find_by_login(&db, "ind_demo")
        .await
        .unwrap()
        .unwrap()
        .id;
    let theirs = pick(
        &db,
        other,
        ContractType::Recharge,
        &query,
        service::platform::clock::wall_clock_ms(),
    )
    .await
    .unwrap();
    assert!(theirs.rows.iter().all(|r| r.id != record), "{label}");
});
