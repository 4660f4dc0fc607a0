//! Tauri commands: each translates an IPC call into core calls, and nothing more.

pub mod applications;
pub mod card;
pub mod dates;
pub mod documents;
pub mod files;
pub mod patients;
pub mod preferences;
pub mod reference;
