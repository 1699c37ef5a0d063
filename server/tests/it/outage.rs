//! A database outage (issue 29): PostgreSQL stopped under a running server. A signed-in
//! page answers "briefly unavailable" (503, `Retry-After`, in the page's language) and
//! never sends the customer to sign in; a server function answers the typed
//! `AppError::Unavailable`; `/readyz` says so within a second. Each within the bound the
//! server was given (`QY_BACKEND_TIMEOUT_SECS=2`; the client here waits at most 5 s).
//! PostgreSQL started again, the same session works without signing in.
//!
//! The test runs a PostgreSQL cluster of its own (initdb into a temporary folder), so it
//! can stop it without disturbing the shared one the other tests use.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{header, Method};

use crate::cluster::{free_port, Http};
use crate::operations::{qianyue, ready};

/// A PostgreSQL cluster in a folder of its own, on a port of its own.
struct Cluster {
    dir: PathBuf,
    port: u16,
    bin: PathBuf,
}

/// Debian's PostgreSQL programs, the newest version installed.
fn postgres_bin() -> Option<PathBuf> {
    let mut versions: Vec<u32> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    versions.sort();
    let bin = PathBuf::from(format!("/usr/lib/postgresql/{}/bin", versions.last()?));
    bin.join("initdb").exists().then_some(bin)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

impl Cluster {
    /// A PostgreSQL program, as the `postgres` user when the tests run as root (the
    /// server refuses to run as root).
    fn program(&self, name: &str) -> Command {
        let program = self.bin.join(name);
        let mut command = if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        command
    }

    fn run(&self, mut command: Command, what: &str) {
        let out = command.output().unwrap();
        assert!(
            out.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn create(bin: PathBuf) -> Cluster {
        // Under /tmp: the postgres user must be able to reach it.
        let dir = PathBuf::from(format!(
            "/tmp/qy_outage_{}_{}",
            std::process::id(),
            free_port()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let cluster = Cluster {
            dir,
            port: free_port(),
            bin,
        };
        if is_root() {
            let chown = Command::new("chown")
                .arg("postgres")
                .arg(&cluster.dir)
                .status()
                .unwrap();
            assert!(chown.success());
        }
        let mut initdb = cluster.program("initdb");
        initdb.arg("-D").arg(cluster.dir.join("data")).args([
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
        ]);
        cluster.run(initdb, "initdb");
        cluster
    }

    fn start(&self) {
        let mut pg_ctl = self.program("pg_ctl");
        pg_ctl
            .arg("-D")
            .arg(self.dir.join("data"))
            .arg("-l")
            .arg(self.dir.join("log"))
            .arg("-o")
            .arg(format!(
                "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
                self.port,
                self.dir.display()
            ))
            .args(["-w", "-t", "30", "start"]);
        self.run(pg_ctl, "pg_ctl start");
    }

    fn stop(&self) {
        let mut pg_ctl = self.program("pg_ctl");
        pg_ctl
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "fast", "-w", "-t", "30", "stop"]);
        self.run(pg_ctl, "pg_ctl stop");
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let mut pg_ctl = self.program("pg_ctl");
        pg_ctl
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "stop"]);
        let _ = pg_ctl.output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// One request on a fresh connection, answered within `within`: the status, the head
/// (`Answer::head`) and the body. A POST is a same-origin form; every request asks for
/// Chinese and carries `cookie` when there is one.
async fn fetch(
    method: Method,
    port: u16,
    path: &str,
    cookie: &str,
    form: &str,
    within: Duration,
) -> Result<(u16, String, Vec<u8>), String> {
    let mut headers = vec![(header::ACCEPT_LANGUAGE, "zh-CN".to_string())];
    if !cookie.is_empty() {
        headers.push((header::COOKIE, cookie.to_string()));
    }
    let body = (method == Method::POST).then(|| {
        headers.push((header::ORIGIN, format!("http://127.0.0.1:{port}")));
        (
            "application/x-www-form-urlencoded",
            Bytes::from(form.to_string()),
        )
    });
    let answer = Http::fresh()
        .exchange(method, port, path, &headers, body, within)
        .await?;
    Ok((answer.status.as_u16(), answer.head(), answer.body.to_vec()))
}

/// A body read with the client's bound of the issue (5 s).
const WITHIN: Duration = Duration::from_secs(5);

fn serve_on(cluster: &Cluster, dir: &Path, port: u16, args: &[&str]) -> tokio::process::Command {
    let mut command = qianyue(dir, port);
    command
        .args(args)
        .env("DATABASE_URL", cluster.url())
        .env("QY_BACKEND_TIMEOUT_SECS", "2")
        .env("QY_SECURE_COOKIES", "0")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_database_stopped_pages_say_so_fast_and_the_session_survives() {
    let Some(bin) = postgres_bin() else {
        assert!(
            std::env::var("QY_REQUIRE_PG").is_err(),
            "QY_REQUIRE_PG is set but PostgreSQL's programs are not installed"
        );
        return;
    };
    if std::env::var("QY_TEST_PG_URL").is_err() && std::env::var("QY_REQUIRE_PG").is_err() {
        return; // Like the other PostgreSQL tests: run by scripts/test.sh.
    }
    let cluster = Cluster::create(bin);
    cluster.start();
    let dir = crate::common::scratch_path("qy_outage_app");
    std::fs::create_dir_all(&dir).unwrap();
    let seeded = serve_on(&cluster, &dir, 0, &["seed-demo"])
        .status()
        .await
        .unwrap();
    assert!(seeded.success());
    let port = free_port();
    let _server = serve_on(&cluster, &dir, port, &["serve"]).spawn().unwrap();
    ready(port).await;

    let (status, head, _) = fetch(
        Method::POST,
        port,
        "/fn/login",
        "",
        "login=ent_demo&password=Qianyue-2026",
        WITHIN,
    )
    .await
    .unwrap();
    assert_eq!(status, 200);
    let cookie = head
        .lines()
        .filter(|l| l.to_lowercase().starts_with("set-cookie: qy_session="))
        .map(|l| &l["set-cookie: ".len()..])
        .find_map(|c| c.split(';').next())
        .expect("a session cookie")
        .to_string();
    let (status, _, body) = fetch(Method::GET, port, "/contracts", &cookie, "", WITHIN)
        .await
        .unwrap();
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));

    cluster.stop();

    // A signed-in page: "briefly unavailable", in its language, not the sign-in page.
    let started = Instant::now();
    let (status, head, body) = fetch(Method::GET, port, "/contracts", &cookie, "", WITHIN)
        .await
        .expect("the page answered within 5 s");
    let page = String::from_utf8_lossy(&body);
    let head = head.to_lowercase();
    eprintln!(
        "/contracts with the database stopped: {status} after {:?}",
        started.elapsed()
    );
    assert_eq!(status, 503, "{head}");
    assert!(head.contains("retry-after:"), "{head}");
    assert!(!head.contains("location:"), "never a redirect: {head}");
    assert!(
        !head.contains("set-cookie:"),
        "the session cookie is left alone: {head}"
    );
    assert!(page.contains("服务暂时不可用"), "{page}");
    let (status, _, body) = fetch(Method::GET, port, "/contracts?lang=en", &cookie, "", WITHIN)
        .await
        .unwrap();
    assert_eq!(status, 503);
    assert!(String::from_utf8_lossy(&body).contains("Briefly unavailable"));

    // A server function: the typed error, in the encoding the browser reads.
    let started = Instant::now();
    let (status, head, body) = fetch(Method::POST, port, "/fn/whoami", &cookie, "", WITHIN)
        .await
        .expect("the server function answered within 5 s");
    eprintln!(
        "/fn/whoami with the database stopped: {status} after {:?}",
        started.elapsed()
    );
    assert_eq!(status, 503, "{head}");
    let error: app::error::AppError = postcard::from_bytes(&body).unwrap();
    assert_eq!(error, app::error::AppError::Unavailable);

    // The readiness check, within a second.
    let started = Instant::now();
    let (status, _, body) = fetch(Method::GET, port, "/readyz", "", "", Duration::from_secs(1))
        .await
        .expect("/readyz answered within a second");
    eprintln!(
        "/readyz with the database stopped: {status} after {:?}",
        started.elapsed()
    );
    assert_eq!(status, 503);
    assert!(
        String::from_utf8_lossy(&body).contains(r#""database":"unreachable""#),
        "{}",
        String::from_utf8_lossy(&body)
    );

    // The database back: the same session, without signing in again.
    cluster.start();
    ready(port).await;
    let (status, _, body) = fetch(Method::GET, port, "/contracts", &cookie, "", WITHIN)
        .await
        .unwrap();
    let page = String::from_utf8_lossy(&body);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("星河示例数字科技"), "signed in as before");
    let _ = std::fs::remove_dir_all(&dir);
}
