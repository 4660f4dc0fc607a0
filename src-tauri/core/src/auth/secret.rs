//! The secrets a person types or keeps: a password and a recovery key. Both are wiped from memory when
//! dropped, print as `..`, and can be read from input but never written out (no `Serialize`).

use serde::{Deserialize, Deserializer};
use zeroize::Zeroizing;

use crate::issue::{ErrorCode, Issue};
use crate::limits::PASSWORD_MAX_CHARS;

/// A password as typed. Its strength is judged by [`crate::auth::password_strength`], not here: a stored
/// hash must be checkable against whatever the person types.
#[derive(specta::Type)]
pub struct Password(#[specta(type = String)] Zeroizing<String>);

impl Password {
    /// Refuses only what no password can be: empty, or longer than the bound (hashing a megabyte is work
    /// done for nobody).
    pub fn parse(typed: impl Into<String>) -> Result<Password, Issue> {
        let typed = Zeroizing::new(typed.into());
        if typed.is_empty() {
            return Err(Issue::new(ErrorCode::Required));
        }
        if typed.chars().count() > PASSWORD_MAX_CHARS {
            return Err(Issue::new(ErrorCode::TooLong).with("max", PASSWORD_MAX_CHARS));
        }
        Ok(Password(typed))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(..)")
    }
}

impl<'de> Deserialize<'de> for Password {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let typed = Zeroizing::new(String::deserialize(deserializer)?);
        Password::parse(typed.as_str()).map_err(|issue| serde::de::Error::custom(issue.code.code()))
    }
}

/// The office's recovery key, as shown once at setup: [`RecoveryKey::GROUPS`] groups of
/// [`RecoveryKey::GROUP_LEN`] Crockford base-32 digits (160 bits), e.g. `7KQ2-M9XD-...`. Reading is lenient
/// in what people get wrong when copying from paper: case, spaces, and the letters O/I/L for 0/1/1.
#[derive(specta::Type)]
pub struct RecoveryKey(#[specta(type = String)] Zeroizing<String>);

impl RecoveryKey {
    pub const GROUPS: usize = 8;
    pub const GROUP_LEN: usize = 4;
    const ALPHABET: &'static str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// The key in its canonical form (upper case, groups joined by `-`).
    pub fn parse(typed: &str) -> Result<RecoveryKey, Issue> {
        let mut digits = Zeroizing::new(String::with_capacity(Self::GROUPS * Self::GROUP_LEN));
        for c in typed.chars() {
            let c = match c.to_ascii_uppercase() {
                '-' | ' ' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !Self::ALPHABET.contains(c) || digits.len() == Self::GROUPS * Self::GROUP_LEN {
                return Err(Issue::new(ErrorCode::RecoveryKeyMalformed));
            }
            digits.push(c);
        }
        if digits.len() != Self::GROUPS * Self::GROUP_LEN {
            return Err(Issue::new(ErrorCode::RecoveryKeyMalformed));
        }
        let mut canonical = Zeroizing::new(String::with_capacity(digits.len() + Self::GROUPS));
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && i.is_multiple_of(Self::GROUP_LEN) {
                canonical.push('-');
            }
            canonical.push(c);
        }
        Ok(RecoveryKey(canonical))
    }

    /// A key from `bytes` of randomness (the secrets adapter draws them): 5 bits per digit.
    pub fn from_random(bytes: &[u8; 20]) -> RecoveryKey {
        let alphabet = Self::ALPHABET.as_bytes();
        let mut digits =
            Zeroizing::new(String::with_capacity(Self::GROUPS * (Self::GROUP_LEN + 1)));
        let (mut buffer, mut bits) = (0u32, 0u32);
        for &byte in bytes {
            buffer = (buffer << 8) | u32::from(byte);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                if !digits.is_empty() && (digits.len() + 1).is_multiple_of(Self::GROUP_LEN + 1) {
                    digits.push('-');
                }
                digits.push(char::from(alphabet[((buffer >> bits) & 31) as usize]));
            }
        }
        RecoveryKey(digits)
    }

    /// The canonical form, for the one screen and the one sheet that show it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(..)")
    }
}

impl<'de> Deserialize<'de> for RecoveryKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let typed = Zeroizing::new(String::deserialize(deserializer)?);
        RecoveryKey::parse(&typed).map_err(|issue| serde::de::Error::custom(issue.code.code()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_never_printed() {
        let password = Password::parse("correct horse battery").unwrap();
        assert_eq!(format!("{password:?}"), "Password(..)");
        assert_eq!(password.expose(), "correct horse battery");
        assert_eq!(Password::parse("").unwrap_err().code, ErrorCode::Required);
        let long = "x".repeat(PASSWORD_MAX_CHARS + 1);
        assert_eq!(Password::parse(long).unwrap_err().code, ErrorCode::TooLong);
    }

    #[test]
    fn a_recovery_key_round_trips_and_forgives_copying() {
        let key = RecoveryKey::from_random(&[0xA5; 20]);
        assert_eq!(key.expose().len(), 8 * 4 + 7);
        let parsed = RecoveryKey::parse(&key.expose().to_lowercase().replace('-', " ")).unwrap();
        assert_eq!(parsed.expose(), key.expose());
        let with_letters = key.expose().replace('0', "O").replace('1', "l");
        assert_eq!(
            RecoveryKey::parse(&with_letters).unwrap().expose(),
            key.expose()
        );
        for bad in [
            "",
            "ABCD",
            &format!("{}-A", key.expose()),
            "UUUU-UUUU-UUUU-UUUU-UUUU-UUUU-UUUU-UUUU",
        ] {
            assert_eq!(
                RecoveryKey::parse(bad).unwrap_err().code,
                ErrorCode::RecoveryKeyMalformed,
                "{bad}"
            );
        }
        assert_eq!(format!("{key:?}"), "RecoveryKey(..)");
    }
}
