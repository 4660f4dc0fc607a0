//! Sealing and opening personal data with the office key.

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use ehr_core::ports::{CipherFailure, DataCipher, SealedPlace};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Marks sealed values, and their format version, so plaintext written before sealing is told apart. `EHS2`
/// values are bound to their place (associated data); `EHS1` ones, from the release before, are not and are
/// only opened to be sealed again.
const MAGIC: &[u8; 4] = b"EHS2";
const UNBOUND: &[u8; 4] = b"EHS1";
const NONCE_LEN: usize = 24;
pub(crate) const KEY_LEN: usize = 32;

/// Seals values as `EHS2 ‖ nonce ‖ ciphertext+tag` (XChaCha20-Poly1305, the place as associated data), with
/// a fresh random nonce each time.
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

impl Sealer {
    fn open_with(
        &self,
        magic: &[u8; 4],
        sealed: &[u8],
        associated: &[u8],
    ) -> Result<Vec<u8>, CipherFailure> {
        let rest = sealed
            .strip_prefix(magic.as_slice())
            .ok_or(CipherFailure::Malformed)?;
        if rest.len() < NONCE_LEN {
            return Err(CipherFailure::Malformed);
        }
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let payload = Payload {
            msg: ciphertext,
            aad: associated,
        };
        self.cipher()
            .decrypt(XNonce::from_slice(nonce), payload)
            .map_err(|_| CipherFailure::WrongKeyOrTampered)
    }
}

impl DataCipher for Sealer {
    fn seal(&self, plaintext: &[u8], place: &SealedPlace<'_>) -> Result<Vec<u8>, CipherFailure> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let associated = place.associated_data();
        let payload = Payload {
            msg: plaintext,
            aad: &associated,
        };
        let ciphertext = self
            .cipher()
            .encrypt(&nonce, payload)
            .map_err(|_| CipherFailure::Malformed)?;
        let mut sealed = Vec::with_capacity(MAGIC.len() + NONCE_LEN + ciphertext.len());
        sealed.extend_from_slice(MAGIC);
        sealed.extend_from_slice(&nonce);
        sealed.extend_from_slice(&ciphertext);
        Ok(sealed)
    }

    fn open(&self, sealed: &[u8], place: &SealedPlace<'_>) -> Result<Vec<u8>, CipherFailure> {
        self.open_with(MAGIC, sealed, &place.associated_data())
    }

    fn open_unbound(&self, sealed: &[u8]) -> Result<Vec<u8>, CipherFailure> {
        self.open_with(UNBOUND, sealed, &[])
    }

    fn is_sealed(&self, stored: &[u8]) -> bool {
        stored.starts_with(MAGIC)
    }

    /// HMAC-SHA256 under a key of its own — itself an HMAC of a fixed label under the office key, so the
    /// sealing key is never used for anything else — cut to 128 bits (plenty to tell terms apart: a lookup's
    /// candidates are opened and checked anyway).
    fn blind(&self, term: &[u8]) -> [u8; 16] {
        let mut index_key = mac(&self.key, b"ehr-desk blind index key v1");
        let tag = mac(&index_key, term);
        index_key.zeroize();
        let mut blinded = [0u8; 16];
        blinded.copy_from_slice(&tag[..16]);
        blinded
    }
}

fn mac(key: &[u8], message: &[u8]) -> [u8; 32] {
    use hmac::{Hmac, Mac};
    // An HMAC key may have any length: `new_from_slice` cannot fail.
    let Ok(mut mac) = <Hmac<sha2::Sha256> as Mac>::new_from_slice(key) else {
        return [0; 32];
    };
    mac.update(message);
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HERE: SealedPlace<'static> = SealedPlace {
        table: "patients",
        column: "sealed_record",
        row: "0193a7a0-0000-7000-8000-000000000001",
    };

    #[test]
    fn seals_and_opens() {
        let sealer = Sealer::random();
        let sealed = sealer.seal("李𨋢欣 A123456(3)".as_bytes(), &HERE).unwrap();
        assert!(sealer.is_sealed(&sealed));
        assert!(
            !sealed.windows(6).any(|w| w == b"A12345"),
            "the plaintext shows through"
        );
        assert_eq!(
            sealer.open(&sealed, &HERE).unwrap(),
            "李𨋢欣 A123456(3)".as_bytes()
        );
        assert_ne!(
            sealer.seal(b"same", &HERE).unwrap(),
            sealer.seal(b"same", &HERE).unwrap(),
            "nonces repeat"
        );
    }

    #[test]
    fn a_value_opens_only_in_its_own_place() {
        let sealer = Sealer::random();
        let sealed = sealer.seal(b"A123456(3)", &HERE).unwrap();
        let elsewhere = [
            SealedPlace {
                row: "0193a7a0-0000-7000-8000-000000000002",
                ..HERE
            },
            SealedPlace {
                column: "sealed_data",
                ..HERE
            },
            SealedPlace {
                table: "applications",
                ..HERE
            },
        ];
        for place in elsewhere {
            assert!(
                matches!(
                    sealer.open(&sealed, &place),
                    Err(CipherFailure::WrongKeyOrTampered)
                ),
                "{place:?}"
            );
        }
        // Nor as an unbound value of the release before.
        assert!(sealer.open_unbound(&sealed).is_err());
    }

    #[test]
    fn refuses_another_key_and_any_change() {
        let sealer = Sealer::random();
        let sealed = sealer.seal(b"A123456(3)", &HERE).unwrap();
        let other = Sealer::random();
        assert!(matches!(
            other.open(&sealed, &HERE),
            Err(CipherFailure::WrongKeyOrTampered)
        ));
        for position in 4..sealed.len() {
            let mut changed = sealed.clone();
            changed[position] ^= 1;
            assert!(
                sealer.open(&changed, &HERE).is_err(),
                "a change at {position} was accepted"
            );
        }
        assert!(matches!(
            sealer.open(b"{\"plain\":true}", &HERE),
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
