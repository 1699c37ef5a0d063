//! Which database a `Db` speaks to: the few places where SQLite and PostgreSQL differ
//! (migrations, locking, upserts) ask this.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}
