//! Storage for eHR Desk on sqlx, on either of two backends: SQLite (a file in the user's data directory, WAL
//! mode), the embedded default, and PostgreSQL, for an office whose workstations share one database.
//! [`Store`] implements the core's storage ports that need no key (office, accounts, audit trail,
//! preferences); [`SealedStore`], a store with the signed-in session's office key, those that hold personal
//! data. Queries and row mappings are written once over [`db`]'s backend-neutral types; migrations are per
//! dialect (`migrations/sqlite`, `migrations/postgres`), and one conformance suite runs against both.

mod accounts;
mod amendments;
mod applications;
mod audit;
mod backup;
mod check;
mod db;
mod error;
mod history;
mod patients;
mod preferences;
mod staff;
mod store;
mod versioned;
mod watch;

pub use backup::{
    Counts, OpenedBackup, TABLES, copy_into, daily_backup, ensure_empty, migrate_with,
    prune_backups,
};
pub use db::Backend;
pub use db::migrate::Migrated;
pub use error::{StoreError, Unreachable};
pub use store::{Location, SealedStore, Store};
pub use watch::Change;

/// The database file's name inside the data directory (`<data dir>/hk.ehrdesk.app/`).
pub const DATABASE_FILE_NAME: &str = "ehr-desk.sqlite3";
