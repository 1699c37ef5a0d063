//! Slow and parked clients (issue 29): a client that trickles its headers is cut off,
//! uploads that stop arriving are ended by the body timeout, and a hundred parked
//! `/verify` uploads of 4 MB neither fill the server's memory nor keep another client's
//! verification from being answered. Against the real binary, on real sockets.

use std::net::{Ipv4Addr, SocketAddr};
use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

use crate::cluster::free_port;
use crate::operations::{qianyue, ready};

const BOUNDARY: &str = "qyparked";

/// The server's resident memory, MB (`/proc`).
fn resident_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS");
    kb / 1024.0
}

async fn connect_from(source: Ipv4Addr, port: u16) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::from((source, 0)))?;
    socket
        .connect(SocketAddr::from(([127, 0, 0, 1], port)))
        .await
}

/// The head and the start of a multipart `/verify` post whose file part is `file_bytes`
/// long, declaring `extra` more bytes than it will send (0: the whole request).
fn verify_upload(port: u16, file: &[u8], extra: usize) -> (Vec<u8>, Vec<u8>) {
    let start = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"number\"\r\n\r\nQY-20260101-000001\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    );
    let end = format!("\r\n--{BOUNDARY}--\r\n");
    let length = start.len() + file.len() + end.len() + extra;
    let head = format!(
        "POST /verify HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
         Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {length}\r\n\
         Connection: close\r\n\r\n"
    );
    let mut body = start.into_bytes();
    body.extend_from_slice(file);
    if extra == 0 {
        body.extend_from_slice(end.as_bytes());
    }
    (head.into_bytes(), body)
}

/// Whether the server closed `stream` (EOF or reset) within `within`, reading and
/// dropping whatever answer it sent first.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buf = vec![0u8; 64 * 1024];
    tokio::time::timeout(within, async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await
    .is_ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parked_uploads_and_trickled_headers_are_bounded_and_cut_off() {
    let dir = crate::common::scratch_path("qy_slow");
    std::fs::create_dir_all(&dir).unwrap();
    let port = free_port();
    let mut server = qianyue(&dir, port);
    server
        .arg("serve")
        .env("QY_HEADER_TIMEOUT_SECS", "2")
        .env("QY_BODY_TIMEOUT_SECS", "3")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let server = server.spawn().unwrap();
    let pid = server.id().unwrap();
    ready(port).await;

    // A verification by hash as a person would send it, warming the path up.
    let verify_by_hash = |source: Ipv4Addr| async move {
        let form = format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"number\"\r\n\r\nQY-20260101-000001\r\n\
             --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"sha256\"\r\n\r\n{}\r\n--{BOUNDARY}--\r\n",
            "a".repeat(64)
        );
        let request = format!(
            "POST /verify HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
             Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{form}",
            form.len()
        );
        let mut stream = connect_from(source, port).await.unwrap();
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut answer = Vec::new();
        tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer))
            .await
            .expect("an answer within 10 s")
            .unwrap();
        String::from_utf8_lossy(&answer).into_owned()
    };
    let answer = verify_by_hash(Ipv4Addr::new(127, 0, 0, 9)).await;
    assert!(answer.starts_with("HTTP/1.1 303"), "{answer:.200}");
    let idle = resident_mb(pid);

    // 100 connections from one client, each sending 4 MB of a file and then stopping.
    let file = std::sync::Arc::new(vec![b'%'; 4_000_000]);
    let mut parking = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let file = file.clone();
        parking.spawn(async move {
            let mut stream = connect_from(Ipv4Addr::new(127, 0, 0, 7), port)
                .await
                .unwrap();
            let (head, body) = verify_upload(port, &file, 100_000);
            stream.write_all(&head).await.unwrap();
            // Refused uploads are answered before their body is read, and the server may
            // close before all of it is sent: a write error is the refusal, not a failure.
            let _ = tokio::time::timeout(Duration::from_secs(2), stream.write_all(&body)).await;
            stream
        });
    }
    let mut parked = Vec::new();
    while let Some(stream) = parking.join_next().await {
        parked.push(stream.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let with_parked = resident_mb(pid);
    eprintln!("resident: idle {idle:.1} MB, with 100 parked uploads {with_parked:.1} MB");
    assert!(
        with_parked - idle < 150.0,
        "idle {idle:.1} MB, with 100 parked uploads {with_parked:.1} MB"
    );

    // Another client's verification is answered meanwhile: some uploads are still
    // parked (open, nothing to read) when it is.
    let answer = verify_by_hash(Ipv4Addr::new(127, 0, 0, 8)).await;
    assert!(answer.starts_with("HTTP/1.1 303"), "{answer:.200}");
    let mut buf = [0u8; 1];
    let waiting = parked
        .iter()
        .filter(|s| matches!(s.try_read(&mut buf), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock))
        .count();
    assert!(
        waiting >= 1,
        "no upload was still parked when the other client was answered"
    );

    // Every parked connection is closed once its body has been idle for the timeout.
    let mut still_open = 0;
    for stream in &mut parked {
        still_open += usize::from(!closed_within(stream, Duration::from_secs(10)).await);
    }
    assert_eq!(
        still_open, 0,
        "parked uploads still open after the body timeout"
    );

    // A client that sends half a request line and stops is cut off after the header
    // timeout.
    let mut trickle = connect_from(Ipv4Addr::new(127, 0, 0, 10), port)
        .await
        .unwrap();
    trickle
        .write_all(b"GET /contracts HTTP/1.1\r\nHost: 127")
        .await
        .unwrap();
    let started = Instant::now();
    assert!(
        closed_within(&mut trickle, Duration::from_secs(10)).await,
        "a trickling client is closed"
    );
    eprintln!("trickling headers closed after {:?}", started.elapsed());
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
