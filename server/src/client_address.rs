//! Who is asking: the client's address, for rate limits and audit events. The socket's
//! peer, unless that peer is one of our own reverse proxies (`QY_TRUSTED_PROXIES`): then
//! the rightmost `X-Forwarded-For` entry that is not one of them. Entries further left
//! were written by the client and prove nothing, so they are never believed.
//!
//! Addresses are compared in their canonical form: a server bound to `[::]` sees IPv4
//! clients (and proxies) as `::ffff:a.b.c.d`, which is the IPv4 address.

use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use app::ssr::ClientIp;
use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, Request};
use axum::middleware::Next;
use axum::response::Response;

/// The client of a request, in its extensions (absent in in-process tests without a
/// socket, which therefore are never rate-limited unless they add a `ConnectInfo`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let peer = peer.to_canonical();
    if !trusted.contains(&peer) {
        return peer;
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect::<Vec<_>>();
    forwarded
        .iter()
        .rev()
        .map_while(|entry| forwarded_entry(entry))
        .find(|ip| !trusted.contains(ip))
        .unwrap_or(peer)
}

/// One `X-Forwarded-For` entry: an address, or an address with a port (`a.b.c.d:port`,
/// `[v6]:port`, as some proxies write them), canonical.
fn forwarded_entry(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    let ip = entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|s| s.ip()))
        .or_else(|_| {
            entry
                .strip_prefix('[')
                .and_then(|e| e.strip_suffix(']'))
                .unwrap_or(entry)
                .parse::<IpAddr>()
        })
        .ok()?;
    Some(ip.to_canonical())
}

/// Whether forwarded requests from an untrusted peer were already reported (once per
/// process: behind a proxy nobody configured, every request would say it again).
static UNTRUSTED_FORWARDER_REPORTED: AtomicBool = AtomicBool::new(false);

/// A request carries `X-Forwarded-For` but came from a peer that is not a trusted proxy:
/// either a client's forgery (ignored, rightly) or a proxy nobody listed, behind which
/// every client shares the proxy's address and its rate-limit buckets. Said once.
fn report_untrusted_forwarder(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> bool {
    if trusted.contains(&peer)
        || !headers.contains_key("x-forwarded-for")
        || UNTRUSTED_FORWARDER_REPORTED.swap(true, Ordering::Relaxed)
    {
        return false;
    }
    tracing::warn!(
        %peer,
        "requests arrive with X-Forwarded-For from {peer}, which is not in QY_TRUSTED_PROXIES: \
         the header is ignored and, if this is your reverse proxy, every client behind it \
         shares one address for rate limits and audit; list the proxy in QY_TRUSTED_PROXIES"
    );
    true
}

pub async fn record(
    State(trusted): State<Arc<Vec<IpAddr>>>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    if let Some(ConnectInfo(peer)) = req.extensions().get::<ConnectInfo<SocketAddr>>().cloned() {
        let peer = peer.ip().to_canonical();
        report_untrusted_forwarder(peer, req.headers(), &trusted);
        let client = client_address(peer, req.headers(), &trusted);
        req.extensions_mut().insert(ClientAddr(client));
        req.extensions_mut().insert(ClientIp(client));
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for v in values {
            map.append("x-forwarded-for", v.parse().unwrap());
        }
        map
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn without_a_trusted_proxy_the_header_is_ignored() {
        let h = headers(&["1.2.3.4"]);
        assert_eq!(
            client_address(ip("203.0.113.9"), &h, &[]),
            ip("203.0.113.9")
        );
        // Sent by the client itself to a trusted setup, but not through the proxy.
        let trusted = [ip("10.0.0.2")];
        assert_eq!(
            client_address(ip("203.0.113.9"), &h, &trusted),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_rightmost_untrusted_entry_is_the_client() {
        let trusted = [ip("10.0.0.2"), ip("10.0.0.3")];
        // The client forged a first entry; our two proxies appended theirs.
        let h = headers(&["6.6.6.6, 198.51.100.7", "10.0.0.3"]);
        assert_eq!(
            client_address(ip("10.0.0.2"), &h, &trusted),
            ip("198.51.100.7")
        );
        assert_eq!(
            client_address(ip("10.0.0.2"), &headers(&["2001:db8::5"]), &trusted),
            ip("2001:db8::5")
        );
        // Nothing usable: the proxy itself.
        assert_eq!(
            client_address(ip("10.0.0.2"), &headers(&[]), &trusted),
            ip("10.0.0.2")
        );
        assert_eq!(
            client_address(ip("10.0.0.2"), &headers(&["not-an-address"]), &trusted),
            ip("10.0.0.2")
        );
    }

    #[test]
    fn an_ipv4_mapped_peer_is_its_ipv4_address() {
        // A server bound to [::] sees an IPv4 proxy as ::ffff:a.b.c.d.
        let trusted = [ip("10.0.0.2")];
        let h = headers(&["198.51.100.7"]);
        assert_eq!(
            client_address(ip("::ffff:10.0.0.2"), &h, &trusted),
            ip("198.51.100.7")
        );
        assert_eq!(
            client_address(ip("::ffff:203.0.113.9"), &h, &[]),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_address(ip("10.0.0.2"), &headers(&["::ffff:198.51.100.8"]), &trusted),
            ip("198.51.100.8")
        );
    }

    #[test]
    fn forwarded_entries_with_ports_are_read() {
        let trusted = [ip("10.0.0.2")];
        for (entry, client) in [
            ("198.51.100.7:51234", "198.51.100.7"),
            ("[2001:db8::5]:443", "2001:db8::5"),
            ("[2001:db8::6]", "2001:db8::6"),
            (" 198.51.100.9 ", "198.51.100.9"),
        ] {
            assert_eq!(
                client_address(ip("10.0.0.2"), &headers(&[entry]), &trusted),
                ip(client),
                "{entry}"
            );
        }
    }

    #[test]
    fn a_forwarding_peer_that_is_not_trusted_is_reported_once() {
        let trusted = [ip("10.0.0.2")];
        let h = headers(&["198.51.100.7"]);
        // Not reported: no header, or a trusted peer.
        assert!(!report_untrusted_forwarder(
            ip("10.0.0.9"),
            &headers(&[]),
            &trusted
        ));
        assert!(!report_untrusted_forwarder(ip("10.0.0.2"), &h, &trusted));
        assert!(report_untrusted_forwarder(ip("10.0.0.9"), &h, &trusted));
        assert!(
            !report_untrusted_forwarder(ip("10.0.0.9"), &h, &trusted),
            "once"
        );
        assert!(
            !report_untrusted_forwarder(ip("10.0.0.8"), &h, &trusted),
            "once"
        );
    }
}
