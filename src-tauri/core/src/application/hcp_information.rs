//! Step 1 of the application, "HCP information": the organisation, its correspondence address and contact.

use serde::{Deserialize, Serialize};

use crate::coded::coded_enum;
use crate::issue::{ErrorCode, Issue};
use crate::validation::{
    BusinessRegNo, ChineseName, District, Email, EnglishName, IssueCollector, NameKind,
    PhoneNumber, ValueError, free_text,
};

coded_enum! {
    /// What kind of healthcare provider is applying.
    pub enum HcpType {
        SoloPractice = "solo_practice",
        GroupPractice = "group_practice",
        Hospital = "hospital",
        NursingHome = "nursing_home",
        MedicalCentre = "medical_centre",
        Other = "other",
    }
}

impl HcpType {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        HcpType::from_code(raw.trim()).ok_or_else(|| ValueError::new(ErrorCode::HcpTypeUnknown))
    }
}

/// The step exactly as typed. Drafts keep this, valid or not, so nothing a person typed is ever lost.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct HcpInformationInput {
    pub name_en: String,
    pub name_zh: String,
    pub br_number: String,
    pub hcp_type: String,
    pub address_line1: String,
    pub address_line2: String,
    pub district: String,
    pub contact_name_en: String,
    pub contact_name_zh: String,
    pub contact_position: String,
    pub phone: String,
    pub email: String,
    pub fax: String,
}

/// The step once every rule holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HcpInformation {
    pub name_en: EnglishName,
    pub name_zh: Option<ChineseName>,
    pub br_number: BusinessRegNo,
    pub hcp_type: HcpType,
    pub address_lines: Vec<String>,
    pub district: District,
    pub contact_name_en: EnglishName,
    pub contact_name_zh: Option<ChineseName>,
    pub contact_position: Option<String>,
    pub phone: PhoneNumber,
    pub email: Email,
    pub fax: Option<PhoneNumber>,
}

const ADDRESS_LINE_MAX: usize = 100;
const POSITION_MAX: usize = 60;

impl HcpInformationInput {
    /// The field-path prefix of this step's issues.
    pub const SECTION: &'static str = "hcpInformation";

    /// Checks every field; on failure returns every issue (field paths such as `hcpInformation.brNumber`).
    pub fn validate(&self) -> Result<HcpInformation, Vec<Issue>> {
        let f = |name: &str| format!("{}.{name}", Self::SECTION);
        let mut c = IssueCollector::new();
        let name_en = c.required(&f("nameEn"), &self.name_en, |s| {
            EnglishName::parse(s, NameKind::Organisation)
        });
        let name_zh = c.optional(&f("nameZh"), &self.name_zh, |s| {
            ChineseName::parse(s, NameKind::Organisation)
        });
        let br_number = c.required(&f("brNumber"), &self.br_number, BusinessRegNo::parse);
        let hcp_type = c.required(&f("hcpType"), &self.hcp_type, HcpType::parse);
        let line1 = c.required(&f("addressLine1"), &self.address_line1, |s| {
            free_text(s, ADDRESS_LINE_MAX)
        });
        let line2 = c.optional(&f("addressLine2"), &self.address_line2, |s| {
            free_text(s, ADDRESS_LINE_MAX)
        });
        let district = c.required(&f("district"), &self.district, District::parse);
        let contact_name_en = c.required(&f("contactNameEn"), &self.contact_name_en, |s| {
            EnglishName::parse(s, NameKind::Person)
        });
        let contact_name_zh = c.optional(&f("contactNameZh"), &self.contact_name_zh, |s| {
            ChineseName::parse(s, NameKind::Person)
        });
        let contact_position = c.optional(&f("contactPosition"), &self.contact_position, |s| {
            free_text(s, POSITION_MAX)
        });
        let phone = c.required(&f("phone"), &self.phone, PhoneNumber::parse);
        let email = c.required(&f("email"), &self.email, Email::parse);
        let fax = c.optional(&f("fax"), &self.fax, PhoneNumber::parse);

        // Every field is checked before giving up, so the person sees all issues at once.
        let valid = (|| {
            Some(HcpInformation {
                name_en: name_en?,
                name_zh: name_zh?,
                br_number: br_number?,
                hcp_type: hcp_type?,
                address_lines: std::iter::once(line1?).chain(line2?).collect(),
                district: district?,
                contact_name_en: contact_name_en?,
                contact_name_zh: contact_name_zh?,
                contact_position: contact_position?,
                phone: phone?,
                email: email?,
                fax: fax?,
            })
        })();
        valid.ok_or_else(|| c.into_issues())
    }

    /// Every issue of the step, for showing while a draft is edited (empty when valid).
    pub fn issues(&self) -> Vec<Issue> {
        self.validate().err().unwrap_or_default()
    }

    /// What a list of applications calls this one: the organisation's name as typed, English first.
    pub fn title(&self) -> String {
        let en = self.name_en.trim();
        if en.is_empty() {
            self.name_zh.trim().to_owned()
        } else {
            en.to_owned()
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn complete_input() -> HcpInformationInput {
        HcpInformationInput {
            name_en: "Dr Chan Tai Man Clinic".into(),
            name_zh: "陳大文醫務所".into(),
            br_number: "12345678-000-01-24-3".into(),
            hcp_type: "solo_practice".into(),
            address_line1: "Room 1203, 12/F, Sino Centre".into(),
            address_line2: "582-592 Nathan Road, Mong Kok".into(),
            district: "yau_tsim_mong".into(),
            contact_name_en: "CHAN Tai Man".into(),
            contact_name_zh: "陳大文".into(),
            contact_position: "Clinic manager".into(),
            phone: "2123 4567".into(),
            email: "info@chanclinic.com.hk".into(),
            fax: "".into(),
        }
    }

    #[test]
    fn a_complete_step_validates_and_normalises() {
        let info = complete_input().validate().unwrap();
        assert_eq!(info.br_number.as_str(), "12345678");
        assert_eq!(info.phone.as_str(), "+85221234567");
        assert_eq!(info.fax, None);
        assert_eq!(info.address_lines.len(), 2);
        assert_eq!(info.district, District::YauTsimMong);
    }

    #[test]
    fn an_empty_step_lists_every_required_field() {
        let fields: Vec<String> = HcpInformationInput::default()
            .issues()
            .into_iter()
            .filter_map(|i| i.field)
            .collect();
        assert_eq!(
            fields,
            [
                "nameEn",
                "brNumber",
                "hcpType",
                "addressLine1",
                "district",
                "contactNameEn",
                "phone",
                "email"
            ]
            .map(|f| format!("hcpInformation.{f}"))
        );
    }

    #[test]
    fn wrong_values_are_reported_with_their_codes() {
        let input = HcpInformationInput {
            br_number: "1234".into(),
            phone: "1234 5678".into(),
            fax: "not a fax".into(),
            district: "atlantis".into(),
            ..complete_input()
        };
        let issues: Vec<(String, ErrorCode)> = input
            .issues()
            .into_iter()
            .map(|i| (i.field.unwrap_or_default(), i.code))
            .collect();
        assert_eq!(
            issues,
            [
                ("hcpInformation.brNumber".to_owned(), ErrorCode::BrnFormat),
                (
                    "hcpInformation.district".to_owned(),
                    ErrorCode::DistrictUnknown
                ),
                ("hcpInformation.phone".to_owned(), ErrorCode::PhoneFormat),
                ("hcpInformation.fax".to_owned(), ErrorCode::PhoneLetters),
            ]
        );
    }

    #[test]
    fn hidden_and_unprintable_characters_are_reported_on_their_fields() {
        let input = HcpInformationInput {
            name_en: "Dr Chan\u{0} Clinic".into(),
            name_zh: "陳𠀀文醫務所".into(),
            address_line1: "Flat A 😀, 2/F".into(),
            contact_position: "Manager\u{202E}".into(),
            email: "info\u{200B}@clinic.com.hk".into(),
            phone: "2345 6789 ext 12".into(),
            fax: "2345 6789 / 2345 6788".into(),
            ..complete_input()
        };
        let issues: Vec<(String, ErrorCode)> = input
            .issues()
            .into_iter()
            .map(|i| (i.field.unwrap_or_default(), i.code))
            .collect();
        let at = |f: &str| format!("hcpInformation.{f}");
        assert_eq!(
            issues,
            [
                (at("nameEn"), ErrorCode::TextControlCharacter),
                (at("nameZh"), ErrorCode::TextUnprintable),
                (at("addressLine1"), ErrorCode::TextUnprintable),
                (at("contactPosition"), ErrorCode::TextInvisibleCharacter),
                (at("phone"), ErrorCode::PhoneExtension),
                (at("email"), ErrorCode::TextInvisibleCharacter),
                (at("fax"), ErrorCode::PhoneSecondNumber),
            ]
        );
    }

    #[test]
    fn a_clinic_line_may_be_any_kind_of_number() {
        for phone in ["8210 8126", "3051 9495", "7112 3456"] {
            let input = HcpInformationInput {
                phone: phone.into(),
                ..complete_input()
            };
            assert_eq!(input.issues(), [], "{phone}");
        }
    }

    #[test]
    fn the_title_prefers_the_english_name() {
        assert_eq!(complete_input().title(), "Dr Chan Tai Man Clinic");
        let zh_only = HcpInformationInput {
            name_en: " ".into(),
            ..complete_input()
        };
        assert_eq!(zh_only.title(), "陳大文醫務所");
    }
}
