//! Time-stamps and revocation data over HTTP for the seals of formal documents (issue 30):
//! RFC 3161 requests to the configured TSAs in order (`QY_TSA_URLS`, the next one when
//! one fails), RFC 6960 requests to the responder each certificate names (AIA), and the
//! issuer's CRL (RFC 5280, its distribution point) where a certificate names no
//! responder or its responder does not answer. Every
//! attempt is bounded (`QY_TSA_TIMEOUT_SECS`) and every answer is checked before it is
//! handed on to be kept: a token for this imprint and nonce from a time-stamping
//! authority, a status about this certificate signed for its issuer.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::Request;
use service::esign::sealing::{Need, TrustError, TrustService, TrustServices};

use crate::certificates::CertificateWatch;
use crate::webhook_client::{error_chain, http_client, HttpClient};

/// The largest answer read: a token with an RSA-4096 chain is about 6 KB, an OCSP
/// response with a delegated responder's certificate about 3 KB.
const MAX_ANSWER: usize = 64 * 1024;
/// The largest CRL read: a list grows with its CA's revocations; a public CA's runs to
/// hundreds of KB, and each document carries the one it was checked against.
const MAX_CRL: usize = 4 * 1024 * 1024;

pub struct HttpTrustServices {
    client: HttpClient,
    tsa_urls: Vec<String>,
    timeout: Duration,
    /// Told the expiry of the certificate of each TSA that answers.
    certificates: CertificateWatch,
    /// The provider's event CA: it issues the customer's event certificates and
    /// answers for them in-process (it has just issued them, and knows of no
    /// revocation in the minutes a signing takes).
    event_ca: Option<Arc<pdf::LocalAuthority>>,
}

impl HttpTrustServices {
    /// Asks the TSAs at `tsa_urls` in order; waits at most `timeout` per attempt.
    pub fn new(
        tsa_urls: Vec<String>,
        timeout: Duration,
        certificates: CertificateWatch,
        event_ca: Option<Arc<pdf::LocalAuthority>>,
    ) -> Result<Self, String> {
        Ok(Self {
            client: http_client(None)?,
            tsa_urls,
            timeout,
            certificates,
            event_ca,
        })
    }

    /// A fresh event certificate for the customer's signature, with its key.
    fn event_certificate(
        &self,
        verified_name: &str,
        contract_number: &str,
    ) -> Result<Vec<u8>, TrustError> {
        let failed = |detail: String| TrustError {
            service: TrustService::EventCa,
            detail,
        };
        let authority = self.event_ca.as_ref().ok_or_else(|| {
            failed("no event CA configured (QY_EVENT_CA_CERT, QY_EVENT_CA_KEY)".into())
        })?;
        authority
            // Time-stamped within minutes from now.
            .issue_event(
                verified_name,
                contract_number,
                service::platform::clock::wall_clock_ms(),
            )
            .and_then(|identity| identity.to_pem_bundle())
            .map(String::into_bytes)
            .map_err(|e| failed(e.to_string()))
    }

    /// POSTs `body` as `content_type` to `url`; the answer's bytes if it is a 200 of the
    /// `expected` type within the timeout and size.
    async fn post(
        &self,
        url: &str,
        content_type: &str,
        expected: &str,
        body: Vec<u8>,
    ) -> Result<Vec<u8>, String> {
        let request = Request::post(url)
            .header("content-type", content_type)
            .header("user-agent", "qianyue-signing/1")
            .body(Full::new(Bytes::from(body)))
            .map_err(|e| e.to_string())?;
        self.send(request, Some(expected), MAX_ANSWER).await
    }

    /// GETs the CRL published at `url`: its bytes if it is a 200 within the timeout and
    /// size (CRLs are served as `application/pkix-crl` or as plain bytes: what they are
    /// is checked when they are read).
    async fn get_crl(&self, url: &str) -> Result<Vec<u8>, String> {
        let request = Request::get(url)
            .header("user-agent", "qianyue-signing/1")
            .body(Full::new(Bytes::new()))
            .map_err(|e| e.to_string())?;
        self.send(request, None, MAX_CRL).await
    }

    /// Sends `request`; the answer's bytes if it is a 200 (of the `expected` type, if
    /// one is), of at most `limit` bytes, within the timeout.
    async fn send(
        &self,
        request: Request<Full<Bytes>>,
        expected: Option<&str>,
        limit: usize,
    ) -> Result<Vec<u8>, String> {
        let exchange = async {
            let response = self
                .client
                .request(request)
                .await
                .map_err(|e| error_chain(&e))?;
            let status = response.status();
            let kind = response
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_ascii_lowercase();
            if !status.is_success() {
                return Err(format!("HTTP {}", status.as_u16()));
            }
            if let Some(expected) = expected.filter(|e| !kind.starts_with(e)) {
                return Err(format!("answered {kind:?}, not {expected}"));
            }
            let body = Limited::new(response.into_body(), limit)
                .collect()
                .await
                .map_err(|e| format!("reading the answer: {e}"))?;
            Ok(body.to_bytes().to_vec())
        };
        tokio::time::timeout(self.timeout, exchange)
            .await
            .map_err(|_| format!("no answer within {} s", self.timeout.as_secs()))?
    }

    async fn timestamp(&self, imprint: &[u8; 32]) -> Result<Vec<u8>, TrustError> {
        let mut problems = Vec::new();
        for url in &self.tsa_urls {
            let nonce: [u8; 8] = rand::random();
            let attempt = async {
                let query = pdf::tsp::request(imprint, &nonce).map_err(|e| e.to_string())?;
                let reply = self
                    .post(
                        url,
                        "application/timestamp-query",
                        "application/timestamp-reply",
                        query,
                    )
                    .await?;
                let stamp =
                    pdf::tsp::accept(&reply, imprint, Some(&nonce)).map_err(|e| e.to_string())?;
                self.certificates.saw_tsa(stamp.tsa_not_after_ms);
                Ok::<_, String>(stamp.token)
            };
            match attempt.await {
                Ok(token) => return Ok(token),
                Err(problem) => {
                    tracing::warn!(tsa = %url, "time-stamp refused or unavailable: {problem}");
                    problems.push(format!("{url}: {problem}"));
                }
            }
        }
        Err(TrustError {
            service: TrustService::Tsa,
            detail: if problems.is_empty() {
                "no TSA configured (QY_TSA_URLS)".into()
            } else {
                problems.join("; ")
            },
        })
    }

    async fn revocation(&self, certificate: &[u8], issuer: &[u8]) -> Result<Vec<u8>, TrustError> {
        let failed = |detail: String| TrustError {
            service: TrustService::Ocsp,
            detail,
        };
        if let Some(authority) = self
            .event_ca
            .as_ref()
            .filter(|a| a.answers_for(certificate, issuer))
        {
            return authority
                .ocsp_good(certificate, service::platform::clock::wall_clock_ms())
                .map_err(|e| failed(format!("event CA: {e}")));
        }
        // The responder the certificate names; where it names none, or it does not
        // answer, the issuer's CRL.
        let ocsp_problem = match pdf::ocsp::responder_url(certificate) {
            Some(url) => match self.ocsp(&url, certificate, issuer).await {
                Ok(response) => return Ok(response),
                Err(problem) => format!("{url}: {problem}"),
            },
            None => "the certificate names no OCSP responder".to_string(),
        };
        let Some(url) = pdf::crl::distribution_point(certificate) else {
            return Err(failed(format!("{ocsp_problem}; and no CRL")));
        };
        match self.crl(&url, certificate, issuer).await {
            Ok(crl) => {
                tracing::warn!(crl = %url, "revocation status from the CRL: {ocsp_problem}");
                Ok(crl)
            }
            Err(problem) => Err(failed(format!("{ocsp_problem}; CRL {url}: {problem}"))),
        }
    }

    /// The status from the OCSP responder at `url`, checked.
    async fn ocsp(&self, url: &str, certificate: &[u8], issuer: &[u8]) -> Result<Vec<u8>, String> {
        let query = pdf::ocsp::request(certificate, issuer).map_err(|e| e.to_string())?;
        let response = self
            .post(
                url,
                "application/ocsp-request",
                "application/ocsp-response",
                query,
            )
            .await?;
        // Good or revoked, it is kept: the seal decides what a revocation means.
        pdf::ocsp::check(&response, certificate, issuer).map_err(|e| e.to_string())?;
        Ok(response)
    }

    /// The issuer's CRL published at `url`, checked: the issuer's, and current (a list
    /// past its next update, or naming none, is not).
    async fn crl(&self, url: &str, certificate: &[u8], issuer: &[u8]) -> Result<Vec<u8>, String> {
        let crl = self.get_crl(url).await?;
        let answer = pdf::crl::check(&crl, certificate, issuer).map_err(|e| e.to_string())?;
        // A list that does not say when the next one is due cannot be judged current.
        match answer.next_update_ms {
            Some(next) if next >= service::platform::clock::wall_clock_ms() => Ok(crl),
            Some(_) => Err("the CRL is past its next update".into()),
            None => Err("the CRL names no next update".into()),
        }
    }
}

#[async_trait::async_trait]
impl TrustServices for HttpTrustServices {
    async fn fetch(&self, need: &Need) -> Result<Vec<u8>, TrustError> {
        match need {
            Need::Timestamp { imprint } => self.timestamp(imprint).await,
            Need::Revocation {
                certificate,
                issuer,
            } => self.revocation(certificate, issuer).await,
            Need::EventCertificate {
                verified_name,
                contract_number,
            } => self.event_certificate(verified_name, contract_number),
        }
    }
}
