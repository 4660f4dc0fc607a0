//! Hong Kong phone numbers, checked against libphonenumber's metadata rather than a hand-written pattern.

use std::fmt;

use phonenumber::{Mode, Type, country};
use serde::{Deserialize, Serialize};

use super::ValueError;
use crate::issue::ErrorCode;

/// What kind of line a number is; only these three are accepted on the forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum PhoneKind {
    Fixed,
    Mobile,
    TollFree,
}

/// A Hong Kong phone number (+852 optional when typed), kept in E.164 form, e.g. `+85221234567`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(#[specta(type = String)] String);

impl PhoneNumber {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let number = phonenumber::parse(Some(country::Id::HK), raw.trim())
            .map_err(|_| ValueError::new(ErrorCode::PhoneFormat))?;
        if number.code().value() != 852 {
            return Err(ValueError::new(ErrorCode::PhoneNotHongKong));
        }
        if !number.is_valid() {
            return Err(ValueError::new(ErrorCode::PhoneFormat));
        }
        if kind_of(&number).is_none() {
            return Err(ValueError::new(ErrorCode::PhoneTypeNotAllowed));
        }
        Ok(PhoneNumber(number.format().mode(Mode::E164).to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// How a person in Hong Kong writes it: `2123 4567`.
    pub fn national(&self) -> String {
        self.reparsed()
            .map(|n| n.format().mode(Mode::National).to_string())
            .unwrap_or_else(|| self.0.clone())
    }

    pub fn kind(&self) -> Option<PhoneKind> {
        self.reparsed().as_ref().and_then(kind_of)
    }

    fn reparsed(&self) -> Option<phonenumber::PhoneNumber> {
        phonenumber::parse(None, &self.0).ok()
    }
}

fn kind_of(number: &phonenumber::PhoneNumber) -> Option<PhoneKind> {
    match number.number_type(&phonenumber::metadata::DATABASE) {
        Type::FixedLine => Some(PhoneKind::Fixed),
        Type::Mobile | Type::FixedLineOrMobile => Some(PhoneKind::Mobile),
        Type::TollFree => Some(PhoneKind::TollFree),
        _ => None,
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        PhoneNumber::parse(&value)
    }
}

impl From<PhoneNumber> for String {
    fn from(value: PhoneNumber) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_fixed_mobile_and_toll_free_numbers() {
        for (raw, e164, kind) in [
            ("2123 4567", "+85221234567", PhoneKind::Fixed),
            ("+852 3467 6099", "+85234676099", PhoneKind::Fixed),
            ("(852) 3467 6099", "+85234676099", PhoneKind::Fixed),
            ("9123 4567", "+85291234567", PhoneKind::Mobile),
            ("+852-6123-4567", "+85261234567", PhoneKind::Mobile),
            ("800 123 456", "+852800123456", PhoneKind::TollFree),
        ] {
            let phone = PhoneNumber::parse(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
            assert_eq!(phone.as_str(), e164, "{raw}");
            assert_eq!(phone.kind(), Some(kind), "{raw}");
        }
    }

    #[test]
    fn formats_nationally() {
        assert_eq!(
            PhoneNumber::parse("+85221234567").unwrap().national(),
            "2123 4567"
        );
    }

    #[test]
    fn rejects_numbers_that_are_not_hong_kong_lines() {
        for (raw, code) in [
            ("12345", ErrorCode::PhoneFormat),
            ("1234 5678", ErrorCode::PhoneFormat),
            ("2123 456", ErrorCode::PhoneFormat),
            ("phone", ErrorCode::PhoneFormat),
            ("+44 20 7946 0958", ErrorCode::PhoneNotHongKong),
            ("+86 139 1234 5678", ErrorCode::PhoneNotHongKong),
        ] {
            assert_eq!(
                PhoneNumber::parse(raw).map_err(|e| e.code),
                Err(code),
                "{raw}"
            );
        }
    }
}
