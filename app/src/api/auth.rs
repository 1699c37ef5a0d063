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

/// Signs in. A browser that signed in to this login before carries a device cookie for
/// it and is limited on its own (`service::identity::throttle`), so strangers guessing from many
/// addresses cannot lock its owner out; a successful sign-in renews the cookie.
#[server(prefix = "/fn", endpoint = "login", output = Postcard)]
pub async fn login(login: String, password: String) -> Result<domain::account::Role, AppError> {
    use crate::ssr::{client_addr, device_cookie, set_device_cookie, sign_in, state};
    use service::identity::accounts::DemoAccounts;
    use service::identity::throttle::Caller;

    let state = state()?;
    let cookie = device_cookie();
    let device = domain::account::normalize_login(&login)
        .ok()
        .zip(cookie.as_deref())
        .and_then(|(login, cookie)| state.devices.recognise(&login, cookie));
    let caller = device.map_or_else(|| Caller::Stranger(client_addr()), Caller::Device);
    let demo = if state.demo {
        DemoAccounts::Allowed
    } else {
        DemoAccounts::Refused
    };
    let account = service::identity::accounts::authenticate(
        &state.ctx.db,
        &login,
        &password,
        &caller,
        demo,
        state.ctx.now(),
    )
    .await?;
    sign_in(account.id).await?;
    set_device_cookie(&state.devices.renew(&account.login, cookie.as_deref()));
    Ok(account.role)
}

#[server(prefix = "/fn", endpoint = "register", output = Postcard)]
pub async fn register(
    login: String,
    password: String,
    password_confirm: String,
    kind: String,
) -> Result<(), AppError> {
    use crate::ssr::{client_addr, db, device_cookie, fail, set_device_cookie, sign_in};
    use domain::account::AccountKind;

    let kind = AccountKind::parse(&kind).ok_or_else(|| {
        let mut errors = domain::field_errors::FieldErrors::new();
        errors.add("kind", domain::Check::AccountKindRequired);
        fail(AppError::Validation(errors))
    })?;
    let account = service::identity::accounts::register(
        &db()?,
        &login,
        &password,
        &password_confirm,
        kind,
        client_addr(),
    )
    .await?;
    sign_in(account.id).await?;
    let devices = crate::ssr::state()?.devices;
    set_device_cookie(&devices.renew(&account.login, device_cookie().as_deref()));
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
