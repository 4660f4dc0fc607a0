//! The office key wrapped (encrypted) under a password or the recovery key: the bytes of a
//! [`WrappedKey`], version 1.
//!
//! ```text
//! offset  len  field
//!      0    4  magic "EHKW"
//!      4    1  format version, 1
//!      5    1  secret: 1 = a user's password, 2 = the recovery key
//!      6    4  Argon2id m (KiB), big-endian
//!     10    4  Argon2id t (passes), big-endian
//!     14    4  Argon2id p (lanes), big-endian
//!     18   16  salt (random, fresh for every wrapping)
//!     34   24  XChaCha20-Poly1305 nonce (random, fresh for every wrapping)
//!     58   48  the 32-byte office key, encrypted, and its 16-byte tag
//! ```
//!
//! The key-encrypting key is Argon2id(secret, salt) at the stored cost, 32 raw bytes. The 58-byte header is
//! the AEAD's associated data, so no field — the kind of secret, the cost, the salt — can be changed or
//! swapped with another wrapping's without the tag failing.
//!
//! The recovery key goes through Argon2id too (its canonical text, as shown on the sheet), although its 160
//! random bits need no stretching: one derivation and one format for both secrets, no second KDF to depend
//! on, a recovery is rare enough that its cost does not matter — and a sheet half seen over a shoulder still
//! leaves each guess of the rest at 19 MiB of work.

use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{Key, Tag, XChaCha20Poly1305, XNonce};
use ehr_core::ports::{KeyFailure, WrappedKey};

use crate::argon::{self, COST, Cost, SALT_LEN};
use crate::sealer::{KEY_LEN, Sealer};

const MAGIC: &[u8; 4] = b"EHKW";
const VERSION: u8 = 1;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const HEADER_LEN: usize = 4 + 1 + 1 + 12 + SALT_LEN + NONCE_LEN;
const WRAPPED_LEN: usize = HEADER_LEN + KEY_LEN + TAG_LEN;

/// Which secret a wrapping is for: bound into the header, so one kind is never taken for the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Secret {
    Password = 1,
    Recovery = 2,
}

/// `key` encrypted under `secret` with a fresh salt and nonce, at [`COST`].
pub(crate) fn wrap(key: &Sealer, kind: Secret, secret: &[u8]) -> Result<WrappedKey, KeyFailure> {
    let mut salt = [0u8; SALT_LEN];
    argon::random(&mut salt)?;
    let mut nonce = [0u8; NONCE_LEN];
    argon::random(&mut nonce)?;

    let mut wrapped = Vec::with_capacity(WRAPPED_LEN);
    wrapped.extend_from_slice(MAGIC);
    wrapped.push(VERSION);
    wrapped.push(kind as u8);
    for part in [COST.m_kib, COST.t, COST.p] {
        wrapped.extend_from_slice(&part.to_be_bytes());
    }
    wrapped.extend_from_slice(&salt);
    wrapped.extend_from_slice(&nonce);
    debug_assert_eq!(wrapped.len(), HEADER_LEN);

    let kek = argon::derive_key(secret, &salt, COST)?;
    // The key is encrypted where it lies in the output, so no other plaintext copy is made.
    wrapped.extend_from_slice(key.key());
    let (header, body) = wrapped.split_at_mut(HEADER_LEN);
    let tag = XChaCha20Poly1305::new(Key::from_slice(kek.as_slice())).encrypt_in_place_detached(
        XNonce::from_slice(&nonce),
        header,
        body,
    );
    match tag {
        Ok(tag) => {
            wrapped.extend_from_slice(&tag);
            Ok(WrappedKey(wrapped))
        }
        Err(_) => {
            zeroize::Zeroize::zeroize(&mut wrapped);
            Err(KeyFailure::Derivation)
        }
    }
}

/// The office key inside `wrapped`, if `secret` (of the kind `kind`) opens it.
pub(crate) fn unwrap(
    wrapped: &WrappedKey,
    kind: Secret,
    secret: &[u8],
) -> Result<Sealer, KeyFailure> {
    let parsed = Parsed::read(&wrapped.0)?;
    if parsed.kind != kind as u8 {
        return Err(KeyFailure::WrongSecret);
    }
    let kek = argon::derive_key(secret, parsed.salt, parsed.cost)?;
    // Decrypted straight into the sealer that will hold it: on failure the sealer is dropped and wiped.
    let mut sealer = Sealer::empty();
    sealer.key_mut().copy_from_slice(parsed.ciphertext);
    XChaCha20Poly1305::new(Key::from_slice(kek.as_slice()))
        .decrypt_in_place_detached(
            XNonce::from_slice(parsed.nonce),
            parsed.header,
            sealer.key_mut(),
            Tag::from_slice(parsed.tag),
        )
        .map_err(|_| KeyFailure::WrongSecret)?;
    Ok(sealer)
}

/// A wrapping's fields, checked for shape and bounds (not yet for authenticity).
struct Parsed<'a> {
    header: &'a [u8],
    kind: u8,
    cost: Cost,
    salt: &'a [u8; SALT_LEN],
    nonce: &'a [u8],
    ciphertext: &'a [u8],
    tag: &'a [u8],
}

impl<'a> Parsed<'a> {
    fn read(bytes: &'a [u8]) -> Result<Self, KeyFailure> {
        if bytes.len() != WRAPPED_LEN || !bytes.starts_with(MAGIC) || bytes[4] != VERSION {
            return Err(KeyFailure::Malformed);
        }
        let kind = bytes[5];
        if kind != Secret::Password as u8 && kind != Secret::Recovery as u8 {
            return Err(KeyFailure::Malformed);
        }
        let word = |at: usize| {
            let mut be = [0u8; 4];
            be.copy_from_slice(&bytes[at..at + 4]);
            u32::from_be_bytes(be)
        };
        let cost = Cost {
            m_kib: word(6),
            t: word(10),
            p: word(14),
        };
        if !cost.is_acceptable() {
            return Err(KeyFailure::Malformed);
        }
        let (header, body) = bytes.split_at(HEADER_LEN);
        let salt = header[18..18 + SALT_LEN]
            .try_into()
            .map_err(|_| KeyFailure::Malformed)?;
        let (ciphertext, tag) = body.split_at(KEY_LEN);
        Ok(Parsed {
            header,
            kind,
            cost,
            salt,
            nonce: &header[18 + SALT_LEN..],
            ciphertext,
            tag,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_is_as_documented() {
        let key = Sealer::random();
        let wrapped = wrap(&key, Secret::Recovery, b"secret").unwrap().0;
        assert_eq!(wrapped.len(), 106);
        assert_eq!(&wrapped[..6], b"EHKW\x01\x02");
        assert_eq!(&wrapped[6..18], &[0, 0, 0x4c, 0, 0, 0, 0, 2, 0, 0, 0, 1]);
        assert!(
            !wrapped.windows(KEY_LEN).any(|w| w == key.key()),
            "the key shows through"
        );
    }
}
