use leptos::prelude::*;
use leptos::server_fn::codec::Postcard;

use crate::dto::AccountView;
use crate::error::AppError;

#[server(prefix = "/fn", endpoint = "account", output = Postcard)]
pub async fn get_account() -> Result<AccountView, AppError> {
    use crate::ssr::{require_account, state};
    let account = require_account().await?;
    Ok(AccountView {
        login: account.login,
        kind: account.kind,
        realname: account.realname,
        subject_name: account.subject_name,
        id_number_masked: account.id_number_masked,
        demo_verification: state()?.demo,
    })
}

/// Demo-mode real-name verification (refused unless the server runs in demo mode).
#[server(prefix = "/fn", endpoint = "account/verify", output = Postcard)]
pub async fn verify_realname(subject_name: String, id_number: String) -> Result<(), AppError> {
    use crate::ssr::{client_addr, fail, require_account, state};
    use service::platform::audit::Actor;

    let account = require_account().await?;
    let state = state()?;
    if !state.demo {
        return Err(fail(AppError::Refused(
            domain::Refused::DemoVerificationOff,
        )));
    }
    let actor = Actor::customer(account.id, client_addr());
    service::identity::accounts::verify_realname_demo(
        &state.ctx.db,
        account.id,
        &subject_name,
        &id_number,
        &actor,
    )
    .await?;
    Ok(())
}

/// The signed-in user's own password: the current one, then the new one twice. Every
/// other session of the account ends; this one continues under a new id.
#[server(prefix = "/fn", endpoint = "account/password", output = Postcard)]
pub async fn change_password(
    current_password: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    use crate::ssr::{client_addr, db, require_account, sign_in};
    use service::platform::audit::Actor;

    let account = require_account().await?;
    let ip = client_addr();
    let actor = match account.role {
        domain::account::Role::Operator => Actor::operator(account.id, ip),
        domain::account::Role::Customer => Actor::customer(account.id, ip),
    };
    service::identity::account_admin::change_password(
        &db()?,
        account.id,
        &current_password,
        &password,
        &password_confirm,
        &actor,
    )
    .await?;
    sign_in(account.id).await
}
