//! The database the commands work on: the desktop app's own unless `--db` names another, sealed with the
//! same data key from this user's keyring.

use std::path::PathBuf;

use ehr_store::Store;

use crate::args::Cli;
use crate::error::CliError;

pub async fn open_store(cli: &Cli) -> Result<Store, CliError> {
    let path = match &cli.db {
        Some(path) => path.clone(),
        None => default_database_path()?,
    };
    let key = ehr_secrets::data_key_from_keyring(ehr_core::APP_IDENTIFIER)?;
    let cipher = std::sync::Arc::new(ehr_secrets::Sealer::new(&key));
    Store::open_sqlite(&path, cipher)
        .await
        .map_err(|source| CliError::OpenDatabase {
            path: path.display().to_string(),
            source,
        })
}

/// Where the desktop app keeps its database: `<data dir>/<app identifier>/ehr-desk.sqlite3`.
fn default_database_path() -> Result<PathBuf, CliError> {
    let data = dirs::data_dir().ok_or(CliError::NoDataDirectory)?;
    Ok(data
        .join(ehr_core::APP_IDENTIFIER)
        .join(ehr_store::DATABASE_FILE_NAME))
}
