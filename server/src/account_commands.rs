//! `qianyue operator create LOGIN` and `qianyue account set-password LOGIN`: the ways to
//! make a real operator and to reset a password. The password never goes on the command
//! line (shell history, `ps`): it is asked for twice, unechoed, on a terminal, or read as
//! the first line of standard input when that is a pipe.

use std::io::{BufRead, IsTerminal};

use service::{Db, ServiceError};

pub async fn create_operator(db: &Db, login: &str) -> Result<(), String> {
    let password = read_password()?;
    let account = service::identity::account_admin::create_operator(db, login, &password)
        .await
        .map_err(explain)?;
    eprintln!("operator {} created (id {})", account.login, account.id);
    Ok(())
}

pub async fn set_password(db: &Db, login: &str) -> Result<(), String> {
    let password = read_password()?;
    service::identity::account_admin::set_password(db, login, &password)
        .await
        .map_err(explain)?;
    eprintln!("password of {login} set; its sessions have ended");
    Ok(())
}

fn read_password() -> Result<String, String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("password: ").map_err(|e| e.to_string())?;
        let again = rpassword::prompt_password("again: ").map_err(|e| e.to_string())?;
        if first != again {
            return Err("the two passwords differ".into());
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("reading the password from stdin: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// The field errors as the person at the terminal needs them.
fn explain(error: ServiceError) -> String {
    match error {
        ServiceError::Validation(errors) | ServiceError::Conflict(errors) => errors
            .iter()
            .map(|(field, message)| format!("{field}: {message}"))
            .collect::<Vec<_>>()
            .join("; "),
        ServiceError::NotFound => "no such account".into(),
        other => other.to_string(),
    }
}
