//! Issues: the one shape in which every rule reports a problem — a stable code, the field it concerns and the
//! parameters a translation needs. The wording lives with the UI (English and Traditional Chinese).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::coded::coded_enum;

coded_enum! {
    /// Every problem the product can report, as a stable dotted code; the UI's catalogues word each one.
    pub enum ErrorCode {
        Required = "validation.required",
        TooLong = "validation.too_long",
        HkidFormat = "validation.hkid.format",
        HkidCheckDigit = "validation.hkid.check_digit",
        BrnFormat = "validation.brn.format",
        PhoneFormat = "validation.phone.format",
        PhoneNotHongKong = "validation.phone.not_hong_kong",
        EmailFormat = "validation.email.format",
        DistrictUnknown = "validation.district.unknown",
        HcpTypeUnknown = "validation.hcp_type.unknown",
        ProfessionUnknown = "validation.profession.unknown",
        ProfessionRegistrationFormat = "validation.profession.registration_format",
        NameEnglishScript = "validation.name.english_script",
        NameChineseScript = "validation.name.chinese_script",
        RecordSystemUnknown = "validation.record_system.unknown",
        DateFormat = "validation.date.format",
        SexUnknown = "validation.sex.unknown",
        CountryFormat = "validation.country.format",
        DocumentTypeUnknown = "validation.document_type.unknown",
        DocumentNumberFormat = "validation.document_number.format",
        DateInFuture = "validation.date.in_future",
        LanguageUnknown = "validation.language.unknown",
        NotificationChannelUnknown = "validation.notification_channel.unknown",
        ChannelNeedsContact = "patient.channel_needs_contact",
        MobileNeeded = "patient.mobile_needed",
        DuplicateDocument = "patient.duplicate_document",
        DuplicateNameAndBirth = "patient.duplicate_name_and_birth",
        PatientNotFound = "patient.not_found",
        JoiningConsentMissing = "consent.joining_missing",
        ConsentMethodUnknown = "consent.method_unknown",
        SdmRelationshipNotAllowed = "consent.sdm_relationship_not_allowed",
        SdmPriorityUnconfirmed = "consent.sdm_priority_unconfirmed",
        SdmIsThePatient = "consent.sdm_is_the_patient",
        DocumentKindUnknown = "validation.document_kind.unknown",
        DocumentEmpty = "document.empty",
        DocumentTooLarge = "document.too_large",
        DocumentTypeNotAllowed = "document.type_not_allowed",
        DocumentMissing = "document.missing",
        DocumentNotFound = "document.not_found",
        FileUnreadable = "file.unreadable",
        FileWriteFailed = "file.write_failed",
        NoViewer = "file.no_viewer",
        NoUserAdministrator = "application.no_user_administrator",
        NoIncludedHsl = "application.no_included_hsl",
        DuplicateHslAddress = "application.duplicate_hsl_address",
        DuplicateHkid = "application.duplicate_hkid",
        DeclarationMissing = "application.declaration_missing",
        ApplicationNotFound = "application.not_found",
        ApplicationReadOnly = "application.read_only",
        ApplicationNotReady = "application.not_ready",
        ApplicationAlreadyExists = "application.already_exists",
        StatusTransitionNotAllowed = "application.status_transition_not_allowed",
        PackageCorrupt = "package.corrupt",
        PackageTampered = "package.tampered",
        PackageUnsupportedVersion = "package.unsupported_version",
        CardNoService = "card.no_service",
        CardNoReader = "card.no_reader",
        CardUnknownReader = "card.unknown_reader",
        CardNoCard = "card.no_card",
        CardNotRecognised = "card.not_recognised",
        CardRemoved = "card.removed",
        CardMalformed = "card.malformed",
        CardInvalidFields = "card.invalid_fields",
        CardTimeout = "card.timeout",
        CardExternalReaderFailed = "card.external_reader_failed",
        CardReaderFailed = "card.reader_failed",
        // Typed text: hidden characters, characters the printed form cannot show, phones holding more.
        TextControlCharacter = "validation.text.control_character",
        TextInvisibleCharacter = "validation.text.invisible_character",
        TextUnprintable = "validation.text.unprintable",
        PhoneLetters = "validation.phone.letters",
        PhoneExtension = "validation.phone.extension",
        PhoneSecondNumber = "validation.phone.second_number",
        // Why a JSON input (file, package member, IPC argument) was refused — never its values.
        IdFormat = "validation.id.format",
        InputTooLarge = "input.too_large",
        InputSyntax = "input.syntax",
        InputNotAnObject = "input.not_an_object",
        InputUnknownField = "input.unknown_field",
        InputUnexpectedKey = "input.unexpected_key",
        InputMissingField = "input.missing_field",
        InputDuplicateField = "input.duplicate_field",
        InputWrongType = "input.wrong_type",
        InputUnknownVariant = "input.unknown_variant",
        InputInvalidValue = "input.invalid_value",
        InputTextTooLong = "input.text_too_long",
        InputTooManyItems = "input.too_many_items",
        // Imports that verify before they trust: each refused package, and each unreadable row, its reason.
        PackageTooLarge = "package.too_large",
        PackageTooManyFiles = "package.too_many_files",
        PackagePathInvalid = "package.path_invalid",
        PackageFileNameInvalid = "package.file_name_invalid",
        PackageDocumentTypeMismatch = "package.document_type_mismatch",
        PackageDocumentDamaged = "package.document_damaged",
        PackageReferenceMismatch = "package.reference_mismatch",
        PackageReferenceTaken = "package.reference_taken",
        PackageDocumentIdTaken = "package.document_id_taken",
        ApplicationAlreadyImported = "application.already_imported",
        DocumentDamaged = "document.damaged",
        DocumentsTooLarge = "document.total_too_large",
        RowIdInvalid = "store.row_id_invalid",
        RowUndecodable = "store.row_undecodable",
        RowSealedUnreadable = "store.row_sealed_unreadable",
        RowReferenceMismatch = "store.row_reference_mismatch",
        RowReferenceDuplicate = "store.row_reference_duplicate",
        RowFileNameInvalid = "store.row_file_name_invalid",
        // Dates: a day or month that does not exist, a date of birth too long ago.
        DateNotADay = "validation.date.not_a_day",
        DateNotAMonth = "validation.date.not_a_month",
        DateTooLongAgo = "validation.date.too_long_ago",
        // Files: why one could not be written whole, or must not be written at all.
        FileFolderMissing = "file.folder_missing",
        FileDiskFull = "file.disk_full",
        FileNotPermitted = "file.not_permitted",
        FileSameAsInput = "file.same_as_input",
        FileOutsideExports = "file.outside_exports",
        NoDatabase = "storage.no_database",
        // The audit trail's hash chain (issue 9, item 5): the first entry that does not verify, by id and place.
        AuditChainBroken = "audit.chain_broken",
        // Who is acting (issue 9): setup, sign-in, the lock, roles and accounts.
        AuthBadCredentials = "auth.bad_credentials",
        AuthLocked = "auth.locked",
        AuthDisabled = "auth.disabled",
        AuthForbidden = "auth.forbidden",
        AuthNotSignedIn = "auth.not_signed_in",
        AuthSessionLocked = "auth.session_locked",
        AuthMustChangePassword = "auth.must_change_password",
        AuthPasswordWeak = "auth.password_weak",
        AuthPasswordSame = "auth.password_same",
        AuthUserNameTaken = "auth.user_name_taken",
        AuthUserNameInvalid = "auth.user_name_invalid",
        AuthUserNotFound = "auth.user_not_found",
        AuthRoleNotOffered = "auth.role_not_offered",
        AuthNoRoles = "auth.no_roles",
        AuthLastAdministrator = "auth.last_administrator",
        AuthSetupDone = "auth.setup_done",
        AuthSetupNeeded = "auth.setup_needed",
        RecoveryKeyMalformed = "auth.recovery_key_malformed",
        RecoveryKeyWrong = "auth.recovery_key_wrong",
        SettingOutOfRange = "settings.out_of_range",
        CardReadExpired = "card.read_expired",
        // Several workstations (issue 10).
        ConflictStale = "conflict.stale",
        DatabaseUrlInvalid = "storage.url_invalid",
        DatabasePasswordInUrl = "storage.password_in_url",
        DatabaseUnreachable = "storage.unreachable",
        DatabaseRefused = "storage.refused",
        DatabaseTlsFailed = "storage.tls_failed",
        DatabaseMissing = "storage.database_missing",
        // Backups, restores, copies and migrations (issue 10, items 6 and 7).
        DatabaseNewerThanApp = "storage.newer_than_app",
        BackupTargetNotEmpty = "backup.target_not_empty",
        BackupUnreadable = "backup.unreadable",
        BackupSchemaMismatch = "backup.schema_mismatch",
        BackupIncomplete = "backup.incomplete",
        BackupFolderInvalid = "backup.folder_invalid",
        // The desktop app's "Office database" settings (issue 10, the app's part).
        DatabaseOfficeSetUp = "storage.office_set_up",
        DatabaseSettingsUnreadable = "storage.settings_unreadable",
        // staff, the import's checks and account requests
        StaffAccountTypeUnknown = "staff.account_type_unknown",
        StaffHslsRequired = "staff.hsls_required",
        StaffHslUnknown = "staff.hsl_unknown",
        StaffRegistrationRequired = "staff.registration_required",
        StaffRegistrationRepeated = "staff.registration_repeated",
        StaffRegisterPartUnknown = "staff.register_part_unknown",
        StaffRegisterPartNotOfGroup = "staff.register_part_not_of_group",
        StaffProfessionNoAccess = "staff.profession_no_access",
        StaffCertificateEndsDecember31 = "staff.certificate_ends_december_31",
        StaffRegistrationExpired = "staff.registration_expired",
        StaffAlreadyListed = "staff.already_listed",
        StaffNotFound = "staff.not_found",
        StaffHasLeft = "staff.has_left",
        ImportTooFewColumns = "import.too_few_columns",
        ImportDuplicateRow = "import.duplicate_row",
        ImportColumnMissing = "import.column_missing",
        ImportColumnRepeated = "import.column_repeated",
        ImportEmptyRows = "import.empty_rows",
        ImportFileChanged = "import.file_changed",
        ImportCancelled = "import.cancelled",
        ImportFileUnreadable = "import.file_unreadable",
        RequestEmpty = "request.empty",
        RequestStaffRepeated = "request.staff_repeated",
        RequestNotFound = "request.not_found",
        RequestReadOnly = "request.read_only",
        RequestStatusTransition = "request.status_transition",
        RequestNothingExpired = "request.nothing_expired",
        // staff import: reading the file (issue 11, item 4, ehr-sheets).
        ImportTooLarge = "import.too_large",
        ImportTooManyRows = "import.too_many_rows",
        ImportTooManyColumns = "import.too_many_columns",
        ImportCellTooLong = "import.cell_too_long",
        ImportEncodingUnknown = "import.encoding_unknown",
        ImportUtf16Unsupported = "import.utf16_unsupported",
        ImportKindUnsupported = "import.kind_unsupported",
        ImportXlsxUnreadable = "import.xlsx_unreadable",
        ImportXlsxTooLarge = "import.xlsx_too_large",
        ImportCsvMalformed = "import.csv_malformed",
        ImportEmpty = "import.empty",
        // amendments to a registered HCP (issue 11, item 5)
        AmendmentNotFound = "amendment.not_found",
        AmendmentReadOnly = "amendment.read_only",
        AmendmentStatusTransition = "amendment.status_transition",
        AmendmentKindMismatch = "amendment.kind_mismatch",
        AmendmentNotAmendable = "amendment.application_not_amendable",
        AmendmentNoChange = "amendment.no_change",
        AmendmentNoNewHsl = "amendment.no_new_hsl",
        AmendmentTooManyHsls = "amendment.too_many_hsls",
        AmendmentHslAlreadyRegistered = "amendment.hsl_already_registered",
        AmendmentEffectiveDatePast = "amendment.effective_date_past",
        // amendments: storage, CLI and sealed package (issue 11, items 5 and 6)
        AmendmentNotSubmitted = "amendment.not_submitted",
        AmendmentAlreadyOpen = "amendment.already_open",
        RenderFailed = "render.failed",
        StorageFailed = "storage.failed",
        Internal = "internal",
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
        for &code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.code()));
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
