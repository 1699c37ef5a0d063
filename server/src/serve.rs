//! The accept loop: axum's `serve` gives hyper no timer, so a client could take as long
//! as it liked to send its headers, and it accepts every connection offered. Here each
//! connection is served with
//!
//! - a bound on open connections (`QY_MAX_CONNECTIONS`): past it the loop stops
//!   accepting, and new connections wait in the kernel's backlog;
//! - a header read timeout (`QY_HEADER_TIMEOUT_SECS`): a client that opens a connection
//!   and trickles its request line is cut off;
//! - a request body idle timeout (`QY_BODY_TIMEOUT_SECS`): a body that stops arriving
//!   fails the request (the handler sees an error, the connection closes), so a parked
//!   upload holds its memory for that long at most;
//!
//! and the graceful shutdown axum's gave: on the signal the listener closes, requests in
//! flight finish, idle connections close.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;
use tower_http::timeout::TimeoutBody;

/// How connections are bounded (see the module).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    pub max_connections: usize,
    pub header_timeout: Duration,
    pub body_idle_timeout: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            max_connections: 1024,
            header_timeout: Duration::from_secs(10),
            body_idle_timeout: Duration::from_secs(10),
        }
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then until every connection
/// has finished (the caller bounds that wait).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = open.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, or a connection reset before it was
                    // taken: wait a moment rather than spin.
                    tracing::debug!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Leptos streams HTML in several writes; without TCP_NODELAY Nagle's algorithm
        // adds ~40 ms per response (measured, see TOOLCHAIN.md).
        let _ = stream.set_nodelay(true);
        let body_idle_timeout = limits.body_idle_timeout;
        let service = app.clone().map_request(move |req: Request<Incoming>| {
            let mut req = req.map(|body| Body::new(TimeoutBody::new(body_idle_timeout, body)));
            req.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
            req
        });
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), TowerToHyperService::new(service))
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::trace!("connection from {peer}: {e}");
            }
            drop(permit);
        });
    }
    drop(listener);
    graceful.shutdown().await;
}
