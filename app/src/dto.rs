//! What server functions return to the pages: plain data, shared by both builds.

use domain::account::{AccountKind, RealNameStatus, Role};
use domain::contract::{Channel, ContractType};
use domain::gate::CreationBlock;
use domain::party_a::PartyAInput;
use domain::provider::Provider;
use domain::status::ContractState;
use domain::Status;
use serde::{Deserialize, Serialize};

/// The signed-in user, for the top bar and the route guards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionUser {
    pub login: String,
    pub role: Role,
    pub kind: AccountKind,
    pub verified: bool,
    /// The verified subject name, or the login while unverified.
    pub display_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    pub login: String,
    pub kind: AccountKind,
    pub realname: RealNameStatus,
    pub subject_name: Option<String>,
    pub id_number_masked: Option<String>,
    /// Demo mode offers a verification form; production gets it from billing.
    pub demo_verification: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartyAView {
    /// The verified subject name (party A's name, not editable — R1).
    pub name: Option<String>,
    pub verified: bool,
    /// The saved profile; None until saved once.
    pub profile: Option<PartyAInput>,
    /// Expiry notices are texted to each filing contract's party A phone too (R24).
    pub expiry_sms: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateOption {
    pub kind: ContractType,
    pub blocked: Option<CreationBlock>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractHomeView {
    pub party_a: PartyAView,
    pub create: Vec<CreateOption>,
    /// Filing contracts within 30 days of their expiry, soonest first (issue 31).
    pub expiring: Vec<ExpiringView>,
}

/// A filing contract that expires soon: its number and whole days left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpiringView {
    pub number: String,
    pub days_left: i64,
}

/// One row of 合同申请记录. The operations offered are computed in the browser from the
/// shared status machine (`domain::status::allowed_operations`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractRowView {
    pub number: String,
    pub kind: ContractType,
    pub channel: Channel,
    pub state: ContractState,
    pub total_fen: i64,
    pub created_at_ms: i64,
    pub has_draft: bool,
    pub has_formal: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractListView {
    pub rows: Vec<ContractRowView>,
    pub total: i64,
    /// More contracts match than were counted (`total` is the cap).
    pub more: bool,
    pub page: i64,
    pub per_page: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemView {
    pub reference: String,
    pub description: String,
    pub detail: String,
    pub amount_fen: i64,
    pub date_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineView {
    pub at_ms: i64,
    /// None for an event this build does not know (shown as a generic operation).
    pub action: Option<domain::AuditAction>,
    pub actor_kind: domain::ActorKind,
    pub state_after: Option<ContractState>,
    pub detail: Option<domain::AuditDetail>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractDetailView {
    pub row: ContractRowView,
    pub party_a_name: String,
    pub party_a: PartyAInput,
    pub provider: Provider,
    pub items: Vec<ItemView>,
    pub template_version: String,
    pub effective_at_ms: Option<i64>,
    pub expires_at_ms: Option<i64>,
    /// An effective filing contract within 30 days of its expiry: the whole days left.
    pub days_left: Option<i64>,
    /// A filing contract's renewal (R25), either way, when there is one to show or offer.
    pub renewal: Option<RenewalView>,
    pub timeline: Vec<TimelineView>,
    /// Dual-channel contracts only.
    pub dual: Option<DualView>,
    pub paper: Option<PaperView>,
    pub stampings: Vec<StampingView>,
}

/// Renewal (续签, R25) on a filing contract's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenewalView {
    /// This contract is a renewal: the number it continues, and when its term begins.
    pub renews: Option<String>,
    pub term_starts_at_ms: Option<i64>,
    /// This contract has a renewal (not deleted): its number.
    pub renewed_by: Option<String>,
    /// The 续签 action is open: an effective filing contract in its last 30 days, with
    /// no renewal yet.
    pub can_renew: bool,
}

/// What the live status poll returns: small, and enough to know when to reload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusView {
    pub state: ContractState,
    pub has_draft: bool,
    pub has_formal: bool,
}

/// What the creation wizard starts from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WizardContext {
    pub party_a: PartyAView,
    pub blocked: Option<CreationBlock>,
    /// Why the dual channel is not available to this account (R11), if it is not.
    pub dual_block: Option<domain::Refused>,
}

/// One signer on the e-sign page and in 确认签署信息.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignerView {
    pub id: i64,
    pub name: String,
    pub phone_masked: String,
    pub status: domain::esign::SignerStatus,
    pub created_at_ms: i64,
}

/// The e-sign page (R11).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EsignView {
    pub kind: AccountKind,
    pub verified: bool,
    pub activated_at_ms: Option<i64>,
    /// A code was sent to the administrator named here; activation awaits it.
    pub pending_admin: Option<String>,
    pub admin_name: Option<String>,
    pub admin_phone_masked: Option<String>,
    pub seal_text: Option<String>,
    pub signers: Vec<SignerView>,
}

/// What the dual channel's step panel needs beyond the contract itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DualView {
    pub account_kind: AccountKind,
    /// The confirmed signer: name and masked phone.
    pub signer: Option<(String, String)>,
    /// Enterprises: the approved signers to choose from.
    pub approved_signers: Vec<SignerView>,
    /// Individuals: the phone proposed for the code (party A's).
    pub default_phone: String,
    /// Enterprises: the e-seal's text.
    pub seal_text: Option<String>,
    pub resend_wait_secs: i64,
    pub remind_wait_secs: i64,
    pub customer_signed_at_ms: Option<i64>,
    /// While the signer is awaited: when the signing is cancelled unsigned (R23).
    pub signing_deadline_ms: Option<i64>,
}

/// The paper request of a contract, as its owner sees it (phone masked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaperView {
    pub mailing: domain::paper::MailingAddress,
    pub copies: i64,
    pub status: domain::paper::PaperStatus,
    pub carrier: Option<String>,
    pub tracking_no: Option<String>,
    pub created_at_ms: i64,
    pub shipped_at_ms: Option<i64>,
}

/// One offline stamping parcel and its steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StampingView {
    pub id: i64,
    pub copies: i64,
    pub courier: String,
    pub tracking_no: String,
    pub return_to: domain::paper::MailingAddress,
    pub status: domain::paper::StampingStatus,
    pub return_carrier: Option<String>,
    pub return_tracking_no: Option<String>,
    /// (status, when) of every step reached, in order.
    pub steps: Vec<(domain::paper::StampingStatus, i64)>,
}

/// The operator console's front page: counts and queues.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpsView {
    pub paper_to_ship: i64,
    pub stampings_open: i64,
    pub holds_open: i64,
    pub paper: Vec<OpsPaperRow>,
    pub stampings: Vec<OpsStampingRow>,
    pub holds: Vec<OpsHoldRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpsPaperRow {
    pub number: String,
    pub login: String,
    pub request: PaperView,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpsStampingRow {
    pub number: String,
    pub login: String,
    pub stamping: StampingView,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpsHoldRow {
    pub change_id: i64,
    pub login: String,
    pub old_name: String,
    pub new_name: String,
    pub created_at_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpsContractRow {
    pub row: ContractRowView,
    pub login: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpsSearchView {
    pub rows: Vec<OpsContractRow>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// A contract as the operator sees it: owner, parties, and the full audit timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpsContractView {
    pub row: ContractRowView,
    pub login: String,
    pub party_a_name: String,
    pub timeline: Vec<TimelineView>,
}

/// An API key as operators see it (never the key itself, except once at creation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiKeyView {
    pub id: i64,
    pub name: String,
    pub scope: domain::api_key::ApiScope,
    pub created_at_ms: i64,
    pub expires_at_ms: Option<i64>,
    /// Past its expiry when listed (decided by the server, so both renders agree).
    pub expired: bool,
    pub revoked_at_ms: Option<i64>,
}

/// One operators' export, as the console lists it (issue 31).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpsExportView {
    pub id: i64,
    pub created_at_ms: i64,
    /// The search it was asked for: number fragment, login, status (each may be empty).
    pub number: String,
    pub login: String,
    pub status: Option<Status>,
    pub documents: i64,
    pub state: OpsExportState,
    pub size_bytes: Option<i64>,
    pub sha256: Option<String>,
    /// The link's end, once written.
    pub expires_at_ms: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpsExportState {
    Queued,
    Running,
    Done,
    Failed,
    /// Done, and its 24 hours are over.
    Expired,
}

impl OpsExportState {
    /// Still being written: the list is looked at again shortly.
    pub fn pending(self) -> bool {
        matches!(self, Self::Queued | Self::Running)
    }
}
