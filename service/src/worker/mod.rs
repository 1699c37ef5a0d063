//! The background worker: claims due jobs and runs them. Each step is idempotent — its
//! result (stored PDF, state change, audit event, job done) is committed in one
//! transaction guarded by the state it expects, and the PDF bytes are deterministic for
//! the step (the signing time is the job's scheduled time), so a crash and a rerun never
//! yield two documents or two transitions. A step that keeps failing moves the contract
//! to a visible failed state (which allows voiding) instead of retrying for ever.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tracing::Instrument;

use crate::ctx::Ctx;
use crate::error::ServiceResult;
use crate::esign::revisions;
use crate::platform::jobs::{self, Job, JobKind};

mod outcome;
mod steps;

use outcome::StepFailure;

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
            self.config
                .heartbeat
                .beat(crate::platform::clock::wall_clock_ms());
            if tokio::time::Instant::now() >= next_sweep {
                next_sweep = tokio::time::Instant::now() + self.config.renewal_every;
                if let Err(e) = self.queue_renewals().await {
                    tracing::warn!("worker: queueing archive renewals: {e}");
                }
                expiry_more = true;
            }
            if expiry_more {
                expiry_more = match crate::after_signing::expiry::sweep_round(&self.ctx).await {
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
        let expired = crate::contracts::reminders::expire_round(&self.ctx)
            .await
            .inspect(|r| {
                if r.done > 0 {
                    tracing::info!(cancelled = r.done, "signing deadlines passed");
                }
            })
            .inspect_err(|e| tracing::warn!("worker: signing deadlines: {e}"))
            .unwrap_or_default();
        let reminded = crate::contracts::reminders::remind_round(&self.ctx)
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
}
