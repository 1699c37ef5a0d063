//! The `qianyue` program: serve the app (the default), apply migrations, load the demo
//! data (demo mode only), manage API keys, operators and passwords, back up SQLite. The
//! command line is `server::cli` (clap); settings come from the environment
//! (`config.rs`).

mod account_commands;

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::time::Duration;

use clap::Parser;
use server::cli::{AccountCommand, ApiKeyCommand, Cli, Command, OperatorCommand};
use server::{build_router, build_state, Config};
use service::session_store::DbSessionStore;
use service::worker::{Worker, WorkerConfig};
use service::Db;
use tracing_subscriber::EnvFilter;

/// mimalloc instead of glibc's malloc: rendering a page allocates and frees many small
/// buffers from several threads, and glibc's allocator spent about a quarter of the
/// server's time on a page view (perf, `scripts/bench-web.sh`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Parsed before anything else: `--help` and usage errors answer at once.
    let command = Cli::parse().command();
    if let Err(message) = init_logging() {
        eprintln!("qianyue: {message}");
        return ExitCode::FAILURE;
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("qianyue: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = runtime.block_on(run(command));
    // Tasks still running (a connection past the grace period) are dropped, not awaited.
    runtime.shutdown_timeout(Duration::from_secs(1));
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!("{message}");
            eprintln!("qianyue: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Human-readable lines by default; one JSON object per line with `QY_LOG_FORMAT=json`
/// (for a log collector). `RUST_LOG` filters either.
fn init_logging() -> Result<(), String> {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match std::env::var("QY_LOG_FORMAT").as_deref() {
        Err(_) | Ok("") | Ok("text") => builder.init(),
        Ok("json") => builder.json().init(),
        Ok(other) => return Err(format!("QY_LOG_FORMAT must be text or json, got {other:?}")),
    }
    Ok(())
}

async fn run(command: Command) -> Result<(), String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
    // One server per SQLite database; taken before connecting, so a second server
    // does not even run the migrations.
    let _lock = match command {
        Command::Serve => server::instance_lock::claim(&config.database_url)?,
        _ => None,
    };
    // Connecting applies the migrations.
    let db = Db::connect_with(
        &config.database_url,
        Duration::from_millis(config.backend_timeout_ms as u64),
    )
    .await
    .map_err(|e| format!("database: {e}"))?;
    match command {
        Command::Migrate => {
            tracing::info!("migrations applied");
            Ok(())
        }
        // The demo accounts share a published password: never in a production database.
        Command::SeedDemo if !config.demo => {
            Err("seed-demo loads accounts with a published password: only with QY_DEMO=1".into())
        }
        Command::SeedDemo => {
            service::seed::seed_demo(&db)
                .await
                .map_err(|e| format!("seed: {e}"))?;
            tracing::info!("demo data loaded");
            Ok(())
        }
        Command::Serve => serve(config, db).await,
        Command::ApiKey(command) => api_key(&db, command).await,
        Command::Operator(OperatorCommand::Create { login }) => {
            account_commands::create_operator(&db, &login).await
        }
        Command::Account(AccountCommand::SetPassword { login }) => {
            account_commands::set_password(&db, &login).await
        }
        Command::Backup { path } => {
            service::backup::sqlite(&db, &path)
                .await
                .map_err(|e| e.to_string())?;
            eprintln!("database copied to {}", path.display());
            Ok(())
        }
    }
}

/// `qianyue api-key create NAME [--read-only] [--days N]` prints a new key for the
/// billing system (shown once; only its hash is stored); `qianyue api-key revoke ID`
/// revokes one.
async fn api_key(db: &Db, command: ApiKeyCommand) -> Result<(), String> {
    match command {
        ApiKeyCommand::Create {
            name,
            read_only,
            days,
        } => {
            let new = service::api_keys::NewApiKey {
                name: name.clone(),
                scope: if read_only {
                    service::api_keys::ApiScope::Read
                } else {
                    service::api_keys::ApiScope::default()
                },
                valid_days: days,
            };
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
        ApiKeyCommand::Revoke { id } => {
            match service::api_keys::revoke_audited(db, id, &service::audit::Actor::system()).await
            {
                Ok(()) => Ok(()),
                Err(service::ServiceError::NotFound) => Err(format!("no live key {id}")),
                Err(e) => Err(e.to_string()),
            }
        }
    }
}

async fn serve(config: Config, db: Db) -> Result<(), String> {
    if !config.secure_cookies {
        tracing::warn!(
            "QY_SECURE_COOKIES=0: cookies are not Secure and answers carry no HSTS; only for \
             plain HTTP on a machine you trust (the local demo), never behind a public address"
        );
    }
    spawn_cleanup(db.clone(), config.retention);
    let state = build_state(&config, db)?;
    let readiness = state.readiness.clone();
    // A store that cannot be reached is a configuration problem to say now, not a
    // background step failing later.
    readiness
        .storage
        .check()
        .await
        .map_err(|e| format!("the document store is not usable: {e}"))?;
    let (stop_worker, stop_rx) = tokio::sync::watch::channel(false);
    let worker_config = WorkerConfig {
        lease_ms: config.job_lease_ms,
        heartbeat: readiness.heartbeat.clone(),
        renewal_window_ms: config.pades.renewal_window_ms,
        renewal_every: std::time::Duration::from_millis(config.sweep_every_ms.max(1) as u64),
        signing_every: std::time::Duration::from_millis(
            config.sweep_every_ms.clamp(1, 60_000) as u64
        ),
        ..WorkerConfig::default()
    };
    let worker_id = worker_config.id.clone();
    let mut worker =
        tokio::spawn(Worker::new(state.state.ctx.clone(), worker_config).run(stop_rx.clone()));
    let webhooks = match &config.webhook {
        None => None,
        Some(setting) => {
            tracing::info!(
                "delivering contract events to {}",
                service::webhooks::shown_url(&setting.url)
            );
            let transport = server::webhook_client::HyperTransport::new(setting.ca_file.as_deref())
                .map_err(|e| format!("QY_WEBHOOK_CA_FILE: {e}"))?;
            Some(service::webhooks::Webhooks {
                db: state.state.ctx.db.clone(),
                url: setting.url.clone(),
                secret: setting.secret.clone(),
                transport: std::sync::Arc::new(transport),
            })
        }
    };
    if let Some(addr) = config.metrics_addr {
        serve_metrics(
            addr,
            server::metrics::Scrape {
                db: state.state.ctx.db.clone(),
                webhooks: webhooks.clone(),
                certificates: Some(readiness.certificates.clone()),
            },
        )
        .await?;
    }
    let exports = tokio::spawn(server::exports::run(
        state.state.ctx.clone(),
        worker_id.clone(),
        Duration::from_millis(config.sweep_every_ms.clamp(1, 2_000) as u64),
        stop_rx.clone(),
    ));
    let webhooks = webhooks.map(|webhooks| tokio::spawn(webhooks.run(stop_rx)));
    let app = build_router(&config, state);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    tracing::info!("listening on http://{}", config.addr);

    // SIGTERM or Ctrl-C: /readyz turns 503, the listener closes, requests in flight
    // finish; whatever is still running after the grace period is cut off.
    let (signalled, mut on_signal) = tokio::sync::watch::channel(false);
    let draining = readiness.draining.clone();
    let shutdown = async move {
        shutdown_signal().await;
        draining.store(true, Ordering::Relaxed);
        let _ = signalled.send(true);
    };
    let grace = Duration::from_millis(config.shutdown_grace_ms.max(0) as u64);
    let server = server::serve::serve(listener, app, config.connections, shutdown);
    let deadline = async move {
        let _ = on_signal.wait_for(|s| *s).await;
        tokio::time::sleep(grace).await;
    };
    tokio::select! {
        () = server => {},
        () = deadline => tracing::warn!(
            "requests still in flight after {} ms; stopping anyway", grace.as_millis()
        ),
    }
    // The worker finishes the step it is in (within the grace period), then gives up its
    // claims; cut off, its claims are released here so another instance takes the jobs
    // at once rather than after the lease.
    let _ = stop_worker.send(true);
    if tokio::time::timeout(grace, &mut worker).await.is_err() {
        worker.abort();
        tracing::warn!("the worker's step did not finish within the grace period");
        if let Err(e) = service::jobs::release(&readiness.db, &worker_id).await {
            tracing::warn!("releasing the worker's claims failed: {e}");
        }
    }
    if let Some(webhooks) = webhooks {
        let _ = tokio::time::timeout(grace, webhooks).await;
    }
    let _ = tokio::time::timeout(grace, exports).await;
    tracing::info!("stopped");
    Ok(())
}

/// `/metrics` on its own listener, for Prometheus on the private network.
async fn serve_metrics(addr: SocketAddr, scrape: server::metrics::Scrape) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr} (QY_METRICS_ADDR): {e}"))?;
    tracing::info!("metrics on http://{addr}/metrics");
    tokio::spawn(server::metrics::upkeep());
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, server::metrics::router(scrape)).await {
            tracing::warn!("metrics listener: {e}");
        }
    });
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
            match service::retention::purge(&db, db.now(), &keep).await {
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
