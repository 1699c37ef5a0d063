//! The background worker: claims due jobs and runs them. Each step is idempotent — its
//! result (stored PDF, state change, audit event, job done) is committed in one
//! transaction guarded by the state it expects, and the PDF bytes are deterministic for
//! the step (the signing time is the job's scheduled time), so a crash and a rerun never
//! yield two documents or two transitions. A step that keeps failing moves the contract
//! to a visible failed state (which allows voiding) instead of retrying for ever.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tracing::Instrument;

use domain::renewal::filing_term_end;
use domain::AuditAction;
use domain::{ContractType, Operation};

use crate::audit::Actor;
use crate::contracts::{decide_on, items_of, load, timeline, Contract, Moved};
use crate::ctx::Ctx;
use crate::error::{ServiceError, ServiceResult};
use crate::jobs::{self, Job, JobKind};
use crate::revisions;
use crate::sealing::{self, SealFailure, Sealing};

#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// Identifies this worker in `jobs.locked_by`.
    pub id: String,
    /// How long a claim holds before another worker may take the job over.
    pub lease_ms: i64,
    /// Attempts before the contract is moved to the step's failed state.
    pub max_attempts: i64,
    /// First retry delay; doubles per attempt, capped at a minute.
    pub backoff_ms: i64,
    /// Sleep between polls when no job is due.
    pub idle: Duration,
    /// Beaten on every turn of the loop; readiness checks read it.
    pub heartbeat: Arc<Heartbeat>,
    /// Archive renewal: a contract's document gets a fresh time-stamp once its newest
    /// one expires within this window (`QY_ARCHIVE_RENEWAL_DAYS`); checked this often.
    pub renewal_window_ms: i64,
    pub renewal_every: Duration,
    /// How often the signing reminders and deadlines (R23) are looked at: their times
    /// are hours apart, so a minute late is on time.
    pub signing_every: Duration,
}

/// When the worker last went round its loop (ms since the epoch; 0 before it starts).
#[derive(Debug, Default)]
pub struct Heartbeat(AtomicI64);

impl Heartbeat {
    pub fn beat(&self, now: i64) {
        self.0.store(now, Ordering::Relaxed);
    }
    pub fn last(&self) -> i64 {
        self.0.load(Ordering::Relaxed)
    }
}

impl Default for WorkerConfig {
    fn default() -> Self {
        Self {
            // Unique across hosts too: process ids repeat from one machine to the next.
            id: format!(
                "worker-{}-{:x}",
                std::process::id(),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos() as u64)
            ),
            lease_ms: 15_000,
            max_attempts: 5,
            backoff_ms: 1_000,
            idle: Duration::from_millis(250),
            heartbeat: Arc::default(),
            renewal_window_ms: 60 * 24 * 3600 * 1000,
            renewal_every: Duration::from_secs(3600),
            signing_every: Duration::from_secs(60),
        }
    }
}

pub struct Worker {
    ctx: Ctx,
    config: WorkerConfig,
}

impl Worker {
    pub fn new(ctx: Ctx, config: WorkerConfig) -> Self {
        Self { ctx, config }
    }

    /// Runs one due job if there is one; returns whether it did.
    pub async fn run_once(&self) -> ServiceResult<bool> {
        let now = self.ctx.now();
        let Some(job) =
            jobs::claim(&self.ctx.db, &self.config.id, now, self.config.lease_ms).await?
        else {
            return Ok(false);
        };
        // One span per job: its id, kind, contract and attempt on every line the step
        // logs, so one contract's way through the logs is one filter (`contract=…`).
        let span = tracing::info_span!(
            "job",
            id = job.id,
            kind = job.kind.as_str(),
            contract = job.contract_id,
            attempt = job.attempts
        );
        async {
            if let Err(failure) = self.execute(&job).await {
                self.failed(&job, failure).await?;
            }
            Ok(true)
        }
        .instrument(span)
        .await
    }

    /// Runs until `stop` turns true, draining due jobs and polling when idle; then gives
    /// up its claims (`jobs::release`).
    pub async fn run(self, mut stop: tokio::sync::watch::Receiver<bool>) {
        let mut next_sweep = tokio::time::Instant::now();
        // An expiry sweep with more to send goes on one round a turn.
        let mut expiry_more = false;
        let mut next_signing = tokio::time::Instant::now();
        let mut signing_more = false;
        loop {
            if *stop.borrow() {
                self.release().await;
                return;
            }
            // Readiness compares the beat with the machine's clock.
            self.config.heartbeat.beat(crate::clock::wall_clock_ms());
            if tokio::time::Instant::now() >= next_sweep {
                next_sweep = tokio::time::Instant::now() + self.config.renewal_every;
                if let Err(e) = self.queue_renewals().await {
                    tracing::warn!("worker: queueing archive renewals: {e}");
                }
                expiry_more = true;
            }
            if expiry_more {
                expiry_more = match crate::expiry::sweep_round(&self.ctx).await {
                    Ok(round) => {
                        if round.sent > 0 {
                            tracing::info!(sent = round.sent, "expiry notices sent");
                        }
                        round.more
                    }
                    Err(e) => {
                        tracing::warn!("worker: expiry notices: {e}");
                        false
                    }
                };
            }
            if tokio::time::Instant::now() >= next_signing {
                next_signing = tokio::time::Instant::now() + self.config.signing_every;
                signing_more = true;
            }
            if signing_more {
                signing_more = self.signing_round().await;
            }
            match self.run_once().await {
                Ok(true) => continue,
                Ok(false) => {}
                Err(e) => tracing::warn!("worker: {e}"),
            }
            tokio::select! {
                _ = tokio::time::sleep(self.config.idle) => {}
                _ = stop.changed() => {}
            }
        }
    }

    /// One round of each signing sweep (R23): the deadlines passed, then the reminders
    /// due; whether either has more.
    async fn signing_round(&self) -> bool {
        let expired = crate::reminders::expire_round(&self.ctx)
            .await
            .inspect(|r| {
                if r.done > 0 {
                    tracing::info!(cancelled = r.done, "signing deadlines passed");
                }
            })
            .inspect_err(|e| tracing::warn!("worker: signing deadlines: {e}"))
            .unwrap_or_default();
        let reminded = crate::reminders::remind_round(&self.ctx)
            .await
            .inspect(|r| {
                if r.done > 0 {
                    tracing::info!(sent = r.done, "signing reminders sent");
                }
            })
            .inspect_err(|e| tracing::warn!("worker: signing reminders: {e}"))
            .unwrap_or_default();
        expired.more || reminded.more
    }

    /// Queues the archive renewals that are due (every instance may: each revision is
    /// queued once); returns how many.
    pub async fn queue_renewals(&self) -> ServiceResult<u64> {
        let queued =
            revisions::queue_renewals(&self.ctx.db, self.ctx.now(), self.config.renewal_window_ms)
                .await?;
        if queued > 0 {
            tracing::info!(queued, "archive renewals queued");
        }
        Ok(queued)
    }

    /// Releases this worker's claims; called when it stops, and by a server whose
    /// shutdown deadline cut a step off.
    pub async fn release(&self) {
        match jobs::release(&self.ctx.db, &self.config.id).await {
            Ok(0) => {}
            Ok(released) => tracing::info!(released, "worker: claims released"),
            Err(e) => tracing::warn!("worker: releasing claims failed: {e}"),
        }
    }

    async fn execute(&self, job: &Job) -> Result<(), StepFailure> {
        match job.kind {
            JobKind::GenerateDraft => self.generate_draft(job).await,
            JobKind::ProviderSign => self.provider_sign(job).await,
            JobKind::CancelSigning => self.cancel_signing(job).await,
            JobKind::RenewArchive => self.renew_archive(job).await,
        }
    }

    async fn generate_draft(&self, job: &Job) -> Result<(), StepFailure> {
        let contract = load(&mut *self.ctx.db.pool.acquire().await?, job.contract_id).await?;
        if contract.state.sub_status != domain::SubStatus::Generating {
            return Ok(self.finish_noop(job).await?);
        }
        let items = items_of(&self.ctx.db, contract.id).await?;
        let renderer = self.ctx.renderer.clone();
        let subject = contract.clone();
        let bytes = blocking(move || renderer.draft(&subject, &items)).await?;
        let key = self.store(&bytes).await?;
        Ok(self
            .commit_step(
                job,
                &contract,
                Operation::DraftGenerated,
                Outcome::Draft { key },
            )
            .await?)
    }

    async fn provider_sign(&self, job: &Job) -> Result<(), StepFailure> {
        let contract = load(&mut *self.ctx.db.pool.acquire().await?, job.contract_id).await?;
        if contract.state.sub_status != domain::SubStatus::ProviderSigning {
            return Ok(self.finish_noop(job).await?);
        }
        let items = items_of(&self.ctx.db, contract.id).await?;
        let events = timeline(&self.ctx.db, contract.id).await?;
        let signed_at = job.scheduled_at;
        let renderer = self.ctx.renderer.clone();
        let subject = contract.clone();
        let formal =
            blocking(move || renderer.formal(&subject, &items, &events, signed_at)).await?;
        let bytes = self.seal(&contract, formal, signed_at).await?;
        let archive_expires_at = self.ctx.renderer.archive_expires_at(&bytes);
        let key = self.store(&bytes).await?;
        // R8: a filing contract runs for one year from the day it takes effect; R25: a
        // renewal's year from the end of the contract it renews.
        let expires_at = (contract.kind == ContractType::Filing)
            .then(|| filing_term_end(signed_at, contract.term_starts_at));
        Ok(self
            .commit_step(
                job,
                &contract,
                Operation::ProviderSigned,
                Outcome::Formal {
                    key,
                    signed_at,
                    expires_at,
                    archive_expires_at,
                },
            )
            .await?)
    }

    /// Stores a document; its key (its SHA-256).
    async fn store(&self, bytes: &[u8]) -> ServiceResult<String> {
        self.ctx
            .storage
            .put(bytes)
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))
    }

    /// Seals the rendered formal document at `signed_at` (see [`Self::with_evidence`]).
    async fn seal(
        &self,
        contract: &Contract,
        formal: Vec<u8>,
        signed_at: i64,
    ) -> Result<Vec<u8>, StepFailure> {
        let renderer = self.ctx.renderer.clone();
        let subject = contract.clone();
        self.with_evidence(contract.id, move |kept| {
            renderer.seal(&subject, &formal, signed_at, kept)
        })
        .await
    }

    /// Runs `step` (a seal or a renewal) with the evidence kept for the contract,
    /// fetching and keeping what it needs (kept first, so a rerun reuses it: see
    /// `sealing`), and again until it is done. A service that does not answer fails
    /// the attempt, to be retried; nothing below the configured level comes out of here.
    async fn with_evidence<F>(&self, contract_id: i64, step: F) -> Result<Vec<u8>, StepFailure>
    where
        F: Fn(&HashMap<String, Vec<u8>>) -> Result<Sealing, SealFailure> + Send + Sync + 'static,
    {
        let step = Arc::new(step);
        let mut kept = sealing::kept(&self.ctx.db, contract_id).await?;
        // B-LTA takes four rounds of fetching; more means a renderer that never ends.
        for _ in 0..8 {
            let (step, evidence) = (step.clone(), kept.clone());
            let outcome = tokio::task::spawn_blocking(move || step(&evidence))
                .await
                .map_err(|e| ServiceError::Internal(format!("seal task: {e}")))?;
            let requests = match outcome {
                Ok(Sealing::Sealed(bytes)) => return Ok(bytes),
                Ok(Sealing::Needs(requests)) => requests,
                Err(SealFailure::Revoked { subject }) => {
                    metrics::counter!("qianyue_pades_failures_total", "service" => "revoked")
                        .increment(1);
                    return Err(StepFailure::Final(format!(
                        "the certificate {subject} is revoked: nothing is signed with it"
                    )));
                }
                Err(SealFailure::Failed(message)) => return Err(StepFailure::Retry(message)),
            };
            for request in requests {
                let bytes = self.ctx.trust.fetch(&request.need).await.map_err(|e| {
                    metrics::counter!("qianyue_pades_failures_total", "service" => e.service.as_str())
                        .increment(1);
                    StepFailure::Retry(e.to_string())
                })?;
                let bytes = sealing::keep(&self.ctx.db, contract_id, &request.key, &bytes).await?;
                kept.insert(request.key, bytes);
            }
        }
        Err(StepFailure::Retry("sealing did not converge".into()))
    }

    /// Renews the archive time-stamp of an effective contract's newest document revision
    /// while its time-stamp is still within the window; stores the result as the next
    /// revision, which downloads then serve. Nothing to do when the contract is no
    /// longer effective or another instance renewed it.
    async fn renew_archive(&self, job: &Job) -> Result<(), StepFailure> {
        let contract = load(&mut *self.ctx.db.pool.acquire().await?, job.contract_id).await?;
        let newest = revisions::newest(&self.ctx.db, contract.id).await?;
        let due = |at: Option<i64>| {
            at.is_some_and(|at| at < job.scheduled_at + self.config.renewal_window_ms)
        };
        let Some(newest) = newest.filter(|r| {
            contract.state.status == domain::Status::Effective && due(r.archive_expires_at)
        }) else {
            return Ok(self.finish_noop(job).await?);
        };
        let document = self
            .ctx
            .storage
            .get(&newest.sha256)
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        let renderer = self.ctx.renderer.clone();
        let at = job.scheduled_at;
        let renewed = self
            .with_evidence(contract.id, move |kept| renderer.renew(&document, at, kept))
            .await?;
        let expires_at = self.ctx.renderer.archive_expires_at(&renewed);
        let key = self.store(&renewed).await?;
        let now = self.ctx.now();
        let mut tx = self.ctx.db.begin_write().await?;
        jobs::complete(&mut tx, job.id, now).await?;
        if revisions::record(&mut tx, contract.id, newest.seq + 1, &key, expires_at, now).await? {
            sqlx::query(
                "UPDATE contracts SET formal_pdf_key = $1, formal_pdf_sha256 = $1, updated_at = $2 \
                 WHERE id = $3 AND formal_pdf_sha256 = $4",
            )
            .bind(&key)
            .bind(now)
            .bind(contract.id)
            .bind(&newest.sha256)
            .execute(&mut *tx)
            .await?;
            sealing::forget(&mut tx, contract.id).await?;
            metrics::counter!("qianyue_archive_renewals_total").increment(1);
        }
        tx.commit().await?;
        Ok(())
    }

    /// The e-sign service withdraws the signing request; the contract is voided and keeps
    /// its items until the customer deletes it (R7).
    async fn cancel_signing(&self, job: &Job) -> Result<(), StepFailure> {
        let contract = load(&mut *self.ctx.db.pool.acquire().await?, job.contract_id).await?;
        if contract.state.sub_status != domain::SubStatus::Cancelling {
            return Ok(self.finish_noop(job).await?);
        }
        Ok(self
            .commit_step(job, &contract, Operation::CancelCompleted, Outcome::Nothing)
            .await?)
    }

    /// Applies the step's transition, its extra update, the audit event and the job's
    /// completion in one transaction — or nothing, if the contract moved meanwhile.
    async fn commit_step(
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

    async fn finish_noop(&self, job: &Job) -> ServiceResult<()> {
        let mut tx = self.ctx.db.begin_write().await?;
        jobs::complete(&mut tx, job.id, self.ctx.now()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A failed attempt: retry with backoff, or after the last attempt move the contract
    /// to the failed state with the error, where the customer sees it and can void.
    async fn failed(&self, job: &Job, failure: StepFailure) -> ServiceResult<()> {
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

/// Rendering and signing are CPU-bound (tens to hundreds of milliseconds): run them on
/// the blocking pool so they never stall the runtime threads that serve pages.
async fn blocking(
    render: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
) -> ServiceResult<Vec<u8>> {
    tokio::task::spawn_blocking(render)
        .await
        .map_err(|e| ServiceError::Internal(format!("render task: {e}")))?
        .map_err(ServiceError::Internal)
}

/// Why a step did not finish: worth another attempt (an outage, a bug to fix), or not
/// (a revoked certificate does not come back).
#[derive(Debug)]
enum StepFailure {
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
enum Outcome {
    Nothing,
    Draft {
        key: String,
    },
    Formal {
        key: String,
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
                .bind(key)
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
                .bind(key.clone())
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
