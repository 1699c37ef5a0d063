//! Who is asking: the client's address, for rate limits and audit events. The socket's
//! peer, unless that peer is one of our own reverse proxies (`QY_TRUSTED_PROXIES`): then
//! the rightmost `X-Forwarded-For` entry that is not one of them. Entries further left
//! were written by the client and prove nothing, so they are never believed.

use std::net::{IpAddr, SocketAddr};
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
    if !trusted.contains(&peer) {
        return peer;
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    forwarded
        .iter()
        .rev()
        .map_while(|entry| entry.parse::<IpAddr>().ok())
        .find(|ip| !trusted.contains(ip))
        .unwrap_or(peer)
}

pub async fn record(
    State(trusted): State<Arc<Vec<IpAddr>>>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    if let Some(ConnectInfo(peer)) = req.extensions().get::<ConnectInfo<SocketAddr>>().cloned() {
        let client = client_address(peer.ip(), req.headers(), &trusted);
        req.extensions_mut().insert(ClientAddr(client));
        req.extensions_mut().insert(ClientIp(client.to_string()));
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
}
