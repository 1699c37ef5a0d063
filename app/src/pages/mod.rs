//! One page per file.

mod account;
mod contract_after;
pub(crate) mod contract_detail;
mod contract_dual;
mod contract_new;
mod contract_renewal;
mod contracts_archive;
pub(crate) mod contracts_home;
mod esign;
mod faq;
mod guide;
pub(crate) mod item_picker;
mod landing;
mod login;
mod not_found;
mod ops;
mod party_a;
mod register;
mod templates;
mod verify;

pub use account::AccountPage;
pub use contract_detail::ContractDetailPage;
pub use contract_new::NewContractPage;
pub use contracts_archive::ArchivePage;
pub use contracts_home::ContractsHomePage;
pub use esign::EsignPage;
pub use faq::FaqPage;
pub use guide::GuidePage;
pub use landing::LandingPage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use ops::{OpsContractPage, OpsPage};
pub use party_a::PartyAPage;
pub use register::RegisterPage;
pub use templates::TemplatesPage;
pub use verify::{VerifyPage, VerifyResultPage};
