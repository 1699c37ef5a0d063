use leptos::prelude::*;
use leptos::server_fn::codec::Postcard;

use crate::dto::SessionUser;
use crate::error::AppError;

/// The signed-in user, or None.
#[server(prefix = "/fn", endpoint = "whoami", output = Postcard)]
pub async fn whoami() -> Result<Option<SessionUser>, AppError> {
    use crate::ssr::current_account;
    Ok(current_account().await?.map(|a| SessionUser {
        display_name: a
            .subject_name
            .clone()
            .filter(|_| a.is_verified())
            .unwrap_or_else(|| a.login.clone()),
        verified: a.is_verified(),
        login: a.login,
        role: a.role,
        kind: a.kind,
    }))
}

#[server(prefix = "/fn", endpoint = "login", output = Postcard)]
pub async fn login(login: String, password: String) -> Result<domain::account::Role, AppError> {
    use crate::ssr::{client_ip, db, into_app, sign_in};

    let client = client_ip().await;
    let account = service::accounts::authenticate(
        &db()?,
        &login,
        &password,
        client.as_deref(),
        service::clock::now_ms(),
    )
    .await
    .map_err(into_app)?;
    sign_in(account.id).await?;
    Ok(account.role)
}

#[server(prefix = "/fn", endpoint = "register", output = Postcard)]
pub async fn register(
    login: String,
    password: String,
    password_confirm: String,
    kind: String,
) -> Result<(), AppError> {
    use crate::ssr::{client_ip, db, fail, into_app, sign_in};
    use domain::account::AccountKind;

    let kind = AccountKind::parse(&kind).ok_or_else(|| {
        let mut errors = domain::field_errors::FieldErrors::new();
        errors.add("kind", domain::Check::AccountKindRequired);
        fail(AppError::Validation(errors))
    })?;
    let account = service::accounts::register(
        &db()?,
        &login,
        &password,
        &password_confirm,
        kind,
        client_ip().await,
    )
    .await
    .map_err(into_app)?;
    sign_in(account.id).await?;
    Ok(())
}

#[server(prefix = "/fn", endpoint = "logout", output = Postcard)]
pub async fn logout() -> Result<(), AppError> {
    use crate::ssr::{fail, session};
    session()
        .await?
        .flush()
        .await
        .map_err(|_| fail(AppError::Internal))?;
    Ok(())
}
