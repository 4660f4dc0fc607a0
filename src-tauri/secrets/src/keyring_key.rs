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
}

/// The data key stored under `service` in this user's keyring; created (randomly) the first time.
pub fn data_key_from_keyring(service: &str) -> Result<DataKey, KeyringError> {
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
