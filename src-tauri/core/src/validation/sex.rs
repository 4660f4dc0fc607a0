//! Sex as printed on a Hong Kong identity card and asked on the registration form.

use super::ValueError;
use crate::coded::coded_enum;
use crate::issue::ErrorCode;

coded_enum! {
    /// The card prints `F` or `M`; the form offers the same two.
    pub enum Sex {
        Female = "F",
        Male = "M",
    }
}

impl Sex {
    /// Accepts the card's letter in either case, with surrounding white space.
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        Sex::from_code(&raw.trim().to_ascii_uppercase())
            // Not the value typed: an error never carries personal data.
            .ok_or_else(|| ValueError::new(ErrorCode::SexUnknown))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_card_letters_only() {
        assert_eq!(Sex::parse(" f "), Ok(Sex::Female));
        assert_eq!(Sex::parse("M"), Ok(Sex::Male));
        for raw in ["", "X", "male", "FM"] {
            assert_eq!(
                Sex::parse(raw).map_err(|e| e.code),
                Err(ErrorCode::SexUnknown)
            );
            assert!(Sex::parse(raw).unwrap_err().params.is_empty());
        }
    }
}
