//! The one error type of every server function. It crosses the network typed (postcard,
//! like every answer: `crate::resource`), so a field-level validation error reaches the
//! form that caused it intact.

use crate::i18n::console::ZH_CN as ZH;
use domain::field_errors::FieldErrors;
use leptos::server_fn::codec::PostcardEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Input failed validation: one message per field, shown next to the field.
    #[error("{}", ZH.err_validation)]
    Validation(FieldErrors),
    /// Not signed in (or the session expired).
    #[error("{}", ZH.err_unauthenticated)]
    Unauthenticated,
    /// Login or password wrong (deliberately not saying which).
    #[error("{}", ZH.login_failed)]
    BadCredentials,
    /// Missing, or another account's (the two are indistinguishable on purpose).
    #[error("{}", ZH.err_not_found)]
    NotFound,
    /// A business rule refused the request: which and why, typed (its message is
    /// derived where it is shown).
    #[error("{0}")]
    Refused(domain::Refused),
    /// Too many failed sign-ins; retry after this many minutes.
    #[error("{}", (ZH.login_throttled)(*minutes))]
    LoginThrottled { minutes: i64 },
    /// This client sent too many requests of this kind (the server's per-client rate
    /// limits); retry after the given seconds.
    #[error("{}", (ZH.rate_limited)(*retry_after_secs))]
    RateLimited { retry_after_secs: i64 },
    /// The server is at its limit for this kind of work (sign-ins); retry shortly.
    #[error("{}", ZH.err_busy)]
    Busy,
    /// Something broke on our side; details are in the server log, not here.
    #[error("{}", ZH.err_internal)]
    Internal,
    /// The request did not reach the server or its answer could not be read.
    #[error("{}：{}", ZH.err_network, .0)]
    Transport(String),
    /// The database or the document store did not answer in time (an outage, a
    /// restart): nothing was done; the same request may be sent again shortly. (Last:
    /// answers are postcard, where a variant is its position, and a page loaded before an
    /// upgrade still reads the ones it knows.)
    #[error("{}", ZH.err_unavailable)]
    Unavailable,
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
            AppError::LoginThrottled { .. } | AppError::RateLimited { .. } => 429,
            AppError::Busy | AppError::Unavailable => 503,
            AppError::Internal => 500,
            AppError::Transport(_) => 400,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = PostcardEncoding;

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
