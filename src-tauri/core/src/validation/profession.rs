//! The 13 healthcare-professional groups of Cap. 625 and their registration numbers.

use serde::{Deserialize, Serialize};

use super::ValueError;
use crate::coded::coded_enum;
use crate::issue::{ErrorCode, Issue};

coded_enum! {
    /// A healthcare-professional group named in the Ordinance.
    pub enum Profession {
        MedicalPractitioner = "medical_practitioner",
        Dentist = "dentist",
        Midwife = "midwife",
        Nurse = "nurse",
        Pharmacist = "pharmacist",
        MedicalLaboratoryTechnologist = "medical_laboratory_technologist",
        OccupationalTherapist = "occupational_therapist",
        PartIOptometrist = "part_i_optometrist",
        Radiographer = "radiographer",
        Physiotherapist = "physiotherapist",
        DentalHygienist = "dental_hygienist",
        Chiropractor = "chiropractor",
        ChineseMedicinePractitioner = "chinese_medicine_practitioner",
    }
}

impl Profession {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        Profession::from_code(raw.trim())
            .ok_or_else(|| ValueError::new(ErrorCode::ProfessionUnknown))
    }
}

/// A registration with a professional board or council, kept exactly as given: only the Medical Council's
/// format (`M` + 5 digits) is published, so the check is soft — a warning the user may confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProfessionalRegistration {
    pub profession: Profession,
    pub number: String,
}

impl ProfessionalRegistration {
    pub fn new(profession: Profession, number: &str) -> Self {
        ProfessionalRegistration {
            profession,
            number: number.trim().to_owned(),
        }
    }

    /// Soft checks of the number's format, as warnings on `field`.
    pub fn warnings(&self, field: &str) -> Vec<Issue> {
        match self.profession {
            Profession::MedicalPractitioner if !is_medical_council_number(&self.number) => {
                vec![
                    Issue::new(ErrorCode::ProfessionRegistrationFormat)
                        .at(field)
                        .with("example", "M12345")
                        .warning(),
                ]
            }
            _ => Vec::new(),
        }
    }
}

fn is_medical_council_number(number: &str) -> bool {
    number.len() == 6 && number.starts_with('M') && number[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::Severity;

    #[test]
    fn there_are_thirteen_groups() {
        assert_eq!(Profession::ALL.len(), 13);
        assert_eq!(
            Profession::parse("chiropractor"),
            Ok(Profession::Chiropractor)
        );
        assert_eq!(
            Profession::parse("doctor").map_err(|e| e.code),
            Err(ErrorCode::ProfessionUnknown)
        );
    }

    #[test]
    fn medical_council_numbers_are_checked_softly() {
        let ok = ProfessionalRegistration::new(Profession::MedicalPractitioner, "M15833");
        assert!(ok.warnings("number").is_empty());
        let odd = ProfessionalRegistration::new(Profession::MedicalPractitioner, "15833");
        let warnings = odd.warnings("number");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].severity, Severity::Warning);
        assert_eq!(warnings[0].code, ErrorCode::ProfessionRegistrationFormat);
    }

    #[test]
    fn other_boards_numbers_are_kept_as_given() {
        let nurse = ProfessionalRegistration::new(Profession::Nurse, " RN123456 ");
        assert_eq!(nurse.number, "RN123456");
        assert!(nurse.warnings("number").is_empty());
    }
}
