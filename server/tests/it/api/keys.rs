//! Every call needs a valid key and is audited; read-only and expired keys.

#[allow(unused_imports)]
use super::*;

#[tokio::test]
async fn every_call_needs_a_valid_key_and_is_audited() {
    let (app, ctx, key) = app().await;
    for (method, path) in [
        (Method::GET, "/api/v1/events"),
        (Method::GET, "/api/v1/contracts/QY-1"),
    ] {
        let (status, body) = call(&app, method.clone(), path, None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(body["error"], "unauthorized");
        let (status, _) = call(&app, method, path, Some("qy_not-a-key"), None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
    }
    let (status, _) = call(&app, Method::GET, "/api/v1/events", Some(&key), None).await;
    assert_eq!(status, StatusCode::OK);
    let audited: i64 = sqlx::query(
        "SELECT COUNT(*) FROM audit_events WHERE actor_kind = 'api' AND action = 'api.call'",
    )
    .fetch_one(&ctx.db.pool)
    .await
    .unwrap()
    .get(0);
    assert_eq!(audited, 1);
    // A revoked key stops working.
    let id: i64 = sqlx::query("SELECT id FROM api_keys")
        .fetch_one(&ctx.db.pool)
        .await
        .unwrap()
        .get(0);
    assert!(service::billing::api_keys::revoke(&ctx.db, id)
        .await
        .unwrap());
    let (status, _) = call(&app, Method::GET, "/api/v1/events", Some(&key), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_read_only_key_reads_and_an_expired_key_is_refused() {
    use service::billing::api_keys::{ApiScope, NewApiKey};
    let (app, ctx, _) = app().await;
    let read = NewApiKey {
        name: "reporting".into(),
        scope: ApiScope::Read,
        valid_days: Some(30),
    };
    let (read_id, read_key) = service::billing::api_keys::create(&ctx.db, &read)
        .await
        .unwrap();
    let (status, _) = call(&app, Method::GET, "/api/v1/events", Some(&read_key), None).await;
    assert_eq!(status, StatusCode::OK);
    let orders = json!({ "items": [order("API-RO-1", "ent_demo", 100)] });
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/orders",
        Some(&read_key),
        Some(orders),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"], "forbidden");
    let written: i64 = sqlx::query("SELECT COUNT(*) FROM orders WHERE order_no = 'API-RO-1'")
        .fetch_one(&ctx.db.pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(written, 0);
    // The refused call is audited like any other, its status typed.
    let details: Vec<String> =
        sqlx::query("SELECT detail FROM audit_events WHERE action = 'api.call' AND actor_id = $1")
            .bind(read_id)
            .fetch_all(&ctx.db.pool)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
    let refused = details
        .iter()
        .filter(|d| {
            matches!(
                domain::AuditDetail::from_stored(d),
                domain::AuditDetail::ApiCall { status: 403, .. }
            )
        })
        .count();
    assert_eq!(refused, 1, "{details:?}");

    // Thirty days later the key has expired.
    sqlx::query("UPDATE api_keys SET expires_at = $1 WHERE id = $2")
        .bind(service::platform::clock::wall_clock_ms() - 1)
        .bind(read_id)
        .execute(&ctx.db.pool)
        .await
        .unwrap();
    let (status, _) = call(&app, Method::GET, "/api/v1/events", Some(&read_key), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
