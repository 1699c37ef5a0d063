//! A bound on `/verify` uploads in progress. Each holds up to a document's size in memory
//! while it arrives (`verify::read_upload`), so a hundred clients that send 4 MB each
//! and then stop would hold 400 MB for as long as they stayed. At most `total` uploads
//! run at once, and one client (an IPv4 address, an IPv6 /64) at most [`PER_CLIENT`] of
//! them, so one parking client leaves room for everyone else; past either bound the
//! upload is answered 503 with `Retry-After` before its body is read. The body idle
//! timeout (`serve`) ends an upload that stops arriving.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::State;
use axum::http::{Method, Request};
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::client_address::ClientAddr;

/// Uploads one client may have in progress at once.
pub const PER_CLIENT: usize = 2;

/// Uploads in progress per client.
type InProgress = Arc<Mutex<HashMap<IpAddr, usize>>>;

pub struct UploadSlots {
    total: Arc<Semaphore>,
    clients: InProgress,
}

/// An upload in progress; its slots are given back when it is dropped.
pub struct Upload {
    _total: OwnedSemaphorePermit,
    client: Option<(IpAddr, InProgress)>,
}

impl Drop for Upload {
    fn drop(&mut self) {
        if let Some((client, clients)) = &self.client {
            let mut clients = clients.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(count) = clients.get_mut(client) {
                *count -= 1;
                if *count == 0 {
                    clients.remove(client);
                }
            }
        }
    }
}

impl UploadSlots {
    pub fn new(total: usize) -> Self {
        Self {
            total: Arc::new(Semaphore::new(total)),
            clients: Arc::default(),
        }
    }

    /// A slot for an upload from `client`, if one is free.
    pub fn take(&self, client: Option<IpAddr>) -> Option<Upload> {
        let total = self.total.clone().try_acquire_owned().ok()?;
        let client = client.map(service::identity::throttle::client_bucket);
        if let Some(client) = client {
            let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
            let count = clients.entry(client).or_insert(0);
            if *count >= PER_CLIENT {
                return None;
            }
            *count += 1;
        }
        Some(Upload {
            _total: total,
            client: client.map(|client| (client, self.clients.clone())),
        })
    }
}

/// The layer: `POST /verify` runs in a slot, or is told to come back.
pub async fn bound(
    State(slots): State<Arc<UploadSlots>>,
    req: Request<Body>,
    next: Next,
) -> Response {
    if req.method() != Method::POST || req.uri().path() != "/verify" {
        return next.run(req).await;
    }
    let client = req.extensions().get::<ClientAddr>().map(|c| c.0);
    match slots.take(client) {
        Some(upload) => {
            let response = next.run(req).await;
            drop(upload);
            response
        }
        None => {
            metrics::counter!("qianyue_uploads_refused_total").increment(1);
            crate::unavailable::answer(req.uri(), req.headers())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn one_client_cannot_take_every_slot_and_slots_come_back() {
        let slots = UploadSlots::new(3);
        let first = slots.take(ip("203.0.113.1")).unwrap();
        let _second = slots.take(ip("203.0.113.1")).unwrap();
        assert!(slots.take(ip("203.0.113.1")).is_none(), "its share");
        let other = slots.take(ip("203.0.113.2")).unwrap();
        assert!(slots.take(ip("203.0.113.3")).is_none(), "all taken");
        drop(other);
        assert!(slots.take(ip("203.0.113.3")).is_some());
        drop(first);
        assert!(slots.take(ip("203.0.113.1")).is_some(), "given back");
    }
}
