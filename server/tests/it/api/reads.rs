//! What the billing system reads: contracts, the event feed, documents, an account's
//! contracts page by page.

#[allow(unused_imports)]
use super::*;

#[tokio::test]
async fn contracts_and_the_event_feed_page_by_cursor() {
    let (app, ctx, key) = app().await;
    link_ent_demo(&app, &key).await;
    let ent = service::identity::accounts::find_by_login(&ctx.db, "ent_demo")
        .await
        .unwrap()
        .unwrap()
        .id;
    let number = effective_framework(&ctx, ent).await;

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
    assert_eq!(contract["sub_status"], "e_contract_effective");
    assert_eq!(contract["account_external_id"], "ext-ent-1");
    assert_eq!(
        call(
            &app,
            Method::GET,
            "/api/v1/contracts/QY-00000000-000000",
            Some(&key),
            None
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );

    // created → generated → converted → effective: four changes, read two at a time.
    let mut seen = Vec::new();
    let mut after = 0;
    loop {
        let (status, page) = call(
            &app,
            Method::GET,
            &format!("/api/v1/events?after={after}&limit=2"),
            Some(&key),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let events = page["events"].as_array().unwrap().clone();
        if events.is_empty() {
            assert_eq!(page["next_after"], after);
            break;
        }
        assert!(events.len() <= 2);
        after = page["next_after"].as_i64().unwrap();
        seen.extend(events);
    }
    let statuses: Vec<&str> = seen
        .iter()
        .map(|e| e["sub_status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        [
            "generating",
            "generated",
            "provider_signing",
            "e_contract_effective"
        ]
    );
    assert!(seen.iter().all(|e| e["contract_number"] == number.as_str()));
    let ids: Vec<i64> = seen.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
}

/// A GET as the billing system makes it, answered whole: status, headers, bytes.
async fn fetch(app: &Router, path: &str, key: &str) -> axum::response::Response<Vec<u8>> {
    let req = Request::get(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::AUTHORIZATION, format!("Bearer {key}"))
        .body(Body::empty())
        .unwrap();
    let (parts, body) = send(app, req).await.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 26).await.unwrap();
    axum::response::Response::from_parts(parts, bytes.to_vec())
}

#[tokio::test]
async fn the_billing_system_reads_documents_and_an_accounts_contracts_page_by_page() {
    let (app, ctx, key) = app().await;
    link_ent_demo(&app, &key).await;
    let ent = service::identity::accounts::find_by_login(&ctx.db, "ent_demo")
        .await
        .unwrap()
        .unwrap()
        .id;
    // Made two minutes ago (a clock set back): pages list contracts once a minute old.
    let ctx = service::Ctx {
        db: ctx.db.clone().with_clock(std::sync::Arc::new(
            service::platform::clock::ManualClock::at(
                service::platform::clock::wall_clock_ms() - 120_000,
            ),
        )),
        ..ctx
    };
    let first = effective_framework(&ctx, ent).await;

    // The formal PDF, with the SHA-256 it was recorded with.
    let res = fetch(
        &app,
        &format!("/api/v1/contracts/{first}/document?kind=formal"),
        &key,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/pdf");
    let sha = res.headers()["x-content-sha256"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(sha, service::platform::storage::sha256_hex(res.body()));
    assert_eq!(res.headers()[header::ETAG], format!("\"{sha}\""));
    assert!(res.body().starts_with(b"%PDF-"));
    let contract =
        service::contracts::find_any(&ctx.db, &domain::ContractNumber::parse(&first).unwrap())
            .await
            .unwrap();
    assert_eq!(Some(sha), contract.formal_pdf.map(|p| p.sha256));
    // The draft too; a kind that is not one, a missing one, an unknown contract.
    let res = fetch(
        &app,
        &format!("/api/v1/contracts/{first}/document?kind=draft"),
        &key,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    for (query, status) in [
        ("kind=signed", StatusCode::BAD_REQUEST),
        ("", StatusCode::BAD_REQUEST),
        ("kind=formal&x=1", StatusCode::BAD_REQUEST),
    ] {
        let res = fetch(
            &app,
            &format!("/api/v1/contracts/{first}/document?{query}"),
            &key,
        )
        .await;
        assert_eq!(res.status(), status, "{query}");
        let error: Value = serde_json::from_slice(res.body()).unwrap();
        assert_eq!(error["error"], "invalid", "{query}");
    }
    let res = fetch(
        &app,
        "/api/v1/contracts/QY-00000000-000000/document?kind=formal",
        &key,
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // Order contracts over the seeded orders, one a step: three contracts in all.
    let orders: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM orders WHERE account_id = $1 AND billing_mode = 'prepaid' ORDER BY id LIMIT 2",
    )
    .bind(ent)
    .fetch_all(&ctx.db.pool)
    .await
    .unwrap();
    let actor = service::platform::audit::Actor::customer(ent, None);
    let mut numbers = vec![first.clone()];
    for id in &orders {
        let new = domain::new_contract::NewContract {
            kind: domain::ContractType::Order,
            item_ids: vec![*id],
            ..framework()
        };
        numbers.push(
            service::contracts::create_contract(&ctx, ent, &new, &actor)
                .await
                .unwrap()
                .to_string(),
        );
    }
    // A draft not made yet: no document.
    let res = fetch(
        &app,
        &format!("/api/v1/contracts/{}/document?kind=draft", numbers[1]),
        &key,
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // Two a page, oldest first, with items and the template version.
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..5 {
        let path = match &after {
            Some(a) => format!("/api/v1/accounts/ext-ent-1/contracts?limit=2&after={a}"),
            None => "/api/v1/accounts/ext-ent-1/contracts?limit=2".to_string(),
        };
        let (status, page) = call(&app, Method::GET, &path, Some(&key), None).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let contracts = page["contracts"].as_array().unwrap();
        assert!(contracts.len() <= 2);
        seen.extend(contracts.iter().cloned());
        after = page["next_after"].as_str().map(str::to_string);
        if page["more"] == false {
            break;
        }
    }
    let listed: Vec<&str> = seen.iter().map(|c| c["number"].as_str().unwrap()).collect();
    // Polling later with the last cursor: nothing new, the same cursor back.
    let (_, again) = call(
        &app,
        Method::GET,
        &format!(
            "/api/v1/accounts/ext-ent-1/contracts?after={}",
            after.clone().unwrap()
        ),
        Some(&key),
        None,
    )
    .await;
    assert_eq!(again["contracts"], json!([]));
    assert_eq!(again["next_after"].as_str(), after.as_deref());

    assert_eq!(
        listed,
        numbers.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert_eq!(seen[0]["items"], json!([]));
    assert_eq!(seen[0]["has_formal"], true);
    assert!(!seen[0]["template_version"].as_str().unwrap().is_empty());
    assert_eq!(seen[1]["kind"], "order");
    assert_eq!(seen[1]["items"].as_array().unwrap().len(), 1);
    assert_eq!(seen[1]["items"][0]["amount_fen"], seen[1]["total_fen"]);
    assert_eq!(seen[1]["has_draft"], false);

    // An unknown account; a cursor this API did not give; a limit out of range.
    let (status, _) = call(
        &app,
        Method::GET,
        "/api/v1/accounts/ext-none/contracts",
        Some(&key),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for query in ["after=yesterday", "limit=0", "limit=201"] {
        let (status, error) = call(
            &app,
            Method::GET,
            &format!("/api/v1/accounts/ext-ent-1/contracts?{query}"),
            Some(&key),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(error["error"], "invalid", "{query}");
    }
}
