//! The data key, kept in the OS keyring.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::DataKey;

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
}

/// The data key stored under `service` in this user's keyring; created (randomly) the first time.
pub fn data_key_from_keyring(service: &str) -> Result<DataKey, KeyringError> {
    // The keyring has no "create if absent": two processes starting together (the app and the CLI, or tests)
    // would each create a key, and data sealed with the losing one could never be opened. A lock file in the
    // user's own cache folder makes look-up-or-create one step per user.
    let _creation = creation_lock(service)?;
    let entry = keyring::Entry::new(service, "data-key").map_err(classify)?;
    match entry.get_password() {
        Ok(stored) => decode(&stored),
        Err(keyring::Error::NoEntry) => {
            let key = DataKey::generate();
            entry
                .set_password(&STANDARD.encode(key.0))
                .map_err(classify)?;
            Ok(key)
        }
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

fn decode(stored: &str) -> Result<DataKey, KeyringError> {
    let bytes = STANDARD
        .decode(stored.trim())
        .map_err(|_| KeyringError::Damaged)?;
    let key: [u8; 32] = bytes.try_into().map_err(|_| KeyringError::Damaged)?;
    Ok(DataKey(key))
}

fn classify(error: keyring::Error) -> KeyringError {
    match error {
        keyring::Error::NoStorageAccess(_) => KeyringError::Refused(error),
        _ => KeyringError::Unavailable(error),
    }
}
