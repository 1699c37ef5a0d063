//! A cluster of real `qianyue` processes on one PostgreSQL database and one S3-compatible
//! bucket, and the client side that drives them the way the billing system and a
//! browser do: the scale-out test (`scale_out.rs`) and the pipeline benchmark
//! (`benches/pipeline.rs`) share it.

#![allow(dead_code)] // each user takes what it needs

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use serde_json::{json, Value};
use service::Db;
use sqlx::Row;

/// How long any one wait may last.
pub const DEADLINE: Duration = Duration::from_secs(180);

/// A server process, SIGKILLed when dropped.
pub struct Instance {
    child: Child,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// What every instance shares (and `seed-demo` / `api-key` use): the database, the
/// bucket, the keys, the webhook receiver, the settings.
pub struct Shared {
    pub dir: PathBuf,
    pub vars: Vec<(&'static str, String)>,
}

impl Shared {
    /// A fresh database, a bucket prefix of its own, keys provided the way an operator
    /// does (production mode: nothing is generated), webhooks to `hook_port`.
    pub async fn new(
        dir: &Path,
        pg_admin: &str,
        s3: &str,
        font_dir: &str,
        hook_port: u16,
    ) -> Shared {
        std::fs::create_dir_all(dir).unwrap();
        let name = dir.file_name().unwrap().to_string_lossy().replace('-', "_");
        let database_url = database(pg_admin, &name).await;
        let keys = dir.join("keys");
        pdf::SigningIdentity::load_or_create(&keys, "示例云计算有限公司").unwrap();
        write_key(&keys.join("sms-code.key"));
        let path = |file: &str| keys.join(file).display().to_string();
        Shared {
            vars: vec![
                ("DATABASE_URL", database_url),
                ("QY_S3_BUCKET", "qianyue-test".into()),
                ("QY_S3_ENDPOINT", s3.into()),
                ("QY_S3_ACCESS_KEY_ID", "test".into()),
                ("QY_S3_SECRET_ACCESS_KEY", "test".into()),
                ("QY_S3_PREFIX", name),
                ("QY_SIGNING_CERT", path("signing-chain.pem")),
                ("QY_SIGNING_KEY", path("signing-key.pem")),
                // No TSA in this test: signed without a trusted time.
                ("QY_PADES_LEVEL", "b-b".into()),
                ("QY_SMS_CODE_KEY_FILE", path("sms-code.key")),
                (
                    "QY_WEBHOOK_URL",
                    format!("http://127.0.0.1:{hook_port}/hooks"),
                ),
                ("QY_WEBHOOK_SECRET", "scale-secret".into()),
                ("QY_FONT_DIR", font_dir.into()),
                ("QY_DRAFT_DELAY_SECS", "0".into()),
                ("QY_SIGN_DELAY_SECS", "0".into()),
                ("QY_JOB_LEASE_SECS", "3".into()),
                ("QY_CONTRACTS_PER_DAY", "100000".into()),
                ("QY_SHUTDOWN_GRACE_SECS", "2".into()),
                ("RUST_LOG", "warn".into()),
            ],
            dir: dir.to_path_buf(),
        }
    }

    pub fn database_url(&self) -> &str {
        &self.vars[0].1
    }

    /// The demo data, whose accounts then stand in for real ones: the instances run in
    /// production mode, which refuses to sign the demo's in (a published password).
    pub async fn seed(&self) {
        self.run(&["seed-demo"]);
        let db = Db::connect(self.database_url()).await.unwrap();
        sqlx::query("UPDATE accounts SET demo = 0")
            .execute(&db.pool)
            .await
            .unwrap();
        db.pool.close().await;
    }

    fn command(&self, data: &str) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_qianyue"));
        command
            .envs(self.vars.iter().map(|(k, v)| (*k, v.as_str())))
            .env("QY_DATA_DIR", self.dir.join(data))
            .stdin(Stdio::null());
        command
    }

    /// `qianyue ARGS` (in demo mode, for `seed-demo`); its standard output.
    pub fn run(&self, args: &[&str]) -> String {
        let output = self
            .command("cli")
            .args(args)
            .env("QY_DEMO", "1")
            .stderr(Stdio::inherit())
            .output()
            .unwrap();
        assert!(output.status.success(), "qianyue {args:?}");
        String::from_utf8(output.stdout).unwrap()
    }

    pub fn start(&self, name: &str, port: u16) -> Instance {
        let child = self
            .command(name)
            .arg("serve")
            .env("QY_ADDR", format!("127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        Instance { child }
    }
}

/// A 32-byte key file readable by its owner only.
pub fn write_key(path: &Path) {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).unwrap().write_all(&[7u8; 32]).unwrap();
}

/// The tests' HTTP/1.1 client for real sockets (server processes, an in-process
/// application): every exchange bounded, the answer's status, headers and body.
#[derive(Clone)]
pub struct Http(pub Client<HttpConnector, Full<Bytes>>);

/// An answer: its status, headers and body.
pub struct Answer {
    pub status: StatusCode,
    pub headers: header::HeaderMap,
    pub body: Bytes,
}

impl Answer {
    /// The status line and headers as HTTP/1.1 writes them (names in lower case), for
    /// tests that read the head whole.
    pub fn head(&self) -> String {
        let mut head = format!("HTTP/1.1 {}", self.status);
        for (name, value) in &self.headers {
            head.push_str(&format!(
                "\r\n{name}: {}",
                String::from_utf8_lossy(value.as_bytes())
            ));
        }
        head
    }

    /// `name=value` of the cookie `name` the answer sets.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter(|c| c.starts_with(&format!("{name}=")))
            .find_map(|c| c.split(';').next())
            .map(str::to_string)
    }
}

impl Http {
    pub fn new() -> Http {
        Http(Client::builder(hyper_util::rt::TokioExecutor::new()).build_http())
    }

    /// A client that opens a connection per request: for tests of a server that stops
    /// accepting them.
    pub fn fresh() -> Http {
        Http(
            Client::builder(hyper_util::rt::TokioExecutor::new())
                .pool_max_idle_per_host(0)
                .build_http(),
        )
    }

    /// One request to 127.0.0.1:`port`, answered (body and all) within `within`; `body`
    /// is its content type and bytes.
    pub async fn exchange(
        &self,
        method: Method,
        port: u16,
        path: &str,
        headers: &[(header::HeaderName, String)],
        body: Option<(&str, Bytes)>,
        within: Duration,
    ) -> Result<Answer, String> {
        let mut req = Request::builder()
            .method(method)
            .uri(format!("http://127.0.0.1:{port}{path}"));
        for (name, value) in headers {
            req = req.header(name, value);
        }
        let body = match body {
            Some((content_type, bytes)) => {
                req = req.header(header::CONTENT_TYPE, content_type);
                Full::new(bytes)
            }
            None => Full::new(Bytes::new()),
        };
        let req = req.body(body).map_err(|e| e.to_string())?;
        let exchange = async {
            let res = self.0.request(req).await.map_err(|e| e.to_string())?;
            let (parts, body) = res.into_parts();
            let body = body.collect().await.map_err(|e| e.to_string())?.to_bytes();
            Ok(Answer {
                status: parts.status,
                headers: parts.headers,
                body,
            })
        };
        tokio::time::timeout(within, exchange)
            .await
            .map_err(|_| format!("no answer within {within:?}"))?
    }

    /// A JSON call within 30 s: the status and the body, None without an answer.
    pub async fn send(
        &self,
        method: Method,
        port: u16,
        path: &str,
        headers: &[(header::HeaderName, String)],
        body: Option<Value>,
    ) -> Option<(StatusCode, Bytes)> {
        let body = body.map(|body| ("application/json", Bytes::from(body.to_string())));
        self.exchange(method, port, path, headers, body, Duration::from_secs(30))
            .await
            .ok()
            .map(|answer| (answer.status, answer.body))
    }

    /// A call that must succeed: the answer's bytes.
    pub async fn ok_bytes(
        &self,
        method: Method,
        port: u16,
        path: &str,
        headers: &[(header::HeaderName, String)],
        body: Option<Value>,
    ) -> Bytes {
        let (status, bytes) = self
            .send(method, port, path, headers, body)
            .await
            .unwrap_or_else(|| panic!("{path} on :{port}: no answer"));
        assert!(
            status.is_success(),
            "{path} on :{port}: {status} {}",
            String::from_utf8_lossy(&bytes)
        );
        bytes
    }

    /// A billing API call that must succeed: the JSON answer.
    pub async fn ok(
        &self,
        method: Method,
        port: u16,
        path: &str,
        headers: &[(header::HeaderName, String)],
        body: Option<Value>,
    ) -> Value {
        let bytes = self.ok_bytes(method, port, path, headers, body).await;
        serde_json::from_slice(&bytes).unwrap_or(Value::Null)
    }

    /// A server function call that must succeed: its answer, read as the browser reads
    /// it (postcard: app/src/resource.rs).
    pub async fn answer<T: serde::de::DeserializeOwned>(
        &self,
        port: u16,
        path: &str,
        headers: &[(header::HeaderName, String)],
        body: Value,
    ) -> T {
        let bytes = self
            .ok_bytes(Method::POST, port, path, headers, Some(body))
            .await;
        postcard::from_bytes(&bytes)
            .unwrap_or_else(|e| panic!("{path} on :{port}: not a postcard answer ({e})"))
    }
}

pub async fn ready(http: &Http, port: u16) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some((StatusCode::OK, _)) = http.send(Method::GET, port, "/readyz", &[], None).await
        {
            return;
        }
        assert!(Instant::now() < deadline, "instance :{port} never ready");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// A webhook receiver on loopback: the event ids of every delivery, duplicates kept.
pub async fn receiver() -> (u16, Arc<Mutex<Vec<i64>>>) {
    let received = Arc::new(Mutex::new(Vec::new()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let sink = received.clone();
    let app = axum::Router::new().route(
        "/hooks",
        axum::routing::post(move |body: Bytes| {
            let sink = sink.clone();
            async move {
                let payload: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                let ids = payload["events"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|e| e["id"].as_i64());
                sink.lock().unwrap().extend(ids);
                StatusCode::OK
            }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, app).await });
    (port, received)
}

async fn database(admin_url: &str, name: &str) -> String {
    sqlx::any::install_default_drivers();
    let admin = sqlx::AnyPool::connect(admin_url).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(&admin)
        .await
        .unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}

pub fn required(var: &str, require: &str) -> Option<String> {
    let value = std::env::var(var).ok();
    assert!(
        value.is_some() || std::env::var(require).is_err(),
        "{require} is set but {var} is not: the scale-out test would be skipped"
    );
    value
}

/// Signs ent_demo in on `port`; the session cookie.
pub async fn login(port: u16) -> String {
    let answer = Http::fresh()
        .exchange(
            Method::POST,
            port,
            "/fn/login",
            &[(header::ACCEPT, "application/json".into())],
            Some((
                "application/x-www-form-urlencoded",
                Bytes::from_static(b"login=ent_demo&password=Qianyue-2026"),
            )),
            Duration::from_secs(30),
        )
        .await
        .unwrap();
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.head());
    // `__Host-qy_session` over HTTPS settings, `qy_session` with QY_SECURE_COOKIES=0.
    answer
        .cookie("__Host-qy_session")
        .or_else(|| answer.cookie("qy_session"))
        .expect("a session cookie")
}

/// The billing system links ent_demo to `ext-scale` and pushes `n` orders in batches of
/// 20 to alternating instances; their ids, oldest first.
pub async fn push_orders(
    http: &Http,
    ports: &[u16],
    bearer: &[(header::HeaderName, String)],
    db: &Db,
    n: usize,
) -> Vec<i64> {
    http.ok(
        Method::PUT,
        ports[ports.len() - 1],
        "/api/v1/accounts/ext-scale",
        bearer,
        Some(json!({ "login": "ent_demo", "kind": "enterprise", "verified": true,
            "subject_name": "星河示例数字科技（上海）有限公司", "id_number": "91350100M000100Y43" })),
    )
    .await;
    let now = service::platform::clock::wall_clock_ms();
    let orders: Vec<Value> = (1..=n)
        .map(|i| {
            json!({ "order_no": format!("SCALE-{i:05}"), "account": "ext-scale",
                "product": "云服务器 CVM", "billing_mode": "prepaid", "amount_fen": 1000 + i,
                "created_at": now - 86_400_000 })
        })
        .collect();
    for (turn, batch) in orders.chunks(20).enumerate() {
        http.ok(
            Method::POST,
            ports[turn % ports.len()],
            "/api/v1/orders",
            bearer,
            Some(json!({ "items": batch })),
        )
        .await;
    }
    sqlx::query_scalar("SELECT id FROM orders WHERE order_no LIKE 'SCALE-%' ORDER BY order_no")
        .fetch_all(&db.pool)
        .await
        .unwrap()
}

/// Creates a single-channel contract through the server function on `port`; its number.
pub async fn create(
    http: &Http,
    port: u16,
    session: &[(header::HeaderName, String)],
    kind: &str,
    items: &[i64],
) -> String {
    let body = json!({ "contract": { "kind": kind, "channel": "single",
        "item_ids": items, "confirmed": true, "party_a": {
            "address": "上海市浦东新区示例路 88 号", "contact": "张三",
            "phone": "13800138000", "email": "a@example.cn", "postcode": "200120" } } });
    http.answer(port, "/fn/contracts/create", session, body)
        .await
}

/// Converts each contract once its draft is ready (alternating instances) until every
/// one is effective; bounded.
pub async fn drive(
    http: &Http,
    db: &Db,
    session: &[(header::HeaderName, String)],
    ports: &[u16; 2],
    numbers: &[String],
    account: i64,
) {
    let deadline = Instant::now() + DEADLINE;
    let mut converted: HashMap<String, bool> = HashMap::new();
    let mut turn = 0;
    loop {
        let rows =
            sqlx::query("SELECT number, status, sub_status FROM contracts WHERE account_id = $1")
                .bind(account)
                .fetch_all(&db.pool)
                .await
                .unwrap();
        let states: HashMap<String, (String, String)> = rows
            .iter()
            .map(|r| (r.get(0), (r.get(1), r.get(2))))
            .collect();
        let mut effective = 0;
        for number in numbers {
            let Some((status, sub_status)) = states.get(number) else {
                panic!("{number} not found")
            };
            let state = domain::Status::parse(status)
                .zip(domain::SubStatus::parse(sub_status))
                .map(|(status, sub_status)| domain::ContractState::new(status, sub_status));
            if state == Some(domain::ContractState::E_CONTRACT_EFFECTIVE) {
                effective += 1;
            } else if state == Some(domain::ContractState::GENERATED)
                && !converted.contains_key(number)
            {
                let op = json!({ "number": number, "operation": "convert_to_formal" });
                let () = http
                    .answer(ports[turn % 2], "/fn/contracts/operate", session, op)
                    .await;
                turn += 1;
                converted.insert(number.clone(), true);
            } else {
                assert!(
                    state.is_some_and(|s| s == domain::ContractState::GENERATING
                        || s == domain::ContractState::GENERATED
                        || s == domain::ContractState::PROVIDER_SIGNING),
                    "{number}: {status}/{sub_status}"
                );
            }
        }
        if effective == numbers.len() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{effective} of {} effective",
            numbers.len()
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// The whole feed read page by page from `port`, until `expected` events (bounded).
pub async fn feed(
    http: &Http,
    port: u16,
    bearer: &[(header::HeaderName, String)],
    expected: usize,
) -> Vec<i64> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut ids = Vec::new();
    let mut after = 0;
    loop {
        let page = http
            .ok(
                Method::GET,
                port,
                &format!("/api/v1/events?after={after}&limit=37"),
                bearer,
                None,
            )
            .await;
        let events = page["events"].as_array().unwrap();
        ids.extend(events.iter().map(|e| e["id"].as_i64().unwrap()));
        after = page["next_after"].as_i64().unwrap();
        if events.is_empty() && ids.len() >= expected {
            return ids;
        }
        assert!(
            Instant::now() < deadline,
            "feed on :{port}: {} of {expected}",
            ids.len()
        );
        if events.is_empty() {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}
