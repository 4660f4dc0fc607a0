//! Personal data at rest: [`Sealer`] seals it with XChaCha20-Poly1305 (authenticated, so a changed byte is
//! refused, not misread), and [`data_key_from_keyring`] keeps the 256-bit key in the OS keyring (Secret Service
//! on Linux, Keychain on macOS, Credential Manager on Windows) — never in the database, never in a file.

mod keyring_key;
mod sealer;

pub use keyring_key::{KeyringError, data_key_from_keyring};
pub use sealer::{DataKey, Sealer};
