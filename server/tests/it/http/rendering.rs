//! How the console renders: resources numbered without gaps, connections per view.

#[allow(unused_imports)]
use super::*;

/// The browser hydrates resource N with the server's `__RESOLVED_RESOURCES[N]`; a resource
/// created inside a suspended branch is numbered differently on the two sides (the
/// server may build the branch more than once), and the page then fails to hydrate.
/// Pages create their resources up front, so the server's numbers are 0, 1, 2, … .
#[tokio::test]
async fn console_pages_number_their_resources_without_gaps() {
    let (app, ctx) = app_and_ctx().await;
    let ent = login(&app, "ent_demo").await;
    let ops = login(&app, "ops_demo").await;
    let number = create_framework(&app, &ent).await;
    service::worker::Worker::new(ctx.clone(), Default::default())
        .run_once()
        .await
        .unwrap();
    for (path, cookie) in [
        "/contracts".to_string(),
        "/contracts/new/order".to_string(),
        "/contracts/new/framework".to_string(),
        format!("/contracts/{number}"),
        "/party-a".to_string(),
        "/esign".to_string(),
        "/account".to_string(),
    ]
    .into_iter()
    .map(|path| (path, ent.clone()))
    .chain(
        ["/ops".to_string(), format!("/ops/contracts/{number}")]
            .into_iter()
            .map(|path| (path, ops.clone())),
    ) {
        let html = body_text(send(&app, get(&path, Some(&cookie))).await).await;
        let mut ids: Vec<usize> = html
            .match_indices("__RESOLVED_RESOURCES[")
            .filter_map(|(at, needle)| {
                let rest = &html[at + needle.len()..];
                rest[..rest.find(']')?].parse().ok()
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        assert!(!ids.is_empty(), "{path}: no resources");
        assert_eq!(ids, (0..ids.len()).collect::<Vec<_>>(), "{path}");
    }
}

/// Each use of a SQLite connection is a round trip to its thread, and those were over a
/// third of a page view's CPU: the signed-in contract home reads the account with its
/// session once (the console's gate, not once per part of the page), the creation gate
/// with party A in one query, and its list — three uses, however many parts ask for the
/// account.
#[tokio::test]
async fn the_contract_home_uses_three_connections_per_view() {
    let (app, ctx) = app_and_ctx().await;
    let cookie = login(&app, "ent_demo").await;
    let mut uses = Vec::new();
    for _ in 0..2 {
        let before = ctx.db.connection_uses();
        let res = send(&app, get("/contracts", Some(&cookie))).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(body_text(res).await.contains("星河示例数字科技"));
        settled(&ctx.db).await;
        uses.push(ctx.db.connection_uses() - before);
    }
    // The first view may push the session's expiry back (a write); the next does not.
    assert_eq!(uses[1], 3, "connection uses per view: {uses:?}");
}

/// Waits (boundedly) until every connection is back in the pool: the pool returns a
/// connection in a task of its own, after the answer may have gone out.
async fn settled(db: &Db) {
    for _ in 0..500 {
        if db.pool.num_idle() == db.pool.size() as usize {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("connections still out after 5 s");
}
