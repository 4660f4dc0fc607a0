//! The database the commands work on: the desktop app's own file unless `--db` names another file or an
//! office's PostgreSQL database. Only `ehr setup` may create a file: any other command on a mistyped `--db`
//! is told there is no database, and creates nothing. No key is needed to open it; the office key comes with
//! `--user`'s sign-in. A PostgreSQL database's password comes from the keyring (`ehr db password`).

use std::path::{Path, PathBuf};

use ehr_core::{CoreError, ErrorCode, Issue};
use ehr_files::FileDestination;
use ehr_store::{Location, Store, StoreError};
use zeroize::Zeroizing;

use crate::args::Cli;
use crate::error::CliError;

/// Whether a command may create the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Everything but setup: the database must exist.
    Existing,
    /// `ehr setup`, which makes the office's database (a PostgreSQL database is made by its administrator;
    /// setup makes its tables).
    CreateIfMissing,
}

pub async fn open_store(cli: &Cli, access: Access) -> Result<Store, CliError> {
    let location = location(cli)?;
    let flag = cli.db.is_some().then_some("--db");
    open_at(&location, access, flag).await
}

/// Opens the database at `location`; `flag` is the option that named it, for the errors' field.
pub async fn open_at(
    location: &Location,
    access: Access,
    flag: Option<&str>,
) -> Result<Store, CliError> {
    let opened = match (location, access) {
        (Location::File(path), Access::Existing) => Store::open_existing_sqlite(path).await,
        (Location::File(path), Access::CreateIfMissing) => Store::open_sqlite(path).await,
        (Location::Postgres(url), _) => {
            let password = keyring_password(location)?;
            Store::open_postgres(url, password.as_ref().map(|p| p.as_str())).await
        }
    };
    opened.map_err(|source| store_error(location, flag, source))
}

/// The password kept in the keyring for a PostgreSQL `location` (`ehr db password`), if any.
pub fn keyring_password(location: &Location) -> Result<Option<Zeroizing<String>>, CliError> {
    match location.credential_name() {
        Some(name) => ehr_secrets::database_password(ehr_core::APP_IDENTIFIER, &name)
            .map_err(CliError::Keyring),
        None => Ok(None),
    }
}

/// A store's failure as the command line answers it: a typed code where a person can act on it.
pub fn store_error(location: &Location, flag: Option<&str>, source: StoreError) -> CliError {
    let at = |issue: Issue| match flag {
        Some(flag) => issue.at(flag),
        None => issue,
    };
    match source {
        StoreError::NoDatabase { path } => CliError::Core(CoreError::invalid(at(Issue::new(
            ErrorCode::NoDatabase,
        )
        .with("path", path)))),
        StoreError::Unreachable { reason, .. } => {
            CliError::Core(CoreError::invalid(at(Issue::new(reason.code()))))
        }
        source => match source.issue() {
            Some(issue) => CliError::Core(CoreError::invalid(at(issue))),
            None => CliError::OpenDatabase {
                path: location.to_string(),
                source,
            },
        },
    }
}

/// A `--from`/`--to` location, checked as `--db` is.
pub fn parse_location(given: &str, flag: &str) -> Result<Location, CliError> {
    Location::parse(given).map_err(|error| {
        let code = match error {
            StoreError::PasswordInUrl => ErrorCode::DatabasePasswordInUrl,
            _ => ErrorCode::DatabaseUrlInvalid,
        };
        CliError::Core(CoreError::invalid(Issue::new(code).at(flag)))
    })
}

/// Where `--db` points, or the desktop app's own file: `<data dir>/<app identifier>/ehr-desk.sqlite3`.
pub fn location(cli: &Cli) -> Result<Location, CliError> {
    let Some(given) = &cli.db else {
        let data = dirs::data_dir().ok_or(CliError::NoDataDirectory)?;
        return Ok(Location::File(
            data.join(ehr_core::APP_IDENTIFIER)
                .join(ehr_store::DATABASE_FILE_NAME),
        ));
    };
    parse_location(given, "--db")
}

/// Where a command that reads the database writes its file: refused when `out` names the database itself,
/// before anything is opened or written.
pub fn out_file(cli: &Cli, out: &Path) -> Result<FileDestination, CliError> {
    let database = database_file(cli)?;
    Ok(
        FileDestination::distinct_from(out, &database.as_deref().into_iter().collect::<Vec<_>>())
            .map_err(CoreError::from)?,
    )
}

/// The database file, when the database is one (an output file must not overwrite it).
pub fn database_file(cli: &Cli) -> Result<Option<PathBuf>, CliError> {
    Ok(match location(cli)? {
        Location::File(path) => Some(path),
        Location::Postgres(_) => None,
    })
}
