//! Idempotent, all-or-nothing upserts of accounts and billing items; the subject-change
//! hold (R2).

#[allow(unused_imports)]
use super::*;

#[tokio::test]
async fn upserts_are_idempotent_and_a_bad_item_writes_nothing() {
    let (app, ctx, key) = app().await;
    link_ent_demo(&app, &key).await;
    let count = || async {
        sqlx::query("SELECT COUNT(*) FROM orders WHERE order_no LIKE 'API-%'")
            .fetch_one(&ctx.db.pool)
            .await
            .unwrap()
            .get::<i64, _>(0)
    };
    let batch =
        json!({ "items": [order("API-1", "ext-ent-1", 1000), order("API-2", "ext-ent-1", 2000)] });
    for _ in 0..2 {
        let (status, body) = call(
            &app,
            Method::POST,
            "/api/v1/orders",
            Some(&key),
            Some(batch.clone()),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["upserted"], 2);
    }
    assert_eq!(count().await, 2);
    // An update changes the row in place.
    let changed = json!({ "items": [order("API-1", "ext-ent-1", 1500)] });
    call(
        &app,
        Method::POST,
        "/api/v1/orders",
        Some(&key),
        Some(changed),
    )
    .await;
    let amount: i64 = sqlx::query("SELECT amount_fen FROM orders WHERE order_no = 'API-1'")
        .fetch_one(&ctx.db.pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(amount, 1500);

    // One bad item among good ones: 422 naming it, and nothing written.
    let mut items: Vec<Value> = (3..10)
        .map(|i| order(&format!("API-{i}"), "ext-ent-1", 100))
        .collect();
    items[4]["product"] = json!(" ");
    items.push(order("API-99", "no-such-account", 100));
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/orders",
        Some(&key),
        Some(json!({ "items": items })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let problems = body["items"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{body}");
    assert_eq!(
        (
            problems[0]["index"].clone(),
            problems[0]["reference"].clone(),
            problems[0]["field"].clone()
        ),
        (json!(4), json!("API-7"), json!("product"))
    );
    assert_eq!(problems[1]["reference"], "API-99");
    assert_eq!(problems[1]["field"], "account");
    assert_eq!(count().await, 2);

    // Well-formed items that refer to what is not here (an account billing has not
    // created yet), or name one reference twice: 409, listing them; nothing written.
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/orders",
        Some(&key),
        Some(json!({ "items": [order("API-98", "no-such-account", 100)] })),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("conflict"))
    );
    assert_eq!(body["items"][0]["code"], "unknown_account");
    let twice = order("API-97", "ext-ent-1", 100);
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/orders",
        Some(&key),
        Some(json!({ "items": [twice.clone(), twice] })),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["items"][0]["index"], 1);
    // A billing mode outside the documented enum is refused with the body.
    let mut barter = order("API-96", "ext-ent-1", 100);
    barter["billing_mode"] = json!("barter");
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/orders",
        Some(&key),
        Some(json!({ "items": [barter] })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["message"].as_str().unwrap().contains("billing_mode"),
        "{body}"
    );
    // Integers written with a zero fraction are integers (JSON Schema says so).
    let mut decimal = order("API-95", "ext-ent-1", 100);
    decimal["amount_fen"] = json!(250.0);
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/orders",
        Some(&key),
        Some(json!({ "items": [decimal] })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(count().await, 3);

    // The batch limit, and references that belong to another account.
    let too_many: Vec<Value> = (0..1001)
        .map(|i| order(&format!("BIG-{i}"), "ext-ent-1", 1))
        .collect();
    let (status, _) = call(
        &app,
        Method::POST,
        "/api/v1/orders",
        Some(&key),
        Some(json!({ "items": too_many })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let seeded: String = sqlx::query("SELECT o.order_no FROM orders o JOIN accounts a ON a.id = o.account_id WHERE a.login = 'ind_demo' LIMIT 1")
        .fetch_one(&ctx.db.pool).await.unwrap().get(0);
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/orders",
        Some(&key),
        Some(json!({ "items": [order(&seeded, "ext-ent-1", 1)] })),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["items"][0]["code"], "other_account");

    // Filings and recharge records go the same way.
    let filings = json!({ "items": [{ "filing_no": "浙ICP备20260001号", "account": "ext-ent-1", "site_name": "云帆官网",
        "domain": "yunfan.example.cn", "order_no": null, "created_at": 1_795_400_000_000_i64 }] });
    assert_eq!(
        call(
            &app,
            Method::POST,
            "/api/v1/filings",
            Some(&key),
            Some(filings)
        )
        .await
        .0,
        StatusCode::OK
    );
    let recharges = json!({ "items": [{ "record_no": "RC-API-1", "account": "ext-ent-1", "amount_fen": 50000,
        "channel": "对公转账", "paid_at": 1_795_400_000_000_i64 }] });
    assert_eq!(
        call(
            &app,
            Method::POST,
            "/api/v1/recharges",
            Some(&key),
            Some(recharges)
        )
        .await
        .0,
        StatusCode::OK
    );
    let bad = json!({ "items": [{ "record_no": "RC-API-2", "account": "ext-ent-1", "amount_fen": -5,
        "channel": "对公转账", "paid_at": 1_795_400_000 }] });
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/recharges",
        Some(&key),
        Some(bad),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["items"].as_array().unwrap().len(), 2, "{body}");
}

#[tokio::test]
async fn r2_a_new_subject_name_from_billing_holds_creation() {
    let (app, ctx, key) = app().await;
    link_ent_demo(&app, &key).await;
    let ent = service::identity::accounts::find_by_login(&ctx.db, "ent_demo")
        .await
        .unwrap()
        .unwrap();
    let number = effective_framework(&ctx, ent.id).await;

    let renamed = json!({ "login": "ent_demo", "kind": "enterprise", "verified": true,
        "subject_name": "星河数字科技（上海）股份有限公司", "id_number": "91350100M000100Y43" });
    let (status, body) = call(
        &app,
        Method::PUT,
        "/api/v1/accounts/ext-ent-1",
        Some(&key),
        Some(renamed),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["subject_hold"], true);
    let account = service::identity::accounts::find(&ctx.db, ent.id)
        .await
        .unwrap();
    assert!(account.subject_hold);
    // The existing contract is untouched and still readable.
    let (status, contract) = call(
        &app,
        Method::GET,
        &format!("/api/v1/contracts/{number}"),
        Some(&key),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(contract["status"], "effective");
    // A bad identifier is a field error, not a 500.
    let bad = json!({ "kind": "enterprise", "verified": true, "subject_name": "x公司", "id_number": "123" });
    let (status, body) = call(
        &app,
        Method::PUT,
        "/api/v1/accounts/ext-ent-1",
        Some(&key),
        Some(bad),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["field"] == "id_number"));
}

/// Issue 29: the billing system retrying `PUT /accounts/{id}` of a new account while the
/// first request runs: twenty at once all answer 2xx and leave exactly one account.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_puts_of_one_new_account_all_succeed_and_create_it_once() {
    let (app, ctx, key) = app().await;
    let body = json!({ "login": "put_race", "kind": "individual", "verified": false });
    let mut puts = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (app, key, body) = (app.clone(), key.clone(), body.clone());
        puts.spawn(async move {
            call(
                &app,
                Method::PUT,
                "/api/v1/accounts/ext-put-race",
                Some(&key),
                Some(body),
            )
            .await
        });
    }
    while let Some(answer) = puts.join_next().await {
        let (status, result) = answer.unwrap();
        assert!(status.is_success(), "{status}: {result}");
    }
    let accounts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE login = 'put_race'")
            .fetch_one(&ctx.db.pool)
            .await
            .unwrap();
    assert_eq!(accounts, 1);
}

/// The billing system links an existing console login only when it is the same verified
/// subject; a look-alike login never receives another's identity.
#[tokio::test]
async fn an_account_is_linked_only_to_the_same_verified_subject() {
    let (app, ctx, key) = app().await;
    // ind_demo is an individual with another ID: no link, and the login is taken.
    let body = json!({ "login": "ind_demo", "kind": "enterprise", "verified": true,
        "subject_name": "星河示例数字科技（上海）有限公司", "id_number": "91350100M000100Y43" });
    let (status, result) = call(
        &app,
        Method::PUT,
        "/api/v1/accounts/ext-x",
        Some(&key),
        Some(body),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{result}");
    let linked: Option<String> =
        sqlx::query("SELECT external_id FROM accounts WHERE login = 'ind_demo'")
            .fetch_one(&ctx.db.pool)
            .await
            .unwrap()
            .get(0);
    assert_eq!(linked, None);
    // The same subject links.
    link_ent_demo(&app, &key).await;
}
