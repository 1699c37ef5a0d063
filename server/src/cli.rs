//! The command line: `qianyue [COMMAND]`, parsed by clap so that `--help` works for the
//! program and every command. Settings that an operator keeps per deployment stay in the
//! environment (`config.rs`); the command line only says what to do.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "qianyue",
    version,
    about = "Qianyue (签约): the contract center of a cloud billing console.",
    long_about = "Qianyue (签约): the contract center of a cloud billing console.\n\n\
        Without a command it serves the web app. Settings come from the environment \
        (DATABASE_URL, QY_ADDR, QY_DATA_DIR, QY_DEMO, …; see the README)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand, PartialEq, Eq)]
pub enum Command {
    /// Serve the web app, the billing API and the background worker (the default).
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Load the demo accounts and contracts (only with QY_DEMO=1: they share a published
    /// password).
    SeedDemo,
    /// Create or revoke the billing system's API keys.
    #[command(subcommand)]
    ApiKey(ApiKeyCommand),
    /// Create an operator account.
    #[command(subcommand)]
    Operator(OperatorCommand),
    /// Manage an account.
    #[command(subcommand)]
    Account(AccountCommand),
    /// Write an online, consistent copy of the SQLite database to PATH (a new file). For
    /// PostgreSQL use pg_dump; see the README's "Backups".
    Backup {
        /// The file to create; it must not exist yet.
        path: PathBuf,
    },
}

#[derive(Debug, Subcommand, PartialEq, Eq)]
pub enum ApiKeyCommand {
    /// Print a new key (shown once; only its hash is stored).
    Create {
        /// What the key is for, shown in the operator console.
        name: String,
        /// The key may only read (GET and HEAD).
        #[arg(long)]
        read_only: bool,
        /// The key expires after this many days (1–3650); without it, it never expires.
        #[arg(long, value_name = "N")]
        days: Option<u32>,
    },
    /// Revoke a key by its id.
    Revoke { id: i64 },
}

#[derive(Debug, Subcommand, PartialEq, Eq)]
pub enum OperatorCommand {
    /// Create an operator; the password is asked for on a terminal or read as the first
    /// line of standard input (never an argument: shell history and `ps` would keep it).
    Create { login: String },
}

#[derive(Debug, Subcommand, PartialEq, Eq)]
pub enum AccountCommand {
    /// Set an account's password (read like `operator create`'s); its sessions end.
    SetPassword { login: String },
}

impl Cli {
    /// The command to run; serving when none is given.
    pub fn command(self) -> Command {
        self.command.unwrap_or(Command::Serve)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, clap::Error> {
        Cli::try_parse_from(std::iter::once("qianyue").chain(args.iter().copied()))
            .map(Cli::command)
    }

    #[test]
    fn no_command_serves() {
        assert_eq!(parse(&[]).unwrap(), Command::Serve);
    }

    #[test]
    fn help_is_an_answer_not_an_error_for_the_program_and_each_command() {
        for args in [
            &["--help"][..],
            &["serve", "--help"],
            &["api-key", "create", "--help"],
            &["operator", "--help"],
            &["backup", "--help"],
        ] {
            let error = parse(args).unwrap_err();
            assert_eq!(
                error.kind(),
                clap::error::ErrorKind::DisplayHelp,
                "{args:?}"
            );
            assert!(error.to_string().contains("Usage: qianyue"), "{args:?}");
        }
    }

    #[test]
    fn api_key_options_parse_and_unknown_ones_are_refused() {
        assert_eq!(
            parse(&[
                "api-key",
                "create",
                "reporting",
                "--read-only",
                "--days",
                "7"
            ])
            .unwrap(),
            Command::ApiKey(ApiKeyCommand::Create {
                name: "reporting".into(),
                read_only: true,
                days: Some(7),
            })
        );
        let error = parse(&["api-key", "create", "reporting", "--forever"]).unwrap_err();
        assert_eq!(error.kind(), clap::error::ErrorKind::UnknownArgument);
        let error = parse(&["operator", "create"]).unwrap_err();
        assert_eq!(
            error.kind(),
            clap::error::ErrorKind::MissingRequiredArgument
        );
    }

    #[test]
    fn backup_needs_a_path() {
        assert_eq!(
            parse(&["backup", "/tmp/copy.db"]).unwrap(),
            Command::Backup {
                path: "/tmp/copy.db".into()
            }
        );
        assert!(parse(&["backup"]).is_err());
    }
}
