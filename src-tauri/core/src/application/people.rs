//! Step 2, "User information": the HCP's user administrators and its authorised person.

use serde::{Deserialize, Serialize};

use crate::issue::Issue;
use crate::validation::{
    ChineseName, Email, EnglishName, Hkid, IssueCollector, NameKind, PhoneNumber, free_text,
};

use crate::limits::POSITION_MAX;

/// A person named on the form, exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct PersonInput {
    pub name_en: String,
    pub name_zh: String,
    pub hkid: String,
    pub position: String,
    pub phone: String,
    pub email: String,
}

/// A person once every rule holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name_en: EnglishName,
    pub name_zh: Option<ChineseName>,
    pub hkid: Option<Hkid>,
    pub position: String,
    pub phone: PhoneNumber,
    pub email: Email,
}

/// Whether the HKID number must be given: user administrators get accounts, so it is required for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HkidRule {
    Required,
    Optional,
}

impl PersonInput {
    pub(crate) fn check(
        &self,
        path: &str,
        hkid_rule: HkidRule,
        c: &mut IssueCollector,
    ) -> Option<Person> {
        let f = |name: &str| format!("{path}.{name}");
        let name_en = c.required(&f("nameEn"), &self.name_en, |s| {
            EnglishName::parse(s, NameKind::Person)
        });
        let name_zh = c.optional(&f("nameZh"), &self.name_zh, |s| {
            ChineseName::parse(s, NameKind::Person)
        });
        let hkid = match hkid_rule {
            HkidRule::Required => c.required(&f("hkid"), &self.hkid, Hkid::parse).map(Some),
            HkidRule::Optional => c.optional(&f("hkid"), &self.hkid, Hkid::parse),
        };
        let position = c.required(&f("position"), &self.position, |s| {
            free_text(s, POSITION_MAX)
        });
        let phone = c.required(&f("phone"), &self.phone, PhoneNumber::parse);
        let email = c.required(&f("email"), &self.email, Email::parse);
        Some(Person {
            name_en: name_en?,
            name_zh: name_zh?,
            hkid: hkid?,
            position: position?,
            phone: phone?,
            email: email?,
        })
    }
}

/// Step 2 exactly as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct UserInformationInput {
    /// The user administrators, who will create the staff's eHealth accounts. At least one.
    pub administrators: Vec<PersonInput>,
    /// The person authorised to sign for the HCP.
    pub authorised_person: PersonInput,
}

impl Default for UserInformationInput {
    fn default() -> Self {
        // A new form offers one administrator to fill in.
        UserInformationInput {
            administrators: vec![PersonInput::default()],
            authorised_person: PersonInput::default(),
        }
    }
}

impl UserInformationInput {
    pub const SECTION: &'static str = "userInformation";

    pub(crate) fn check(&self, c: &mut IssueCollector) {
        for (index, person) in self.administrators.iter().enumerate() {
            person.check(
                &format!("{}.administrators[{index}]", Self::SECTION),
                HkidRule::Required,
                c,
            );
        }
        self.authorised_person.check(
            &format!("{}.authorisedPerson", Self::SECTION),
            HkidRule::Optional,
            c,
        );
    }

    /// Every HKID number typed on this step, valid ones normalised, with its field path.
    pub(crate) fn hkids(&self) -> Vec<(String, Hkid)> {
        let administrators = self.administrators.iter().enumerate().map(|(i, p)| {
            (
                format!("{}.administrators[{i}].hkid", Self::SECTION),
                &p.hkid,
            )
        });
        let authorised = std::iter::once((
            format!("{}.authorisedPerson.hkid", Self::SECTION),
            &self.authorised_person.hkid,
        ));
        administrators
            .chain(authorised)
            .filter_map(|(path, raw)| Some((path, Hkid::parse(raw).ok()?)))
            .collect()
    }

    pub fn issues(&self) -> Vec<Issue> {
        let mut c = IssueCollector::new();
        self.check(&mut c);
        c.into_issues()
    }
}
