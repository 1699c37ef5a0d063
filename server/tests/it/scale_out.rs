//! Two real server processes on one PostgreSQL database and one S3-compatible bucket
//! (moto on loopback): 200 contracts made through both — billing items pushed by the
//! billing API and contracts created and converted by the browser's server functions,
//! alternating instances, with one session cookie for both — while one instance is
//! SIGKILLed half-way and restarted. Expected: every contract effective with exactly one
//! draft and one signing step; every document downloads, hash-checked, from both
//! instances; the event feed lists each change once, in order, the same on both; every
//! webhook event reaches the receiver (deduplicated by id).
//!
//! Needs `QY_TEST_PG_URL` and `QY_TEST_S3_URL` (scripts/test.sh starts both); skipped
//! without them unless `QY_REQUIRE_PG` / `QY_REQUIRE_S3` say they must run.

use std::collections::{BTreeSet, HashMap};
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

const CONTRACTS: usize = 200;
/// The run's bound for each wait: the ~400 PDFs take ~20 s in a debug build on 2 cores;
/// under the 4 minutes after which nextest stops a test.
const DEADLINE: Duration = Duration::from_secs(180);

/// A server process, SIGKILLed when dropped.
struct Instance {
    child: Child,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// What both instances share (and `seed-demo` / `api-key` use).
struct Shared {
    dir: std::path::PathBuf,
    vars: Vec<(&'static str, String)>,
}

impl Shared {
    fn command(&self, data: &str) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_qianyue"));
        command
            .envs(self.vars.iter().map(|(k, v)| (*k, v.as_str())))
            .env("QY_DATA_DIR", self.dir.join(data))
            .stdin(Stdio::null());
        command
    }

    fn run(&self, args: &[&str]) -> String {
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

    fn start(&self, name: &str, port: u16) -> Instance {
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

/// A plain HTTP/1.1 client; every exchange bounded.
#[derive(Clone)]
struct Http(Client<HttpConnector, Full<Bytes>>);

impl Http {
    async fn send(
        &self,
        method: Method,
        port: u16,
        path: &str,
        headers: &[(header::HeaderName, String)],
        body: Option<Value>,
    ) -> Option<(StatusCode, Bytes)> {
        let mut req = Request::builder()
            .method(method)
            .uri(format!("http://127.0.0.1:{port}{path}"));
        for (name, value) in headers {
            req = req.header(name, value);
        }
        let body = match body {
            Some(body) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Full::new(Bytes::from(body.to_string()))
            }
            None => Full::new(Bytes::new()),
        };
        let exchange = async {
            let res = self.0.request(req.body(body).unwrap()).await.ok()?;
            let status = res.status();
            let bytes = res.into_body().collect().await.ok()?.to_bytes();
            Some((status, bytes))
        };
        tokio::time::timeout(Duration::from_secs(30), exchange)
            .await
            .ok()
            .flatten()
    }

    /// A call that must succeed: the JSON answer.
    async fn ok(
        &self,
        method: Method,
        port: u16,
        path: &str,
        headers: &[(header::HeaderName, String)],
        body: Option<Value>,
    ) -> Value {
        let (status, bytes) = self
            .send(method, port, path, headers, body)
            .await
            .unwrap_or_else(|| panic!("{path} on :{port}: no answer"));
        assert!(
            status.is_success(),
            "{path} on :{port}: {status} {}",
            String::from_utf8_lossy(&bytes)
        );
        serde_json::from_slice(&bytes).unwrap_or(Value::Null)
    }
}

async fn ready(http: &Http, port: u16) {
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
async fn receiver() -> (u16, Arc<Mutex<Vec<i64>>>) {
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

async fn database(admin_url: &str) -> String {
    sqlx::any::install_default_drivers();
    let name = format!("qy_scale_{}", std::process::id());
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

fn required(var: &str, require: &str) -> Option<String> {
    let value = std::env::var(var).ok();
    assert!(
        value.is_some() || std::env::var(require).is_err(),
        "{require} is set but {var} is not: the scale-out test would be skipped"
    );
    value
}

#[tokio::test]
async fn two_instances_on_postgresql_and_object_storage_survive_a_kill() {
    let (Some(pg), Some(s3)) = (
        required("QY_TEST_PG_URL", "QY_REQUIRE_PG"),
        required("QY_TEST_S3_URL", "QY_REQUIRE_S3"),
    ) else {
        return;
    };
    let started = Instant::now();
    let dir = crate::common::scratch_path("qy_scale");
    std::fs::create_dir_all(&dir).unwrap();
    let database_url = database(&pg).await;
    let keys = dir.join("keys");
    pdf::SigningIdentity::load_or_create(&keys, "示例云计算有限公司").unwrap();
    crate::common::write_key(&keys.join("sms-code.key"));
    let (hook_port, received) = receiver().await;
    let shared = Shared {
        vars: vec![
            ("DATABASE_URL", database_url.clone()),
            ("QY_S3_BUCKET", "qianyue-test".into()),
            ("QY_S3_ENDPOINT", s3),
            ("QY_S3_ACCESS_KEY_ID", "test".into()),
            ("QY_S3_SECRET_ACCESS_KEY", "test".into()),
            ("QY_S3_PREFIX", format!("scale-{}", std::process::id())),
            (
                "QY_SIGNING_CERT",
                keys.join("signing-chain.pem").display().to_string(),
            ),
            (
                "QY_SIGNING_KEY",
                keys.join("signing-key.pem").display().to_string(),
            ),
            (
                "QY_SMS_CODE_KEY_FILE",
                keys.join("sms-code.key").display().to_string(),
            ),
            (
                "QY_WEBHOOK_URL",
                format!("http://127.0.0.1:{hook_port}/hooks"),
            ),
            ("QY_WEBHOOK_SECRET", "scale-secret".into()),
            ("QY_FONT_DIR", crate::common::font_dir()),
            ("QY_DRAFT_DELAY_SECS", "0".into()),
            ("QY_SIGN_DELAY_SECS", "0".into()),
            ("QY_JOB_LEASE_SECS", "3".into()),
            ("QY_CONTRACTS_PER_DAY", "1000".into()),
            ("QY_SHUTDOWN_GRACE_SECS", "2".into()),
            ("RUST_LOG", "warn".into()),
        ],
        dir: dir.clone(),
    };
    shared.run(&["seed-demo"]);
    let key = shared
        .run(&["api-key", "create", "scale-out"])
        .trim()
        .to_string();
    let bearer = [(header::AUTHORIZATION, format!("Bearer {key}"))];
    let http = Http(Client::builder(hyper_util::rt::TokioExecutor::new()).build_http());

    let (port_a, port_b) = (free_port(), free_port());
    let a = shared.start("a", port_a);
    let mut b = Some(shared.start("b", port_b));
    ready(&http, port_a).await;
    ready(&http, port_b).await;
    let ports = [port_a, port_b];

    // The billing system links the customer and pushes one order per contract, in
    // batches to alternate instances.
    http.ok(
        Method::PUT,
        port_b,
        "/api/v1/accounts/ext-scale",
        &bearer,
        Some(json!({ "login": "ent_demo", "kind": "enterprise", "verified": true,
            "subject_name": "星河示例数字科技（上海）有限公司", "id_number": "91350100M000100Y43" })),
    )
    .await;
    let now = service::clock::now_ms();
    let orders: Vec<Value> = (1..CONTRACTS)
        .map(|i| {
            json!({ "order_no": format!("SCALE-{i:04}"), "account": "ext-scale",
                "product": "云服务器 CVM", "billing_mode": "prepaid", "amount_fen": 1000 + i,
                "created_at": now - 86_400_000 })
        })
        .collect();
    for (n, batch) in orders.chunks(20).enumerate() {
        http.ok(
            Method::POST,
            ports[n % 2],
            "/api/v1/orders",
            &bearer,
            Some(json!({ "items": batch })),
        )
        .await;
    }

    // The customer signs in on one instance; the session works on both.
    let cookie = login(port_a).await;
    let session = [(header::COOKIE, cookie)];

    let db = Db::connect(&database_url).await.unwrap();
    let account: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE login = 'ent_demo'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let party_a = json!({ "address": "上海市浦东新区示例路 88 号", "contact": "张三",
        "phone": "13800138000", "email": "a@example.cn", "postcode": "200120" });
    let create = |port: u16, kind: &'static str, items: Vec<i64>| {
        let http = http.clone();
        let session = session.clone();
        let party_a = party_a.clone();
        async move {
            let body = json!({ "contract": { "kind": kind, "channel": "single",
                "item_ids": items, "confirmed": true, "party_a": party_a } });
            http.ok(
                Method::POST,
                port,
                "/fn/contracts/create",
                &session,
                Some(body),
            )
            .await
            .as_str()
            .unwrap()
            .to_string()
        }
    };

    // The framework contract first (the orders' prerequisite), to effective.
    let framework = create(port_b, "framework", vec![]).await;
    drive(
        &http,
        &db,
        &session,
        &ports,
        std::slice::from_ref(&framework),
        account,
    )
    .await;

    // 199 order contracts, created alternately; instance b is killed half-way.
    let order_ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM orders WHERE order_no LIKE 'SCALE-%' ORDER BY order_no")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    assert_eq!(order_ids.len(), CONTRACTS - 1);
    let mut numbers = vec![framework];
    for (i, order) in order_ids.iter().enumerate() {
        let port = if b.is_some() { ports[i % 2] } else { port_a };
        numbers.push(create(port, "order", vec![*order]).await);
        if i == order_ids.len() / 2 {
            drop(b.take()); // SIGKILL, whatever it was doing
        }
    }
    let b = shared.start("b", port_b);
    ready(&http, port_b).await;
    drive(&http, &db, &session, &ports, &numbers, account).await;
    assert!(started.elapsed() < DEADLINE);

    // Exactly one draft and one signing step per contract.
    let steps: Vec<(String, i64)> = sqlx::query_as(
        "SELECT action, COUNT(*) FROM audit_events WHERE action IN \
         ('contract.draft_generated', 'contract.provider_signed') GROUP BY action ORDER BY action",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert_eq!(
        steps,
        vec![
            ("contract.draft_generated".to_string(), CONTRACTS as i64),
            ("contract.provider_signed".to_string(), CONTRACTS as i64)
        ]
    );

    // Every document from both instances, checked against its recorded SHA-256.
    for number in &numbers {
        let contract = service::contracts::find_for_account(&db, account, number)
            .await
            .unwrap();
        for (which, pdf) in [
            ("draft", contract.draft_pdf),
            ("formal", contract.formal_pdf),
        ] {
            let pdf = pdf.expect("both documents recorded");
            for port in ports {
                let path = format!("/contracts/{number}/pdf/{which}");
                let (status, bytes) = http
                    .send(Method::GET, port, &path, &session, None)
                    .await
                    .unwrap();
                assert_eq!(status, StatusCode::OK, "{path} on :{port}");
                assert_eq!(service::storage::sha256_hex(&bytes), pdf.sha256, "{path}");
            }
        }
    }

    // The feed: each change once, in order, the same from both instances.
    let expected: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE state_after IS NOT NULL AND contract_id IS NOT NULL",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    let feed_a = feed(&http, port_a, &bearer, expected as usize).await;
    let feed_b = feed(&http, port_b, &bearer, expected as usize).await;
    assert!(
        feed_a.windows(2).all(|w| w[0] < w[1]),
        "in order, no repeats"
    );
    assert_eq!(feed_a.len(), expected as usize, "none skipped");
    assert_eq!(feed_a, feed_b);

    // Every webhook event reached the receiver (at least once; deduplicated by id).
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let unique: BTreeSet<i64> = received.lock().unwrap().iter().copied().collect();
        if unique.len() >= feed_a.len() {
            assert_eq!(unique.into_iter().collect::<Vec<_>>(), feed_a);
            break;
        }
        assert!(
            Instant::now() < deadline,
            "webhooks: {} of {}",
            unique.len(),
            feed_a.len()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let deliveries = received.lock().unwrap().len();
    let retried: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE attempts > 1")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    eprintln!(
        "scale-out: {CONTRACTS} contracts in {:?}; {} events; {deliveries} webhook deliveries \
         ({} repeated after the kill); {retried} jobs claimed more than once",
        started.elapsed(),
        feed_a.len(),
        deliveries - feed_a.len()
    );
    drop((a, b));
    db.pool.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// Signs ent_demo in on `port`; the session cookie.
async fn login(port: u16) -> String {
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let body = "login=ent_demo&password=Qianyue-2026";
    let request = format!(
        "POST /fn/login HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    tokio::time::timeout(
        Duration::from_secs(30),
        stream.read_to_string(&mut response),
    )
    .await
    .unwrap()
    .unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    let cookie = response
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .expect("a session cookie");
    cookie.split(';').next().unwrap().to_string()
}

/// Converts each contract once its draft is ready (alternating instances) until every
/// one is effective; bounded.
async fn drive(
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
                http.ok(
                    Method::POST,
                    ports[turn % 2],
                    "/fn/contracts/operate",
                    session,
                    Some(op),
                )
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
async fn feed(
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
