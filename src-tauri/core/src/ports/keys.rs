//! The key port: passwords hashed for sign-in, and the office key — the one key that seals the office's
//! personal data — kept only wrapped (encrypted) in the database: once for each user, by a key derived from
//! that user's password, and once by the office's recovery key. The key itself never leaves the adapter: the
//! core holds an [`OfficeKey`] while someone is signed in and drops it on lock and sign-out.

use serde::{Deserialize, Serialize};

use super::DataCipher;
use crate::auth::{Password, RecoveryKey};

/// A password hash in the PHC string format (`$argon2id$v=19$m=...`): self-describing, so parameters can be
/// raised later without locking anyone out.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordHash(pub String);

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash(..)")
    }
}

/// The office key encrypted under one secret (a password or the recovery key), in the adapter's own
/// versioned format: what the database keeps.
#[derive(Clone, PartialEq, Eq)]
pub struct WrappedKey(pub Vec<u8>);

impl std::fmt::Debug for WrappedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WrappedKey(..)")
    }
}

/// Why a key operation failed. Never says more than that: which byte, which parameter is of no use to a
/// person and of some use to an attacker.
#[derive(Debug, thiserror::Error)]
pub enum KeyFailure {
    /// The password or recovery key does not open this wrapped key.
    #[error("the secret does not open this key")]
    WrongSecret,
    /// The stored wrapping or hash is not in a format this version reads.
    #[error("the stored key material is malformed")]
    Malformed,
    /// The system's random source or the key derivation failed.
    #[error("the key derivation failed")]
    Derivation,
}

/// The office key while it is unlocked. Not `Clone`, and only the adapter makes one: the only copy lives
/// where the session keeps it, and dropping it wipes it.
pub trait OfficeKey: Send + Sync {
    /// Seals and opens personal data with this key.
    fn cipher(&self) -> &dyn DataCipher;
    /// This key wrapped for a user by `password` (a new user, a changed or reset password).
    fn wrap_for_password(&self, password: &Password) -> Result<WrappedKey, KeyFailure>;
    /// This key wrapped by the recovery key.
    fn wrap_for_recovery(&self, recovery: &RecoveryKey) -> Result<WrappedKey, KeyFailure>;
}

/// Hashing passwords and making, wrapping and unwrapping office keys.
pub trait KeyVault: Send + Sync {
    /// An Argon2id hash of `password` with a fresh salt.
    fn hash_password(&self, password: &Password) -> Result<PasswordHash, KeyFailure>;
    /// Whether `password` matches `hash` (a malformed hash matches nothing).
    fn verify_password(&self, password: &Password, hash: &PasswordHash) -> bool;
    /// Spends the same work as [`KeyVault::verify_password`] for a user name that does not exist, so that
    /// the time taken does not tell which user names do.
    fn verify_nothing(&self, password: &Password);
    /// A new random office key and a new random recovery key.
    fn new_office_key(&self) -> Result<(Box<dyn OfficeKey>, RecoveryKey), KeyFailure>;
    /// A new random recovery key alone, for an office key adopted from the previous release.
    fn new_recovery_key(&self) -> Result<RecoveryKey, KeyFailure>;
    /// The office key from a user's wrapping, with that user's password.
    fn unwrap_with_password(
        &self,
        wrapped: &WrappedKey,
        password: &Password,
    ) -> Result<Box<dyn OfficeKey>, KeyFailure>;
    /// The office key from its recovery wrapping.
    fn unwrap_with_recovery(
        &self,
        wrapped: &WrappedKey,
        recovery: &RecoveryKey,
    ) -> Result<Box<dyn OfficeKey>, KeyFailure>;
}
