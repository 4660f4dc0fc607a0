//! Where the office's data is: this computer's SQLite file (the default), or an office's PostgreSQL database
//! that several workstations share, as a small settings file in the app's data folder says
//! (`database.json`, `{"url": "postgres://…"}`; no file is this computer's file). The file never holds a
//! password: `Location::parse` refuses one in the URL, and the password is kept in the OS keyring.

use std::io::Write;
use std::path::{Path, PathBuf};

use ehr_core::{ErrorCode, Issue};
use ehr_store::{Location, Store, StoreError};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The settings file's name in the app's data folder.
pub const SETTINGS_FILE: &str = "database.json";

/// Longest URL and password taken (far above any real one), so nothing larger is parsed or sent.
pub const MAX_URL_CHARS: usize = 2_000;
pub const MAX_PASSWORD_CHARS: usize = 1_000;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    url: String,
}

/// This computer's database file.
pub fn local_file(data_dir: &Path) -> Location {
    Location::File(data_dir.join(ehr_store::DATABASE_FILE_NAME))
}

/// Where the settings file says the data is; this computer's file when there is no settings file.
pub fn configured(data_dir: &Path) -> Result<Location, AppError> {
    let path = settings_path(data_dir);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(local_file(data_dir));
        }
        Err(error) => return Err(AppError::DatabaseSettings(error.to_string())),
    };
    let file: SettingsFile = serde_json::from_str(&text)
        .map_err(|_| AppError::DatabaseSettings("not a settings file".into()))?;
    match Location::parse(&file.url) {
        Ok(location @ Location::Postgres(_)) => Ok(location),
        Ok(Location::File(_)) | Err(_) => Err(AppError::DatabaseSettings(
            "the URL is not a PostgreSQL URL without a password".into(),
        )),
    }
}

/// Makes `location` what the app opens from its next start: the settings file for PostgreSQL (written to a
/// temporary name beside it, synced, then renamed over it), no settings file for this computer's file.
pub fn save(data_dir: &Path, location: &Location) -> std::io::Result<()> {
    let path = settings_path(data_dir);
    let Location::Postgres(url) = location else {
        return match std::fs::remove_file(&path) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        };
    };
    std::fs::create_dir_all(data_dir)?;
    let json = serde_json::to_string_pretty(&SettingsFile { url: url.clone() })?;
    let mut temp = tempfile::NamedTempFile::new_in(data_dir)?;
    temp.write_all(json.as_bytes())?;
    temp.as_file().sync_all()?;
    temp.persist(&path).map_err(|error| error.error)?;
    Ok(())
}

/// A database URL as typed, parsed (a password in it refused), each refusal at `field`. An empty URL is this
/// computer's file.
pub fn parse(data_dir: &Path, url: &str, field: &str) -> Result<Location, Issue> {
    let url = url.trim();
    if url.is_empty() {
        return Ok(local_file(data_dir));
    }
    if url.chars().count() > MAX_URL_CHARS {
        return Err(Issue::new(ErrorCode::DatabaseUrlInvalid).at(field));
    }
    match Location::parse(url) {
        Ok(location @ Location::Postgres(_)) => Ok(location),
        Ok(Location::File(_)) => Err(Issue::new(ErrorCode::DatabaseUrlInvalid).at(field)),
        Err(StoreError::PasswordInUrl) => {
            Err(Issue::new(ErrorCode::DatabasePasswordInUrl).at(field))
        }
        Err(_) => Err(Issue::new(ErrorCode::DatabaseUrlInvalid).at(field)),
    }
}

/// The password kept in the keyring for `location`, if any.
pub fn kept_password(location: &Location) -> Result<Option<zeroize::Zeroizing<String>>, AppError> {
    Ok(match location.credential_name() {
        Some(name) => ehr_secrets::database_password(ehr_core::APP_IDENTIFIER, &name)?,
        None => None,
    })
}

/// Opens the store at `location`: the file (created if needed), or PostgreSQL with the keyring's password.
pub async fn open(location: &Location) -> Result<Store, AppError> {
    Ok(match location {
        Location::File(path) => Store::open_sqlite(path).await?,
        Location::Postgres(url) => {
            let password = kept_password(location)?;
            Store::open_postgres(url, password.as_ref().map(|p| p.as_str())).await?
        }
    })
}

/// The issue a person reads when the office database cannot be opened: the typed reason when it is one
/// (unreachable, refused, TLS, no such database), else a reference to the log line.
pub fn failure_issue(error: &AppError) -> Issue {
    match error {
        AppError::OpenStore(StoreError::Unreachable { reason, .. }) => Issue::new(reason.code()),
        AppError::DatabaseSettings(_) => Issue::new(ErrorCode::DatabaseSettingsUnreadable),
        other => {
            let reference = crate::error::new_reference();
            tracing::error!(%reference, error = %ehr_core::error::describe_chain(other), "cannot open the office database");
            Issue::new(ErrorCode::StorageFailed).with("reference", reference)
        }
    }
}

/// Where the settings file lives.
pub fn settings_path(data_dir: &Path) -> PathBuf {
    data_dir.join(SETTINGS_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_settings_file_is_this_computers_file_and_a_saved_url_is_read_back() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(configured(dir.path()).unwrap(), local_file(dir.path()));
        let office =
            Location::parse("postgres://desk@db.example:5432/ehr?sslmode=require").unwrap();
        save(dir.path(), &office).unwrap();
        assert_eq!(configured(dir.path()).unwrap(), office);
        // Only the settings file is left in the folder: the temporary file was renamed over it.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [SETTINGS_FILE]);
        save(dir.path(), &local_file(dir.path())).unwrap();
        assert_eq!(configured(dir.path()).unwrap(), local_file(dir.path()));
    }

    #[test]
    fn a_settings_file_with_a_password_or_unknown_keys_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        for text in [
            r#"{"url": "postgres://desk:secret@db.example/ehr"}"#,
            r#"{"url": "postgres://desk@db.example/ehr", "password": "secret"}"#,
            r#"{"url": "/some/file.sqlite3"}"#,
            "not json",
        ] {
            std::fs::write(settings_path(dir.path()), text).unwrap();
            let error = configured(dir.path()).unwrap_err();
            assert!(matches!(error, AppError::DatabaseSettings(_)), "{text}");
            assert_eq!(
                failure_issue(&error).code,
                ErrorCode::DatabaseSettingsUnreadable
            );
            assert!(!error.to_string().contains("secret"), "{error}");
        }
    }

    #[test]
    fn a_typed_url_is_parsed_with_its_refusal_at_the_field() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            parse(dir.path(), " ", "url").unwrap(),
            local_file(dir.path())
        );
        let refused = parse(dir.path(), "postgres://desk:secret@db/ehr", "url").unwrap_err();
        assert_eq!(refused.code, ErrorCode::DatabasePasswordInUrl);
        assert_eq!(refused.field.as_deref(), Some("url"));
        let file = parse(dir.path(), "/tmp/x.sqlite3", "url").unwrap_err();
        assert_eq!(file.code, ErrorCode::DatabaseUrlInvalid);
        let long = format!("postgres://desk@db/{}", "e".repeat(MAX_URL_CHARS));
        assert_eq!(
            parse(dir.path(), &long, "url").unwrap_err().code,
            ErrorCode::DatabaseUrlInvalid
        );
    }
}
