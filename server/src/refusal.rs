//! Answers the server gives before a request reaches its handler (a rate limit, a bound
//! on uploads, an unreachable database), in the form the caller reads: a server
//! function's caller decodes the app's typed error from any 4xx/5xx answer in the
//! encoding of `AppError` (postcard), so it shows the error's own words instead of
//! "could not read the answer".

use app::error::AppError;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use leptos::server_fn::error::FromServerFnError;

/// Server functions are served under this prefix (`#[server(prefix = "/fn")]`).
pub const SERVER_FN_PREFIX: &str = "/fn/";

pub fn is_server_fn(path: &str) -> bool {
    path.starts_with(SERVER_FN_PREFIX)
}

/// `error` as a server function answers it: its status, its encoded self.
pub fn server_fn_error(error: &AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    (
        status,
        [(header::CONTENT_TYPE, "application/octet-stream")],
        error.ser(),
    )
        .into_response()
}
