//! The key port's adapter and sealing at rest.
//!
//! - [`Vault`] implements [`ehr_core::ports::KeyVault`]: Argon2id password hashes (PHC strings), and the
//!   office key — the one key that seals the office's personal data — made at random and kept only wrapped
//!   (see [`wrapping`] for the format) for each user's password and by the recovery key.
//! - [`Sealer`] seals personal data with XChaCha20-Poly1305 (authenticated, so a changed byte is refused, not
//!   misread). An unlocked office key is one; so is the previous release's data key in the OS keyring
//!   ([`legacy_office_key`], read once on upgrade).
//! - The password of an office's PostgreSQL database is kept in the OS keyring ([`database_password`]).
//!
//! No key leaves this crate as bytes, and none can be made or copied outside it: the key types have no
//! public constructor, are not `Clone`, and are wiped when dropped.

mod argon;
mod database_password;
mod keyring_key;
mod office_key;
mod sealer;
mod vault;
pub mod wrapping;

pub use database_password::{
    database_password, forget_database_password, remember_database_password,
};
pub use keyring_key::{KeyringError, data_key_from_keyring, legacy_office_key, remove_legacy_key};
pub use sealer::Sealer;
pub use vault::Vault;
