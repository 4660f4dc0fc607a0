//! The password of an office's PostgreSQL database, kept in this user's OS keyring: never in a file, a URL or
//! the database. Entries are named by the database they open (user, host, port, database), so one
//! workstation can know several.

use zeroize::Zeroizing;

use crate::KeyringError;

fn entry(service: &str, database: &str) -> Result<keyring::Entry, KeyringError> {
    keyring::Entry::new(service, &format!("database:{database}"))
        .map_err(crate::keyring_key::classify)
}

/// Keeps `password` for `database` (a name such as `postgres://ehr@db.clinic.local:5432/ehr`).
pub fn remember_database_password(
    service: &str,
    database: &str,
    password: &str,
) -> Result<(), KeyringError> {
    entry(service, database)?
        .set_password(password)
        .map_err(crate::keyring_key::classify)
}

/// The password kept for `database`, if any.
pub fn database_password(
    service: &str,
    database: &str,
) -> Result<Option<Zeroizing<String>>, KeyringError> {
    match entry(service, database)?.get_password() {
        Ok(password) => Ok(Some(Zeroizing::new(password))),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(error) => Err(crate::keyring_key::classify(error)),
    }
}

/// Forgets the password for `database`; forgetting one that is not kept is not an error.
pub fn forget_database_password(service: &str, database: &str) -> Result<(), KeyringError> {
    match entry(service, database)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(error) => Err(crate::keyring_key::classify(error)),
    }
}
