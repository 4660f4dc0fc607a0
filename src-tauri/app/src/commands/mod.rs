//! Tauri commands: each translates an IPC call into one core call, and nothing more.

pub mod applications;
pub mod preferences;
pub mod reference;
pub mod validation;
