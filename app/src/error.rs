//! The one error type of every server function. It crosses the network as JSON, so a
//! field-level validation error reaches the form that caused it intact.

use domain::field_errors::FieldErrors;
use domain::text as t;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Input failed validation: one message per field, shown next to the field.
    #[error("{}", t::ERR_VALIDATION)]
    Validation(FieldErrors),
    /// Not signed in (or the session expired).
    #[error("{}", t::ERR_UNAUTHENTICATED)]
    Unauthenticated,
    /// Login or password wrong (deliberately not saying which).
    #[error("{}", t::LOGIN_FAILED)]
    BadCredentials,
    /// Missing, or another account's (the two are indistinguishable on purpose).
    #[error("{}", t::ERR_NOT_FOUND)]
    NotFound,
    /// A business rule refused the request: which and why, typed (its message is
    /// derived where it is shown).
    #[error("{0}")]
    Refused(domain::Refused),
    /// Too many attempts; the message says when to retry.
    #[error("{0}")]
    Throttled(String),
    /// This client sent too many requests of this kind (the server's per-client rate
    /// limits); retry after the given seconds.
    #[error("{}", t::rate_limited(*retry_after_secs))]
    RateLimited { retry_after_secs: i64 },
    /// The server is at its limit for this kind of work (sign-ins); retry shortly.
    #[error("{}", t::ERR_BUSY)]
    Busy,
    /// Something broke on our side; details are in the server log, not here.
    #[error("{}", t::ERR_INTERNAL)]
    Internal,
    /// The request did not reach the server or its answer could not be read.
    #[error("{}：{}", t::ERR_NETWORK, .0)]
    Transport(String),
}

impl AppError {
    /// The field errors, if this is a validation error.
    pub fn fields(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Validation(errors) => Some(errors),
            _ => None,
        }
    }

    /// The HTTP status the server answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Validation(_) => 422,
            AppError::Unauthenticated | AppError::BadCredentials => 401,
            AppError::NotFound => 404,
            AppError::Refused(_) => 409,
            AppError::Throttled(_) | AppError::RateLimited { .. } => 429,
            AppError::Busy => 503,
            AppError::Internal => 500,
            AppError::Transport(_) => 400,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // On the server this means the request itself was malformed (arguments that do not
        // deserialize, a wrong content type): the client's fault, so 400, not 500.
        #[cfg(feature = "ssr")]
        if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            options.set_status(axum::http::StatusCode::BAD_REQUEST);
        }
        AppError::Transport(value.to_string())
    }
}
