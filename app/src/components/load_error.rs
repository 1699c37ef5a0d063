//! What a page shows where its data did not load.

use leptos::prelude::*;

use crate::components::not_found::NotFoundCard;
use crate::error::AppError;
use crate::i18n::console_text;

/// The error in an alert, worded as the server worded it.
pub fn error_alert(err: AppError) -> AnyView {
    view! { <div class="alert alert-error">{console_text().error(&err)}</div> }.into_any()
}

/// `NotFound` as the not-found card with `message` (a 404 while server rendering);
/// anything else as [`error_alert`].
pub fn not_found_or_error(err: AppError, message: &'static str) -> AnyView {
    match err {
        AppError::NotFound => view! { <NotFoundCard message/> }.into_any(),
        err => error_alert(err),
    }
}
