//! Argon2id: the cost every new hash and wrapping is made with, the bounds a stored one must keep to, and the
//! two ways it is used — PHC strings for sign-in, raw 32-byte keys for wrapping the office key.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::OsRng;
use chacha20poly1305::aead::rand_core::RngCore;
use ehr_core::ports::KeyFailure;
use zeroize::Zeroizing;

/// Argon2id's cost: memory in KiB, passes, lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cost {
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
}

/// What new hashes and wrappings are made with: OWASP's first recommended Argon2id setting (m = 19 MiB,
/// t = 2, p = 1; the floor). It costs tens of milliseconds per sign-in on a clinic's PC and makes each
/// guess of an offline attacker as costly. The cost is stored with every hash and wrapping, so raising it
/// later locks no one out: old ones are still read with their own cost.
pub(crate) const COST: Cost = Cost {
    m_kib: 19_456,
    t: 2,
    p: 1,
};

/// The least a stored hash or wrapping may cost: anything weaker was not made by eHR Desk.
const FLOOR: Cost = COST;
/// The most a stored hash or wrapping may cost: a damaged or planted one must not make sign-in allocate
/// gigabytes or spin for minutes before it is refused.
const CEILING: Cost = Cost {
    m_kib: 1024 * 1024,
    t: 64,
    p: 16,
};

pub(crate) const SALT_LEN: usize = 16;
pub(crate) const KEY_LEN: usize = 32;

impl Cost {
    pub(crate) fn is_acceptable(self) -> bool {
        (FLOOR.m_kib..=CEILING.m_kib).contains(&self.m_kib)
            && (FLOOR.t..=CEILING.t).contains(&self.t)
            && (FLOOR.p..=CEILING.p).contains(&self.p)
    }

    fn argon2(self) -> Result<Argon2<'static>, KeyFailure> {
        let params = Params::new(self.m_kib, self.t, self.p, Some(KEY_LEN))
            .map_err(|_| KeyFailure::Derivation)?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }
}

/// The hash of a fixed password (`ehr-desk: no such user`, salt `ehr-desk-dummy-1`) made with [`COST`]: what
/// [`verify_nothing`] checks against, so an unknown user name costs what a known one does. A test keeps its
/// cost equal to [`COST`]; when that rises, make this again with the new cost.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$ZWhyLWRlc2stZHVtbXktMQ$1DQO84I7Khviwz6vJeHibNu4GCwfSbQ52t3tb0Ylx3U";

/// A PHC string of `password` with a fresh random salt.
pub(crate) fn hash(password: &[u8]) -> Result<String, KeyFailure> {
    let mut salt = [0u8; SALT_LEN];
    random(&mut salt)?;
    let salt = SaltString::encode_b64(&salt).map_err(|_| KeyFailure::Derivation)?;
    let hash = COST
        .argon2()?
        .hash_password(password, &salt)
        .map_err(|_| KeyFailure::Derivation)?;
    Ok(hash.to_string())
}

/// Whether `password` matches the PHC string `stored`. Only Argon2id v19 within the cost bounds is checked at
/// all; anything else matches nothing.
pub(crate) fn verify(password: &[u8], stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    if parsed.algorithm != argon2::ARGON2ID_IDENT || parsed.version != Some(0x13) {
        return false;
    }
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let cost = Cost {
        m_kib: params.m_cost(),
        t: params.t_cost(),
        p: params.p_cost(),
    };
    if !cost.is_acceptable() || params.output_len() != Some(KEY_LEN) {
        return false;
    }
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .verify_password(password, &parsed)
        .is_ok()
}

/// The same work as [`verify`] against a real hash, with no result.
pub(crate) fn verify_nothing(password: &[u8]) {
    let _ = std::hint::black_box(verify(password, DUMMY_HASH));
}

/// A 32-byte key from `secret` and `salt` at `cost`: the key that wraps the office key.
pub(crate) fn derive_key(
    secret: &[u8],
    salt: &[u8; SALT_LEN],
    cost: Cost,
) -> Result<Zeroizing<[u8; KEY_LEN]>, KeyFailure> {
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    cost.argon2()?
        .hash_password_into(secret, salt, key.as_mut_slice())
        .map_err(|_| KeyFailure::Derivation)?;
    Ok(key)
}

/// Fills `buffer` from the OS's random source.
pub(crate) fn random(buffer: &mut [u8]) -> Result<(), KeyFailure> {
    OsRng
        .try_fill_bytes(buffer)
        .map_err(|_| KeyFailure::Derivation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_argon2id_at_the_owasp_cost_or_more() {
        let stored = hash(b"correct horse battery").unwrap();
        let parsed = PasswordHash::new(&stored).unwrap();
        assert_eq!(parsed.algorithm, argon2::ARGON2ID_IDENT, "{stored}");
        assert_eq!(parsed.version, Some(19));
        let params = Params::try_from(&parsed).unwrap();
        assert!(params.m_cost() >= 19_456, "{stored}");
        assert!(params.t_cost() >= 2, "{stored}");
        assert!(params.p_cost() >= 1, "{stored}");
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify(b"correct horse battery", &stored));
        assert!(!verify(b"correct horse batterz", &stored));
    }

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_does() {
        let dummy = PasswordHash::new(DUMMY_HASH).unwrap();
        let real = hash(b"x").unwrap();
        let real = PasswordHash::new(&real).unwrap();
        assert_eq!(dummy.algorithm, real.algorithm);
        assert_eq!(dummy.version, real.version);
        assert_eq!(dummy.params, real.params);
        assert_eq!(
            dummy.hash.map(|h| h.len()),
            real.hash.map(|h| h.len()),
            "output length"
        );
        // Checked in full (not refused early as malformed), or it would cost nothing.
        assert!(verify(b"ehr-desk: no such user", DUMMY_HASH));
    }

    #[test]
    fn hashes_outside_the_bounds_or_of_other_kinds_match_nothing() {
        let weak = "$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$";
        for stored in [
            "",
            "not a hash",
            weak,
            // Argon2i and Argon2d of "password": valid PHC strings, not ours.
            "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2d$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            // Four gigabytes: refused before any memory is taken.
            "$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        ] {
            assert!(!verify(b"password", stored), "{stored}");
        }
    }

    #[test]
    fn a_derived_key_depends_on_secret_salt_and_cost() {
        let salt = [7u8; SALT_LEN];
        let key = derive_key(b"secret", &salt, COST).unwrap();
        assert_eq!(*key, *derive_key(b"secret", &salt, COST).unwrap());
        assert_ne!(*key, *derive_key(b"secreu", &salt, COST).unwrap());
        assert_ne!(
            *key,
            *derive_key(b"secret", &[8u8; SALT_LEN], COST).unwrap()
        );
        let dearer = Cost { t: 3, ..COST };
        assert_ne!(*key, *derive_key(b"secret", &salt, dearer).unwrap());
    }
}
