//! How hard a new password is to guess, for the meter beside the field and for the rule that refuses weak
//! ones: the same answer in both places, from zxcvbn.

use serde::Serialize;

use super::Password;
use crate::issue::{ErrorCode, Issue};

/// A new password needs at least this many characters, whatever its score.
pub const PASSWORD_MIN_CHARS: usize = 10;
/// zxcvbn's score 3: more than 10^8 guesses ("safely unguessable: moderate protection from an offline attack").
pub const PASSWORD_MIN_SCORE: u8 = 3;

/// The meter's reading: zxcvbn's score, 0 (guessed at once) to 4, and whether it is good enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PasswordStrength {
    pub score: u8,
    pub acceptable: bool,
}

/// The strength of `password`, judged also against what the person is known by (their user name and name,
/// the office's name): a password made of those is weak however long.
pub fn password_strength(password: &Password, known: &[&str]) -> PasswordStrength {
    let typed = password.expose();
    let score = u8::from(zxcvbn::zxcvbn(typed, known).score());
    PasswordStrength {
        score,
        acceptable: score >= PASSWORD_MIN_SCORE && typed.chars().count() >= PASSWORD_MIN_CHARS,
    }
}

/// Refuses a new password that is not acceptable, at `field`.
pub fn require_strong(password: &Password, known: &[&str], field: &str) -> Result<(), Issue> {
    let strength = password_strength(password, known);
    if strength.acceptable {
        Ok(())
    } else {
        Err(Issue::new(ErrorCode::AuthPasswordWeak)
            .at(field)
            .with("score", strength.score)
            .with("min", PASSWORD_MIN_CHARS))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strength(typed: &str, known: &[&str]) -> PasswordStrength {
        password_strength(&Password::parse(typed).unwrap(), known)
    }

    #[test]
    fn common_short_and_personal_passwords_are_refused() {
        assert!(!strength("password123", &[]).acceptable);
        assert!(!strength("Xq7!vb", &[]).acceptable, "short");
        assert!(!strength("chantaiman2024", &["chantaiman"]).acceptable);
        assert!(strength("harbour lantern pepper violin", &[]).acceptable);
        assert_eq!(strength("password", &[]).score, 0);
    }
}
