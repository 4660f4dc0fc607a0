//! The office key while it is unlocked.

use ehr_core::auth::{Password, RecoveryKey};
use ehr_core::ports::{DataCipher, KeyFailure, OfficeKey, WrappedKey};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::sealer::Sealer;
use crate::wrapping::{self, Secret};

/// The office key, unwrapped. Private to this module and made only by [`generate`] and [`from_sealer`], so
/// nothing outside this crate can construct one from bytes of its choosing.
///
/// It is deliberately not `Clone` (and holds a [`Sealer`], which is not either): the session's one copy is
/// the only one, and wiping it on lock or sign-out — here, by dropping it — leaves none behind. A `Clone`
/// would let a copy outlive the lock, unwiped, wherever it had been passed.
#[derive(Zeroize, ZeroizeOnDrop)]
struct UnlockedKey {
    sealer: Sealer,
}

/// A new random office key.
pub(crate) fn generate() -> Result<Box<dyn OfficeKey>, KeyFailure> {
    let mut sealer = Sealer::empty();
    crate::argon::random(sealer.key_mut())?;
    Ok(from_sealer(sealer))
}

/// The office key whose bytes `sealer` holds (unwrapped, or the previous release's keyring key).
pub(crate) fn from_sealer(sealer: Sealer) -> Box<dyn OfficeKey> {
    Box::new(UnlockedKey { sealer })
}

impl std::fmt::Debug for UnlockedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OfficeKey(..)")
    }
}

impl OfficeKey for UnlockedKey {
    fn cipher(&self) -> &dyn DataCipher {
        &self.sealer
    }

    fn wrap_for_password(&self, password: &Password) -> Result<WrappedKey, KeyFailure> {
        wrapping::wrap(&self.sealer, Secret::Password, password.expose().as_bytes())
    }

    fn wrap_for_recovery(&self, recovery: &RecoveryKey) -> Result<WrappedKey, KeyFailure> {
        wrapping::wrap(&self.sealer, Secret::Recovery, recovery.expose().as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_no_material_and_zeroize_wipes_it() {
        let mut key = UnlockedKey {
            sealer: Sealer::random(),
        };
        let bytes = *key.sealer.key();
        let printed = format!("{key:?} {:?}", key.sealer);
        assert_eq!(printed, "OfficeKey(..) Sealer(..)");
        key.zeroize();
        assert_eq!(key.sealer.key(), &[0; 32]);
        assert_ne!(bytes, [0; 32]);
    }
}
