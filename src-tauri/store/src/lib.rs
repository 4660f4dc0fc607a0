//! Storage for eHR Desk on sqlx. [`Store`] implements the core's storage ports that need no key (office,
//! accounts, audit trail, preferences); [`SealedStore`], a store with the signed-in session's office key,
//! those that hold personal data. SQLite (a file in the user's data directory, WAL mode) is the embedded
//! default.

mod accounts;
mod applications;
mod audit;
mod check;
mod error;
mod history;
mod patients;
mod preferences;
mod sqlite;

pub use error::StoreError;
pub use sqlite::{SealedStore, Store};

/// The database file's name inside the data directory (`<data dir>/hk.ehrdesk.app/`).
pub const DATABASE_FILE_NAME: &str = "ehr-desk.sqlite3";
