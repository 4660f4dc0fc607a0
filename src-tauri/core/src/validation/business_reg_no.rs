//! Business Registration numbers.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ValueError;
use super::text::{fold_width, refuse_hidden};
use crate::issue::ErrorCode;

/// The 8-digit Business Registration number: the first 8 digits of the BR certificate number
/// (`99999999-&&&-&&-&&-&`). No public check digit exists, so only the shape is checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(try_from = "String", into = "String")]
pub struct BusinessRegNo(#[specta(type = String)] String);

impl BusinessRegNo {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        refuse_hidden(raw)?;
        let compact: String = fold_width(raw)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let mut groups = compact.split('-');
        let first = groups.next().unwrap_or_default();
        let rest: Vec<&str> = groups.collect();
        let is_digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let is_alnum =
            |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_alphanumeric());
        // Either the bare 8 digits, or the whole certificate number, of which the first 8 digits are the BRN.
        let certificate_tail_ok = rest.is_empty()
            || (rest.len() == 4
                && is_alnum(rest[0], 3)
                && is_alnum(rest[1], 2)
                && is_alnum(rest[2], 2)
                && is_alnum(rest[3], 1));
        if is_digits(first, 8) && certificate_tail_ok {
            Ok(BusinessRegNo(first.to_owned()))
        } else {
            Err(ValueError::new(ErrorCode::BrnFormat))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BusinessRegNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for BusinessRegNo {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        BusinessRegNo::parse(&value)
    }
}

impl From<BusinessRegNo> for String {
    fn from(value: BusinessRegNo) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn accepts_the_number_and_the_full_certificate_number() {
        for (raw, expected) in [
            ("12345678", "12345678"),
            (" 1234 5678 ", "12345678"),
            ("12345678-000-01-24-3", "12345678"),
            ("12345678-ABC-12-34-x", "12345678"),
        ] {
            assert_eq!(
                BusinessRegNo::parse(raw).map(|b| b.to_string()),
                Ok(expected.to_owned()),
                "{raw}"
            );
        }
    }

    #[test]
    fn rejects_other_shapes() {
        for raw in [
            "",
            "1234567",
            "123456789",
            "1234567A",
            "12345678-000",
            "12345678-000-01-24-33",
            "12345678--01-24-3",
        ] {
            assert_eq!(
                BusinessRegNo::parse(raw).map_err(|e| e.code),
                Err(ErrorCode::BrnFormat),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn full_width_digits_are_folded() {
        assert_eq!(
            BusinessRegNo::parse("１２３４５６７８－０００－０１－２４－３").map(|b| b.to_string()),
            Ok("12345678".to_owned())
        );
    }

    proptest! {
        #[test]
        fn any_eight_digits_pass_unchanged(digits in "[0-9]{8}") {
            prop_assert_eq!(BusinessRegNo::parse(&digits).map(|b| b.to_string()), Ok(digits));
        }

        #[test]
        fn other_lengths_fail(digits in "[0-9]{1,7}|[0-9]{9,12}") {
            prop_assert!(BusinessRegNo::parse(&digits).is_err());
        }
    }
}
