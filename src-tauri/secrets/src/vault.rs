//! The key port's adapter: [`Vault`].

use ehr_core::auth::{Password, RecoveryKey};
use ehr_core::ports::{KeyFailure, KeyVault, OfficeKey, PasswordHash, WrappedKey};
use zeroize::Zeroizing;

use crate::wrapping::{self, Secret};
use crate::{argon, office_key};

/// Hashes passwords with Argon2id (PHC strings) and makes, wraps and unwraps office keys (see
/// [`crate::wrapping`] for the format). It holds nothing: every secret comes in with the call.
#[derive(Debug, Default, Clone, Copy)]
pub struct Vault;

impl KeyVault for Vault {
    fn hash_password(&self, password: &Password) -> Result<PasswordHash, KeyFailure> {
        argon::hash(password.expose().as_bytes()).map(PasswordHash)
    }

    fn verify_password(&self, password: &Password, hash: &PasswordHash) -> bool {
        argon::verify(password.expose().as_bytes(), &hash.0)
    }

    fn verify_nothing(&self, password: &Password) {
        argon::verify_nothing(password.expose().as_bytes());
    }

    fn new_office_key(&self) -> Result<(Box<dyn OfficeKey>, RecoveryKey), KeyFailure> {
        Ok((office_key::generate()?, self.new_recovery_key()?))
    }

    fn new_recovery_key(&self) -> Result<RecoveryKey, KeyFailure> {
        let mut random = Zeroizing::new([0u8; 20]);
        argon::random(random.as_mut_slice())?;
        Ok(RecoveryKey::from_random(&random))
    }

    fn unwrap_with_password(
        &self,
        wrapped: &WrappedKey,
        password: &Password,
    ) -> Result<Box<dyn OfficeKey>, KeyFailure> {
        wrapping::unwrap(wrapped, Secret::Password, password.expose().as_bytes())
            .map(office_key::from_sealer)
    }

    fn unwrap_with_recovery(
        &self,
        wrapped: &WrappedKey,
        recovery: &RecoveryKey,
    ) -> Result<Box<dyn OfficeKey>, KeyFailure> {
        wrapping::unwrap(wrapped, Secret::Recovery, recovery.expose().as_bytes())
            .map(office_key::from_sealer)
    }
}
