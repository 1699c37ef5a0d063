//! After signing: paper copies with tracking (R13), offline stamping (R14), many
//! contracts' documents as one archive, and the expiry notices of filing contracts.

pub mod archive;
pub mod expiry;
pub mod paper;
pub mod stamping;
