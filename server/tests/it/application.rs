//! The serving process in-process (`server::application`): built, serving, and drained
//! on its stop signal — what `main` does on SIGTERM, with a test's own signal.

use std::time::Duration;

use axum::http::{Method, StatusCode};
use server::application::Application;
use service::Db;

use crate::cluster::{ready, Http};
use crate::common::{scratch_path, test_config};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_application_serves_until_its_stop_signal_then_drains_and_ends() {
    let dir = scratch_path("application");
    let mut config = test_config(&dir, true);
    config.addr = "127.0.0.1:0".parse().unwrap();
    config.database_url = format!("sqlite://{}.db", dir.display()).into();
    config.shutdown_grace_ms = 2_000;
    let db = Db::connect(config.database_url.expose()).await.unwrap();
    service::seed::seed_demo(&db).await.unwrap();
    let app = Application::build(config, db).await.unwrap();
    let port = app.local_addr().unwrap().port();
    assert_ne!(port, 0, "port 0 asks for a free port");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));

    let http = Http::new();
    ready(&http, port).await;
    let (status, page) = http
        .send(Method::GET, port, "/", &[], None)
        .await
        .expect("the home page answers");
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&page).contains("<html"));

    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(20), running)
        .await
        .expect("the application ends within its grace period")
        .unwrap();
    // Ended: the listener is gone with it.
    assert!(
        tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err(),
        "nothing listens on :{port} any more"
    );
}
