//! Everything a use case needs besides its arguments: the database, document storage,
//! the document renderer, and the configured delays of the background steps.

use std::collections::HashMap;
use std::sync::Arc;

use crate::contracts::{Contract, ContractItem, TimelineEntry};
use crate::esign::sealing::{SealFailure, Sealing, TrustServices};
use crate::platform::db::Db;
use crate::platform::storage::Storage;
use crate::sms::message::SmsSender;

/// Delays of the background steps (`QY_DRAFT_DELAY_SECS`, `QY_SIGN_DELAY_SECS`): a few
/// seconds in the demo, as at the real provider; zero in tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delays {
    pub draft_ms: i64,
    pub sign_ms: i64,
}

/// Turns a contract into PDF bytes. The production renderer is `documents::PdfRenderer`;
/// tests substitute one that fails to exercise the error states.
pub trait DocumentRenderer: Send + Sync + 'static {
    /// The draft: watermarked, no seal, not signed.
    fn draft(&self, contract: &Contract, items: &[ContractItem]) -> Result<Vec<u8>, String>;
    /// The formal document as rendered for signing at `signed_at` (seals drawn, the
    /// evidence page written), before its cryptographic signature.
    fn formal(
        &self,
        contract: &Contract,
        items: &[ContractItem],
        events: &[TimelineEntry],
        signed_at: i64,
    ) -> Result<Vec<u8>, String>;

    /// Signs `formal`, the document of `contract`, at `signed_at` at the configured
    /// PAdES level with the evidence kept so far (by key), or says what else it needs
    /// ([`crate::esign::sealing`]). On the dual channel the customer's own signature comes
    /// first where the renderer can issue it an event certificate. Renderers whose
    /// `formal` is final already keep it as it is.
    fn seal(
        &self,
        contract: &Contract,
        formal: &[u8],
        signed_at: i64,
        kept: &HashMap<String, Vec<u8>>,
    ) -> Result<Sealing, SealFailure> {
        let _ = (contract, signed_at, kept);
        Ok(Sealing::Sealed(formal.to_vec()))
    }

    /// When the newest time-stamp in `document` stops being provable (its TSA
    /// certificate's expiry, UTC ms); `None` for a document without one, never renewed.
    fn archive_expires_at(&self, document: &[u8]) -> Option<i64> {
        let _ = document;
        None
    }

    /// Adds a fresh archive time-stamp to `document` as of `at` with the evidence kept
    /// so far, or says what else it needs (`sealing`).
    fn renew(
        &self,
        document: &[u8],
        at: i64,
        kept: &HashMap<String, Vec<u8>>,
    ) -> Result<Sealing, SealFailure> {
        let _ = (document, at, kept);
        Err(SealFailure::Failed("this renderer does not renew".into()))
    }
}

#[derive(Clone)]
pub struct Ctx {
    pub db: Db,
    pub storage: Storage,
    pub renderer: Arc<dyn DocumentRenderer>,
    /// Where the renderer's seals get their time-stamps and revocation data.
    pub trust: Arc<dyn TrustServices>,
    pub delays: Delays,
    /// Every SMS (codes, reminders) goes through this.
    pub sms: Arc<dyn SmsSender>,
    /// The key SMS codes are stored under (HMAC); kept outside the database.
    pub code_key: Arc<[u8]>,
    /// New contracts one account may create in a day (China time), deleted ones included
    /// (`QY_CONTRACTS_PER_DAY`): a create → void → delete loop cannot fill the disk and the
    /// worker. Huawei Cloud's console allows 80.
    pub contracts_per_day: i64,
    /// The language of the person this request comes from: the SMS it causes (a code,
    /// a reminder) are written in it. zh-CN unless a page says otherwise.
    pub lang: domain::Lang,
    /// Caps on SMS per phone number and account, codes and pending signers.
    pub sms_caps: domain::sms::SmsCaps,
    /// The signing deadline and the reminders' quiet hours (R23).
    pub signing: domain::reminders::SigningPolicy,
}

impl Ctx {
    /// The current time, from the database handle's clock (`crate::platform::clock`).
    pub fn now(&self) -> i64 {
        self.db.now()
    }
}

/// The default of [`Ctx::contracts_per_day`].
pub const CONTRACTS_PER_DAY: i64 = 80;

impl std::fmt::Debug for Ctx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ctx")
            .field("db", &self.db)
            .field("storage", &self.storage)
            .field("delays", &self.delays)
            .field("contracts_per_day", &self.contracts_per_day)
            .field("sms_caps", &self.sms_caps)
            .field("signing", &self.signing)
            .finish()
    }
}
