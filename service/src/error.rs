//! The typed outcome of a use case that did not succeed. The app maps each variant to a
//! message the user can act on and an HTTP status (never 500 for user input).

use domain::field_errors::FieldErrors;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Input failed validation; one message per field.
    #[error("invalid input")]
    Validation(FieldErrors),
    /// Login or password wrong (deliberately not saying which).
    #[error("bad credentials")]
    BadCredentials,
    /// Too many failed logins; try again after this many seconds.
    #[error("throttled for {retry_after_secs}s")]
    Throttled { retry_after_secs: i64 },
    /// Too much of this kind of work is already running (password hashes); the caller
    /// may try again after this many seconds. Refused at once, never queued.
    #[error("busy, retry after {retry_after_secs}s")]
    Busy { retry_after_secs: i64 },
    /// The thing does not exist or belongs to another account (both look the same).
    #[error("not found")]
    NotFound,
    /// A business rule refuses the operation: which and why, typed.
    #[error("{0}")]
    Refused(domain::Refused),
    /// The request conflicts with existing data (e.g. a taken login); field-level.
    #[error("conflict")]
    Conflict(FieldErrors),
    /// The billing system's input refused: each field, and why, typed (the API words
    /// it in the request's language).
    #[error("invalid billing input: {0:?}")]
    BillingInput(Vec<(&'static str, domain::billing::Problem)>),
    /// The database (or the document store) did not answer in time or dropped the
    /// connection: an outage to wait out, not a fault of the request. Nothing was done.
    #[error("unavailable: {0}")]
    Unavailable(String),
    #[error("database: {0}")]
    Database(sqlx::Error),
    #[error("internal: {0}")]
    Internal(String),
}

impl ServiceError {
    pub fn field(field: &str, problem: impl Into<domain::FieldProblem>) -> Self {
        let mut errors = FieldErrors::new();
        errors.add(field, problem);
        ServiceError::Validation(errors)
    }
}

impl From<domain::Refused> for ServiceError {
    fn from(refused: domain::Refused) -> Self {
        ServiceError::Refused(refused)
    }
}

/// The status machine's refusal of an operation (R5) is a business refusal like any.
impl From<domain::Refusal> for ServiceError {
    fn from(refusal: domain::Refusal) -> Self {
        ServiceError::Refused(domain::Refused::Transition(refusal))
    }
}

impl From<sqlx::Error> for ServiceError {
    fn from(e: sqlx::Error) -> Self {
        if is_unavailable(&e) {
            ServiceError::Unavailable(e.to_string())
        } else {
            ServiceError::Database(e)
        }
    }
}

/// Whether a database error says the database is out of reach rather than that the
/// statement failed: no connection within the bound (`Db::connect`'s acquire timeout),
/// a connection lost, PostgreSQL shutting down or starting (SQLSTATE class 08, 57P01–
/// 57P03), SQLite's write lock held past its busy timeout.
pub fn is_unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|code| {
            code.starts_with("08")
                || matches!(code.as_ref(), "57P01" | "57P02" | "57P03")
                // SQLite: SQLITE_BUSY, SQLITE_LOCKED.
                || matches!(code.as_ref(), "5" | "6")
        }),
        _ => false,
    }
}

impl ServiceError {
    pub fn billing(field: &'static str, problem: domain::billing::Problem) -> Self {
        ServiceError::BillingInput(vec![(field, problem)])
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;
