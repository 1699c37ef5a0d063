//! The `qianyue` program: serve the app (the default), apply migrations, load the demo
//! data (demo mode only), manage API keys, operators and passwords, back up SQLite. The
//! command line is `server::cli` (clap); settings come from the environment
//! (`config.rs`).

mod account_commands;

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use server::application::Application;
use server::cli::{AccountCommand, ApiKeyCommand, Cli, Command, OperatorCommand};
use server::Config;
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
        Command::Serve => server::instance_lock::claim(config.database_url.expose())?,
        _ => None,
    };
    // Connecting applies the migrations.
    let db = Db::connect_with(
        config.database_url.expose(),
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
            service::platform::backup::sqlite(&db, &path)
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
            let new = service::billing::api_keys::NewApiKey {
                name: name.clone(),
                scope: if read_only {
                    service::billing::api_keys::ApiScope::Read
                } else {
                    service::billing::api_keys::ApiScope::default()
                },
                valid_days: days,
            };
            let (id, key) = service::billing::api_keys::create_audited(
                db,
                &new,
                &service::platform::audit::Actor::system(),
            )
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
            match service::billing::api_keys::revoke_audited(
                db,
                id,
                &service::platform::audit::Actor::system(),
            )
            .await
            {
                Ok(()) => Ok(()),
                Err(service::ServiceError::NotFound) => Err(format!("no live key {id}")),
                Err(e) => Err(e.to_string()),
            }
        }
    }
}

/// Serves until SIGTERM or Ctrl-C, then drains (`server::application`).
async fn serve(config: Config, db: Db) -> Result<(), String> {
    Application::build(config, db)
        .await?
        .run_until(shutdown_signal())
        .await;
    Ok(())
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
