//! Running the binary as an operator does: `--help`, a backup of the live SQLite database,
//! health checks, one server per SQLite file, and a graceful stop on SIGTERM that lets a
//! request in flight finish but does not wait for ever. Every wait is bounded.

use std::process::Stdio;
use std::time::{Duration, Instant};

use axum::http::Method;
use service::Db;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

use crate::cluster::{free_port, Http};

/// The server binary: this build's, or `QY_SERVER_BIN` (the same tests, measuring the
/// release binary).
pub(crate) fn server_bin() -> String {
    std::env::var("QY_SERVER_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_qianyue").into())
}

pub(crate) fn qianyue(dir: &std::path::Path, port: u16) -> Command {
    let mut command = Command::new(server_bin());
    command
        .env("DATABASE_URL", format!("sqlite://{}/ops.db", dir.display()))
        .env("QY_ADDR", format!("127.0.0.1:{port}"))
        .env("QY_DATA_DIR", dir.join("data"))
        .env("QY_FONT_DIR", crate::common::font_dir())
        .env("QY_DEMO", "1")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    command
}

/// Runs a command to its end (at most a minute): (success, stdout, stderr).
async fn finish(mut command: Command) -> (bool, String, String) {
    let output = tokio::time::timeout(Duration::from_secs(60), command.output())
        .await
        .expect("the command finishes within 60 s")
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// One GET on a fresh connection; the whole response as text, head and body (10 s at
/// most).
async fn get(port: u16, path: &str) -> Result<String, String> {
    let answer = Http::fresh()
        .exchange(Method::GET, port, path, &[], None, Duration::from_secs(10))
        .await?;
    Ok(format!(
        "{}\r\n\r\n{}",
        answer.head(),
        String::from_utf8_lossy(&answer.body)
    ))
}

/// Waits (30 s at most) until `/readyz` answers 200, and returns its body.
pub(crate) async fn ready(port: u16) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(response) = get(port, "/readyz").await {
            if response.starts_with("HTTP/1.1 200") {
                return response;
            }
        }
        assert!(Instant::now() < deadline, "never ready");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits (at most `within`) for the process to end; its success.
async fn exits(child: &mut Child, within: Duration) -> bool {
    tokio::time::timeout(within, child.wait())
        .await
        .unwrap_or_else(|_| panic!("the server did not stop within {within:?}"))
        .unwrap()
        .success()
}

fn sigterm(child: &Child) {
    let pid = child.id().expect("running").to_string();
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(sent.success());
}

/// A POST to /verify whose body is sent in two halves: the request stays in flight
/// until `finish` sends the second.
struct SlowUpload {
    stream: TcpStream,
    rest: Vec<u8>,
}

impl SlowUpload {
    async fn start(port: u16) -> SlowUpload {
        let boundary = "qyboundary";
        let body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"number\"\r\n\r\nQY-NONE\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"sha256\"\r\n\r\n{}\r\n--{boundary}--\r\n",
            "0".repeat(64)
        );
        let head = format!(
            "POST /verify HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
             Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        let mut stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        let (first, rest) = body.as_bytes().split_at(body.len() / 2);
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(first).await.unwrap();
        stream.flush().await.unwrap();
        SlowUpload {
            stream,
            rest: rest.to_vec(),
        }
    }

    /// Sends the rest and reads the answer's status line.
    async fn finish(mut self) -> String {
        self.stream.write_all(&self.rest).await.unwrap();
        let mut response = Vec::new();
        tokio::time::timeout(
            Duration::from_secs(10),
            self.stream.read_to_end(&mut response),
        )
        .await
        .expect("answered within 10 s")
        .unwrap();
        String::from_utf8_lossy(&response)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    }
}

#[tokio::test]
async fn help_answers_for_the_program_and_its_commands() {
    let dir = crate::common::scratch_path("qy_help");
    for args in [
        &["--help"][..],
        &["backup", "--help"],
        &["api-key", "create", "--help"],
    ] {
        let mut command = qianyue(&dir, 0);
        command.args(args);
        let (ok, stdout, stderr) = finish(command).await;
        assert!(ok, "{args:?}: {stderr}");
        assert!(stdout.contains("Usage: qianyue"), "{args:?}: {stdout}");
    }
    let mut command = qianyue(&dir, 0);
    command.arg("serv");
    let (ok, _, stderr) = finish(command).await;
    assert!(
        !ok && stderr.contains("serve"),
        "a close command is suggested: {stderr}"
    );
    assert!(!dir.join("ops.db").exists(), "help touches no database");
}

#[tokio::test]
async fn the_live_database_is_backed_up_to_a_new_file_while_the_server_runs() {
    let dir = crate::common::scratch_path("qy_backup");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut seed = qianyue(&dir, 0);
    seed.arg("seed-demo");
    let (ok, _, stderr) = finish(seed).await;
    assert!(ok, "{stderr}");
    let port = free_port();
    let mut server = qianyue(&dir, port);
    server.arg("serve");
    let mut server = server.spawn().unwrap();
    ready(port).await;

    let copy = dir.join("backups").join("copy.db");
    let mut backup = qianyue(&dir, port);
    backup.arg("backup").arg(&copy);
    let (ok, _, stderr) = finish(backup).await;
    assert!(ok, "{stderr}");
    let count = |url: String| async move {
        let db = Db::connect(&url).await.unwrap();
        let counts: (i64, i64) =
            sqlx::query_as("SELECT (SELECT COUNT(*) FROM accounts), (SELECT COUNT(*) FROM orders)")
                .fetch_one(&db.pool)
                .await
                .unwrap();
        db.pool.close().await;
        counts
    };
    let original = count(format!("sqlite://{}/ops.db", dir.display())).await;
    assert!(original.0 > 0 && original.1 > 0, "{original:?}");
    assert_eq!(
        count(format!("sqlite://{}", copy.display())).await,
        original
    );

    // It holds every account's data: readable by its owner only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }

    // An existing file is never overwritten.
    let mut again = qianyue(&dir, port);
    again.arg("backup").arg(&copy);
    let (ok, _, stderr) = finish(again).await;
    assert!(!ok && stderr.contains("exists already"), "{stderr}");

    sigterm(&server);
    assert!(exits(&mut server, Duration::from_secs(30)).await);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn one_server_per_sqlite_file_and_sigterm_finishes_requests_in_flight_within_a_deadline() {
    let dir = crate::common::scratch_path("qy_lifecycle");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let port = free_port();
    let metrics_port = free_port();
    let mut first = qianyue(&dir, port);
    first
        .arg("serve")
        .env("QY_SHUTDOWN_GRACE_SECS", "20")
        .env("QY_METRICS_ADDR", format!("127.0.0.1:{metrics_port}"));
    let mut first = first.spawn().unwrap();
    let report = ready(port).await;
    for check in [
        r#""database":"ok""#,
        r#""storage":"ok""#,
        r#""worker":"ok""#,
    ] {
        assert!(report.contains(check), "{report}");
    }
    assert!(report.contains("cache-control: no-store"), "{report}");
    assert!(get(port, "/healthz")
        .await
        .unwrap()
        .starts_with("HTTP/1.1 200"));

    // A second server on the same SQLite file is refused, whatever its port.
    let mut second = qianyue(&dir, free_port());
    second.arg("serve");
    let (ok, _, stderr) = finish(second).await;
    assert!(
        !ok && stderr.contains("another qianyue server") && stderr.contains("PostgreSQL"),
        "{stderr}"
    );

    // SIGTERM with a request in flight: it is answered, then the server exits cleanly.
    let upload = SlowUpload::start(port).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    sigterm(&first);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        get(port, "/healthz").await.is_err(),
        "no new connection is accepted while stopping"
    );
    let status = upload.finish().await;
    assert!(
        status.starts_with("HTTP/1.1 ") && !status.starts_with("HTTP/1.1 5"),
        "answered: {status}"
    );
    assert!(exits(&mut first, Duration::from_secs(30)).await);

    // A request that never completes does not hold the stop past the grace period.
    let port = free_port();
    let mut again = qianyue(&dir, port);
    again.arg("serve").env("QY_SHUTDOWN_GRACE_SECS", "1");
    let mut again = again.spawn().unwrap();
    ready(port).await;
    let _stuck = SlowUpload::start(port).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let stopping = Instant::now();
    sigterm(&again);
    assert!(exits(&mut again, Duration::from_secs(15)).await);
    eprintln!("stopped {:?} after SIGTERM", stopping.elapsed());
    let _ = std::fs::remove_dir_all(&dir);
}
