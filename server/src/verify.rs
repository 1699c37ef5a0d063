//! The public verification endpoints: `POST /verify` takes the form of the /verify page
//! (multipart: contract number, a PDF or its SHA-256), checks the file's hash and its
//! embedded signature, records the check and redirects to its result page; `GET
//! /verify/ca.pem` serves the provider's CA certificate so readers can trust signatures.
//! Works without JavaScript: a plain form post and a redirect.

use std::sync::Arc;

use axum::extract::{Multipart, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use pdf::{SignatureCheck, SigningIdentity};
use service::verify::{is_sha256_hex, record};
use service::Db;

/// Largest upload accepted (a contract with a long item table is well under 1 MB).
pub const MAX_UPLOAD: usize = 20 * 1024 * 1024;

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

pub async fn check(State(state): State<VerifyState>, mut form: Multipart) -> Response {
    let (mut number, mut sha256, mut file) = (String::new(), String::new(), None::<Vec<u8>>);
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
                Some("file") => match field.bytes().await {
                    Ok(bytes) if !bytes.is_empty() => file = Some(bytes.to_vec()),
                    Ok(_) => {}
                    Err(_) => return back(&number, "too_large"),
                },
                _ => {}
            },
            Ok(None) => break,
            Err(_) => return back(&number, "too_large"),
        }
    }
    if number.is_empty() || number.chars().count() > 40 {
        return back(&number, "number");
    }
    let (digest, signature) = match file {
        Some(bytes) => {
            let identity = state.identity.clone();
            // Signature checking parses the whole file: keep it off the async threads.
            let checked = tokio::task::spawn_blocking(move || {
                (
                    pdf::sha256_hex(&bytes),
                    signature_token(pdf::verify_signature(&bytes, &identity)),
                )
            })
            .await;
            match checked {
                Ok((digest, signature)) => (digest, Some(signature)),
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
