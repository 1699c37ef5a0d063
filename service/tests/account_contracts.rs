//! The billing system's pages of one account's contracts: oldest first, each once, with
//! its items, whatever is created while it pages.

mod common;

use common::{create, order_ids, seeded_customer};
use domain::ContractType;
use service::billing::account_contracts::page;
use service::ServiceError;

db_test!(async fn pages_neither_skip_nor_repeat_a_contract_created_meanwhile(label, db) {
    let (ctx, clock) = common::clocked(db.clone());
    let account = seeded_customer(&db).await;
    common::link_external(&db, account, "ext-1").await;
    let orders = order_ids(&db, account, "prepaid").await;
    let framework = common::effective_framework(&ctx, account).await;
    let mut created = vec![framework];
    for id in &orders[..2] {
        created.push(
            create(&ctx, account, ContractType::Order, vec![*id])
                .await
                .unwrap(),
        );
    }

    // Pages list contracts once they are a minute old.
    assert!(page(&ctx.db, "ext-1", None, 2)
        .await
        .unwrap()
        .contracts
        .is_empty());
    clock.advance(service::billing::account_contracts::SETTLED_MS);
    let first = page(&ctx.db, "ext-1", None, 2).await.unwrap();
    assert_eq!(first.contracts.len(), 2, "{label}");
    assert!(first.more, "{label}");
    // Created between two pages: listed at the end, nothing skipped.
    created.push(
        create(&ctx, account, ContractType::Order, vec![orders[2]])
            .await
            .unwrap(),
    );
    let mut seen: Vec<_> = first.contracts;
    let mut next = first.next;
    let mut more = first.more;
    for _ in 0..5 {
        if !more {
            break;
        }
        let page = page(&ctx.db, "ext-1", next, 2).await.unwrap();
        seen.extend(page.contracts);
        (next, more) = (page.next, page.more);
    }
    // The one created meanwhile comes once it is a minute old, after the cursor.
    assert_eq!(seen.len(), 3, "{label}: not yet");
    clock.advance(service::billing::account_contracts::SETTLED_MS);
    let later = page(&ctx.db, "ext-1", next, 2).await.unwrap();
    seen.extend(later.contracts);
    assert!(!later.more, "{label}");
    let numbers: Vec<&str> = seen.iter().map(|c| c.contract.number.as_str()).collect();
    assert_eq!(
        numbers,
        created.iter().map(|n| n.as_str()).collect::<Vec<_>>(),
        "{label}"
    );
    assert!(
        seen[0].items.is_empty(),
        "{label}: a framework contract has no items"
    );
    for entry in &seen[1..] {
        assert_eq!(entry.items.len(), 1, "{label}");
        assert_eq!(
            entry.items[0].amount_fen, entry.contract.total_fen,
            "{label}"
        );
    }

    assert!(matches!(
        page(&ctx.db, "ext-unknown", None, 2).await,
        Err(ServiceError::NotFound)
    ));
});
