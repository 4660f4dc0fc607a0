//! Sealing and opening personal data with the office key.

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use ehr_core::ports::{CipherFailure, DataCipher};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Marks sealed values, and their format version, so plaintext written before sealing is told apart.
const MAGIC: &[u8; 4] = b"EHS1";
const NONCE_LEN: usize = 24;
pub(crate) const KEY_LEN: usize = 32;

/// Seals values as `EHS1 ‖ nonce ‖ ciphertext+tag` (XChaCha20-Poly1305), with a fresh random nonce each time.
///
/// It holds the 256-bit key itself and wipes it when dropped. Only this crate makes one — from the keyring,
/// or inside an unwrapped office key — and it is not `Clone`, so no copy of the key outlives its owner.
/// The cipher state is rebuilt per call (a 32-byte copy, wiped on drop by `chacha20poly1305` itself) rather
/// than kept, so that [`Zeroize`] reaches every copy of the key this type holds.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Sealer {
    key: [u8; KEY_LEN],
}

impl Sealer {
    /// A sealer whose key is still all zeros: the caller fills it in place, so no copy is left on the stack.
    pub(crate) fn empty() -> Self {
        Sealer { key: [0; KEY_LEN] }
    }

    pub(crate) fn key(&self) -> &[u8; KEY_LEN] {
        &self.key
    }

    pub(crate) fn key_mut(&mut self) -> &mut [u8; KEY_LEN] {
        &mut self.key
    }

    /// A sealer with a throwaway random key, for tests and benchmarks that measure or check sealing itself.
    #[cfg(any(test, feature = "test-support"))]
    pub fn random() -> Self {
        use chacha20poly1305::aead::rand_core::RngCore;
        let mut sealer = Sealer::empty();
        OsRng.fill_bytes(sealer.key_mut());
        sealer
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(Key::from_slice(&self.key))
    }
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(..)") // never print the key
    }
}

impl DataCipher for Sealer {
    fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, CipherFailure> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let ciphertext = self
            .cipher()
            .encrypt(&nonce, plaintext)
            .map_err(|_| CipherFailure::Malformed)?;
        let mut sealed = Vec::with_capacity(MAGIC.len() + NONCE_LEN + ciphertext.len());
        sealed.extend_from_slice(MAGIC);
        sealed.extend_from_slice(&nonce);
        sealed.extend_from_slice(&ciphertext);
        Ok(sealed)
    }

    fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, CipherFailure> {
        let rest = sealed
            .strip_prefix(MAGIC.as_slice())
            .ok_or(CipherFailure::Malformed)?;
        if rest.len() < NONCE_LEN {
            return Err(CipherFailure::Malformed);
        }
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        self.cipher()
            .decrypt(XNonce::from_slice(nonce), ciphertext)
            .map_err(|_| CipherFailure::WrongKeyOrTampered)
    }

    fn is_sealed(&self, stored: &[u8]) -> bool {
        stored.starts_with(MAGIC)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_and_opens() {
        let sealer = Sealer::random();
        let sealed = sealer.seal("李𨋢欣 A123456(3)".as_bytes()).unwrap();
        assert!(sealer.is_sealed(&sealed));
        assert!(
            !sealed.windows(6).any(|w| w == b"A12345"),
            "the plaintext shows through"
        );
        assert_eq!(
            sealer.open(&sealed).unwrap(),
            "李𨋢欣 A123456(3)".as_bytes()
        );
        assert_ne!(
            sealer.seal(b"same").unwrap(),
            sealer.seal(b"same").unwrap(),
            "nonces repeat"
        );
    }

    #[test]
    fn refuses_another_key_and_any_change() {
        let sealer = Sealer::random();
        let sealed = sealer.seal(b"A123456(3)").unwrap();
        let other = Sealer::random();
        assert!(matches!(
            other.open(&sealed),
            Err(CipherFailure::WrongKeyOrTampered)
        ));
        for position in 4..sealed.len() {
            let mut changed = sealed.clone();
            changed[position] ^= 1;
            assert!(
                sealer.open(&changed).is_err(),
                "a change at {position} was accepted"
            );
        }
        assert!(matches!(
            sealer.open(b"{\"plain\":true}"),
            Err(CipherFailure::Malformed)
        ));
        assert!(!sealer.is_sealed(b"{\"plain\":true}"));
    }

    #[test]
    fn zeroize_wipes_the_key_and_debug_prints_none_of_it() {
        let mut sealer = Sealer::random();
        assert_ne!(sealer.key(), &[0; KEY_LEN]);
        assert_eq!(format!("{sealer:?}"), "Sealer(..)");
        sealer.zeroize();
        assert_eq!(sealer.key(), &[0; KEY_LEN]);
    }
}
