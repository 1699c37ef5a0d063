//! The words of the domain's typed values per language: a contract's state, an
//! operation, a refusal (`refused`), a field's problem (`problems`), the values a
//! contract's pages show (`values`) and its timeline (`audit`). zh-CN is the
//! domain's own wording (its labels and `Display`); English is here, one arm per variant
//! and no wildcard, so a new value without its English fails the build. The console
//! (`app`) and the billing API (`server`) both answer from these.

pub mod audit;
pub mod problems;
pub mod refused;
pub mod values;
