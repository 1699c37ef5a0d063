//! Why a call of `/api/v1` failed, as the API answers it: an `ApiError` body in the
//! request's language with the status that says whose move it is (never a 500 for bad
//! input). Handlers return `Result<Json<T>, ApiFailure>` and `?` their way out.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use service::billing::BatchError;
use service::ServiceError;

use domain::billing::Problem;
use domain::{ContractNumber, Lang};

use super::error;
use super::messages::{texts, Texts};
use super::types::{ApiError, FieldProblem, ItemProblem};

/// A failed call: its cause, to be worded in `lang`.
pub(super) struct ApiFailure {
    lang: Lang,
    cause: Cause,
}

pub(super) enum Cause {
    Service(ServiceError),
    Batch(BatchError),
}

impl From<ServiceError> for Cause {
    fn from(e: ServiceError) -> Self {
        Cause::Service(e)
    }
}

impl From<BatchError> for Cause {
    fn from(e: BatchError) -> Self {
        Cause::Batch(e)
    }
}

impl ApiFailure {
    /// `.map_err(ApiFailure::in_lang(lang))?`: a service's or a batch's error, answered
    /// in the request's language.
    pub(super) fn in_lang<E: Into<Cause>>(lang: Lang) -> impl FnOnce(E) -> ApiFailure {
        move |e| ApiFailure {
            lang,
            cause: e.into(),
        }
    }
}

/// A contract number from a request's path, parsed once: text that cannot be a number is
/// a contract that does not exist (the same 404 as an unknown one).
pub(super) fn contract_number(lang: Lang, text: &str) -> Result<ContractNumber, ApiFailure> {
    ContractNumber::parse(text)
        .ok_or(ServiceError::NotFound)
        .map_err(ApiFailure::in_lang(lang))
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        match self.cause {
            Cause::Service(e) => service_error(self.lang, e),
            Cause::Batch(e) => batch_error(self.lang, e),
        }
    }
}

/// A service error as the API answers it, in the request's language (never a 500 for
/// bad input).
fn service_error(lang: Lang, e: ServiceError) -> Response {
    let texts = texts(lang);
    match e {
        ServiceError::Validation(fields) | ServiceError::Conflict(fields) => invalid(
            texts,
            fields
                .iter()
                .map(|(field, problem)| FieldProblem {
                    field: field.into(),
                    code: Some(problem.code().into()),
                    message: catalog::problems::problem(lang, problem),
                })
                .collect(),
        ),
        ServiceError::BillingInput(problems) => {
            // Well-formed input that collides with what is here (a login or billing id
            // another account holds, a kind the account does not have) is a conflict
            // with the state, not a malformed request.
            let conflict = problems.iter().all(|(_, p)| {
                matches!(
                    p,
                    Problem::LoginTaken | Problem::OtherAccount | Problem::KindChange
                )
            });
            let fields = problems
                .into_iter()
                .map(|(field, problem)| FieldProblem {
                    field: field.into(),
                    code: Some(problem.code().into()),
                    message: (texts.problem)(problem),
                })
                .collect();
            let mut response = invalid(texts, fields);
            if conflict {
                *response.status_mut() = StatusCode::CONFLICT;
            }
            response
        }
        ServiceError::NotFound => error(StatusCode::NOT_FOUND, "not_found", texts.not_found),
        ServiceError::Refused(refused) => (
            StatusCode::CONFLICT,
            Json(ApiError {
                error: "refused".into(),
                code: Some(refused.code().into()),
                message: catalog::refused::refused(lang, &refused),
                fields: Vec::new(),
                items: Vec::new(),
            }),
        )
            .into_response(),
        ServiceError::Busy { retry_after_secs } => {
            let mut response = error(StatusCode::SERVICE_UNAVAILABLE, "busy", texts.busy);
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, retry_after_secs.into());
            response
        }
        ServiceError::Unavailable(e) => {
            tracing::warn!("api: {e}");
            let mut response = error(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                texts.unavailable,
            );
            response.headers_mut().insert(
                header::RETRY_AFTER,
                crate::unavailable::RETRY_AFTER_SECS.into(),
            );
            response
        }
        other => {
            tracing::error!("api: {other}");
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                texts.internal,
            )
        }
    }
}

/// 422 `invalid` with the fields' problems.
fn invalid(texts: &Texts, fields: Vec<FieldProblem>) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(ApiError {
            error: "invalid".into(),
            code: None,
            message: texts.invalid.into(),
            fields,
            items: Vec::new(),
        }),
    )
        .into_response()
}

fn batch_error(lang: Lang, error: BatchError) -> Response {
    match error {
        BatchError::Items(items) => {
            item_problems(lang, StatusCode::UNPROCESSABLE_ENTITY, "invalid", items)
        }
        BatchError::Conflicts(items) => {
            item_problems(lang, StatusCode::CONFLICT, "conflict", items)
        }
        BatchError::Service(e) => service_error(lang, e),
    }
}

/// 422 `invalid` (the items' own problems) or 409 `conflict` (unknown accounts, references
/// another account holds), listing every item problem.
fn item_problems(
    lang: Lang,
    status: StatusCode,
    code: &str,
    items: Vec<domain::billing::ItemError>,
) -> Response {
    let texts = texts(lang);
    (
        status,
        Json(ApiError {
            error: code.into(),
            code: None,
            message: (texts.item_problems)(items.len()),
            fields: Vec::new(),
            items: items
                .into_iter()
                .map(|i| ItemProblem {
                    index: i.index,
                    reference: i.reference,
                    field: i.field,
                    code: i.problem.code().into(),
                    message: (texts.problem)(i.problem),
                })
                .collect(),
        }),
    )
        .into_response()
}
