//! The public verification endpoints: `POST /verify` takes the form of the /verify page
//! (multipart: contract number, a PDF or its SHA-256), checks the file's hash and its
//! embedded signature, records the check and redirects to its result page; `GET
//! /verify/ca.pem` serves the provider's CA certificate so readers can trust signatures.
//! Works without JavaScript: a plain form post and a redirect.

use std::sync::Arc;

use axum::extract::multipart::Field;
use axum::extract::{Multipart, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::verification::{SignatureVerdict, MAX_UPLOAD_BYTES};
use pdf::{SignatureCheck, SigningIdentity};
use service::esign::verify::{is_sha256_hex, record, SealLevel, SealReport};
use service::Db;
use sha2::{Digest, Sha256};

/// The request body limit: the largest file plus room for the form's other fields and
/// the multipart framing. A larger body is cut off as it arrives, never buffered.
pub const MAX_BODY: usize = MAX_UPLOAD_BYTES + 64 * 1024;

#[derive(Clone)]
pub struct VerifyState {
    pub db: Db,
    pub identity: Arc<SigningIdentity>,
}

fn back(number: &str, error: &str) -> Response {
    let number: String = number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(40)
        .collect();
    Redirect::to(&format!("/verify?number={number}&error={error}")).into_response()
}

fn signature_verdict(check: SignatureCheck) -> SignatureVerdict {
    match check {
        SignatureCheck::Valid => SignatureVerdict::Valid,
        SignatureCheck::Altered => SignatureVerdict::Altered,
        SignatureCheck::NotSigned => SignatureVerdict::NotSigned,
        SignatureCheck::WrongSigner => SignatureVerdict::WrongSigner,
        SignatureCheck::Malformed => SignatureVerdict::Malformed,
    }
}

fn seal_report(summary: pdf::SealSummary) -> SealReport {
    SealReport {
        level: match summary.level {
            pdf::Level::BB => SealLevel::BB,
            pdf::Level::BT => SealLevel::BT,
            pdf::Level::BLT => SealLevel::BLT,
            pdf::Level::BLTA => SealLevel::BLTA,
        },
        trusted_time: summary.timestamp.as_ref().map(|t| t.time_ms),
        tsa: summary.timestamp.map(|t| t.tsa_name),
    }
}

/// An uploaded file, hashed as it arrived.
struct Upload {
    bytes: Vec<u8>,
    sha256: String,
}

/// Why an upload was not read.
enum UploadError {
    TooLarge,
    Broken,
}

impl UploadError {
    fn token(&self) -> &'static str {
        match self {
            Self::TooLarge => "too_large",
            Self::Broken => "document",
        }
    }
}

/// Reads the file field chunk by chunk, hashing as it goes, and stops as soon as it
/// passes [`MAX_UPLOAD_BYTES`]: one copy in memory at most, never more than the limit.
async fn read_upload(mut field: Field<'_>) -> Result<Option<Upload>, UploadError> {
    let mut hasher = Sha256::new();
    let mut bytes = Vec::new();
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => {
                if bytes.len() + chunk.len() > MAX_UPLOAD_BYTES {
                    return Err(UploadError::TooLarge);
                }
                hasher.update(&chunk);
                bytes.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(UploadError::TooLarge)
            }
            Err(_) => return Err(UploadError::Broken),
        }
    }
    if bytes.is_empty() {
        return Ok(None);
    }
    let sha256 = service::platform::storage::hex(&hasher.finalize());
    Ok(Some(Upload { bytes, sha256 }))
}

pub async fn check(State(state): State<VerifyState>, mut form: Multipart) -> Response {
    let (mut number, mut sha256, mut file) = (String::new(), String::new(), None::<Upload>);
    loop {
        match form.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("number") => {
                    number = field.text().await.unwrap_or_default().trim().to_string()
                }
                Some("sha256") => {
                    sha256 = field
                        .text()
                        .await
                        .unwrap_or_default()
                        .trim()
                        .to_ascii_lowercase()
                }
                Some("file") => match read_upload(field).await {
                    Ok(upload) => file = upload,
                    Err(e) => return back(&number, e.token()),
                },
                _ => {}
            },
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return back(&number, UploadError::TooLarge.token())
            }
            Err(_) => return back(&number, UploadError::Broken.token()),
        }
    }
    if number.is_empty() || number.chars().count() > 40 {
        return back(&number, "number");
    }
    let (digest, signature, seal) = match file {
        Some(Upload { bytes, sha256 }) => {
            let identity = state.identity.clone();
            // Signature checking parses the whole file: keep it off the async threads.
            let checked = tokio::task::spawn_blocking(move || {
                let check = pdf::verify_signature(&bytes, &identity);
                // The evidence of a valid signature only: a changed file's is no one's.
                let seal = (check == SignatureCheck::Valid)
                    .then(|| pdf::seal_summary(&bytes))
                    .flatten()
                    .map(seal_report);
                (signature_verdict(check), seal)
            })
            .await;
            match checked {
                Ok((signature, seal)) => (sha256, Some(signature), seal),
                Err(_) => return back(&number, "document"),
            }
        }
        None if is_sha256_hex(&sha256) => (sha256, None, None),
        None if sha256.is_empty() => return back(&number, "document"),
        None => return back(&number, "sha"),
    };
    let token = format!("{:032x}", rand::random::<u128>());
    match record(
        &state.db,
        &token,
        &number,
        &digest,
        signature,
        seal.as_ref(),
    )
    .await
    {
        Ok(()) => Redirect::to(&format!("/verify/result/{token}")).into_response(),
        Err(e) => {
            tracing::error!("verification not recorded: {e}");
            back(&number, "document")
        }
    }
}

pub async fn ca_certificate(State(state): State<VerifyState>) -> Response {
    let mut response = state.identity.ca_certificate_pem().into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-pem-file"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"qianyue-provider-ca.pem\""),
    );
    response
}
