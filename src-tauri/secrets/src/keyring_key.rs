//! The previous release's data key, kept in the OS keyring. From this release the office key is kept wrapped
//! in the database instead; the keyring entry is read once, on upgrade, to become the office key, then removed.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ehr_core::ports::OfficeKey;
use zeroize::Zeroizing;

use crate::Sealer;

/// The entry's user name under the service, as the previous release named it.
const ENTRY: &str = "data-key";

/// Why the key could not be had from the keyring. Each message says what a person can do about it.
#[derive(Debug, thiserror::Error)]
pub enum KeyringError {
    #[error(
        "no keyring service is available (on Linux: a Secret Service such as GNOME Keyring in a desktop \
         session); eHR Desk keeps the key that protects personal data there and cannot start without it"
    )]
    Unavailable(#[source] keyring::Error),
    #[error("the keyring refused access to eHR Desk's data key (is it locked?)")]
    Refused(#[source] keyring::Error),
    #[error("the data key in the keyring is damaged; restore it from the keyring's backup")]
    Damaged,
    #[error("cannot take the lock that guards creating the data key")]
    Lock(#[source] std::io::Error),
    #[error("the system's random source failed; no data key was created")]
    Random,
}

/// The data key stored under `service` in this user's keyring, as a sealer; created (randomly) the first time.
///
/// The previous release's start-up: kept until sign-in replaces it in the app and the CLI. New code wants
/// [`legacy_office_key`], which never creates a key.
pub fn data_key_from_keyring(service: &str) -> Result<Sealer, KeyringError> {
    // The keyring has no "create if absent": two processes starting together (the app and the CLI, or tests)
    // would each create a key, and data sealed with the losing one could never be opened. A lock file in the
    // user's own cache folder makes look-up-or-create one step per user.
    let _creation = creation_lock(service)?;
    let entry = keyring::Entry::new(service, ENTRY).map_err(classify)?;
    match entry.get_password() {
        Ok(stored) => decode(&Zeroizing::new(stored)),
        Err(keyring::Error::NoEntry) => {
            let mut sealer = Sealer::empty();
            crate::argon::random(sealer.key_mut()).map_err(|_| KeyringError::Random)?;
            let encoded = Zeroizing::new(STANDARD.encode(sealer.key()));
            entry.set_password(&encoded).map_err(classify)?;
            Ok(sealer)
        }
        Err(error) => Err(classify(error)),
    }
}

/// The previous release's data key under `service`, as the office key, or `None` if this user's keyring has
/// none (a new installation, or one already upgraded). Never creates one: the upgrade path reads it, wraps it
/// for the first administrator and by the recovery key, and then calls [`remove_legacy_key`].
pub fn legacy_office_key(service: &str) -> Result<Option<Box<dyn OfficeKey>>, KeyringError> {
    let _creation = creation_lock(service)?;
    let entry = keyring::Entry::new(service, ENTRY).map_err(classify)?;
    match entry.get_password() {
        Ok(stored) => Ok(Some(crate::office_key::from_sealer(decode(
            &Zeroizing::new(stored),
        )?))),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(error) => Err(classify(error)),
    }
}

/// Removes the previous release's data key under `service`, once the office key is safely wrapped in the
/// database. Removing what is not there is not an error (an upgrade interrupted after the removal).
pub fn remove_legacy_key(service: &str) -> Result<(), KeyringError> {
    let _creation = creation_lock(service)?;
    let entry = keyring::Entry::new(service, ENTRY).map_err(classify)?;
    match entry.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(error) => Err(classify(error)),
    }
}

/// Held until dropped; the OS releases it if the process dies.
fn creation_lock(service: &str) -> Result<std::fs::File, KeyringError> {
    let dir = dirs::cache_dir().unwrap_or_else(std::env::temp_dir);
    std::fs::create_dir_all(&dir).map_err(KeyringError::Lock)?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(format!("{service}.data-key.lock")))
        .map_err(KeyringError::Lock)?;
    file.lock().map_err(KeyringError::Lock)?;
    Ok(file)
}

fn decode(stored: &str) -> Result<Sealer, KeyringError> {
    let bytes = Zeroizing::new(
        STANDARD
            .decode(stored.trim())
            .map_err(|_| KeyringError::Damaged)?,
    );
    let mut sealer = Sealer::empty();
    if bytes.len() != sealer.key().len() {
        return Err(KeyringError::Damaged);
    }
    sealer.key_mut().copy_from_slice(&bytes);
    Ok(sealer)
}

pub(crate) fn classify(error: keyring::Error) -> KeyringError {
    match error {
        keyring::Error::NoStorageAccess(_) => KeyringError::Refused(error),
        _ => KeyringError::Unavailable(error),
    }
}
