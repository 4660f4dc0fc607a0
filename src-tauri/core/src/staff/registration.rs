//! A healthcare professional's registration with their board: the group, the number (checked softly), the
//! part of the register where the board has parts, and the day it is valid until.

use serde::{Deserialize, Serialize};

use super::professions::{NumberFormat, ProfessionGroups, RegisterPart};
use crate::issue::{ErrorCode, Issue};
use crate::limits::REGISTRATION_NUMBER_MAX;
use crate::validation::{
    CalendarDate, IssueCollector, Profession, ProfessionalRegistration, ValueError, free_text,
};

/// A registration exactly as typed or imported.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct RegistrationInput {
    pub profession: String,
    pub number: String,
    /// A [`RegisterPart`] code; blank for a board without parts.
    pub register_part: String,
    /// `DD/MM/YYYY` or ISO.
    pub valid_until: String,
}

/// A registration once every rule holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Registration {
    pub profession: Profession,
    pub number: String,
    pub register_part: Option<RegisterPart>,
    pub valid_until: CalendarDate,
}

impl RegisterPart {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        RegisterPart::from_code(raw.trim())
            .ok_or_else(|| ValueError::new(ErrorCode::StaffRegisterPartUnknown))
    }
}

impl RegistrationInput {
    /// Checks every field under `path`; soft checks (number format, a nurse's certificate not ending on
    /// 31 December, a registration already expired) are warnings.
    pub(crate) fn check(
        &self,
        path: &str,
        today: CalendarDate,
        c: &mut IssueCollector,
    ) -> Option<Registration> {
        let groups = ProfessionGroups::embedded();
        let f = |name: &str| format!("{path}.{name}");
        let profession = c.required(&f("profession"), &self.profession, |raw| {
            groups
                .find(raw)
                .ok_or_else(|| ValueError::new(ErrorCode::ProfessionUnknown))
        });
        let number = c.required(&f("number"), &self.number, |raw| {
            free_text(raw, REGISTRATION_NUMBER_MAX)
        });
        let part = c.optional(&f("registerPart"), &self.register_part, RegisterPart::parse);
        let valid_until = c.required(&f("validUntil"), &self.valid_until, CalendarDate::parse);
        let (profession, number, part, valid_until) = (profession?, number?, part?, valid_until?);
        let group = groups.group(profession);
        if !group.ehealth_access {
            c.push(Issue::new(ErrorCode::StaffProfessionNoAccess).at(f("profession")));
            return None;
        }
        match part {
            None if !group.register_parts.is_empty() => {
                c.push(Issue::new(ErrorCode::Required).at(f("registerPart")));
                return None;
            }
            Some(part) if !group.register_parts.contains(&part) => {
                c.push(
                    Issue::new(ErrorCode::StaffRegisterPartNotOfGroup)
                        .at(f("registerPart"))
                        .with("profession", profession),
                );
                return None;
            }
            _ => {}
        }
        if group.number_format == NumberFormat::MedicalCouncil {
            for issue in ProfessionalRegistration::new(profession, &number).warnings(&f("number")) {
                c.push(issue);
            }
        }
        if group.certificate_ends_december_31 && !is_december_31(valid_until) {
            c.push(
                Issue::new(ErrorCode::StaffCertificateEndsDecember31)
                    .at(f("validUntil"))
                    .warning(),
            );
        }
        if valid_until < today {
            c.push(
                Issue::new(ErrorCode::StaffRegistrationExpired)
                    .at(f("validUntil"))
                    .warning(),
            );
        }
        Some(Registration {
            profession,
            number,
            register_part: part,
            valid_until,
        })
    }
}

fn is_december_31(date: CalendarDate) -> bool {
    let date = date.date();
    date.month() == time::Month::December && date.day() == 31
}

impl From<&Registration> for RegistrationInput {
    fn from(registration: &Registration) -> Self {
        RegistrationInput {
            profession: registration.profession.code().to_owned(),
            number: registration.number.clone(),
            register_part: registration
                .register_part
                .map(|p| p.code().to_owned())
                .unwrap_or_default(),
            valid_until: registration.valid_until.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::Severity;

    fn today() -> CalendarDate {
        CalendarDate::parse_iso("2026-12-01").unwrap()
    }

    fn check(input: &RegistrationInput) -> (Option<Registration>, Vec<Issue>) {
        let mut c = IssueCollector::new();
        let registration = input.check("r", today(), &mut c);
        (registration, c.into_issues())
    }

    fn input(profession: &str, number: &str, part: &str, until: &str) -> RegistrationInput {
        RegistrationInput {
            profession: profession.into(),
            number: number.into(),
            register_part: part.into(),
            valid_until: until.into(),
        }
    }

    #[test]
    fn a_nurse_needs_a_part_of_the_nurses_register() {
        let (none, issues) = check(&input("nurse", "RN1234", "", "31/12/2027"));
        assert!(none.is_none());
        assert_eq!(issues[0].code, ErrorCode::Required);
        assert_eq!(issues[0].field.as_deref(), Some("r.registerPart"));
        let (none, issues) = check(&input("nurse", "RN1234", "cm_listed", "31/12/2027"));
        assert!(none.is_none());
        assert_eq!(issues[0].code, ErrorCode::StaffRegisterPartNotOfGroup);
        let (some, issues) = check(&input("Nurse", "RN1234", "nurse_roll", "31/12/2027"));
        assert_eq!(some.unwrap().register_part, Some(RegisterPart::NurseRoll));
        assert!(issues.is_empty(), "{issues:?}");
    }

    #[test]
    fn a_nurses_certificate_not_ending_on_31_december_is_a_warning() {
        let (some, issues) = check(&input("nurse", "RN1", "nurse_part_i", "30/12/2027"));
        assert!(some.is_some());
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].code, ErrorCode::StaffCertificateEndsDecember31);
        assert_eq!(issues[0].severity, Severity::Warning);
        let (_, dentist) = check(&input("dentist", "D1", "", "30/12/2027"));
        assert!(dentist.is_empty());
    }

    #[test]
    fn soft_and_hard_checks() {
        let (some, issues) = check(&input("medical_practitioner", "15833", "", "2026-11-30"));
        assert!(some.is_some());
        let codes: Vec<_> = issues.iter().map(|i| (i.code, i.severity)).collect();
        assert_eq!(
            codes,
            [
                (ErrorCode::ProfessionRegistrationFormat, Severity::Warning),
                (ErrorCode::StaffRegistrationExpired, Severity::Warning)
            ]
        );
        let (none, issues) = check(&input("doctor", "M1", "", "32/01/2027"));
        assert!(none.is_none());
        let codes: Vec<_> = issues.iter().map(|i| i.code).collect();
        assert_eq!(
            codes,
            [ErrorCode::ProfessionUnknown, ErrorCode::DateNotADay]
        );
        let (none, _) = check(&input("dentist", "D1", "nurse_roll", "2027-01-01"));
        assert!(none.is_none(), "a dentist's register has no parts");
    }
}
