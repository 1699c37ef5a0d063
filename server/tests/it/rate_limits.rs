//! Per-client rate limits through the real router: requests carry the socket address the
//! server would see (`ConnectInfo`), as `axum::serve` provides it.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use server::rate_limit::LIMITED_PATHS;

use crate::common::{app_with_config, call, send};

/// `req` as if it came from `peer`.
fn from(peer: &str, mut req: Request<Body>) -> Request<Body> {
    let addr: SocketAddr = format!("{peer}:40000").parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(addr));
    req
}

fn wrong_login() -> Request<Body> {
    call("/fn/login", "login=ent_demo&password=Wrong-pass-1", None)
}

async fn app_with_rates(per_minute: u32) -> Router {
    app_with_config("qy_rates", true, |config| {
        let n = std::num::NonZeroU32::new(per_minute).unwrap();
        config.rates.sign_in = n;
        config.rates.register = n;
        config.rates.verify = n;
        config.rates.sms = n;
        config.rates.archive = n;
        config.trusted_proxies = vec!["10.0.0.2".parse().unwrap()];
    })
    .await
    .0
}

#[tokio::test]
async fn a_client_past_its_sign_in_rate_gets_429_with_retry_after_and_others_do_not() {
    let app = app_with_rates(3).await;
    for _ in 0..3 {
        let res = send(&app, from("203.0.113.1", wrong_login())).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = send(&app, from("203.0.113.1", wrong_login())).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = res.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    // In the encoding the browser reads server functions' errors in (postcard).
    let error: app::error::AppError = crate::common::answer(res).await;
    assert!(matches!(error, app::error::AppError::RateLimited { .. }));
    assert!(error.to_string().contains("秒后再试"), "{error}");

    // Another address has its own bucket.
    let res = send(&app, from("203.0.113.2", wrong_login())).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn every_limited_path_is_a_real_route_and_is_limited() {
    let app = app_with_rates(1).await;
    for (i, path) in LIMITED_PATHS.iter().enumerate() {
        let peer = format!("198.51.100.{}", i + 1);
        let first = send(&app, from(&peer, call(path, "", None))).await;
        assert!(
            ![StatusCode::NOT_FOUND, StatusCode::TOO_MANY_REQUESTS].contains(&first.status()),
            "{path}: {}",
            first.status()
        );
        let second = send(&app, from(&peer, call(path, "", None))).await;
        if *path == "/verify" {
            // The no-JavaScript form: back to it, with the reason.
            assert_eq!(second.status(), StatusCode::SEE_OTHER, "{path}");
            assert_eq!(second.headers()[header::LOCATION], "/verify?error=rate");
        } else {
            assert_eq!(second.status(), StatusCode::TOO_MANY_REQUESTS, "{path}");
        }
        assert!(second.headers().contains_key(header::RETRY_AFTER), "{path}");
    }
    // Pages and other calls are never limited.
    let res = send(
        &app,
        from("198.51.100.1", crate::common::get("/login", None)),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_bucket() {
    let app = app_with_rates(1).await;
    let via_proxy = |client: &str| {
        let mut req = from("10.0.0.2", wrong_login());
        req.headers_mut()
            .insert("x-forwarded-for", client.parse().unwrap());
        req
    };
    assert_eq!(
        send(&app, via_proxy("192.0.2.10")).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send(&app, via_proxy("192.0.2.11")).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send(&app, via_proxy("192.0.2.10")).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // An untrusted peer's header is not believed: its own address is the key.
    let mut forged = from("203.0.113.50", wrong_login());
    forged
        .headers_mut()
        .insert("x-forwarded-for", "192.0.2.99".parse().unwrap());
    assert_eq!(send(&app, forged).await.status(), StatusCode::UNAUTHORIZED);
    let mut forged = from("203.0.113.50", wrong_login());
    forged
        .headers_mut()
        .insert("x-forwarded-for", "192.0.2.98".parse().unwrap());
    assert_eq!(
        send(&app, forged).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

/// Cross-site posts are refused by the same-origin check before the rate limiter: they
/// use up no client's budget (a page elsewhere cannot lock a network out of signing in).
#[tokio::test]
async fn refused_cross_site_posts_take_no_tokens() {
    let app = app_with_rates(2).await;
    for _ in 0..5 {
        let mut req = from("203.0.113.77", wrong_login());
        req.headers_mut()
            .insert("sec-fetch-site", "cross-site".parse().unwrap());
        assert_eq!(send(&app, req).await.status(), StatusCode::FORBIDDEN);
    }
    let same_site = || {
        let mut req = from("203.0.113.77", wrong_login());
        req.headers_mut()
            .insert("sec-fetch-site", "same-origin".parse().unwrap());
        req
    };
    assert_eq!(
        send(&app, same_site()).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send(&app, same_site()).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send(&app, same_site()).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

/// An IPv6 client is its /64, and a server bound to [::] sees IPv4 clients as mapped
/// addresses, which are the same clients as their IPv4 form.
#[tokio::test]
async fn an_ipv6_64_is_one_client_and_a_mapped_address_is_its_ipv4() {
    let app = app_with_rates(1).await;
    assert_eq!(
        send(&app, from("[2001:db8:7:7::1]", wrong_login()))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send(&app, from("[2001:db8:7:7::2]", wrong_login()))
            .await
            .status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        send(&app, from("203.0.113.88", wrong_login()))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send(&app, from("[::ffff:203.0.113.88]", wrong_login()))
            .await
            .status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn the_bulk_download_is_limited_per_client() {
    let (app, _ctx) = app_with_config("qy_rates", true, |config| {
        config.rates.archive = std::num::NonZeroU32::new(1).unwrap();
    })
    .await;
    let cookie = crate::common::login(&app, "ent_demo").await;
    let archive = |peer: &str| {
        from(
            peer,
            crate::common::get(server::archive::PATH, Some(&cookie)),
        )
    };
    // Nothing chosen: refused by the handler, which the first request reaches.
    let first = send(&app, archive("198.51.100.7")).await;
    assert_eq!(first.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let second = send(&app, archive("198.51.100.7")).await;
    assert_eq!(second.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(second.headers().contains_key(header::RETRY_AFTER));
    let other = send(&app, archive("198.51.100.8")).await;
    assert_eq!(other.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
