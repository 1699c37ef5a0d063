//! Qianyue's domain rules: pure functions and types shared by the browser (wasm) and
//! the server. No IO, no clock (callers pass times in), no UI framework.
//!
//! Rules are cited as in SPEC.md (R1…). The domain's values are typed; their zh-CN labels
//! are in [`text`]. The pages' catalogs, one per language, are in the app (`app::i18n`).

mod macros;

pub mod account;
pub mod api_key;
pub mod audit;
pub mod audit_detail;
pub mod billing;
pub mod calendar;
pub mod contract;
pub mod eligibility;
pub mod esign;
pub mod expiry;
pub mod field_errors;
pub mod field_problem;
pub mod gate;
pub mod ids;
pub mod lang;
pub mod mark;
pub mod money;
pub mod new_contract;
pub mod operation;
pub mod paper;
pub mod party_a;
pub mod picker;
pub mod provider;
pub mod refusal;
pub mod refused;
pub mod reminders;
pub mod renewal;
pub mod sms;
pub mod state;
pub mod status;
pub mod text;
pub mod verification;

pub use audit::{ActorKind, AuditAction};
pub use audit_detail::AuditDetail;
pub use contract::{Channel, ContractNumber, ContractType};
pub use eligibility::{BillingMode, Ineligible, SelectionError};
pub use field_errors::FieldErrors;
pub use field_problem::{Check, FieldProblem};
pub use ids::IdError;
pub use lang::Lang;
pub use operation::Operation;
pub use party_a::PartyAInput;
pub use refusal::{Refusal, RefusalReason};
pub use refused::Refused;
pub use state::{ContractState, Status, SubStatus};
