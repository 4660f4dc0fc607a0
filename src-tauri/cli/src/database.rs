//! The database the commands work on: the desktop app's own unless `--db` names another. Only `ehr setup`
//! may create one: any other command on a mistyped `--db` is told there is no database, and creates nothing.
//! No key is needed to open it; the office key comes with `--user`'s sign-in.

use std::path::PathBuf;

use ehr_core::{CoreError, ErrorCode, Issue};
use ehr_store::{Store, StoreError};

use crate::args::Cli;
use crate::error::CliError;

/// Whether a command may create the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Everything but setup: the database must exist.
    Existing,
    /// `ehr setup`, which makes the office's database.
    CreateIfMissing,
}

pub async fn open_store(cli: &Cli, access: Access) -> Result<Store, CliError> {
    let path = database_path(cli)?;
    let opened = match access {
        Access::Existing => Store::open_existing_sqlite(&path).await,
        Access::CreateIfMissing => Store::open_sqlite(&path).await,
    };
    opened.map_err(|source| match source {
        StoreError::NoDatabase { path } => {
            let issue = Issue::new(ErrorCode::NoDatabase).with("path", path);
            let issue = if cli.db.is_some() {
                issue.at("--db")
            } else {
                issue
            };
            CliError::Core(CoreError::invalid(issue))
        }
        source => CliError::OpenDatabase {
            path: path.display().to_string(),
            source,
        },
    })
}

/// The database file: `--db`, else where the desktop app keeps its own,
/// `<data dir>/<app identifier>/ehr-desk.sqlite3`.
pub fn database_path(cli: &Cli) -> Result<PathBuf, CliError> {
    if let Some(path) = &cli.db {
        return Ok(path.clone());
    }
    let data = dirs::data_dir().ok_or(CliError::NoDataDirectory)?;
    Ok(data
        .join(ehr_core::APP_IDENTIFIER)
        .join(ehr_store::DATABASE_FILE_NAME))
}
