//! Sealing and opening with a data key.

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use ehr_core::ports::{CipherFailure, DataCipher};

/// Marks sealed values, and their format version, so plaintext written before sealing is told apart.
const MAGIC: &[u8; 4] = b"EHS1";
const NONCE_LEN: usize = 24;

/// A 256-bit data key.
#[derive(Clone)]
pub struct DataKey(pub(crate) [u8; 32]);

impl DataKey {
    pub fn generate() -> Self {
        DataKey(XChaCha20Poly1305::generate_key(&mut OsRng).into())
    }

    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        DataKey(bytes)
    }
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(..)") // never print the key
    }
}

/// Seals values as `EHS1 ‖ nonce ‖ ciphertext+tag`, with a fresh random nonce each time.
pub struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl Sealer {
    pub fn new(key: &DataKey) -> Self {
        Sealer {
            cipher: XChaCha20Poly1305::new(&key.0.into()),
        }
    }
}

impl DataCipher for Sealer {
    fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, CipherFailure> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let ciphertext = self
            .cipher
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
        self.cipher
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
        let sealer = Sealer::new(&DataKey::generate());
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
        let sealer = Sealer::new(&DataKey::generate());
        let sealed = sealer.seal(b"A123456(3)").unwrap();
        let other = Sealer::new(&DataKey::generate());
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
}
