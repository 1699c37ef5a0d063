//! `qianyue [serve|migrate|seed-demo|api-key|operator|account]` — serve the app (default),
//! apply migrations, load the demo data (demo mode only), create / revoke the billing
//! system's API keys, create an operator, set a password. Configuration comes from the
//! environment (see `config.rs`).

mod account_commands;

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use axum::serve::ListenerExt;
use server::{build_router, build_state, Config};
use service::session_store::DbSessionStore;
use service::worker::{Worker, WorkerConfig};
use service::Db;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    match run(&command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!("{message}");
            eprintln!("qianyue {command}: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: &str) -> Result<(), String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
    // Connecting applies the migrations.
    let db = Db::connect(&config.database_url)
        .await
        .map_err(|e| format!("database: {e}"))?;
    // The arguments after the command's name.
    let args: Vec<String> = std::env::args().skip(2).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match command {
        "migrate" => {
            tracing::info!("migrations applied");
            Ok(())
        }
        // The demo accounts share a published password: never in a production database.
        "seed-demo" if !config.demo => {
            Err("seed-demo loads accounts with a published password: only with QY_DEMO=1".into())
        }
        "seed-demo" => {
            service::seed::seed_demo(&db)
                .await
                .map_err(|e| format!("seed: {e}"))?;
            tracing::info!("demo data loaded");
            Ok(())
        }
        "serve" => serve(config, db).await,
        "api-key" => api_key(&db, &args).await,
        "operator" => account_commands::operator(&db, &args).await,
        "account" => account_commands::account(&db, &args).await,
        other => Err(format!(
            "unknown command {other:?}; use serve, migrate, seed-demo, api-key, operator or account"
        )),
    }
}

/// `qianyue api-key create NAME [--read-only] [--days N]` prints a new key for the
/// billing system (shown once; only its hash is stored); `qianyue api-key revoke ID`
/// revokes one.
async fn api_key(db: &Db, args: &[&str]) -> Result<(), String> {
    const USAGE: &str =
        "usage: qianyue api-key create NAME [--read-only] [--days N] | qianyue api-key revoke ID";
    match args {
        ["create", name, options @ ..] => {
            let new = new_api_key(name, options).ok_or(USAGE)?;
            let (id, key) =
                service::api_keys::create_audited(db, &new, &service::audit::Actor::system())
                    .await
                    .map_err(|e| match e {
                        service::ServiceError::Validation(fields) => fields.to_string(),
                        other => other.to_string(),
                    })?;
            eprintln!("API key {id} ({name}) created; it is shown only this once:");
            println!("{key}");
            Ok(())
        }
        ["revoke", id] => {
            let id: i64 = id.parse().map_err(|_| format!("not a key id: {id}"))?;
            match service::api_keys::revoke_audited(db, id, &service::audit::Actor::system()).await
            {
                Ok(()) => Ok(()),
                Err(service::ServiceError::NotFound) => Err(format!("no live key {id}")),
                Err(e) => Err(e.to_string()),
            }
        }
        _ => Err(USAGE.into()),
    }
}

/// The options after `api-key create NAME`; `None` for anything else.
fn new_api_key(name: &str, options: &[&str]) -> Option<service::api_keys::NewApiKey> {
    let mut new = service::api_keys::NewApiKey {
        name: name.to_string(),
        ..Default::default()
    };
    let mut options = options.iter();
    while let Some(option) = options.next() {
        match *option {
            "--read-only" => new.scope = service::api_keys::ApiScope::Read,
            "--days" => new.valid_days = Some(options.next()?.parse().ok()?),
            _ => return None,
        }
    }
    Some(new)
}

async fn serve(config: Config, db: Db) -> Result<(), String> {
    spawn_cleanup(db.clone(), config.retention);
    let state = build_state(&config, db)?;
    let (stop_worker, stop_rx) = tokio::sync::watch::channel(false);
    let worker = Worker::new(
        state.state.ctx.clone(),
        WorkerConfig {
            lease_ms: config.job_lease_ms,
            ..WorkerConfig::default()
        },
    );
    let worker = tokio::spawn(worker.run(stop_rx.clone()));
    let webhooks = config.webhook.clone().map(|(url, secret)| {
        tracing::info!("delivering contract events to {url}");
        let webhooks = service::webhooks::Webhooks {
            db: state.state.ctx.db.clone(),
            url,
            secret,
            transport: std::sync::Arc::new(server::webhook_client::HyperTransport::default()),
        };
        tokio::spawn(webhooks.run(stop_rx))
    });
    let app = build_router(&config, state);
    // Leptos streams HTML in several writes; without TCP_NODELAY Nagle's algorithm adds
    // ~40 ms per response (measured, see TOOLCHAIN.md).
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?
        .tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
    tracing::info!("listening on http://{}", config.addr);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| format!("server: {e}"))?;
    // Let the worker finish the step it is in; an unfinished job is picked up again at
    // the next start anyway.
    let _ = stop_worker.send(true);
    let _ = worker.await;
    if let Some(webhooks) = webhooks {
        let _ = webhooks.await;
    }
    Ok(())
}

/// Hourly: expired sessions, and the short-lived records past their retention
/// (`service::retention`: verification checks, SMS codes, API call events, login-throttle
/// windows — an attacker's random logins would otherwise leave rows behind for good).
fn spawn_cleanup(db: Db, keep: service::retention::Retention) {
    let store = DbSessionStore::new(db.clone());
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(e) = store.delete_expired().await {
                tracing::warn!("session cleanup failed: {e}");
            }
            match service::retention::purge(&db, service::clock::now_ms(), &keep).await {
                Ok(purged) => tracing::debug!(?purged, "retention purge"),
                Err(e) => tracing::warn!("retention purge failed: {e}"),
            }
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
