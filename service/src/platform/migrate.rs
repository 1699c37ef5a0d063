//! Migrations from `migrations/*.sql`, one source for both databases.
//!
//! sqlx's `migrate!` embeds a folder per database; we keep a single schema instead and
//! substitute the one dialect difference (the auto-increment key) here, so the two
//! databases cannot drift apart.

use std::borrow::Cow;

use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};

use sqlx::AnyPool;

use crate::platform::dialect::Dialect;

/// (version, description, SQL with `{{ID}}` tokens), in order.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "schema",
        include_str!("../../../migrations/0001_schema.sql"),
    ),
    (
        2,
        "dual channel",
        include_str!("../../../migrations/0002_dual_channel.sql"),
    ),
    (
        3,
        "mailing regions",
        include_str!("../../../migrations/0003_mailing_regions.sql"),
    ),
    (
        4,
        "login attempts",
        include_str!("../../../migrations/0004_login_attempts.sql"),
    ),
    (
        5,
        "session started",
        include_str!("../../../migrations/0005_session_started.sql"),
    ),
    (
        6,
        "retention",
        include_str!("../../../migrations/0006_retention.sql"),
    ),
    (
        7,
        "sms sends",
        include_str!("../../../migrations/0007_sms_sends.sql"),
    ),
    (
        8,
        "api key scope",
        include_str!("../../../migrations/0008_api_key_scope.sql"),
    ),
    (
        9,
        "feed positions",
        include_str!("../../../migrations/0009_feed_positions.sql"),
    ),
    (
        10,
        "audit state tokens",
        include_str!("../../../migrations/0010_audit_state_tokens.sql"),
    ),
    (
        11,
        "sign-in hardening",
        include_str!("../../../migrations/0011_sign_in_hardening.sql"),
    ),
    (
        12,
        "signing evidence",
        include_str!("../../../migrations/0012_signing_evidence.sql"),
    ),
    (
        13,
        "verification seals",
        include_str!("../../../migrations/0013_verification_seals.sql"),
    ),
    (
        14,
        "document revisions",
        include_str!("../../../migrations/0014_document_revisions.sql"),
    ),
    (
        15,
        "expiry notices",
        include_str!("../../../migrations/0015_expiry_notices.sql"),
    ),
    (
        16,
        "signing reminders",
        include_str!("../../../migrations/0016_signing_reminders.sql"),
    ),
    (
        17,
        "expiry sms",
        include_str!("../../../migrations/0017_expiry_sms.sql"),
    ),
    (
        18,
        "number trigram",
        include_str!("../../../migrations/0018_number_trigram.sql"),
    ),
    (
        19,
        "filing renewal",
        include_str!("../../../migrations/0019_filing_renewal.sql"),
    ),
    (
        20,
        "contract exports",
        include_str!("../../../migrations/0020_contract_exports.sql"),
    ),
    (
        21,
        "account frameworks",
        include_str!("../../../migrations/0021_account_frameworks.sql"),
    ),
];

fn dialect_sql(sql: &str, dialect: Dialect) -> String {
    let id = match dialect {
        Dialect::Sqlite => "INTEGER PRIMARY KEY AUTOINCREMENT",
        Dialect::Postgres => "BIGSERIAL PRIMARY KEY",
    };
    // The writing transaction's id (`billing::sequence`); SQLite has no use for it.
    let xact_id = match dialect {
        Dialect::Sqlite => "0",
        Dialect::Postgres => "(pg_current_xact_id()::text::bigint)",
    };
    sql.replace("{{ID}}", id)
        .replace("{{XACT_ID}}", xact_id)
        .split("-- {{POSTGRES}}\n")
        .enumerate()
        .map(
            |(i, part)| match (i, part.split_once("-- {{/POSTGRES}}\n")) {
                // What lies between the markers is PostgreSQL's alone (an extension, an index
                // type SQLite lacks); SQLite runs the rest.
                (0, _) | (_, None) => part.to_string(),
                (_, Some((postgres, rest))) => match dialect {
                    Dialect::Postgres => format!("{postgres}{rest}"),
                    Dialect::Sqlite => rest.to_string(),
                },
            },
        )
        .collect()
}

#[derive(Debug)]
struct Embedded(Dialect);

impl<'s> MigrationSource<'s> for Embedded {
    fn resolve(
        self,
    ) -> futures_core::future::BoxFuture<'s, Result<Vec<Migration>, sqlx::error::BoxDynError>> {
        Box::pin(async move {
            Ok(MIGRATIONS
                .iter()
                .map(|(version, description, sql)| {
                    Migration::new(
                        *version,
                        Cow::Borrowed(*description),
                        MigrationType::Simple,
                        Cow::Owned(dialect_sql(sql, self.0)),
                        false,
                    )
                })
                .collect())
        })
    }
}

pub async fn run(pool: &AnyPool, dialect: Dialect) -> Result<(), sqlx::Error> {
    let migrator = Migrator::new(Embedded(dialect)).await?;
    migrator.run(pool).await?;
    Ok(())
}

/// The SQL of migration `version` for `dialect`, to re-run on rows written the old way
/// (tests of a data migration).
#[doc(hidden)]
pub fn sql_of(version: i64, dialect: Dialect) -> Option<String> {
    MIGRATIONS
        .iter()
        .find(|(v, _, _)| *v == version)
        .map(|(_, _, sql)| dialect_sql(sql, dialect))
}

/// Whether every migration this build knows is applied (a readiness check: an instance
/// of a newer build must not serve a database an older one migrated, nor the reverse).
pub async fn is_current(pool: &AnyPool) -> Result<bool, sqlx::Error> {
    let applied: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(pool)
            .await?;
    Ok(applied == MIGRATIONS.last().map(|(version, _, _)| *version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_only_steps_reach_postgresql_alone() {
        let postgres = sql_of(18, Dialect::Postgres).unwrap();
        assert!(postgres.contains("CREATE EXTENSION IF NOT EXISTS pg_trgm"));
        assert!(postgres.contains("gin_trgm_ops") && postgres.contains("SELECT 1"));
        let sqlite = sql_of(18, Dialect::Sqlite).unwrap();
        assert!(
            !sqlite.contains("CREATE EXTENSION") && !sqlite.contains("USING gin"),
            "{sqlite}"
        );
        assert!(sqlite.contains("SELECT 1"));
        for (version, _, sql) in MIGRATIONS {
            let (open, close) = ("-- {{POSTGRES}}\n", "-- {{/POSTGRES}}\n");
            assert_eq!(
                sql.matches(open).count(),
                sql.matches(close).count(),
                "{version}"
            );
        }
    }

    /// Migration 10 turns the label of every state of the table into its token.
    #[test]
    fn the_state_token_migration_covers_every_state() {
        let sql = sql_of(10, Dialect::Sqlite).unwrap();
        for row in domain::status::TABLE {
            let target = format!("', '{}')", row.state.token());
            assert_eq!(sql.matches(&target).count(), 1, "{target}");
        }
    }

    #[test]
    fn every_table_gets_the_dialects_key() {
        let sql = MIGRATIONS[0].2;
        assert!(sql.contains("{{ID}}"));
        for (_, _, sql) in MIGRATIONS {
            for dialect in [Dialect::Sqlite, Dialect::Postgres] {
                assert!(!dialect_sql(sql, dialect).contains("{{"));
            }
        }
    }
}
