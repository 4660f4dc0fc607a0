//! A member of the HCP's staff: who they are, how to reach them, the HSLs they work at, the kind of eHealth
//! account they need and, for a healthcare professional, their registrations.

use serde::{Deserialize, Serialize};

use super::registration::{Registration, RegistrationInput};
use crate::application::{Actor, ApplicationId};
use crate::coded::{coded_enum, uuid_id};
use crate::issue::{ErrorCode, Issue};
use crate::limits::{HSLS_MAX, STAFF_REGISTRATIONS_MAX};
use crate::time::Timestamp;
use crate::validation::{
    CalendarDate, ChineseName, Email, EnglishName, Hkid, IssueCollector, NameKind, PhoneNumber,
    Profession, ValueError,
};

uuid_id! {
    /// A staff member's identifier.
    pub struct StaffId;
}

coded_enum! {
    /// The kind of eHealth account a member of staff needs (the User Account Creation Request's sections).
    pub enum AccountType {
        UserAdministrator = "user_administrator",
        HealthcareProfessional = "healthcare_professional",
        PatientRegistrationStaff = "patient_registration_staff",
    }
}

impl AccountType {
    /// A code, or the English name as the template's help lists it (`Healthcare professional`).
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let written = raw.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        AccountType::from_code(&written)
            .ok_or_else(|| ValueError::new(ErrorCode::StaffAccountTypeUnknown))
    }
}

/// A staff member exactly as typed or imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct StaffForm {
    pub name_en: String,
    pub name_zh: String,
    pub hkid: String,
    pub phone: String,
    pub email: String,
    /// An [`AccountType`] code.
    pub account_type: String,
    /// The English names of the HSLs (of the HCP's application) the person works at.
    pub hsls: Vec<String>,
    pub registrations: Vec<RegistrationInput>,
}

impl Default for StaffForm {
    fn default() -> Self {
        StaffForm {
            name_en: String::new(),
            name_zh: String::new(),
            hkid: String::new(),
            phone: String::new(),
            email: String::new(),
            account_type: AccountType::HealthcareProfessional.code().to_owned(),
            hsls: Vec::new(),
            registrations: vec![RegistrationInput::default()],
        }
    }
}

/// A staff member once every rule holds: what the staff list stores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StaffMember {
    pub name_en: EnglishName,
    pub name_zh: Option<ChineseName>,
    pub hkid: Hkid,
    pub phone: PhoneNumber,
    pub email: Email,
    pub account_type: AccountType,
    pub hsls: Vec<String>,
    pub registrations: Vec<Registration>,
}

/// The HSLs staff may be said to work at: the English names of the HCP's HSLs, trimmed, the unnamed left out.
pub fn hsl_names_of(hsls: &[crate::application::HslInput]) -> Vec<String> {
    hsls.iter()
        .map(|h| h.name_en.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect()
}

/// What the checks of a staff form need to know about the HCP: its HSLs' names.
#[derive(Debug, Clone, Copy)]
pub struct HcpContext<'a> {
    pub hsl_names: &'a [String],
    pub today: CalendarDate,
}

impl StaffForm {
    /// Every issue (errors and warnings), field by field, and the member when no error remains.
    pub fn check(&self, context: HcpContext<'_>) -> (Option<StaffMember>, Vec<Issue>) {
        let mut c = IssueCollector::new();
        let member = self.check_into(context, &mut c);
        let issues = c.into_issues();
        let valid = issues
            .iter()
            .all(|i| i.severity == crate::Severity::Warning);
        (member.filter(|_| valid), issues)
    }

    fn check_into(&self, context: HcpContext<'_>, c: &mut IssueCollector) -> Option<StaffMember> {
        let name_en = c.required("nameEn", &self.name_en, |s| {
            EnglishName::parse(s, NameKind::Person)
        });
        let name_zh = c.optional("nameZh", &self.name_zh, |s| {
            ChineseName::parse(s, NameKind::Person)
        });
        let hkid = c.required("hkid", &self.hkid, Hkid::parse);
        let phone = c.required("phone", &self.phone, PhoneNumber::parse);
        let email = c.required("email", &self.email, Email::parse);
        let account_type = c.required("accountType", &self.account_type, AccountType::parse);
        let hsls = self.check_hsls(context, c);
        let registrations = self.check_registrations(context, account_type, c);
        Some(StaffMember {
            name_en: name_en?,
            name_zh: name_zh?,
            hkid: hkid?,
            phone: phone?,
            email: email?,
            account_type: account_type?,
            hsls: hsls?,
            registrations: registrations?,
        })
    }

    fn check_hsls(&self, context: HcpContext<'_>, c: &mut IssueCollector) -> Option<Vec<String>> {
        if self.hsls.is_empty() {
            c.push(Issue::new(ErrorCode::StaffHslsRequired).at("hsls"));
            return None;
        }
        if self.hsls.len() > HSLS_MAX {
            c.push(
                Issue::new(ErrorCode::InputTooManyItems)
                    .at("hsls")
                    .with("max", HSLS_MAX),
            );
            return None;
        }
        let mut known = Vec::with_capacity(self.hsls.len());
        let mut ok = true;
        for (index, typed) in self.hsls.iter().enumerate() {
            let found = context
                .hsl_names
                .iter()
                .find(|name| name.trim().eq_ignore_ascii_case(typed.trim()));
            match found {
                Some(name) if !known.contains(name) => known.push(name.clone()),
                Some(_) => {}
                None => {
                    c.push(Issue::new(ErrorCode::StaffHslUnknown).at(format!("hsls[{index}]")));
                    ok = false;
                }
            }
        }
        ok.then_some(known)
    }

    fn check_registrations(
        &self,
        context: HcpContext<'_>,
        account_type: Option<AccountType>,
        c: &mut IssueCollector,
    ) -> Option<Vec<Registration>> {
        // A blank row of the editor is no registration.
        let typed: Vec<(usize, &RegistrationInput)> = self
            .registrations
            .iter()
            .enumerate()
            .filter(|(_, r)| *r != &RegistrationInput::default())
            .collect();
        if typed.len() > STAFF_REGISTRATIONS_MAX {
            c.push(
                Issue::new(ErrorCode::InputTooManyItems)
                    .at("registrations")
                    .with("max", STAFF_REGISTRATIONS_MAX),
            );
            return None;
        }
        if typed.is_empty() && account_type == Some(AccountType::HealthcareProfessional) {
            c.push(Issue::new(ErrorCode::StaffRegistrationRequired).at("registrations"));
            return None;
        }
        let mut registrations = Vec::with_capacity(typed.len());
        let mut seen: Vec<Profession> = Vec::new();
        let mut ok = true;
        for (index, input) in typed {
            let path = format!("registrations[{index}]");
            match input.check(&path, context.today, c) {
                Some(r) if seen.contains(&r.profession) => {
                    c.push(
                        Issue::new(ErrorCode::StaffRegistrationRepeated)
                            .at(format!("{path}.profession")),
                    );
                    ok = false;
                }
                Some(r) => {
                    seen.push(r.profession);
                    registrations.push(r);
                }
                None => ok = false,
            }
        }
        ok.then_some(registrations)
    }
}

impl From<&StaffMember> for StaffForm {
    fn from(member: &StaffMember) -> Self {
        StaffForm {
            name_en: member.name_en.to_string(),
            name_zh: member
                .name_zh
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            hkid: member.hkid.as_str().to_owned(),
            phone: member.phone.to_string(),
            email: member.email.to_string(),
            account_type: member.account_type.code().to_owned(),
            hsls: member.hsls.clone(),
            registrations: member.registrations.iter().map(Into::into).collect(),
        }
    }
}

/// A staff member as stored: under one HCP (an application of this database), sealed at rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StaffRecord {
    pub id: StaffId,
    pub hcp: ApplicationId,
    pub member: StaffMember,
    pub added_at: Timestamp,
    pub added_by: Actor,
    /// The day they left the HCP, once recorded. They stay on the list (their account is disabled through a
    /// request, and the history keeps their name) but no longer count for expiry or new accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub left_on: Option<CalendarDate>,
}

impl StaffRecord {
    /// Whether they have left the HCP.
    pub fn has_left(&self) -> bool {
        self.left_on.is_some()
    }
}

/// A record with the version the store holds it at (changes name the version they were made from).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StoredStaff {
    pub record: StaffRecord,
    pub version: u64,
}

/// A line of the staff list: the HKID masked, nothing else personal beyond the names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StaffSummary {
    pub id: StaffId,
    pub hcp: ApplicationId,
    pub name_en: String,
    pub name_zh: Option<String>,
    pub hkid_masked: String,
    pub account_type: AccountType,
    pub hsls: Vec<String>,
    pub professions: Vec<Profession>,
    /// The earliest day one of the registrations ends.
    pub first_expiry: Option<CalendarDate>,
    /// The day they left the HCP, if they have.
    pub left_on: Option<CalendarDate>,
    pub version: u64,
}

impl StoredStaff {
    pub fn summary(&self) -> StaffSummary {
        let member = &self.record.member;
        StaffSummary {
            id: self.record.id.clone(),
            hcp: self.record.hcp.clone(),
            name_en: member.name_en.to_string(),
            name_zh: member.name_zh.as_ref().map(ToString::to_string),
            hkid_masked: member.hkid.masked(),
            account_type: member.account_type,
            hsls: member.hsls.clone(),
            professions: member.registrations.iter().map(|r| r.profession).collect(),
            first_expiry: member.registrations.iter().map(|r| r.valid_until).min(),
            left_on: self.record.left_on,
            version: self.version,
        }
    }
}

impl crate::input::Bounded for StaffForm {
    fn list_max(path: &str) -> Option<usize> {
        match path {
            "hsls" => Some(HSLS_MAX),
            "registrations" => Some(STAFF_REGISTRATIONS_MAX),
            _ => None,
        }
    }
}
