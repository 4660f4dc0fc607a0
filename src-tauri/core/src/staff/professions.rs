//! The 13 groups as data (`professions.json`): each group's names, whether eHealth access is enabled for it,
//! the parts of its register and when its practising certificates end. A change by a board is an edit of the
//! data, not of code.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::coded::coded_enum;
use crate::validation::Profession;

coded_enum! {
    /// The part of a board's register a registration is on, where the board has parts.
    pub enum RegisterPart {
        /// Registered nurses: the Register, Parts I to IV.
        NursePartI = "nurse_part_i",
        NursePartII = "nurse_part_ii",
        NursePartIII = "nurse_part_iii",
        NursePartIV = "nurse_part_iv",
        /// Enrolled nurses.
        NurseRoll = "nurse_roll",
        /// Chinese medicine practitioners are "registered" or "listed".
        CmRegistered = "cm_registered",
        CmListed = "cm_listed",
    }
}

coded_enum! {
    /// How firmly a registration number's format is known.
    pub enum NumberFormat {
        /// The Medical Council's general register: `M` and five digits.
        MedicalCouncil = "medical_council",
        /// Not published: kept as given.
        AsGiven = "as_given",
    }
}

/// One group of healthcare professionals, as the data describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfessionGroup {
    pub code: Profession,
    pub name_en: String,
    pub name_zh: String,
    /// Whether eHealth gives this group accounts; a request for a group without is refused.
    #[serde(rename = "eHealthAccess")]
    pub ehealth_access: bool,
    /// The parts of the register; empty when the board has none (then no part is given).
    pub register_parts: Vec<RegisterPart>,
    pub number_format: NumberFormat,
    /// The practising certificate runs to 31 December (nurses).
    #[serde(rename = "certificateEndsDecember31")]
    pub certificate_ends_december_31: bool,
}

/// The data file: a version and the groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfessionGroups {
    pub version: String,
    pub source: String,
    pub groups: Vec<ProfessionGroup>,
}

static EMBEDDED: LazyLock<Option<ProfessionGroups>> =
    LazyLock::new(|| ProfessionGroups::from_json(include_str!("professions.json")));

/// A group the data has no row for (a test holds the data to the enum, so it never happens in a release).
static UNLISTED: ProfessionGroup = ProfessionGroup {
    code: Profession::MedicalPractitioner,
    name_en: String::new(),
    name_zh: String::new(),
    ehealth_access: false,
    register_parts: Vec::new(),
    number_format: NumberFormat::AsGiven,
    certificate_ends_december_31: false,
};

impl ProfessionGroups {
    /// The groups this release ships with; every one of the 13, once (a test checks it).
    pub fn embedded() -> &'static ProfessionGroups {
        static EMPTY: ProfessionGroups = ProfessionGroups {
            version: String::new(),
            source: String::new(),
            groups: Vec::new(),
        };
        EMBEDDED.as_ref().unwrap_or(&EMPTY)
    }

    fn from_json(json: &str) -> Option<ProfessionGroups> {
        serde_json::from_str(json).ok()
    }

    pub fn group(&self, profession: Profession) -> &ProfessionGroup {
        self.groups
            .iter()
            .find(|g| g.code == profession)
            .unwrap_or(&UNLISTED)
    }

    /// A profession as a person or a spreadsheet writes it: its code, or its English or Chinese name
    /// (case and surrounding spaces aside).
    pub fn find(&self, written: &str) -> Option<Profession> {
        let written = written.trim();
        Profession::from_code(written).or_else(|| {
            self.groups
                .iter()
                .find(|g| {
                    g.name_en.eq_ignore_ascii_case(written)
                        || g.name_zh == written
                        || g.name_zh.replace(' ', "") == written.replace(' ', "")
                })
                .map(|g| g.code)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_names_each_of_the_thirteen_groups_once() {
        let groups = ProfessionGroups::embedded();
        assert_eq!(groups.groups.len(), Profession::ALL.len());
        for profession in Profession::ALL {
            assert_eq!(
                groups
                    .groups
                    .iter()
                    .filter(|g| g.code == *profession)
                    .count(),
                1,
                "{profession}"
            );
            assert!(!groups.group(*profession).name_zh.is_empty());
        }
    }

    #[test]
    fn nurses_and_chinese_medicine_have_register_parts() {
        let groups = ProfessionGroups::embedded();
        assert_eq!(groups.group(Profession::Nurse).register_parts.len(), 5);
        assert!(groups.group(Profession::Nurse).certificate_ends_december_31);
        assert_eq!(
            groups
                .group(Profession::ChineseMedicinePractitioner)
                .register_parts,
            [RegisterPart::CmRegistered, RegisterPart::CmListed]
        );
        assert!(groups.group(Profession::Dentist).register_parts.is_empty());
    }

    #[test]
    fn professions_are_found_by_code_or_either_name() {
        let groups = ProfessionGroups::embedded();
        assert_eq!(groups.find("nurse"), Some(Profession::Nurse));
        assert_eq!(groups.find(" Registered nurse "), None);
        assert_eq!(groups.find("chiropractor"), Some(Profession::Chiropractor));
        assert_eq!(
            groups.find("Part I Optometrist"),
            Some(Profession::PartIOptometrist)
        );
        assert_eq!(
            groups.find("第I部分視光師"),
            Some(Profession::PartIOptometrist)
        );
        assert_eq!(
            groups.find("中醫"),
            Some(Profession::ChineseMedicinePractitioner)
        );
        assert_eq!(groups.find("doctor"), None);
    }
}
