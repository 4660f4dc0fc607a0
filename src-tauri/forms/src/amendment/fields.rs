//! The bilingual name of every field an HCP/HSL amendment can change, from its path in the form
//! (`userInformation.administrators[0].nameEn` → "User administrator 1 — Name (English)"), and how its value
//! prints. The field names are the application form's, so the amendment reads like the form it amends.

use crate::catalogue::{self, coded};
use crate::layout::Label;

/// How a field's value prints: as typed, or, for a code or a check box, by its bilingual name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueKind {
    Text,
    District,
    HcpType,
    RecordSystem,
    YesNo,
}

impl ValueKind {
    /// `raw` as the form prints it; a code the catalogue does not know prints as typed.
    pub fn print(self, raw: &str) -> String {
        match self {
            ValueKind::Text => raw.to_owned(),
            ValueKind::District => coded(raw, catalogue::district),
            ValueKind::HcpType => coded(raw, catalogue::hcp_type),
            ValueKind::RecordSystem => coded(raw, catalogue::record_system),
            ValueKind::YesNo => match raw {
                "true" => catalogue::yes_no(true).joined(),
                "false" => catalogue::yes_no(false).joined(),
                other => other.to_owned(),
            },
        }
    }
}

type FieldDef = (&'static str, Label, ValueKind);

const HCP_FIELDS: &[FieldDef] = &[
    (
        "nameEn",
        Label::new("Name of HCP (English)", "醫護提供者名稱（英文）"),
        ValueKind::Text,
    ),
    (
        "nameZh",
        Label::new("Name of HCP (Chinese)", "醫護提供者名稱（中文）"),
        ValueKind::Text,
    ),
    (
        "brNumber",
        Label::new("Business Registration number", "商業登記號碼"),
        ValueKind::Text,
    ),
    (
        "hcpType",
        Label::new("Type of HCP", "醫護提供者類別"),
        ValueKind::HcpType,
    ),
    ADDRESS_LINE1,
    ADDRESS_LINE2,
    DISTRICT,
    (
        "contactNameEn",
        Label::new("Contact person's name (English)", "聯絡人姓名（英文）"),
        ValueKind::Text,
    ),
    (
        "contactNameZh",
        Label::new("Contact person's name (Chinese)", "聯絡人姓名（中文）"),
        ValueKind::Text,
    ),
    (
        "contactPosition",
        Label::new("Contact person's position", "聯絡人職位"),
        ValueKind::Text,
    ),
    TELEPHONE,
    EMAIL,
    ("fax", Label::new("Fax", "傳真"), ValueKind::Text),
];

const PERSON_FIELDS: &[FieldDef] = &[
    NAME_EN,
    NAME_ZH,
    (
        "hkid",
        Label::new("HKID number", "香港身份證號碼"),
        ValueKind::Text,
    ),
    ("position", Label::new("Position", "職位"), ValueKind::Text),
    TELEPHONE,
    EMAIL,
];

pub(crate) const HSL_FIELDS: &[FieldDef] = &[
    NAME_EN,
    NAME_ZH,
    ADDRESS_LINE1,
    ADDRESS_LINE2,
    DISTRICT,
    TELEPHONE,
    (
        "openingHours",
        Label::new("Opening hours", "服務時間"),
        ValueKind::Text,
    ),
    (
        "hcpType",
        Label::new("Type of HCP", "醫護提供者類別"),
        ValueKind::HcpType,
    ),
    (
        "patientRegistration",
        Label::new("Patient registration", "病人登記"),
        ValueKind::YesNo,
    ),
    (
        "recordSystem",
        Label::new("Record system", "紀錄系統"),
        ValueKind::RecordSystem,
    ),
    (
        "recordSystemVendor",
        Label::new("Record system vendor", "紀錄系統供應商"),
        ValueKind::Text,
    ),
    (
        "included",
        Label::new("Included in the registration", "納入登記"),
        ValueKind::YesNo,
    ),
];

const DECLARATION_FIELDS: &[FieldDef] = &[
    (
        "ordinance",
        Label::new("Read the Ordinance (Cap. 625)", "已閱讀條例（第 625 章）"),
        ValueKind::YesNo,
    ),
    (
        "codeOfPractice",
        Label::new("Read the Code of Practice", "已閱讀實務守則"),
        ValueKind::YesNo,
    ),
    (
        "conditions",
        Label::new("Accept the Conditions of Registration", "接受登記條件"),
        ValueKind::YesNo,
    ),
];

const NAME_EN: FieldDef = (
    "nameEn",
    Label::new("Name (English)", "姓名（英文）"),
    ValueKind::Text,
);
const NAME_ZH: FieldDef = (
    "nameZh",
    Label::new("Name (Chinese)", "姓名（中文）"),
    ValueKind::Text,
);
const ADDRESS_LINE1: FieldDef = (
    "addressLine1",
    Label::new(
        "Address line 1 (room, floor, building)",
        "地址第 1 行（室、樓、大廈）",
    ),
    ValueKind::Text,
);
const ADDRESS_LINE2: FieldDef = (
    "addressLine2",
    Label::new("Address line 2 (street, area)", "地址第 2 行（街道、地區）"),
    ValueKind::Text,
);
const DISTRICT: FieldDef = (
    "district",
    Label::new("District", "地區"),
    ValueKind::District,
);
const TELEPHONE: FieldDef = ("phone", Label::new("Telephone", "電話"), ValueKind::Text);
const EMAIL: FieldDef = ("email", Label::new("Email", "電郵"), ValueKind::Text);

/// A field path's bilingual name ("User administrator 1 — Name (English)", "用戶管理員 1 — 姓名（英文）") and
/// how its value prints; `None` for a path the form does not have.
pub(crate) fn describe(path: &str) -> Option<(String, String, ValueKind)> {
    let segments: Vec<&str> = path.split('.').collect();
    let (owner, fields, key): ((String, String), &[FieldDef], &str) = match segments.as_slice() {
        ["hcpInformation", key] => (
            ("HCP information".into(), "醫護提供者資料".into()),
            HCP_FIELDS,
            key,
        ),
        ["userInformation", "authorisedPerson", key] => (
            ("Authorised person".into(), "獲授權人士".into()),
            PERSON_FIELDS,
            key,
        ),
        ["userInformation", list, key] => {
            let n = indexed(list, "administrators")?;
            (
                (format!("User administrator {n}"), format!("用戶管理員 {n}")),
                PERSON_FIELDS,
                key,
            )
        }
        [list, key] if list.starts_with("hsls[") => {
            let n = indexed(list, "hsls")?;
            (
                (format!("HSL {n}"), format!("醫療服務地點 {n}")),
                HSL_FIELDS,
                key,
            )
        }
        ["declarations", key] => (
            ("Declarations".into(), "聲明".into()),
            DECLARATION_FIELDS,
            key,
        ),
        _ => return None,
    };
    let &(_, label, kind) = fields.iter().find(|(k, _, _)| *k == key)?;
    Some((
        format!("{} — {}", owner.0, label.en),
        format!("{} — {}", owner.1, label.zh),
        kind,
    ))
}

/// `administrators[2]` → 3: the number a person reads, one-based.
fn indexed(segment: &str, list: &str) -> Option<usize> {
    let index = segment
        .strip_prefix(list)?
        .strip_prefix('[')?
        .strip_suffix(']')?;
    index.parse::<usize>().ok().map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ehr_core::amendment::changes;
    use ehr_core::application::sample::application_form;
    use ehr_core::application::{ApplicationForm, HslInput, PersonInput};

    /// Every string of `form` changed and every box flipped, with one more administrator and location.
    fn everything_changed(mut form: ApplicationForm) -> ApplicationForm {
        let person = |p: &mut PersonInput| {
            for s in [
                &mut p.name_en,
                &mut p.name_zh,
                &mut p.hkid,
                &mut p.position,
                &mut p.phone,
                &mut p.email,
            ] {
                s.push('x');
            }
        };
        let h = &mut form.hcp_information;
        for s in [
            &mut h.name_en,
            &mut h.name_zh,
            &mut h.br_number,
            &mut h.hcp_type,
            &mut h.address_line1,
            &mut h.address_line2,
            &mut h.district,
            &mut h.contact_name_en,
            &mut h.contact_name_zh,
            &mut h.contact_position,
            &mut h.phone,
            &mut h.email,
            &mut h.fax,
        ] {
            s.push('x');
        }
        form.user_information
            .administrators
            .iter_mut()
            .for_each(person);
        person(&mut form.user_information.authorised_person);
        form.user_information
            .administrators
            .push(PersonInput::default());
        for hsl in &mut form.hsls {
            for s in [
                &mut hsl.name_en,
                &mut hsl.name_zh,
                &mut hsl.address_line1,
                &mut hsl.address_line2,
                &mut hsl.district,
                &mut hsl.phone,
                &mut hsl.opening_hours,
                &mut hsl.hcp_type,
                &mut hsl.record_system,
                &mut hsl.record_system_vendor,
            ] {
                s.push('x');
            }
            hsl.patient_registration = !hsl.patient_registration;
            hsl.included = !hsl.included;
        }
        form.hsls.push(HslInput::default());
        let d = &mut form.declarations;
        d.ordinance = !d.ordinance;
        d.code_of_practice = !d.code_of_practice;
        d.conditions = !d.conditions;
        form
    }

    #[test]
    fn every_field_an_amendment_can_change_has_a_bilingual_name() {
        let before = application_form();
        let found = changes(&before, &everything_changed(before.clone()));
        for change in &found {
            let (en, zh, _) =
                describe(&change.path).unwrap_or_else(|| panic!("{} has no name", change.path));
            assert!(en.contains(" — ") && !zh.is_ascii(), "{en} / {zh}");
        }
        // And every name is used: each field of each table is among the changes.
        let tables: [(&str, &[FieldDef]); 5] = [
            ("hcpInformation.", HCP_FIELDS),
            ("userInformation.administrators[0].", PERSON_FIELDS),
            ("userInformation.authorisedPerson.", PERSON_FIELDS),
            ("hsls[1].", HSL_FIELDS),
            ("declarations.", DECLARATION_FIELDS),
        ];
        for (prefix, fields) in tables {
            for (key, _, _) in fields {
                let path = format!("{prefix}{key}");
                assert!(found.iter().any(|c| c.path == path), "{path} never changes");
            }
        }
    }

    #[test]
    fn paths_name_the_person_or_location_by_number() {
        let (en, zh, kind) = describe("userInformation.administrators[0].nameEn").unwrap();
        assert_eq!(en, "User administrator 1 — Name (English)");
        assert_eq!(zh, "用戶管理員 1 — 姓名（英文）");
        assert_eq!(kind, ValueKind::Text);
        let (en, _, kind) = describe("hsls[11].district").unwrap();
        assert_eq!(en, "HSL 12 — District");
        assert_eq!(kind.print("sha_tin"), "Sha Tin  沙田區");
        assert_eq!(
            describe("hsls[1].included").unwrap().2.print("false"),
            "No  否"
        );
        for unknown in [
            "hsls[x].phone",
            "hsls[0].colour",
            "userInformation.boss.nameEn",
            "x",
        ] {
            assert!(describe(unknown).is_none(), "{unknown}");
        }
    }
}
