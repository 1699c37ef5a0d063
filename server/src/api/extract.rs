//! The request extractors of `/api/v1`: axum's `Json` and `Query`, whose refusals are
//! the API's JSON error (`ApiError`) with a stable code instead of axum's plain text, so
//! a client parses every answer the same way and the OpenAPI document can describe it.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;

use super::{error, lang, messages::texts};

/// A JSON body; refused with 415 `unsupported_media_type` (no `application/json`),
/// 400 `malformed` (not JSON) or 422 `invalid` (JSON of the wrong shape).
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        let texts = texts(lang::of(req.extensions()));
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => {
                let (status, code, message) = match &rejection {
                    JsonRejection::MissingJsonContentType(_) => (
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        "unsupported_media_type",
                        texts.unsupported_media_type,
                    ),
                    JsonRejection::JsonDataError(_) => (
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "invalid",
                        texts.invalid_body,
                    ),
                    _ => (StatusCode::BAD_REQUEST, "malformed", texts.malformed),
                };
                Err(error(
                    status,
                    code,
                    with_detail(message, &rejection.body_text()),
                ))
            }
        }
    }
}

/// Query parameters; anything the operation does not take, or a value of the wrong type,
/// is refused with 400 `invalid`.
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    Query<T>: FromRequestParts<S, Rejection = QueryRejection>,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => Err(error(
                StatusCode::BAD_REQUEST,
                "invalid",
                with_detail(
                    texts(lang::of(&parts.extensions)).invalid_query,
                    &rejection.body_text(),
                ),
            )),
        }
    }
}

/// The sentence, then the parser's own words (English, naming the line, column or
/// field: what a developer needs to find the mistake).
fn with_detail(message: &str, detail: &str) -> String {
    format!("{message}: {detail}")
}
