pub mod console;
pub mod dialog;
pub mod field;
pub mod operations;
pub mod public;
pub mod status_badge;
pub mod steps;
pub mod toast;
