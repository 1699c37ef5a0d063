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
use domain::verification::MAX_UPLOAD_BYTES;
use pdf::{SignatureCheck, SigningIdentity};
use service::verify::{is_sha256_hex, record};
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

fn signature_token(check: SignatureCheck) -> &'static str {
    match check {
        SignatureCheck::Valid => "valid",
        SignatureCheck::Altered => "altered",
        SignatureCheck::NotSigned => "not_signed",
        SignatureCheck::WrongSigner => "wrong_signer",
        SignatureCheck::Malformed => "malformed",
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
    let sha256 = service::storage::hex(&hasher.finalize());
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
    let (digest, signature) = match file {
        Some(Upload { bytes, sha256 }) => {
            let identity = state.identity.clone();
            // Signature checking parses the whole file: keep it off the async threads.
            let checked = tokio::task::spawn_blocking(move || {
                signature_token(pdf::verify_signature(&bytes, &identity))
            })
            .await;
            match checked {
                Ok(signature) => (sha256, Some(signature)),
                Err(_) => return back(&number, "document"),
            }
        }
        None if is_sha256_hex(&sha256) => (sha256, None),
        None if sha256.is_empty() => return back(&number, "document"),
        None => return back(&number, "sha"),
    };
    let token = format!("{:032x}", rand::random::<u128>());
    match record(&state.db, &token, &number, &digest, signature).await {
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
