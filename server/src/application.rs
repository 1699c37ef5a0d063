//! The serving process as one value: [`Application::build`] prepares everything that can
//! fail at start (the state, the document store's check, the listeners) and
//! [`Application::run_until`] serves until its stop signal, then drains: `/readyz` turns
//! 503, the listener closes, requests in flight finish within the grace period, and the
//! background tasks (the worker, exports, webhooks) stop after them. `main` builds one
//! and stops it on SIGTERM or Ctrl-C; a test can stop it with any future.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::time::Duration;

use service::billing::webhooks::Webhooks;
use service::identity::session_store::DbSessionStore;
use service::worker::{Worker, WorkerConfig};
use service::Db;
use tokio::net::TcpListener;

use crate::state::Built;
use crate::{build_router, build_state, Config};

pub struct Application {
    config: Config,
    built: Built,
    webhooks: Option<Webhooks>,
    metrics: Option<TcpListener>,
    listener: TcpListener,
}

impl Application {
    /// Everything short of serving: the shared state, a usable document store, the
    /// webhook transport and both listeners. An error here is a start-up error to say.
    pub async fn build(config: Config, db: Db) -> Result<Application, String> {
        if !config.secure_cookies {
            tracing::warn!(
                "QY_SECURE_COOKIES=0: cookies are not Secure and answers carry no HSTS; only \
                 for plain HTTP on a machine you trust (the local demo), never behind a \
                 public address"
            );
        }
        let built = build_state(&config, db)?;
        // A store that cannot be reached is a configuration problem to say now, not a
        // background step failing later.
        built
            .readiness
            .storage
            .check()
            .await
            .map_err(|e| format!("the document store is not usable: {e}"))?;
        let webhooks = match &config.webhook {
            None => None,
            Some(setting) => {
                tracing::info!(
                    "delivering contract events to {}",
                    service::billing::webhooks::shown_url(&setting.url)
                );
                let transport =
                    crate::webhook_client::HyperTransport::new(setting.ca_file.as_deref())
                        .map_err(|e| format!("QY_WEBHOOK_CA_FILE: {e}"))?;
                Some(Webhooks {
                    db: built.state.ctx.db.clone(),
                    url: setting.url.clone(),
                    secret: setting.secret.clone(),
                    transport: std::sync::Arc::new(transport),
                })
            }
        };
        let metrics = match config.metrics_addr {
            None => None,
            Some(addr) => Some(
                TcpListener::bind(addr)
                    .await
                    .map_err(|e| format!("cannot listen on {addr} (QY_METRICS_ADDR): {e}"))?,
            ),
        };
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
        Ok(Application {
            config,
            built,
            webhooks,
            metrics,
            listener,
        })
    }

    /// Where the app listens (the port chosen when the configuration asked for port 0).
    pub fn local_addr(&self) -> Result<SocketAddr, String> {
        self.listener.local_addr().map_err(|e| e.to_string())
    }

    /// Serves until `stop` resolves, then drains and stops (see the module's note).
    pub async fn run_until(self, stop: impl Future<Output = ()> + Send + 'static) {
        let Application {
            config,
            built,
            webhooks,
            metrics,
            listener,
        } = self;
        let readiness = built.readiness.clone();
        let ctx = built.state.ctx.clone();
        spawn_cleanup(ctx.db.clone(), config.retention);
        let (stop_tasks, stop_rx) = tokio::sync::watch::channel(false);
        let worker_config = WorkerConfig {
            lease_ms: config.job_lease_ms,
            heartbeat: readiness.heartbeat.clone(),
            renewal_window_ms: config.pades.renewal_window_ms,
            renewal_every: Duration::from_millis(config.sweep_every_ms.max(1) as u64),
            signing_every: Duration::from_millis(config.sweep_every_ms.clamp(1, 60_000) as u64),
            ..WorkerConfig::default()
        };
        let worker_id = worker_config.id.clone();
        let mut worker = tokio::spawn(Worker::new(ctx.clone(), worker_config).run(stop_rx.clone()));
        if let Some(listener) = metrics {
            serve_metrics(
                listener,
                crate::metrics::Scrape {
                    db: ctx.db.clone(),
                    webhooks: webhooks.clone(),
                    certificates: Some(readiness.certificates.clone()),
                },
            );
        }
        let exports = tokio::spawn(crate::exports::run(
            ctx.clone(),
            worker_id.clone(),
            Duration::from_millis(config.sweep_every_ms.clamp(1, 2_000) as u64),
            stop_rx.clone(),
        ));
        let webhooks = webhooks.map(|webhooks| tokio::spawn(webhooks.run(stop_rx)));
        let app = build_router(&config, built);
        if let Ok(addr) = listener.local_addr() {
            tracing::info!("listening on http://{addr}");
        }

        // On the stop signal: /readyz turns 503, the listener closes, requests in flight
        // finish; whatever is still running after the grace period is cut off.
        let (signalled, mut on_signal) = tokio::sync::watch::channel(false);
        let draining = readiness.draining.clone();
        let shutdown = async move {
            stop.await;
            draining.store(true, Ordering::Relaxed);
            let _ = signalled.send(true);
        };
        let grace = Duration::from_millis(config.shutdown_grace_ms.max(0) as u64);
        let server = crate::serve::serve(listener, app, config.connections, shutdown);
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
        // The worker finishes the step it is in (within the grace period), then gives up
        // its claims; cut off, its claims are released here so another instance takes the
        // jobs at once rather than after the lease.
        let _ = stop_tasks.send(true);
        if tokio::time::timeout(grace, &mut worker).await.is_err() {
            worker.abort();
            tracing::warn!("the worker's step did not finish within the grace period");
            if let Err(e) = service::platform::jobs::release(&readiness.db, &worker_id).await {
                tracing::warn!("releasing the worker's claims failed: {e}");
            }
        }
        if let Some(webhooks) = webhooks {
            let _ = tokio::time::timeout(grace, webhooks).await;
        }
        let _ = tokio::time::timeout(grace, exports).await;
        tracing::info!("stopped");
    }
}

/// `/metrics` on its own listener, for Prometheus on the private network.
fn serve_metrics(listener: TcpListener, scrape: crate::metrics::Scrape) {
    if let Ok(addr) = listener.local_addr() {
        tracing::info!("metrics on http://{addr}/metrics");
    }
    tokio::spawn(crate::metrics::upkeep());
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, crate::metrics::router(scrape)).await {
            tracing::warn!("metrics listener: {e}");
        }
    });
}

/// Hourly: expired sessions, and the short-lived records past their retention
/// (`service::platform::retention`: verification checks, SMS codes, API call events, login-throttle
/// windows — an attacker's random logins would otherwise leave rows behind for good).
fn spawn_cleanup(db: Db, keep: service::platform::retention::Retention) {
    let store = DbSessionStore::new(db.clone());
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(e) = store.delete_expired().await {
                tracing::warn!("session cleanup failed: {e}");
            }
            match service::platform::retention::purge(&db, db.now(), &keep).await {
                Ok(purged) => tracing::debug!(?purged, "retention purge"),
                Err(e) => tracing::warn!("retention purge failed: {e}"),
            }
        }
    });
}
