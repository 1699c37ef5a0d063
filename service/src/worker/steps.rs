//! The background steps: render the draft, render and seal the formal document, renew
//! an archive time-stamp, withdraw a signing. Each ends in [`Worker::commit_step`].

use std::collections::HashMap;
use std::sync::Arc;

use domain::renewal::filing_term_end;
use domain::{ContractType, Operation};

use super::outcome::{Outcome, StepFailure};
use super::Worker;
use crate::contracts::{items_of, load, timeline, Contract};
use crate::error::{ServiceError, ServiceResult};
use crate::esign::revisions;
use crate::esign::sealing::{self, SealFailure, Sealing};
use crate::platform::jobs::{self, Job};
use crate::platform::storage::DocumentKey;

impl Worker {
    pub(super) async fn generate_draft(&self, job: &Job) -> Result<(), StepFailure> {
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

    pub(super) async fn provider_sign(&self, job: &Job) -> Result<(), StepFailure> {
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
    async fn store(&self, bytes: &[u8]) -> ServiceResult<DocumentKey> {
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
    pub(super) async fn renew_archive(&self, job: &Job) -> Result<(), StepFailure> {
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
            .get(&newest.key)
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
            .bind(key.as_str())
            .bind(now)
            .bind(contract.id)
            .bind(newest.key.as_str())
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
    pub(super) async fn cancel_signing(&self, job: &Job) -> Result<(), StepFailure> {
        let contract = load(&mut *self.ctx.db.pool.acquire().await?, job.contract_id).await?;
        if contract.state.sub_status != domain::SubStatus::Cancelling {
            return Ok(self.finish_noop(job).await?);
        }
        Ok(self
            .commit_step(job, &contract, Operation::CancelCompleted, Outcome::Nothing)
            .await?)
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
