//! Validated domain values. Each newtype can only be built through `parse`, which normalises what people type
//! and reports a [`ValueError`] with a stable code; the form validators attach the field path.

mod business_reg_no;
mod country;
mod date;
mod district;
mod email;
mod hkid;
mod name;
mod phone;
mod printable;
mod profession;
mod sex;
mod text;

pub use business_reg_no::BusinessRegNo;
pub use country::CountryCode;
pub use date::CalendarDate;
pub use district::{District, Region};
pub use email::Email;
pub use hkid::Hkid;
pub(crate) use hkid::check_character;
pub use name::{ChineseName, EnglishName, NameKind};
pub use phone::{PhoneKind, PhoneNumber};
pub use profession::{Profession, ProfessionalRegistration};
pub use sex::Sex;
pub use text::{fold_width, is_printable, printable_ranges, refuse_hidden, refuse_unprintable};

use std::collections::BTreeMap;

use crate::issue::{ErrorCode, Issue, Severity};

/// Why a single value was refused, before it is tied to a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    pub code: ErrorCode,
    pub params: BTreeMap<String, String>,
}

impl ValueError {
    pub fn new(code: ErrorCode) -> Self {
        ValueError {
            code,
            params: BTreeMap::new(),
        }
    }

    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.params.insert(name.to_owned(), value.to_string());
        self
    }

    /// Ties the error to a field, as an [`Issue`].
    pub fn at(self, field: impl Into<String>) -> Issue {
        Issue {
            code: self.code,
            field: Some(field.into()),
            params: self.params,
            severity: Severity::Error,
        }
    }
}

/// The code alone: parameters can quote what was typed (the characters not allowed in a name), and this is
/// what serde puts in its error when a newtype refuses a value, which ends up in messages and logs.
/// `input::decode` reads the code back to report it at its field.
impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code.code())
    }
}

impl std::error::Error for ValueError {}

/// The text a person typed, trimmed; `None` when nothing but white space was typed.
pub(crate) fn non_blank(raw: &str) -> Option<&str> {
    let trimmed = raw.trim();
    (!trimmed.is_empty()).then_some(trimmed)
}

/// Free text such as an address line: nothing hidden in it, white space folded, not longer than `max`
/// characters, and every character printable on the forms. Kept otherwise as typed (full-width punctuation
/// is right in Chinese addresses).
pub fn free_text(raw: &str, max: usize) -> Result<String, ValueError> {
    refuse_hidden(raw)?;
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let length = text.chars().count();
    if length > max {
        return Err(ValueError::new(ErrorCode::TooLong)
            .with("max", max)
            .with("length", length));
    }
    refuse_unprintable(raw)?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_refuses_what_cannot_be_seen_or_printed() {
        for (raw, code, point) in [
            (
                "Flat A\u{0}, 2/F",
                ErrorCode::TextControlCharacter,
                "U+0000",
            ),
            (
                "Flat A\u{1b}, 2/F",
                ErrorCode::TextControlCharacter,
                "U+001B",
            ),
            (
                "Flat A\u{200B}, 2/F",
                ErrorCode::TextInvisibleCharacter,
                "U+200B",
            ),
            (
                "Flat A\u{202E}, 2/F",
                ErrorCode::TextInvisibleCharacter,
                "U+202E",
            ),
            ("Flat A 😀, 2/F", ErrorCode::TextUnprintable, "U+1F600"),
            ("서울 중구", ErrorCode::TextUnprintable, "U+C11C"),
            ("شارع 1", ErrorCode::TextUnprintable, "U+0634"),
            ("陳𠀀文大廈", ErrorCode::TextUnprintable, "U+20000"),
        ] {
            let error = free_text(raw, 100).unwrap_err();
            assert_eq!(
                (error.code, error.params["codePoint"].as_str()),
                (code, point),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn free_text_folds_white_space_and_keeps_chinese_punctuation() {
        assert_eq!(
            free_text("  九龍旺角彌敦道１２３號，\r\n２樓（A室） ", 100),
            Ok("九龍旺角彌敦道１２３號， ２樓（A室）".to_owned())
        );
        assert_eq!(
            free_text(" \t 😀", 100).unwrap_err().params["position"],
            "4",
            "the position is in the text as typed"
        );
    }
}

/// Collects the issues of a form, field by field.
#[derive(Debug, Default)]
pub struct IssueCollector {
    issues: Vec<Issue>,
}

impl IssueCollector {
    pub fn new() -> Self {
        Self::default()
    }

    /// A required field: blank is an issue, otherwise the parser decides.
    pub fn required<T>(
        &mut self,
        field: &str,
        raw: &str,
        parse: impl FnOnce(&str) -> Result<T, ValueError>,
    ) -> Option<T> {
        match non_blank(raw) {
            None => {
                self.issues.push(Issue::new(ErrorCode::Required).at(field));
                None
            }
            Some(_) => self.check(field, parse(raw)),
        }
    }

    /// An optional field: blank is fine, anything typed must parse.
    pub fn optional<T>(
        &mut self,
        field: &str,
        raw: &str,
        parse: impl FnOnce(&str) -> Result<T, ValueError>,
    ) -> Option<Option<T>> {
        match non_blank(raw) {
            None => Some(None),
            Some(_) => self.check(field, parse(raw)).map(Some),
        }
    }

    pub fn push(&mut self, issue: Issue) {
        self.issues.push(issue);
    }

    fn check<T>(&mut self, field: &str, parsed: Result<T, ValueError>) -> Option<T> {
        parsed
            .map_err(|error| self.issues.push(error.at(field)))
            .ok()
    }

    pub fn into_issues(self) -> Vec<Issue> {
        self.issues
    }
}
