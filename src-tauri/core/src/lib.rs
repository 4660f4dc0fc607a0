//! The floor eHR Desk stands on: validated domain values, the rules and workflows of eHealth registration,
//! and the ports (traits) that storage, secrets, card reading and form rendering adapters implement.
//!
//! Nothing here knows about Tauri, SQL, PC/SC or PDF: every face of the product (the desktop app, the `ehr`
//! CLI) calls the same use cases, so each rule is written exactly once.

pub mod amendment;
pub mod application;
pub mod audit;
pub mod auth;
pub mod backup;
mod coded;
pub mod error;
pub mod input;
pub mod issue;
pub mod limits;
pub mod patient;
pub mod ports;
pub mod preferences;
pub mod staff;
pub mod time;
pub mod validation;
pub mod version;

pub use error::CoreError;
pub use issue::{ErrorCode, Issue, Severity};

/// The application identifier; the desktop app's data and log folders are named after it.
pub const APP_IDENTIFIER: &str = "hk.ehrdesk.app";
