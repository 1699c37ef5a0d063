//! The webhook transport: one HTTP/1.1 POST per delivery through hyper's client (already
//! in the tree under axum), with a timeout so a hanging receiver cannot stall delivery.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::Request;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use service::webhooks::{WebhookTransport, SIGNATURE_HEADER};

pub struct HyperTransport {
    client: Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>,
}

impl Default for HyperTransport {
    fn default() -> Self {
        Self {
            client: Client::builder(TokioExecutor::new()).build_http(),
        }
    }
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
        let response = tokio::time::timeout(Duration::from_secs(10), self.client.request(request))
            .await
            .map_err(|_| "timed out after 10 s".to_string())?
            .map_err(|e| e.to_string())?;
        Ok(response.status().as_u16())
    }
}
