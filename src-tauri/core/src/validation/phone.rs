//! Hong Kong phone numbers, checked against libphonenumber's metadata rather than a hand-written pattern.

use std::fmt;

use phonenumber::{Mode, Type, country};
use serde::{Deserialize, Serialize};

use super::ValueError;
use super::text::{fold_width, refuse_hidden};
use crate::issue::ErrorCode;

/// What kind of line a number is, as libphonenumber's metadata says. Every kind is a valid contact phone
/// (a clinic's line may well be a VoIP or universal access number); only an SMS needs a [`PhoneKind::Mobile`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum PhoneKind {
    Fixed,
    Mobile,
    TollFree,
    PremiumRate,
    SharedCost,
    PersonalNumber,
    Voip,
    Pager,
    UniversalAccess,
    Voicemail,
}

/// A Hong Kong phone number (+852 optional when typed), kept in E.164 form, e.g. `+85221234567`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(#[specta(type = String)] String);

impl PhoneNumber {
    /// Accepts one Hong Kong number of any valid kind, typed with spaces, hyphens, dots, brackets or `+852`,
    /// in full-width forms too. Letters, extensions and second numbers are refused each with its own code:
    /// libphonenumber would turn `CALL` into keypad digits and drop an extension without a word.
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        refuse_hidden(raw)?;
        let typed = fold_width(raw);
        let typed = typed.trim();
        if let Some(code) = shape_problem(typed) {
            return Err(ValueError::new(code));
        }
        let number = phonenumber::parse(Some(country::Id::HK), typed)
            .map_err(|_| ValueError::new(ErrorCode::PhoneFormat))?;
        if number.code().value() != 852 {
            return Err(ValueError::new(ErrorCode::PhoneNotHongKong));
        }
        if number.extension().is_some() {
            return Err(ValueError::new(ErrorCode::PhoneExtension));
        }
        if !number.is_valid() || kind_of(&number).is_none() {
            return Err(ValueError::new(ErrorCode::PhoneFormat));
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
        Type::PremiumRate => Some(PhoneKind::PremiumRate),
        Type::SharedCost => Some(PhoneKind::SharedCost),
        Type::PersonalNumber => Some(PhoneKind::PersonalNumber),
        Type::Voip => Some(PhoneKind::Voip),
        Type::Pager => Some(PhoneKind::Pager),
        Type::Uan => Some(PhoneKind::UniversalAccess),
        Type::Voicemail => Some(PhoneKind::Voicemail),
        // Not a line one can be called back on (emergency, short codes), or not known.
        _ => None,
    }
}

/// Words that introduce an extension, in English and Chinese, once lower-cased.
const EXTENSION_WORDS: [&str; 8] = [
    "x",
    "ext",
    "ext.",
    "extn",
    "extension",
    "內線",
    "分機",
    "轉",
];

/// What libphonenumber would quietly get wrong: two numbers, an extension, letters. `typed` is folded.
fn shape_problem(typed: &str) -> Option<ErrorCode> {
    let has_digits = |part: &str| part.chars().filter(char::is_ascii_digit).count() >= 4;
    let parts: Vec<&str> = typed
        .split(['/', ',', ';', '、', '&', '|', '或', '及'])
        .collect();
    let lower = typed.to_lowercase();
    let spoken: Vec<&str> = lower.split(" or ").collect();
    if parts.iter().filter(|p| has_digits(p)).count() > 1
        || spoken.iter().filter(|p| has_digits(p)).count() > 1
        || is_two_numbers_run_together(typed)
    {
        return Some(ErrorCode::PhoneSecondNumber);
    }
    if typed.contains('#') {
        return Some(ErrorCode::PhoneExtension);
    }
    let letters = lower.find(char::is_alphabetic)?;
    let word: String = lower[letters..]
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '.')
        .collect();
    let rest = lower[letters + word.len()..].trim_start_matches([' ', ':', '-']);
    if EXTENSION_WORDS.contains(&word.as_str())
        && !rest.is_empty()
        && rest.chars().all(|c| c.is_ascii_digit() || c == ' ')
    {
        Some(ErrorCode::PhoneExtension)
    } else {
        Some(ErrorCode::PhoneLetters)
    }
}

/// `2345 6789 9123 4567`: sixteen digits that are two valid eight-digit numbers.
fn is_two_numbers_run_together(typed: &str) -> bool {
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    let valid = |national: &str| {
        phonenumber::parse(Some(country::Id::HK), national).is_ok_and(|n| n.is_valid())
    };
    digits.len() == 16 && valid(&digits[..8]) && valid(&digits[8..])
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
    use proptest::prelude::*;

    use super::*;

    fn code(raw: &str) -> Result<String, ErrorCode> {
        PhoneNumber::parse(raw)
            .map(|p| p.to_string())
            .map_err(|e| e.code)
    }

    #[test]
    fn letters_are_refused_not_turned_into_keypad_digits() {
        for raw in [
            "2123 CALL",
            "2123 call",
            "9123 456A",
            "Tel 2123 4567",
            "電話 2123 4567",
        ] {
            assert_eq!(code(raw), Err(ErrorCode::PhoneLetters), "{raw}");
        }
    }

    #[test]
    fn an_extension_is_refused_not_dropped() {
        for raw in [
            "2345 6789 ext 12",
            "2345 6789 ext. 12",
            "2345 6789 EXT12",
            "2345 6789 extension 12",
            "2345 6789 x12",
            "2345 6789 X 12",
            "2345 6789 #12",
            "2345 6789 內線 12",
            "+852 2345 6789 ext: 12",
        ] {
            assert_eq!(code(raw), Err(ErrorCode::PhoneExtension), "{raw}");
        }
    }

    #[test]
    fn a_second_number_is_refused_not_dropped() {
        for raw in [
            "2345 6789 / 9123 4567",
            "2345 6789, 9123 4567",
            "2345 6789; 9123 4567",
            "2345 6789 or 9123 4567",
            "2345 6789 或 9123 4567",
            "2345 6789 9123 4567",
            "2345678991234567",
        ] {
            assert_eq!(code(raw), Err(ErrorCode::PhoneSecondNumber), "{raw}");
        }
    }

    #[test]
    fn full_width_digits_are_folded() {
        assert_eq!(code("６１２３４５６７"), Ok("+85261234567".to_owned()));
        assert_eq!(
            code("＋８５２\u{3000}２１２３－４５６７"),
            Ok("+85221234567".to_owned())
        );
        assert_eq!(
            code("（８５２）２１２３ ４５６７"),
            Ok("+85221234567".to_owned())
        );
    }

    #[test]
    fn hidden_characters_are_refused() {
        assert_eq!(
            code("2123\u{200B}4567"),
            Err(ErrorCode::TextInvisibleCharacter)
        );
        assert_eq!(code("2123\u{0}4567"), Err(ErrorCode::TextControlCharacter));
    }

    #[test]
    fn every_kind_of_line_is_a_contact_phone() {
        for (raw, kind) in [
            ("8210 8126", PhoneKind::PersonalNumber),
            ("3051 9495", PhoneKind::UniversalAccess),
            ("7112 3456", PhoneKind::Pager),
            ("8112 3456", PhoneKind::PersonalNumber),
            ("3016 1234", PhoneKind::UniversalAccess),
        ] {
            let phone = PhoneNumber::parse(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
            assert_eq!(phone.kind(), Some(kind), "{raw}");
        }
    }

    /// Hong Kong numbers as people write them: the eight-digit lines, 800 and 900 numbers.
    fn hong_kong_national_number() -> impl Strategy<Value = String> {
        prop_oneof!["[2-9][0-9]{7}", "800[0-9]{6}", "900[0-9]{2,8}",]
    }

    fn libphonenumber_holds_valid(national: &str) -> bool {
        phonenumber::parse(Some(country::Id::HK), national).is_ok_and(|n| n.is_valid())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn every_number_libphonenumber_holds_valid_is_a_contact_phone(
            national in hong_kong_national_number().prop_filter("valid for HK", |n| libphonenumber_holds_valid(n)),
            spaced in any::<bool>(),
            international in any::<bool>(),
        ) {
            let written = if spaced && national.len() == 8 {
                format!("{} {}", &national[..4], &national[4..])
            } else {
                national.clone()
            };
            let typed = if international { format!("+852 {written}") } else { written };
            let phone = PhoneNumber::parse(&typed);
            prop_assert!(phone.is_ok(), "{} refused: {:?}", typed, phone);
            prop_assert_eq!(phone.map(|p| p.to_string()), Ok(format!("+852{national}")));
        }
    }

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
            ("phone", ErrorCode::PhoneLetters),
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
