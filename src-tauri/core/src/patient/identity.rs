//! Identity fields as a card (or an authorised reading component) gives them, and their validation.
//!
//! Whatever reads a card hands over [`RawIdentity`]: strings, exactly as read. [`RawIdentity::validate`] is the
//! one place that turns them into an [`Identity`], so a card profile, the external reader and manual entry are
//! held to the same rules as the registration form.

use serde::{Deserialize, Serialize};

use crate::issue::Issue;
use crate::ports::{Clock, SystemClock};
use crate::validation::{
    CalendarDate, ChineseName, EnglishName, Hkid, IssueCollector, NameKind, Sex,
};

/// The identity fields of a Hong Kong identity card, as text, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RawIdentity {
    pub hkid: String,
    pub english_surname: String,
    #[serde(default)]
    pub english_given_name: String,
    #[serde(default)]
    pub chinese_name: String,
    /// `YYYY-MM-DD`.
    pub date_of_birth: String,
    /// `F` or `M`.
    pub sex: String,
    /// `YYYY-MM-DD`; blank when the reading component does not give it.
    #[serde(default)]
    pub date_of_issue: String,
}

/// Validated identity fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    pub hkid: Hkid,
    pub english_surname: EnglishName,
    pub english_given_name: Option<EnglishName>,
    pub chinese_name: Option<ChineseName>,
    pub date_of_birth: CalendarDate,
    pub sex: Sex,
    pub date_of_issue: Option<CalendarDate>,
}

impl RawIdentity {
    /// Every field checked against today's date in Hong Kong; all problems reported at once, each with its
    /// camelCase field name.
    pub fn validate(&self) -> Result<Identity, Vec<Issue>> {
        self.validate_on(SystemClock.now().hong_kong_date())
    }

    /// Every field checked, the date of birth as of `today` (not after it, not implausibly long before).
    pub fn validate_on(&self, today: CalendarDate) -> Result<Identity, Vec<Issue>> {
        let mut issues = IssueCollector::new();
        let person = |raw: &str| EnglishName::parse(raw, NameKind::Person);
        let hkid = issues.required("hkid", &self.hkid, Hkid::parse);
        let english_surname = issues.required("englishSurname", &self.english_surname, person);
        let english_given_name =
            issues.optional("englishGivenName", &self.english_given_name, person);
        let chinese_name = issues.optional("chineseName", &self.chinese_name, |raw| {
            ChineseName::parse(raw, NameKind::Person)
        });
        // A card reader hands over ISO dates; a day-first date from it is a malformed reading.
        let date_of_birth = issues.required("dateOfBirth", &self.date_of_birth, |raw| {
            CalendarDate::parse_iso(raw)?.check_birth(today)
        });
        let sex = issues.required("sex", &self.sex, Sex::parse);
        let date_of_issue =
            issues.optional("dateOfIssue", &self.date_of_issue, CalendarDate::parse_iso);
        match (
            hkid,
            english_surname,
            english_given_name,
            chinese_name,
            date_of_birth,
            sex,
            date_of_issue,
        ) {
            (
                Some(hkid),
                Some(english_surname),
                Some(english_given_name),
                Some(chinese_name),
                Some(date_of_birth),
                Some(sex),
                Some(date_of_issue),
            ) => Ok(Identity {
                hkid,
                english_surname,
                english_given_name,
                chinese_name,
                date_of_birth,
                sex,
                date_of_issue,
            }),
            _ => Err(issues.into_issues()),
        }
    }
}

impl Identity {
    /// Back to text, as the registration form holds it.
    pub fn to_raw(&self) -> RawIdentity {
        RawIdentity {
            hkid: self.hkid.as_str().to_owned(),
            english_surname: self.english_surname.to_string(),
            english_given_name: self
                .english_given_name
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            chinese_name: self
                .chinese_name
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            date_of_birth: self.date_of_birth.to_string(),
            sex: self.sex.code().to_owned(),
            date_of_issue: self
                .date_of_issue
                .map(|d| d.to_string())
                .unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::ErrorCode;

    fn chan() -> RawIdentity {
        RawIdentity {
            hkid: "A1234563".into(),
            english_surname: "CHAN".into(),
            english_given_name: "Tai Man".into(),
            chinese_name: "陳大文".into(),
            date_of_birth: "1980-02-29".into(),
            sex: "M".into(),
            date_of_issue: "2020-01-15".into(),
        }
    }

    #[test]
    fn a_good_card_validates_and_round_trips() {
        let identity = chan().validate().unwrap();
        assert_eq!(identity.hkid.as_str(), "A123456(3)");
        let raw = identity.to_raw();
        assert_eq!(raw.hkid, "A123456(3)");
        assert_eq!(raw.validate().unwrap(), identity);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let raw = RawIdentity {
            hkid: "A1234564".into(),
            date_of_birth: "1980-02-30".into(),
            sex: "X".into(),
            ..chan()
        };
        let fields: Vec<_> = raw
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|i| (i.field.unwrap_or_default(), i.code))
            .collect();
        assert_eq!(
            fields,
            [
                ("hkid".to_owned(), ErrorCode::HkidCheckDigit),
                ("dateOfBirth".to_owned(), ErrorCode::DateNotADay),
                ("sex".to_owned(), ErrorCode::SexUnknown),
            ]
        );
    }

    #[test]
    fn a_card_date_of_birth_must_be_plausible() {
        let today = CalendarDate::parse("2026-11-25").unwrap();
        let birth = |date: &str| {
            RawIdentity {
                date_of_birth: date.into(),
                ..chan()
            }
            .validate_on(today)
            .map_err(|issues| issues.into_iter().map(|i| i.code).collect::<Vec<_>>())
        };
        assert_eq!(birth("2026-11-26").unwrap_err(), [ErrorCode::DateInFuture]);
        assert_eq!(
            birth("1800-01-01").unwrap_err(),
            [ErrorCode::DateTooLongAgo]
        );
        assert_eq!(birth("2023-02-29").unwrap_err(), [ErrorCode::DateNotADay]);
        // A reader gives ISO dates; anything else is a malformed reading, not a guess.
        assert_eq!(birth("29/02/1980").unwrap_err(), [ErrorCode::DateFormat]);
        assert!(birth("1980-02-29").is_ok());
    }

    #[test]
    fn unknown_json_keys_are_refused() {
        let json = r#"{"hkid":"A1234563","englishSurname":"CHAN","dateOfBirth":"1980-01-01","sex":"M","extra":1}"#;
        assert!(serde_json::from_str::<RawIdentity>(json).is_err());
    }
}
