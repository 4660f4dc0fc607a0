//! Consent rules, as data: which version of the law applies on a day, who must give consent for whom, and
//! how. The versions live in `consent_rules.json`; a change in the law is a new entry there, not a new branch
//! in code.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::coded::coded_enum;
use crate::validation::CalendarDate;

coded_enum! {
    /// How the patient (or the substitute decision maker) gave sharing consent to this HCP.
    pub enum ConsentMethod {
        /// The identity card in this HCP's reader.
        Card = "card",
        /// The patient's 8-digit access key.
        AccessKey = "access_key",
        SignedForm = "signed_form",
        /// The patient's call to the interactive voice response line.
        Ivrs = "ivrs",
    }
}

coded_enum! {
    /// The substitute decision maker's relationship to the patient; the rules list them by priority.
    pub enum SdmRelationship {
        Parent = "parent",
        Guardian = "guardian",
        /// The Director of Social Welfare, or a guardian under the Mental Health Ordinance.
        DirectorOfSocialWelfare = "director_of_social_welfare",
        CourtAppointee = "court_appointee",
        /// A family member, or a person living with the patient.
        FamilyMember = "family_member",
        /// A healthcare professional prescribed by the Ordinance.
        PrescribedHcp = "prescribed_hcp",
    }
}

coded_enum! {
    /// Why a substitute decision maker gives consent instead of the patient.
    pub enum SdmCase {
        /// Under the age the rules set (16).
        Minor = "minor",
        /// Of age, but unable to give consent.
        Unable = "unable",
    }
}

/// A text in both languages, as printed on the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Bilingual {
    pub en: String,
    pub zh: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SdmRelationships {
    pub minor: Vec<SdmRelationship>,
    pub unable: Vec<SdmRelationship>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConsentStatements {
    pub joining: Bilingual,
    pub sharing: Bilingual,
}

/// One version of the consent rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsentRuleSet {
    pub version: String,
    pub effective_from: CalendarDate,
    pub ordinance: Bilingual,
    /// Below this age (in whole years) a substitute decision maker consents for the patient.
    pub sdm_below_age: u8,
    /// Whether an HCP needs the patient's sharing consent before depositing records (it no longer does from
    /// 1 December 2025: joining consent lets every participating HCP deposit).
    pub sharing_consent_needed_to_deposit: bool,
    pub methods: Vec<ConsentMethod>,
    /// In order of priority.
    pub sdm_relationships: SdmRelationships,
    pub statements: ConsentStatements,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(rename = "about")]
    _about: String,
    versions: Vec<ConsentRuleSet>,
}

/// Every version of the rules, oldest first.
#[derive(Debug, Clone)]
pub struct ConsentRules {
    versions: Vec<ConsentRuleSet>,
}

/// Why rules could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    #[error("the consent rules do not parse: {0}")]
    Malformed(String),
    #[error("the consent rules have no versions")]
    Empty,
    #[error("no consent rules were in force on {0}")]
    NoneInForce(CalendarDate),
}

static EMBEDDED: LazyLock<Result<ConsentRules, RulesError>> =
    LazyLock::new(|| ConsentRules::from_json(include_str!("consent_rules.json")));

impl ConsentRules {
    /// The rules that ship with this release.
    pub fn embedded() -> Result<&'static ConsentRules, RulesError> {
        EMBEDDED.as_ref().map_err(Clone::clone)
    }

    pub fn from_json(json: &str) -> Result<Self, RulesError> {
        let file: RulesFile =
            serde_json::from_str(json).map_err(|e| RulesError::Malformed(e.to_string()))?;
        let mut versions = file.versions;
        if versions.is_empty() {
            return Err(RulesError::Empty);
        }
        versions.sort_by_key(|v| v.effective_from);
        Ok(ConsentRules { versions })
    }

    /// The version in force on `day`: the latest one that had taken effect by then.
    pub fn in_force_on(&self, day: CalendarDate) -> Result<&ConsentRuleSet, RulesError> {
        self.versions
            .iter()
            .rev()
            .find(|v| v.effective_from <= day)
            .ok_or(RulesError::NoneInForce(day))
    }

    pub fn version(&self, version: &str) -> Option<&ConsentRuleSet> {
        self.versions.iter().find(|v| v.version == version)
    }

    pub fn versions(&self) -> &[ConsentRuleSet] {
        &self.versions
    }
}

/// What consent a registration needs, worked out from the rules, the patient's age and capacity: the UI shows
/// the substitute decision maker's section and its relationships from this, so the rule lives only here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConsentRequirements {
    pub rules: ConsentRuleSet,
    /// Whole years on the day of registration; `None` while the date of birth is not a valid date.
    pub age: Option<u16>,
    /// Set when a substitute decision maker must consent, and why.
    pub sdm_case: Option<SdmCase>,
    /// The relationships allowed for that case, in order of priority (empty when no SDM is needed).
    pub sdm_relationships: Vec<SdmRelationship>,
}

impl ConsentRuleSet {
    pub fn requirements(
        &self,
        date_of_birth: Option<CalendarDate>,
        unable_to_consent: bool,
        today: CalendarDate,
    ) -> ConsentRequirements {
        let age = date_of_birth.map(|dob| age_on(dob, today));
        let sdm_case = match age {
            Some(age) if age < u16::from(self.sdm_below_age) => Some(SdmCase::Minor),
            _ if unable_to_consent => Some(SdmCase::Unable),
            _ => None,
        };
        let sdm_relationships = match sdm_case {
            Some(SdmCase::Minor) => self.sdm_relationships.minor.clone(),
            Some(SdmCase::Unable) => self.sdm_relationships.unable.clone(),
            None => Vec::new(),
        };
        ConsentRequirements {
            rules: self.clone(),
            age,
            sdm_case,
            sdm_relationships,
        }
    }
}

/// Age in whole years on `day` (0 for a date of birth after `day`). Someone born on 29 February turns a year
/// older on 1 March in a common year.
pub fn age_on(date_of_birth: CalendarDate, day: CalendarDate) -> u16 {
    let (born, on) = (date_of_birth.date(), day.date());
    let mut years = on.year() - born.year();
    if (on.month() as u8, on.day()) < (born.month() as u8, born.day()) {
        years -= 1;
    }
    u16::try_from(years.max(0)).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(raw: &str) -> CalendarDate {
        CalendarDate::parse(raw).unwrap()
    }

    #[test]
    fn the_embedded_rules_parse_and_change_on_1_december_2025() {
        let rules = ConsentRules::embedded().unwrap();
        assert_eq!(
            rules.in_force_on(day("2025-11-30")).unwrap().version,
            "eHRSSO-2016"
        );
        let current = rules.in_force_on(day("2025-12-01")).unwrap();
        assert_eq!(current.version, "EHSO-2025");
        assert!(!current.sharing_consent_needed_to_deposit);
        assert!(
            current
                .ordinance
                .en
                .contains("Electronic Health System Ordinance")
        );
        assert_eq!(
            rules.in_force_on(day("2016-03-12")),
            Err(RulesError::NoneInForce(day("2016-03-12")))
        );
    }

    #[test]
    fn a_new_version_is_data_only() {
        let mut json: serde_json::Value =
            serde_json::from_str(include_str!("consent_rules.json")).unwrap();
        let mut next = json["versions"][1].clone();
        next["version"] = "FUTURE-2030".into();
        next["effectiveFrom"] = "2030-01-01".into();
        next["sdmBelowAge"] = 18.into();
        json["versions"].as_array_mut().unwrap().push(next);
        let rules = ConsentRules::from_json(&json.to_string()).unwrap();
        let future = rules.in_force_on(day("2030-06-01")).unwrap();
        let seventeen = future.requirements(Some(day("2013-01-01")), false, day("2030-06-01"));
        assert_eq!(seventeen.sdm_case, Some(SdmCase::Minor));
        let before = rules.in_force_on(day("2029-06-01")).unwrap();
        let sixteen = before.requirements(Some(day("2013-01-01")), false, day("2029-06-01"));
        assert_eq!(sixteen.sdm_case, None);
    }

    #[test]
    fn unknown_keys_in_the_rules_are_refused() {
        let mut json: serde_json::Value =
            serde_json::from_str(include_str!("consent_rules.json")).unwrap();
        json["versions"][0]["sdmBelowAgee"] = 16.into();
        assert!(matches!(
            ConsentRules::from_json(&json.to_string()),
            Err(RulesError::Malformed(_))
        ));
    }

    #[test]
    fn who_needs_a_substitute_decision_maker() {
        let rules = ConsentRules::embedded().unwrap();
        let today = day("2026-11-25");
        let set = rules.in_force_on(today).unwrap();
        let child = set.requirements(Some(day("2013-05-01")), false, today);
        assert_eq!(
            (child.age, child.sdm_case),
            (Some(13), Some(SdmCase::Minor))
        );
        assert_eq!(child.sdm_relationships[0], SdmRelationship::Parent);
        let sixteen_today = set.requirements(Some(day("2010-11-25")), false, today);
        assert_eq!(sixteen_today.sdm_case, None);
        let sixteen_tomorrow = set.requirements(Some(day("2010-11-26")), false, today);
        assert_eq!(sixteen_tomorrow.sdm_case, Some(SdmCase::Minor));
        let unable = set.requirements(Some(day("1940-01-01")), true, today);
        assert_eq!(unable.sdm_case, Some(SdmCase::Unable));
        assert_eq!(
            unable.sdm_relationships[1],
            SdmRelationship::DirectorOfSocialWelfare
        );
        let unknown_age = set.requirements(None, false, today);
        assert_eq!((unknown_age.age, unknown_age.sdm_case), (None, None));
    }

    #[test]
    fn ages_count_whole_years_and_leap_days() {
        assert_eq!(age_on(day("2008-02-29"), day("2024-02-28")), 15);
        assert_eq!(age_on(day("2008-02-29"), day("2024-02-29")), 16);
        assert_eq!(age_on(day("2008-02-29"), day("2025-02-28")), 16);
        assert_eq!(age_on(day("2030-01-01"), day("2025-02-28")), 0);
    }
}
