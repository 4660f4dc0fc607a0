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
mod profession;
mod sex;

pub use business_reg_no::BusinessRegNo;
pub use country::CountryCode;
pub use date::CalendarDate;
pub use district::{District, Region};
pub use email::Email;
pub use hkid::Hkid;
pub use name::{ChineseName, EnglishName, NameKind};
pub use phone::{PhoneKind, PhoneNumber};
pub use profession::{Profession, ProfessionalRegistration};
pub use sex::Sex;

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

/// Free text such as an address line: white space folded, not longer than `max` characters.
pub fn free_text(raw: &str, max: usize) -> Result<String, ValueError> {
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let length = text.chars().count();
    if length > max {
        Err(ValueError::new(ErrorCode::TooLong)
            .with("max", max)
            .with("length", length))
    } else {
        Ok(text)
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
