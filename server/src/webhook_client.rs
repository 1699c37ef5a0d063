//! The webhook transport: one HTTP/1.1 POST per delivery through hyper's client (already
//! in the tree under axum), over TLS with the receiver's certificate checked (rustls,
//! the public roots plus any CA the operator names for a private receiver), with a
//! timeout so a hanging receiver cannot stall delivery. Plain `http://` reaches only what
//! the configuration allowed (`config::WebhookSetting`).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::Request;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use service::billing::webhooks::{WebhookTransport, SIGNATURE_HEADER};

/// How long one delivery may take, connection and TLS included.
const TIMEOUT: Duration = Duration::from_secs(10);

pub struct HyperTransport {
    client: HttpClient,
}

/// An HTTP/1.1 client trusting the public roots and, when given, the PEM certificates in
/// `extra_roots` (also used for TSAs and OCSP responders).
pub(crate) type HttpClient = Client<HttpsConnector<HttpConnector>, Full<Bytes>>;

pub(crate) fn http_client(extra_roots: Option<&Path>) -> Result<HttpClient, String> {
    let mut roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    if let Some(path) = extra_roots {
        let shown = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
        let certificates = CertificateDer::pem_file_iter(path)
            .map_err(|e| shown(&e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| shown(&e))?;
        if certificates.is_empty() {
            return Err(shown(&"no PEM certificate in the file"));
        }
        for certificate in certificates {
            roots.add(certificate).map_err(|e| shown(&e))?;
        }
    }
    let tls = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| e.to_string())?
    .with_root_certificates(roots)
    .with_no_client_auth();
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        // Plain HTTP only where the configuration allowed it (loopback, or opted in).
        .https_or_http()
        .enable_http1()
        .build();
    Ok(Client::builder(TokioExecutor::new()).build(connector))
}

impl HyperTransport {
    /// A transport trusting the public roots and, when given, the PEM certificates in
    /// `extra_roots`.
    pub fn new(extra_roots: Option<&Path>) -> Result<Self, String> {
        Ok(Self {
            client: http_client(extra_roots)?,
        })
    }
}

/// The error of a request with its causes (a TLS failure's reason is the useful part).
pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(inner) = source {
        text = format!("{text}: {inner}");
        source = inner.source();
    }
    text
}

#[async_trait::async_trait]
impl WebhookTransport for HyperTransport {
    async fn post(&self, url: &str, body: Vec<u8>, signature: String) -> Result<u16, String> {
        let request = Request::post(url)
            .header("content-type", "application/json")
            .header(SIGNATURE_HEADER, signature)
            .header("user-agent", "qianyue-webhooks/1")
            .body(Full::new(Bytes::from(body)))
            .map_err(|e| e.to_string())?;
        let response = tokio::time::timeout(TIMEOUT, self.client.request(request))
            .await
            .map_err(|_| format!("timed out after {} s", TIMEOUT.as_secs()))?
            .map_err(|e| error_chain(&e))?;
        Ok(response.status().as_u16())
    }
}
