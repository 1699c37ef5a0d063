pub mod console;
pub mod field;
pub mod public;
pub mod toast;
