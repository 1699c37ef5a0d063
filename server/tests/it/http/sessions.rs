//! Sign-in, session cookies, CSRF, status codes of the session's edges, security headers.

#[allow(unused_imports)]
use super::*;

#[tokio::test]
async fn console_pages_and_server_functions_refuse_signed_out_visitors() {
    let app = app().await;
    for path in ["/contracts", "/party-a", "/account", "/esign"] {
        let res = send(&app, get(path, None)).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{path}");
        let location = res.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_string();
        assert_eq!(location, format!("/login?next={path}"), "{path}");
    }
    for path in ["/fn/party_a", "/fn/account", "/fn/contracts/home"] {
        let res = send(&app, call(path, "", None)).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    let form = "input[address]=x&input[contact]=y&input[phone]=1&input[email]=e&input[postcode]=1";
    let res = send(&app, call("/fn/party_a/save", form, None)).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

/// Served over HTTPS (the default, on any address: a TLS proxy on the same host reaches
/// the server on loopback): the cookies are `Secure` with the `__Host-` prefix and every
/// answer carries HSTS.
#[tokio::test]
async fn by_default_cookies_are_secure_host_cookies_and_answers_carry_hsts() {
    let (app, _) = app_with_config("qy_https", true, |_| {}).await;
    let res = send(
        &app,
        call("/fn/login", "login=ent_demo&password=Qianyue-2026", None),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    for name in ["__Host-qy_session", "__Host-qy_device"] {
        let set_cookie = crate::common::set_cookie(&res, name).unwrap_or_else(|| panic!("{name}"));
        assert!(set_cookie.contains("; Secure"), "{set_cookie}");
        assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
        assert!(set_cookie.contains("Path=/"), "{set_cookie}");
        assert!(!set_cookie.contains("Domain"), "{set_cookie}");
    }
    for path in ["/", "/login", "/healthz", "/no-such-page"] {
        let res = send(&app, get(path, None)).await;
        assert_eq!(
            res.headers()[header::STRICT_TRANSPORT_SECURITY],
            "max-age=31536000",
            "{path}"
        );
    }
}

/// The local demo over plain HTTP turns it off explicitly (`QY_SECURE_COOKIES=0`).
#[tokio::test]
async fn login_sets_a_hardened_session_cookie_and_logout_ends_it() {
    let (app, _) = app_with_config("qy_http", true, |config| config.secure_cookies = false).await;
    let res = send(
        &app,
        call("/fn/login", "login=ent_demo&password=Qianyue-2026", None),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let set_cookie = crate::common::set_cookie(&res, "qy_session").expect("session cookie");
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(
        !set_cookie.contains("Secure"),
        "no Secure when turned off for plain HTTP: {set_cookie}"
    );
    assert!(!res
        .headers()
        .contains_key(header::STRICT_TRANSPORT_SECURITY));
    let cookie = set_cookie.split(';').next().unwrap().to_string();

    let res = send(&app, get("/contracts", Some(&cookie))).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body_text(res).await.contains("星河示例数字科技"));

    assert_eq!(
        send(&app, call("/fn/logout", "", Some(&cookie)))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        send(&app, get("/contracts", Some(&cookie))).await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn bad_credentials_are_401_and_repeated_failures_429() {
    let app = app().await;
    for _ in 0..5 {
        let res = send(
            &app,
            call("/fn/login", "login=ind_demo&password=wrong-pass-1", None),
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = send(
        &app,
        call("/fn/login", "login=ind_demo&password=Qianyue-2026", None),
    )
    .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    // Typed: the page words it in its language.
    let error: app::error::AppError = answer(res).await;
    assert!(
        matches!(error, app::error::AppError::LoginThrottled { .. }),
        "{error:?}"
    );
}

/// Anonymous login traffic cannot exhaust the server or guess through the throttle: a
/// burst of 300 logins with made-up names and 200 on one login is answered 401, 429 or
/// 503 — never 500, never a sign-in. A guesser asks again when told the server is busy
/// (busy is not charged, so that costs it nothing); once its guesses passed the cap, the
/// right password from it is refused too, and an account nobody attacked still signs in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_logins_is_refused_cleanly_and_signs_nobody_in() {
    let app = app().await;
    let mut burst = tokio::task::JoinSet::new();
    for n in 0..500 {
        let form = match n {
            0..300 => format!("login=burst_{n}&password=wrong-pass-1"),
            _ => "login=ind_demo&password=wrong-pass-1".to_string(),
        };
        let app = app.clone();
        burst.spawn(async move {
            let mut busy = 0;
            loop {
                let res = send(&app, call("/fn/login", &form, None)).await;
                let retry_after = res.headers().contains_key(header::RETRY_AFTER);
                if res.status() != StatusCode::SERVICE_UNAVAILABLE || busy == 200 {
                    return (res.status(), retry_after, busy);
                }
                assert!(retry_after, "503 without Retry-After");
                busy += 1;
                tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            }
        });
    }
    let mut counts = std::collections::BTreeMap::new();
    let mut busy_answers = 0;
    while let Some(result) = burst.join_next().await {
        let (status, retry_after, busy) = result.unwrap();
        busy_answers += busy;
        assert!(
            [StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS].contains(&status),
            "{status}"
        );
        if status != StatusCode::UNAUTHORIZED {
            assert!(retry_after, "{status} without Retry-After");
        }
        *counts.entry(status.as_u16()).or_insert(0) += 1;
    }
    eprintln!("statuses: {counts:?}, {busy_answers} busy answers on the way");
    assert!(
        counts.contains_key(&429),
        "the one-login burst was not throttled"
    );
    let res = send(
        &app,
        call("/fn/login", "login=ind_demo&password=Qianyue-2026", None),
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the right password after the guesses"
    );
    login(&app, "ent_demo").await;
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = app().await;
    let req = Request::post("/fn/login")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, "http://evil.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("login=ent_demo&password=Qianyue-2026"))
        .unwrap();
    let res = send(&app, req).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.headers().get(header::SET_COOKIE).is_none());
}

/// Every pooled SQLite connection sees a session as soon as login has committed it (a
/// connection pinned to an old read snapshot once made every other request anonymous).
#[tokio::test]
async fn a_new_session_is_seen_by_every_following_request() {
    let (app, ctx) = app_and_ctx().await;
    // The background worker polls the job table meanwhile, as in the server.
    let (stop, stop_rx) = tokio::sync::watch::channel(false);
    let worker =
        tokio::spawn(service::worker::Worker::new(ctx.clone(), Default::default()).run(stop_rx));
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    for who in ["ent_demo", "ind_demo", "ent_demo"] {
        let cookie = login(&app, who).await;
        for i in 0..12 {
            let res = send(&app, get("/party-a", Some(&cookie))).await;
            assert_eq!(res.status(), StatusCode::OK, "{who}: request {i}");
        }
    }
    stop.send(true).unwrap();
    worker.await.unwrap();
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let app = app().await;
    let cookie = login(&app, "ent_demo").await;
    for (path, cookie) in [
        ("/", None),
        ("/contracts", Some(cookie.as_str())),
        ("/templates/order.pdf", None),
        ("/api/v1/openapi.json", None),
        ("/no-such-page", None),
    ] {
        let res = send(&app, get(path, cookie)).await;
        let headers = res.headers();
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(headers[header::X_FRAME_OPTIONS], "SAMEORIGIN", "{path}");
        assert_eq!(headers[header::REFERRER_POLICY], "same-origin", "{path}");
        let policy = headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            policy.contains("frame-ancestors 'self'"),
            "{path}: {policy}"
        );
        assert!(policy.contains("form-action 'self'"), "{path}: {policy}");
        let body = body_text(res).await;
        if path == "/" {
            // A public page is plain HTML, kept as such: no script, and none allowed.
            assert!(policy.contains("script-src 'none'"), "{path}: {policy}");
            assert!(!body.contains("<script"), "{path}: {body}");
            continue;
        }
        if path.ends_with(".pdf") || path.ends_with(".json") {
            assert!(!policy.contains("script-src"), "{path}: {policy}");
            continue;
        }
        // Pages: scripts run only with this response's nonce, and every inline script
        // Leptos wrote carries it.
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_else(|| panic!("{path}: no nonce in {policy}"));
        assert!(nonce.len() >= 16, "{path}: {nonce}");
        let scripts = body.matches("<script").count();
        assert!(scripts > 0, "{path}");
        assert_eq!(
            body.matches(&format!("nonce=\"{nonce}\"")).count(),
            scripts,
            "{path}: a script without the nonce"
        );
    }
    // A new nonce for every page that runs script.
    let first = send(&app, get("/login", None)).await;
    let second = send(&app, get("/login", None)).await;
    assert_ne!(
        first.headers()[header::CONTENT_SECURITY_POLICY],
        second.headers()[header::CONTENT_SECURITY_POLICY]
    );
}

#[tokio::test]
async fn page_views_write_no_session_and_an_active_session_is_kept_alive() {
    let (app, ctx) = app_and_ctx().await;
    let cookie = login(&app, "ent_demo").await;
    // Stored under the SHA-256 of the cookie's id (`session_store::stored_id`).
    let id = cookie.split_once('=').expect("the session cookie").1;
    let id = service::platform::storage::sha256_hex(id.as_bytes());
    let plain: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE id = $1")
        .bind(cookie.split_once('=').unwrap().1)
        .fetch_one(&ctx.db.pool)
        .await
        .unwrap();
    assert_eq!(
        plain, 0,
        "no session is stored under the cookie's own value"
    );
    let row = || async {
        sqlx::query_as::<_, (i64, String)>("SELECT expires_at, data FROM sessions WHERE id = $1")
            .bind(&id)
            .fetch_one(&ctx.db.pool)
            .await
            .unwrap()
    };
    let signed_in = row().await;
    for path in ["/contracts", "/account", "/contracts"] {
        let res = send(&app, get(path, Some(&cookie))).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert!(res.headers().get(header::SET_COOKIE).is_none(), "{path}");
    }
    assert_eq!(row().await, signed_in, "page views wrote nothing");

    // Six minutes on (the touch and the expiry moved back in the row), the next view
    // pushes the expiry back by the whole inactivity period and renews the cookie.
    let mut data: serde_json::Value = serde_json::from_str(&signed_in.1).unwrap();
    let touched = data["touched_at"].as_i64().expect("touched at sign-in");
    data["touched_at"] = (touched - 6 * 60_000).into();
    let aged = signed_in.0 - 6 * 60_000;
    sqlx::query("UPDATE sessions SET data = $1, expires_at = $2 WHERE id = $3")
        .bind(data.to_string())
        .bind(aged)
        .bind(&id)
        .execute(&ctx.db.pool)
        .await
        .unwrap();
    let res = send(&app, get("/contracts", Some(&cookie))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let renewed = res.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        renewed.starts_with(&format!("{cookie};")) && renewed.contains("Max-Age=43200"),
        "{renewed}"
    );
    let (expires_at, _) = row().await;
    let now = service::platform::clock::wall_clock_ms();
    assert!(
        expires_at > aged && (expires_at - now - 12 * 3_600_000).abs() < 60_000,
        "expires {expires_at}, now {now}"
    );
}
