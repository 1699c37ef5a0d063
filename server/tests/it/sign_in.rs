//! Nobody can lock a customer or an operator out (issue 29): a browser that signed in
//! before carries a device cookie and is limited on its own, whatever strangers from
//! many addresses do to the login; under a flood of strangers' guesses it still finds a
//! hashing slot.

use std::net::{Ipv4Addr, SocketAddr};
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::error::AppError;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpSocket;

use crate::cluster::free_port;
use crate::common::{answer, app_with_config, call, send, set_cookie};
use crate::operations::{qianyue, ready};

fn from(peer: &str, mut req: Request<Body>) -> Request<Body> {
    let addr: SocketAddr = format!("{peer}:40000").parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(addr));
    req
}

fn sign_in(login: &str, password: &str, device: Option<&str>) -> Request<Body> {
    call(
        "/fn/login",
        &format!("login={login}&password={password}"),
        device,
    )
}

/// The `name=value` of the device cookie an answer sets.
fn device_cookie(res: &axum::http::Response<Body>) -> String {
    set_cookie(res, "__Host-qy_device")
        .expect("a device cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn strangers_from_many_addresses_lock_strangers_out_but_not_the_owners_browser() {
    let (app, _) = app_with_config("qy_devices", true, |_| {}).await;
    for login in ["ent_demo", "ops_demo"] {
        // The owner signed in from this browser before: it keeps a device cookie.
        let res = send(
            &app,
            from("198.51.100.1", sign_in(login, "Qianyue-2026", None)),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{login}");
        let device = device_cookie(&res);

        // 11 addresses × 5 wrong passwords: the per-login cap of strangers (50) is full.
        let mut wrong = 0;
        for a in 0..11 {
            for _ in 0..5 {
                let peer = format!("203.0.113.{a}");
                let res = send(&app, from(&peer, sign_in(login, "Wrong-pass-1", None))).await;
                wrong += usize::from(res.status() == StatusCode::UNAUTHORIZED);
            }
        }
        assert_eq!(
            wrong, 50,
            "{login}: every stranger's attempt up to the cap was checked"
        );

        // A new browser, from a 12th address, meets the lock…
        let res = send(
            &app,
            from("192.0.2.50", sign_in(login, "Qianyue-2026", None)),
        )
        .await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{login}");
        assert!(
            matches!(
                answer::<AppError>(res).await,
                AppError::LoginThrottled { .. }
            ),
            "{login}"
        );
        // …the owner's browser signs in at once, from there too.
        let res = send(
            &app,
            from("192.0.2.50", sign_in(login, "Qianyue-2026", Some(&device))),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{login}: the owner's browser");
        // A device cookie of another login (one nobody attacked) is no pass: its holder
        // is a stranger to this one.
        let other = if login == "ent_demo" {
            "ind_demo"
        } else {
            "esign_demo"
        };
        let res = send(
            &app,
            from("192.0.2.52", sign_in(other, "Qianyue-2026", None)),
        )
        .await;
        let others_device = device_cookie(&res);
        let res = send(
            &app,
            from(
                "192.0.2.53",
                sign_in(login, "Qianyue-2026", Some(&others_device)),
            ),
        )
        .await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{login}");
    }
}

#[tokio::test]
async fn a_device_is_limited_on_its_own_and_the_right_password_resets_it() {
    let (app, _) = app_with_config("qy_devices_own", true, |_| {}).await;
    let res = send(
        &app,
        from("198.51.100.2", sign_in("ind_demo", "Qianyue-2026", None)),
    )
    .await;
    let device = device_cookie(&res);
    for _ in 0..service::identity::throttle::PER_DEVICE {
        let res = send(
            &app,
            from(
                "198.51.100.2",
                sign_in("ind_demo", "Wrong-pass-1", Some(&device)),
            ),
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = send(
        &app,
        from(
            "198.51.100.2",
            sign_in("ind_demo", "Qianyue-2026", Some(&device)),
        ),
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "past the device's cap"
    );
    // Strangers (another browser elsewhere) are not locked by the device's failures.
    let res = send(
        &app,
        from("198.51.100.3", sign_in("ind_demo", "Qianyue-2026", None)),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn demo_accounts_sign_in_only_in_demo_mode() {
    let (demo, _) = app_with_config("qy_demo_on", true, |_| {}).await;
    let res = send(&demo, sign_in("ent_demo", "Qianyue-2026", None)).await;
    assert_eq!(res.status(), StatusCode::OK);
    // A seeded database under a production server: refused like a wrong password.
    let (production, ctx) = app_with_config("qy_demo_off", false, |_| {}).await;
    sqlx::query("UPDATE accounts SET demo = 1 WHERE login = 'ent_demo'")
        .execute(&ctx.db.pool)
        .await
        .unwrap();
    let res = send(&production, sign_in("ent_demo", "Qianyue-2026", None)).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(answer::<AppError>(res).await, AppError::BadCredentials);
}

/// One `POST /fn/login` from `source` on a fresh connection: the status and the device
/// cookie it set (`name=value`), bounded.
async fn post_login(
    source: Ipv4Addr,
    port: u16,
    form: &str,
    cookie: Option<&str>,
) -> std::io::Result<(u16, Option<String>)> {
    let exchange = async {
        let socket = TcpSocket::new_v4()?;
        socket.bind(SocketAddr::from((source, 0)))?;
        let mut stream = socket
            .connect(SocketAddr::from(([127, 0, 0, 1], port)))
            .await?;
        let cookie = cookie.map_or(String::new(), |c| format!("Cookie: {c}\r\n"));
        let request = format!(
            "POST /fn/login HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
             {cookie}Connection: close\r\n\r\n{form}",
            form.len()
        );
        stream.write_all(request.as_bytes()).await?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response).await?;
        let text = String::from_utf8_lossy(&response);
        let status = text
            .get(9..12)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("no status line: {text:.80}")))?;
        let device = text
            .lines()
            .filter(|l| l.to_ascii_lowercase().starts_with("set-cookie: qy_device="))
            .map(|l| &l["set-cookie: ".len()..])
            .next()
            .map(|c| c.split(';').next().unwrap_or("").to_string());
        Ok((status, device))
    };
    tokio::time::timeout(Duration::from_secs(30), exchange)
        .await
        .unwrap_or_else(|_| Err(std::io::Error::other("no answer within 30 s")))
}

/// The flood of issue 29: 300 clients, each from 25 loopback addresses of its own, post
/// random logins as fast as they are answered, while the demo customer signs in 15 times
/// with its device cookie. Strangers take every hashing slot they may; every one of the
/// customer's attempts still answers 200.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_a_flood_of_strangers_the_customer_with_its_device_cookie_always_signs_in() {
    let dir = crate::common::scratch_path("qy_flood");
    std::fs::create_dir_all(&dir).unwrap();
    let mut seed = qianyue(&dir, 0);
    seed.arg("seed-demo");
    let seeded = tokio::time::timeout(Duration::from_secs(60), seed.output())
        .await
        .expect("seeded within a minute")
        .unwrap();
    assert!(seeded.status.success());
    let port = free_port();
    let mut server = qianyue(&dir, port);
    // Plain HTTP (the cookie is not Secure, so it is named without `__Host-`); the
    // server's log is not read here, so it must not fill a pipe.
    server
        .arg("serve")
        .env("QY_SECURE_COOKIES", "0")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let _server = server.spawn().unwrap();
    ready(port).await;

    let customer = Ipv4Addr::new(127, 0, 0, 1);
    let form = "login=ent_demo&password=Qianyue-2026";
    let (status, device) = post_login(customer, port, form, None).await.unwrap();
    assert_eq!(status, 200);
    let mut device = device.expect("a device cookie");

    let stop = Arc::new(AtomicBool::new(false));
    let (sent, busy) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let mut flood = tokio::task::JoinSet::new();
    for client in 0..300u32 {
        let (stop, sent, busy) = (stop.clone(), sent.clone(), busy.clone());
        flood.spawn(async move {
            let mut n = 0u32;
            while !stop.load(Ordering::Relaxed) {
                // 127.1.0.0 onwards: 25 addresses of this client's, in turn.
                let address =
                    Ipv4Addr::from(u32::from(Ipv4Addr::new(127, 1, 0, 0)) + client * 25 + n % 25);
                let form = format!("login=guess_{client}_{n}&password=Wrong-pass-{n}");
                if let Ok((status, _)) = post_login(address, port, &form, None).await {
                    sent.fetch_add(1, Ordering::Relaxed);
                    busy.fetch_add(u64::from(status == 503), Ordering::Relaxed);
                }
                n += 1;
            }
        });
    }
    // Let the flood fill the slots first.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let started = Instant::now();
    let mut statuses = Vec::new();
    for _ in 0..15 {
        let (status, renewed) = post_login(customer, port, form, Some(&device))
            .await
            .expect("the customer's sign-in answered");
        statuses.push(status);
        if let Some(renewed) = renewed {
            device = renewed;
        }
    }
    let took = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    while flood.join_next().await.is_some() {}
    let (sent, busy) = (sent.load(Ordering::Relaxed), busy.load(Ordering::Relaxed));
    eprintln!("flood: {sent} strangers' attempts ({busy} busy); the customer's 15 took {took:?}");
    assert!(
        busy > 0,
        "the flood filled the strangers' slots ({sent} sent)"
    );
    assert_eq!(statuses, vec![200; 15]);
}
