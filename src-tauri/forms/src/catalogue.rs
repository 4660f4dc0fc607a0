//! English and Chinese names of the coded values the form prints. The UI keeps its own catalogues for screens;
//! a printed form needs only these few, and matching exhaustively on the core's enums makes a new code a
//! compile error here rather than a blank on paper.

use ehr_core::amendment::{AmendmentEffect, AmendmentKind, AmendmentStatus, FieldChangeKind};
use ehr_core::application::{
    ApplicationStatus, DocumentKind, HcpType, RecordSystem, SubmissionChannel,
};
use ehr_core::staff::{AccountType, RegisterPart, RequestAction, RequestStatus};
use ehr_core::validation::District;

use crate::layout::Label;

/// A coded value for print: "English  中文" when the code is known, the value as typed otherwise (a draft may
/// hold anything), nothing when empty.
pub(crate) fn coded(raw: &str, name: impl Fn(&str) -> Option<Label>) -> String {
    let code = raw.trim();
    match name(code) {
        Some(label) => label.joined(),
        None => raw.to_owned(),
    }
}

/// Like [`coded`], as separate English and Chinese lines for narrow table cells.
pub(crate) fn coded_lines(raw: &str, name: impl Fn(&str) -> Option<Label>) -> Vec<String> {
    match name(raw.trim()) {
        Some(label) => vec![label.en.to_owned(), label.zh.to_owned()],
        None => vec![raw.to_owned()],
    }
}

pub(crate) fn district(code: &str) -> Option<Label> {
    use District::*;
    let (en, zh) = match District::from_code(code)? {
        CentralAndWestern => ("Central and Western", "中西區"),
        WanChai => ("Wan Chai", "灣仔區"),
        Eastern => ("Eastern", "東區"),
        Southern => ("Southern", "南區"),
        YauTsimMong => ("Yau Tsim Mong", "油尖旺區"),
        ShamShuiPo => ("Sham Shui Po", "深水埗區"),
        KowloonCity => ("Kowloon City", "九龍城區"),
        WongTaiSin => ("Wong Tai Sin", "黃大仙區"),
        KwunTong => ("Kwun Tong", "觀塘區"),
        KwaiTsing => ("Kwai Tsing", "葵青區"),
        TsuenWan => ("Tsuen Wan", "荃灣區"),
        TuenMun => ("Tuen Mun", "屯門區"),
        YuenLong => ("Yuen Long", "元朗區"),
        North => ("North", "北區"),
        TaiPo => ("Tai Po", "大埔區"),
        ShaTin => ("Sha Tin", "沙田區"),
        SaiKung => ("Sai Kung", "西貢區"),
        Islands => ("Islands", "離島區"),
    };
    Some(Label::new(en, zh))
}

pub(crate) fn hcp_type(code: &str) -> Option<Label> {
    let (en, zh) = match HcpType::from_code(code)? {
        HcpType::SoloPractice => ("Solo practice clinic", "個人執業診所"),
        HcpType::GroupPractice => ("Group practice", "集團式執業"),
        HcpType::Hospital => ("Hospital", "醫院"),
        HcpType::NursingHome => ("Nursing home", "護養院"),
        HcpType::MedicalCentre => ("Medical centre", "醫療中心"),
        HcpType::Other => ("Other", "其他"),
    };
    Some(Label::new(en, zh))
}

pub(crate) fn record_system(code: &str) -> Option<Label> {
    let (en, zh) = match RecordSystem::from_code(code)? {
        RecordSystem::None => ("No electronic record system", "沒有電子紀錄系統"),
        RecordSystem::CmsOnRamp => ("CMS On-ramp", "臨床醫療管理系統（基礎版）"),
        RecordSystem::CmsAdaptationModules => {
            ("CMS Adaptation Modules", "臨床醫療管理系統適配模組")
        }
        RecordSystem::OtherVendor => ("Another vendor's system", "其他供應商的系統"),
    };
    Some(Label::new(en, zh))
}

pub(crate) fn document_kind(kind: DocumentKind) -> Label {
    match kind {
        DocumentKind::BusinessRegistrationCertificate => Label::new(
            "Copy of the Business Registration certificate",
            "商業登記證副本",
        ),
        DocumentKind::InstitutionLicence => Label::new(
            "Licence or registration of the healthcare institution",
            "醫療機構的牌照或註冊證明",
        ),
        DocumentKind::AuthorisationLetter => Label::new(
            "Letter authorising the authorised person to sign for the HCP",
            "授權獲授權人士代表醫護提供者簽署的信件",
        ),
        DocumentKind::Other => Label::new("Other supporting documents", "其他證明文件"),
    }
}

pub(crate) fn status(status: ApplicationStatus) -> Label {
    use ApplicationStatus::*;
    match status {
        Draft => Label::new("Draft", "草稿"),
        Submitted => Label::new("Submitted", "已遞交"),
        Accepted => Label::new("Accepted", "已接納"),
        TechnicalSetup => Label::new("Technical set-up", "技術設置中"),
        Registered => Label::new("Registered", "已登記"),
        Rejected => Label::new("Rejected", "不獲接納"),
        Withdrawn => Label::new("Withdrawn", "已撤回"),
        Unsuccessful => Label::new("Unsuccessful", "不成功"),
    }
}

pub(crate) fn channel(channel: SubmissionChannel) -> Label {
    match channel {
        SubmissionChannel::Fax => Label::new("By fax", "傳真"),
        SubmissionChannel::Mail => Label::new("By mail", "郵寄"),
        SubmissionChannel::InPerson => Label::new("In person", "親身遞交"),
    }
}

pub(crate) fn yes_no(value: bool) -> Label {
    if value {
        Label::new("Yes", "是")
    } else {
        Label::new("No", "否")
    }
}

pub(crate) fn register_part(part: RegisterPart) -> Label {
    use RegisterPart::*;
    match part {
        NursePartI => Label::new("Register Part I", "註冊名冊第 I 部分"),
        NursePartII => Label::new("Register Part II", "註冊名冊第 II 部分"),
        NursePartIII => Label::new("Register Part III", "註冊名冊第 III 部分"),
        NursePartIV => Label::new("Register Part IV", "註冊名冊第 IV 部分"),
        NurseRoll => Label::new("Roll", "登記冊"),
        CmRegistered => Label::new("Registered", "註冊"),
        CmListed => Label::new("Listed", "表列"),
    }
}

/// The sections of the account request, in the plural.
pub(crate) fn account_type(account: AccountType) -> Label {
    match account {
        AccountType::UserAdministrator => Label::new("User administrators", "用戶管理員"),
        AccountType::HealthcareProfessional => {
            Label::new("Healthcare professionals", "醫護專業人員")
        }
        AccountType::PatientRegistrationStaff => {
            Label::new("Patient registration staff", "病人登記職員")
        }
    }
}

pub(crate) fn request_action(action: RequestAction) -> Label {
    match action {
        RequestAction::Create => Label::new("Create", "開設帳戶"),
        RequestAction::Disable => Label::new("Disable", "停用帳戶"),
        RequestAction::Change => Label::new("Change", "更改帳戶"),
    }
}

pub(crate) fn request_status(status: RequestStatus) -> Label {
    use RequestStatus::*;
    match status {
        Draft => Label::new("Draft", "草稿"),
        Submitted => Label::new("Submitted", "已遞交"),
        AccountsCreated => Label::new("Accounts created", "帳戶已開設"),
        Rejected => Label::new("Rejected", "不獲接納"),
        Withdrawn => Label::new("Withdrawn", "已撤回"),
    }
}

/// The title of each amendment form, as the Registration Office names it.
pub(crate) fn amendment_kind(kind: AmendmentKind) -> Label {
    match kind {
        AmendmentKind::HcpHsl => {
            Label::new("HCP/HSL Amendment Form", "醫護提供者／服務地點資料修改表格")
        }
        AmendmentKind::AdditionalHsl => Label::new("Additional HSL Form", "額外服務地點表格"),
        AmendmentKind::Withdrawal => Label::new("Withdrawal Request Form", "退出申請表"),
    }
}

pub(crate) fn amendment_status(status: AmendmentStatus) -> Label {
    use AmendmentStatus::*;
    match status {
        Draft => Label::new("Draft", "草稿"),
        Submitted => Label::new("Submitted", "已遞交"),
        Accepted => Label::new("Accepted", "已接納"),
        Rejected => Label::new("Rejected", "不獲接納"),
        Withdrawn => Label::new("Withdrawn", "已撤回"),
    }
}

/// What an amendment does, one line of the form's summary each.
pub(crate) fn amendment_effect(effect: AmendmentEffect) -> Label {
    use AmendmentEffect::*;
    match effect {
        HcpDetailsChanged => Label::new("Amend the HCP's details", "修改醫護提供者資料"),
        HslDetailsChanged => Label::new("Amend the details of an HSL", "修改醫療服務地點資料"),
        HslAdded => Label::new("Add an HSL", "新增醫療服務地點"),
        HslRemoved => Label::new("Remove an HSL", "刪除醫療服務地點"),
        HslContactChanged => Label::new("Replace an HSL's contact", "更換醫療服務地點聯絡資料"),
        UserAdministratorAdded => Label::new("Add a user administrator", "新增用戶管理員"),
        UserAdministratorReplaced => Label::new("Replace a user administrator", "更換用戶管理員"),
        UserAdministratorRemoved => Label::new("Remove a user administrator", "刪除用戶管理員"),
        UserAdministratorChanged => Label::new(
            "Amend a user administrator's particulars",
            "修改用戶管理員資料",
        ),
        AuthorisedPersonReplaced => Label::new("Replace the authorised person", "更換獲授權人士"),
        AuthorisedPersonChanged => Label::new(
            "Amend the authorised person's particulars",
            "修改獲授權人士資料",
        ),
    }
}

pub(crate) fn change_kind(kind: FieldChangeKind) -> Label {
    match kind {
        FieldChangeKind::Added => Label::new("Added", "新增"),
        FieldChangeKind::Removed => Label::new("Removed", "刪除"),
        FieldChangeKind::Changed => Label::new("Changed", "修改"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_both_names() {
        for d in District::ALL {
            let label = district(d.code()).unwrap();
            assert!(!label.en.is_empty() && label.zh.ends_with('區'), "{d}");
        }
        for t in HcpType::ALL {
            assert!(hcp_type(t.code()).is_some(), "{t}");
        }
        for r in RecordSystem::ALL {
            assert!(record_system(r.code()).is_some(), "{r}");
        }
        let staff_labels = RegisterPart::ALL
            .iter()
            .map(|&p| register_part(p))
            .chain(AccountType::ALL.iter().map(|&a| account_type(a)))
            .chain(RequestAction::ALL.iter().map(|&a| request_action(a)))
            .chain(RequestStatus::ALL.iter().map(|&s| request_status(s)))
            .chain(AmendmentKind::ALL.iter().map(|&k| amendment_kind(k)))
            .chain(AmendmentStatus::ALL.iter().map(|&s| amendment_status(s)))
            .chain(AmendmentEffect::ALL.iter().map(|&e| amendment_effect(e)))
            .chain(FieldChangeKind::ALL.iter().map(|&k| change_kind(k)));
        for label in staff_labels {
            assert!(!label.en.is_empty() && !label.zh.is_empty(), "{label:?}");
            assert!(!label.zh.is_ascii(), "{label:?} has no Chinese");
        }
    }

    #[test]
    fn unknown_codes_print_as_typed_and_empty_ones_not_at_all() {
        assert_eq!(coded("sha_tin", district), "Sha Tin  沙田區");
        assert_eq!(coded(" sha_tin ", district), "Sha Tin  沙田區");
        assert_eq!(coded("Atlantis", district), "Atlantis");
        assert_eq!(coded("", district), "");
        assert_eq!(coded_lines("sha_tin", district), ["Sha Tin", "沙田區"]);
        assert_eq!(coded_lines("Atlantis", district), ["Atlantis"]);
    }
}
