//! One page per file.

mod account;
mod contracts_home;
mod faq;
mod guide;
mod landing;
mod login;
mod not_found;
mod party_a;
mod register;

pub use account::AccountPage;
pub use contracts_home::ContractsHomePage;
pub use faq::FaqPage;
pub use guide::GuidePage;
pub use landing::LandingPage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use party_a::PartyAPage;
pub use register::RegisterPage;
