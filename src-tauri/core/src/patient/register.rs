//! The register of patients registered at this clinic: records, their masked summaries, search and the
//! duplicate check.

use serde::{Deserialize, Serialize};

use super::form::{DocumentNumber, PatientRegistration};
use crate::application::Actor;
use crate::coded::uuid_id;
use crate::issue::{ErrorCode, Issue};
use crate::time::Timestamp;

uuid_id! {
    /// A registration in this installation's register.
    pub struct PatientId;
}

/// One registration, as stored (sealed) and printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PatientRecord {
    pub id: PatientId,
    pub registration: PatientRegistration,
    pub registered_at: Timestamp,
    pub registered_by: Actor,
    pub updated_at: Timestamp,
}

/// A registration with the version it is stored at: a change names the version it was made from, and one
/// made from an older version is refused (`conflict.stale`) instead of overwriting another desk's change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StoredPatient {
    pub record: PatientRecord,
    pub version: u64,
}

/// The version a new registration is stored with.
pub const FIRST_PATIENT_VERSION: u64 = 1;

/// What a list shows: names and the document number masked, no date of birth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PatientSummary {
    pub id: PatientId,
    /// `CHAN T. M.`: the surname and the initials of the given name.
    pub english_name: String,
    /// `陳＊＊`: the first character only.
    pub chinese_name: Option<String>,
    /// `A123***(3)`.
    pub document: String,
    pub registered_at: Timestamp,
    pub has_sdm: bool,
}

impl PatientRecord {
    pub fn summary(&self) -> PatientSummary {
        let r = &self.registration;
        let initials: Vec<String> = r
            .english_given_name
            .iter()
            .flat_map(|given| given.as_str().split([' ', '-']))
            .filter_map(|part| part.chars().next())
            .map(|c| format!("{c}."))
            .collect();
        let english_name = std::iter::once(r.english_surname.to_string())
            .chain(initials)
            .collect::<Vec<_>>()
            .join(" ");
        let chinese_name = r.chinese_name.as_ref().map(|name| {
            let mut chars = name.as_str().chars();
            let first = chars.next().map(String::from).unwrap_or_default();
            first + &"＊".repeat(chars.count())
        });
        PatientSummary {
            id: self.id.clone(),
            english_name,
            chinese_name,
            document: r.document.number.masked(),
            registered_at: self.registered_at,
            has_sdm: r.consent.sdm.is_some(),
        }
    }

    /// Whether the record answers a search: by part of either name (any case), by the whole document number,
    /// or by the masked number as lists show it (`A123***(3)`).
    pub fn matches(&self, query: &str) -> bool {
        let query = query.trim();
        if query.is_empty() {
            return true;
        }
        let r = &self.registration;
        let folded = fold(query);
        let english = fold(&r.english_name());
        let reversed = fold(&format!(
            "{} {}",
            r.english_given_name
                .as_ref()
                .map(|g| g.as_str())
                .unwrap_or(""),
            r.english_surname
        ));
        let number = compact(&match &r.document.number {
            DocumentNumber::HongKong { number } => number.as_str().to_owned(),
            DocumentNumber::Foreign { number, .. } => number.clone(),
        });
        let masked = compact(&r.document.number.masked());
        english.contains(&folded)
            || reversed.contains(&folded)
            || r.chinese_name
                .as_ref()
                .is_some_and(|name| name.as_str().contains(query))
            || (compact(query).len() >= 4 && (number == compact(query) || masked == compact(query)))
    }

    /// Warnings when `candidate` may be this patient again: the same document, or the same English name and
    /// date of birth.
    pub fn duplicate_issues(&self, candidate: &PatientRegistration) -> Vec<Issue> {
        let r = &self.registration;
        let registered = self.registered_at.to_rfc3339();
        if r.document.number == candidate.document.number {
            vec![
                Issue::new(ErrorCode::DuplicateDocument)
                    .at("documentNumber")
                    .with("document", r.document.number.masked())
                    .with("registeredAt", &registered)
                    .warning(),
            ]
        } else if fold(&r.english_name()) == fold(&candidate.english_name())
            && r.date_of_birth == candidate.date_of_birth
        {
            vec![
                Issue::new(ErrorCode::DuplicateNameAndBirth)
                    .at("englishSurname")
                    .with("document", r.document.number.masked())
                    .with("registeredAt", &registered)
                    .warning(),
            ]
        } else {
            Vec::new()
        }
    }
}

/// A document number as search compares it: letters, digits and the mask's `*`, upper case.
pub(crate) fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '*')
        .collect::<String>()
        .to_ascii_uppercase()
}

/// Lower case with white space folded, so "chan  tai man" finds "CHAN Tai Man".
pub(crate) fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
