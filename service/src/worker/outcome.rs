//! How a step ends: its outcome stored with the contract's move and the job's completion
//! in one transaction, or its failure retried with backoff or, at the last attempt,
//! recorded on the contract.

use domain::{AuditAction, Operation};

use super::Worker;
use crate::contracts::{decide_on, load, Contract, Moved};
use crate::error::{ServiceError, ServiceResult};
use crate::esign::revisions;
use crate::esign::sealing;
use crate::platform::audit::Actor;
use crate::platform::jobs::{self, Job, JobKind};
use crate::platform::storage::DocumentKey;

impl Worker {
    /// Applies the step's transition, its extra update, the audit event and the job's
    /// completion in one transaction — or nothing, if the contract moved meanwhile.
    pub(super) async fn commit_step(
        &self,
        job: &Job,
        contract: &Contract,
        op: Operation,
        outcome: Outcome,
    ) -> ServiceResult<()> {
        let decided = decide_on(contract.clone(), op)
            .map_err(|refused| ServiceError::Internal(refused.to_string()))?;
        let now = self.ctx.now();
        let mut tx = self.ctx.db.begin_write().await?;
        jobs::complete(&mut tx, job.id, now).await?;
        match decided.move_in(tx, now).await? {
            Moved::Step(mut step) => {
                outcome.store(&mut step.tx, contract.id, now).await?;
                step.finish(&Actor::system(), action_of(op)?, None).await?;
            }
            Moved::Stale(tx) => tx.commit().await?,
        }
        Ok(())
    }

    pub(super) async fn finish_noop(&self, job: &Job) -> ServiceResult<()> {
        let mut tx = self.ctx.db.begin_write().await?;
        jobs::complete(&mut tx, job.id, self.ctx.now()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A failed attempt: retry with backoff, or after the last attempt move the contract
    /// to the failed state with the error, where the customer sees it and can void.
    pub(super) async fn failed(&self, job: &Job, failure: StepFailure) -> ServiceResult<()> {
        let (error, retry) = match &failure {
            StepFailure::Retry(message) => (message.as_str(), true),
            StepFailure::Final(message) => (message.as_str(), false),
        };
        tracing::warn!("background step failed: {error}");
        let now = self.ctx.now();
        let kind = job.kind.as_str();
        if retry && job.attempts < self.config.max_attempts {
            metrics::counter!("qianyue_job_retries_total", "kind" => kind).increment(1);
            let backoff = self
                .config
                .backoff_ms
                .saturating_mul(1 << (job.attempts - 1).clamp(0, 16))
                .min(60_000);
            jobs::retry_at(&self.ctx.db, job.id, now + backoff, error).await?;
            return Ok(());
        }
        let contract = load(&mut *self.ctx.db.pool.acquire().await?, job.contract_id).await?;
        let op = match job.kind {
            JobKind::GenerateDraft => Operation::DraftGenerationFailed,
            JobKind::ProviderSign => Operation::ProviderSigningFailed,
            // The contract stays effective; the renewal is tried again in an hour (its
            // window is weeks).
            JobKind::RenewArchive => {
                metrics::counter!("qianyue_jobs_failed_total", "kind" => kind).increment(1);
                jobs::retry_at(&self.ctx.db, job.id, now + 3_600_000, error).await?;
                return Ok(());
            }
            // Nothing can fail in a withdrawal but the database; keep retrying.
            JobKind::CancelSigning => {
                jobs::retry_at(&self.ctx.db, job.id, now + 60_000, error).await?;
                return Ok(());
            }
        };
        metrics::counter!("qianyue_jobs_failed_total", "kind" => kind).increment(1);
        let contract_id = contract.id;
        let mut tx = self.ctx.db.begin_write().await?;
        jobs::complete(&mut tx, job.id, now).await?;
        if let Ok(decided) = decide_on(contract, op) {
            tx = match decided.move_in(tx, now).await? {
                Moved::Step(mut step) => {
                    // The error text is ours (paths, SQL, renderer internals): kept on the
                    // contract and the job for operators and in the log, never in the
                    // customer's timeline.
                    sqlx::query("UPDATE contracts SET last_error = $1 WHERE id = $2")
                        .bind(error)
                        .bind(contract_id)
                        .execute(&mut *step.tx)
                        .await?;
                    step.record(&Actor::system(), action_of(op)?, None).await?;
                    step.tx
                }
                Moved::Stale(tx) => tx,
            };
        }
        // Nothing more will be signed from the evidence kept for this signing (a
        // customer's event key among it): a new attempt fetches afresh.
        sealing::forget(&mut tx, contract_id).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Why a step did not finish: worth another attempt (an outage, a bug to fix), or not
/// (a revoked certificate does not come back).
#[derive(Debug)]
pub(super) enum StepFailure {
    Retry(String),
    Final(String),
}

impl From<ServiceError> for StepFailure {
    fn from(e: ServiceError) -> Self {
        StepFailure::Retry(match e {
            ServiceError::Internal(message) => message,
            other => other.to_string(),
        })
    }
}

impl From<sqlx::Error> for StepFailure {
    fn from(e: sqlx::Error) -> Self {
        ServiceError::from(e).into()
    }
}

/// What a successful step stores on the contract.
pub(super) enum Outcome {
    Nothing,
    Draft {
        key: DocumentKey,
    },
    Formal {
        key: DocumentKey,
        signed_at: i64,
        expires_at: Option<i64>,
        /// When its newest time-stamp must be renewed by (`revisions`).
        archive_expires_at: Option<i64>,
    },
}

impl Outcome {
    async fn store(
        self,
        conn: &mut sqlx::AnyConnection,
        contract_id: i64,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        match self {
            Outcome::Nothing => {}
            Outcome::Draft { key } => {
                sqlx::query(
                    "UPDATE contracts SET draft_pdf_key = $1, draft_pdf_sha256 = $1, last_error = NULL, \
                     updated_at = $2 WHERE id = $3",
                )
                .bind(key.as_str())
                .bind(now)
                .bind(contract_id)
                .execute(conn)
                .await?;
            }
            Outcome::Formal {
                key,
                signed_at,
                expires_at,
                archive_expires_at,
            } => {
                sqlx::query(
                    "UPDATE contracts SET formal_pdf_key = $1, formal_pdf_sha256 = $1, effective_at = $2, \
                     expires_at = $3, last_error = NULL, updated_at = $4 WHERE id = $5",
                )
                .bind(key.as_str())
                .bind(signed_at)
                .bind(expires_at)
                .bind(now)
                .bind(contract_id)
                .execute(&mut *conn)
                .await?;
                revisions::record(conn, contract_id, 1, &key, archive_expires_at, now).await?;
                // The evidence is inside the document now.
                sealing::forget(conn, contract_id).await?;
            }
        }
        Ok(())
    }
}

fn action_of(op: Operation) -> ServiceResult<AuditAction> {
    // Every operation that moves a contract has its event (a domain test holds this).
    AuditAction::of_operation(op)
        .ok_or_else(|| ServiceError::Internal(format!("{op:?} records no event")))
}
