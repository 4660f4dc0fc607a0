//! Issues: the one shape in which every rule reports a problem — a stable code, the field it concerns and the
//! parameters a translation needs. The wording lives with the UI (English and Traditional Chinese).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Every problem the product can report, as a stable dotted code.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
pub enum ErrorCode {
    #[serde(rename = "validation.required")]
    Required,
    #[serde(rename = "validation.too_long")]
    TooLong,
    #[serde(rename = "validation.hkid.format")]
    HkidFormat,
    #[serde(rename = "validation.hkid.check_digit")]
    HkidCheckDigit,
    #[serde(rename = "validation.brn.format")]
    BrnFormat,
    #[serde(rename = "validation.phone.format")]
    PhoneFormat,
    #[serde(rename = "validation.phone.not_hong_kong")]
    PhoneNotHongKong,
    #[serde(rename = "validation.phone.type_not_allowed")]
    PhoneTypeNotAllowed,
    #[serde(rename = "validation.email.format")]
    EmailFormat,
    #[serde(rename = "validation.district.unknown")]
    DistrictUnknown,
    #[serde(rename = "validation.hcp_type.unknown")]
    HcpTypeUnknown,
    #[serde(rename = "validation.profession.unknown")]
    ProfessionUnknown,
    #[serde(rename = "validation.profession.registration_format")]
    ProfessionRegistrationFormat,
    #[serde(rename = "validation.name.english_script")]
    NameEnglishScript,
    #[serde(rename = "validation.name.chinese_script")]
    NameChineseScript,
    #[serde(rename = "application.not_found")]
    ApplicationNotFound,
    #[serde(rename = "application.read_only")]
    ApplicationReadOnly,
    #[serde(rename = "storage.failed")]
    StorageFailed,
    #[serde(rename = "internal")]
    Internal,
}

impl ErrorCode {
    /// Every code, for completeness checks of the translation catalogues.
    pub const ALL: [ErrorCode; 19] = [
        ErrorCode::Required,
        ErrorCode::TooLong,
        ErrorCode::HkidFormat,
        ErrorCode::HkidCheckDigit,
        ErrorCode::BrnFormat,
        ErrorCode::PhoneFormat,
        ErrorCode::PhoneNotHongKong,
        ErrorCode::PhoneTypeNotAllowed,
        ErrorCode::EmailFormat,
        ErrorCode::DistrictUnknown,
        ErrorCode::HcpTypeUnknown,
        ErrorCode::ProfessionUnknown,
        ErrorCode::ProfessionRegistrationFormat,
        ErrorCode::NameEnglishScript,
        ErrorCode::NameChineseScript,
        ErrorCode::ApplicationNotFound,
        ErrorCode::ApplicationReadOnly,
        ErrorCode::StorageFailed,
        ErrorCode::Internal,
    ];

    /// The dotted code, as it crosses IPC and keys the translation catalogues.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Required => "validation.required",
            ErrorCode::TooLong => "validation.too_long",
            ErrorCode::HkidFormat => "validation.hkid.format",
            ErrorCode::HkidCheckDigit => "validation.hkid.check_digit",
            ErrorCode::BrnFormat => "validation.brn.format",
            ErrorCode::PhoneFormat => "validation.phone.format",
            ErrorCode::PhoneNotHongKong => "validation.phone.not_hong_kong",
            ErrorCode::PhoneTypeNotAllowed => "validation.phone.type_not_allowed",
            ErrorCode::EmailFormat => "validation.email.format",
            ErrorCode::DistrictUnknown => "validation.district.unknown",
            ErrorCode::HcpTypeUnknown => "validation.hcp_type.unknown",
            ErrorCode::ProfessionUnknown => "validation.profession.unknown",
            ErrorCode::ProfessionRegistrationFormat => "validation.profession.registration_format",
            ErrorCode::NameEnglishScript => "validation.name.english_script",
            ErrorCode::NameChineseScript => "validation.name.chinese_script",
            ErrorCode::ApplicationNotFound => "application.not_found",
            ErrorCode::ApplicationReadOnly => "application.read_only",
            ErrorCode::StorageFailed => "storage.failed",
            ErrorCode::Internal => "internal",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether an issue blocks submission (error) or asks the user to confirm (warning, a "soft" check).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem: which rule, on which field (a camelCase path such as `hcpInformation.brNumber`), with what
/// parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    pub code: ErrorCode,
    pub field: Option<String>,
    pub params: BTreeMap<String, String>,
    pub severity: Severity,
}

impl Issue {
    pub fn new(code: ErrorCode) -> Self {
        Issue {
            code,
            field: None,
            params: BTreeMap::new(),
            severity: Severity::Error,
        }
    }

    pub fn at(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.params.insert(name.to_owned(), value.to_string());
        self
    }

    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_dotted_names() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            let back: ErrorCode = serde_json::from_str(&json).unwrap();
            assert_eq!(back, code);
        }
    }

    #[test]
    fn issue_serialises_with_field_and_params() {
        let issue = Issue::new(ErrorCode::HkidCheckDigit)
            .at("userAdmins[0].hkid")
            .with("expected", '3');
        let json = serde_json::to_value(&issue).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "validation.hkid.check_digit",
                "field": "userAdmins[0].hkid",
                "params": { "expected": "3" },
                "severity": "error"
            })
        );
    }
}
