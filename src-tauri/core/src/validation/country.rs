//! Countries that issue identity documents, by ISO 3166-1 alpha-3 code (as printed in passports).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ValueError;
use super::text::fold_width;
use crate::issue::ErrorCode;

/// An ISO 3166-1 alpha-3 code such as `CHN`, `GBR`, `PHL`: three letters, kept upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode(#[specta(type = String)] String);

impl CountryCode {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let code = fold_width(raw).trim().to_ascii_uppercase();
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(CountryCode(code))
        } else {
            Err(ValueError::new(ErrorCode::CountryFormat))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for CountryCode {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        CountryCode::parse(&value)
    }
}

impl From<CountryCode> for String {
    fn from(value: CountryCode) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_letters_only() {
        assert_eq!(CountryCode::parse(" phl ").unwrap().as_str(), "PHL");
        assert_eq!(CountryCode::parse("ｐｈｌ").unwrap().as_str(), "PHL");
        for raw in ["", "PH", "PHLX", "P1L", "中國"] {
            assert!(CountryCode::parse(raw).is_err(), "{raw}");
        }
    }
}
