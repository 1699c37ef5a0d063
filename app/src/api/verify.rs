use domain::verification::VerificationReport;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use leptos::server_fn::codec::Postcard;

use crate::error::AppError;

/// The report of one verification, by its token (public: no sign-in needed).
#[server(prefix = "/fn", endpoint = "verify/report", input = Json, output = Postcard)]
pub async fn get_verification(token: String) -> Result<VerificationReport, AppError> {
    use crate::ssr::state;
    let state = state()?;
    service::esign::verify::report(&state.ctx.db, &token, &state.provider.name)
        .await
        .map_err(AppError::from)
}
