//! The test app: the real router and state on a fresh seeded SQLite file under the
//! temporary folder (scripts/test.sh points it into target/), configured for tests.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, Response, StatusCode};
use axum::Router;
use server::{build_router, build_state, Config};
use service::Db;
use tower::ServiceExt;

/// The fonts `scripts/setup.sh` installs.
pub fn font_dir() -> String {
    format!(
        "{}/../{}",
        env!("CARGO_MANIFEST_DIR"),
        server::config::DEFAULT_FONT_DIR
    )
}

/// A path no other test in any process uses: `<prefix>_<pid>_<n>`.
pub fn scratch_path(prefix: &str) -> PathBuf {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    std::env::temp_dir().join(format!(
        "{prefix}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ))
}

/// No background delays, documents and keys under `data_dir`, demo mode as asked, SMS
/// into the outbox table (which the tests read codes from) in either mode.
pub fn test_config(data_dir: &Path, demo: bool) -> Config {
    let font_dir = font_dir();
    let data_dir = data_dir.display().to_string();
    let mut config = Config::from_lookup(|name| match name {
        "QY_DEMO" if demo => Some("1".into()),
        "QY_DRAFT_DELAY_SECS" | "QY_SIGN_DELAY_SECS" => Some("0".into()),
        "QY_FONT_DIR" => Some(font_dir.clone()),
        "QY_DATA_DIR" => Some(data_dir.clone()),
        _ => None,
    })
    .unwrap();
    config.sms = server::sms::SmsSetting::Outbox;
    if !demo {
        provide_keys(&mut config);
    }
    config
}

/// What an operator provides outside demo mode: the signing certificate and key (here a
/// development CA made the way an operator would bring one, PEM files) and the SMS-code key.
pub fn provide_keys(config: &mut Config) {
    let dir = config.data_dir.join("provided");
    pdf::SigningIdentity::load_or_create(&dir, "示例云计算有限公司").unwrap();
    config.signing = Some((dir.join("signing-chain.pem"), dir.join("signing-key.pem")));
    // No TSA here: signed without a trusted time (`sealing` tests the time-stamped levels).
    config.pades.level = pdf::Level::BB;
    config.sms_code_key = dir.join("sms-code.key");
    write_key(&config.sms_code_key);
}

pub use crate::cluster::write_key;

/// A fresh seeded database; `configure` adjusts the configuration before the state is built.
pub async fn app_with_config(
    prefix: &str,
    demo: bool,
    configure: impl FnOnce(&mut Config),
) -> (Router, service::Ctx) {
    let path = scratch_path(prefix);
    let db = Db::connect(&format!("sqlite://{}.db", path.display()))
        .await
        .unwrap();
    service::seed::seed_demo(&db).await.unwrap();
    if !demo {
        // The seeded accounts stand in for real ones under a production server, which
        // refuses to sign in the demo's (published password).
        sqlx::query("UPDATE accounts SET demo = 0")
            .execute(&db.pool)
            .await
            .unwrap();
    }
    let mut config = test_config(&path.with_extension("data"), demo);
    configure(&mut config);
    let state = build_state(&config, db).unwrap();
    let ctx = state.state.ctx.clone();
    (build_router(&config, state), ctx)
}

/// How long one request may take, body included, before the test fails naming it. Far
/// above any real answer (the slowest, a signed PDF in a debug build, takes well under a
/// second); a response that has not completed by then is a stall, not a slow test.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Sends one request to the router and reads the whole body, bounded by
/// [`REQUEST_TIMEOUT`]: a response that never completes — head or streamed body — fails
/// the test with its method and path instead of hanging the suite. The answer comes back
/// with its body buffered.
pub async fn send(app: &Router, req: Request<Body>) -> Response<Body> {
    send_within(app, req, REQUEST_TIMEOUT)
        .await
        .unwrap_or_else(|stalled| panic!("{stalled}"))
}

/// A request that did not complete in time: what it was, and how long it was given.
#[derive(Debug)]
pub struct Stalled(pub String);

impl std::fmt::Display for Stalled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// [`send`] with its own bound, answering `Err` instead of failing (for tests that count
/// stalls).
pub async fn send_within(
    app: &Router,
    req: Request<Body>,
    limit: Duration,
) -> Result<Response<Body>, Stalled> {
    let what = format!("{} {}", req.method(), req.uri());
    let exchange = async {
        let res = app.clone().oneshot(req).await.unwrap();
        let (parts, body) = res.into_parts();
        let bytes = axum::body::to_bytes(body, 1 << 26).await;
        (parts, bytes)
    };
    match tokio::time::timeout(limit, exchange).await {
        Ok((parts, Ok(bytes))) => Ok(Response::from_parts(parts, Body::from(bytes))),
        Ok((_, Err(e))) => panic!("{what}: reading the body failed: {e}"),
        Err(_) => Err(Stalled(format!(
            "{what} did not complete within {} s (a stalled response)",
            limit.as_secs()
        ))),
    }
}

/// The host the test requests name (the CSRF check compares `Origin` with it).
pub const HOST: &str = "127.0.0.1:3000";

/// A page request, signed in when a cookie is given.
pub fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut req = Request::get(path).header(header::HOST, HOST);
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    req.body(Body::empty()).unwrap()
}

/// A server-function call the way the browser makes it (same-origin form POST).
pub fn call(path: &str, form: &str, cookie: Option<&str>) -> Request<Body> {
    let mut req = Request::post(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("http://{HOST}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json");
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    req.body(Body::from(form.to_string())).unwrap()
}

/// A server function call with a JSON body (`input = Json`), signed in.
pub fn json(path: &str, body: serde_json::Value, cookie: &str) -> Request<Body> {
    Request::post(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("http://{HOST}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, cookie)
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// A server function's answer, or its error, read as the browser reads it (postcard:
/// `app::resource`).
pub async fn answer<T: serde::de::DeserializeOwned>(res: Response<Body>) -> T {
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 22)
        .await
        .unwrap();
    postcard::from_bytes(&bytes).unwrap_or_else(|e| {
        panic!(
            "not a postcard answer ({e}): {}",
            String::from_utf8_lossy(&bytes)
        )
    })
}

pub async fn body_text(res: Response<Body>) -> String {
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 22)
        .await
        .unwrap();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Logs in and returns the `name=value` of the session cookie.
pub async fn login(app: &Router, login: &str) -> String {
    let res = send(
        app,
        call(
            "/fn/login",
            &format!("login={login}&password=Qianyue-2026"),
            None,
        ),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK, "login {login}");
    session_cookie(&res).expect("session cookie")
}

/// The `name=value` of the session cookie an answer sets, if it sets one (either name:
/// `__Host-qy_session` over HTTPS, the default, or `qy_session`).
pub fn session_cookie(res: &Response<Body>) -> Option<String> {
    set_cookie(res, server::router::SECURE_SESSION_COOKIE)
        .or_else(|| set_cookie(res, server::router::SESSION_COOKIE))
        .map(|whole| whole.split(';').next().unwrap().to_string())
}

/// The whole `Set-Cookie` value of the cookie `name`, if the answer sets it.
pub fn set_cookie(res: &Response<Body>, name: &str) -> Option<String> {
    res.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| {
            v.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('='))
        })
        .map(str::to_string)
}

/// The typed refusal a server function answered with (409): the browser shows its
/// message, derived from it.
pub async fn refused(res: axum::response::Response) -> domain::Refused {
    assert_eq!(res.status(), axum::http::StatusCode::CONFLICT);
    match answer::<app::error::AppError>(res).await {
        app::error::AppError::Refused(refused) => refused,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// A child process killed (SIGKILL) and reaped when dropped: a test that fails leaves
/// no server behind.
pub struct Process(pub std::process::Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
