//! What each IPC command needs, in one table: the role-matrix tests read it (and `tests/shell_config.rs`
//! fails when a registered command has no row). The core is the guard — each use case asks the principal for
//! its permission; this table says which permission that is, so a test can hold both to each other.

use ehr_core::auth::Permission;

/// What a command needs before it does anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Nothing of the office's: reference lists, a date read, the reader's state, the session's own state.
    Nothing,
    /// Someone signed in and unlocked, whatever their roles: their own account, files they saved.
    SignedIn,
    /// A permission from the core's table.
    Permission(Permission),
}

use Needs::{Nothing, Permission as P, SignedIn};

pub const COMMANDS: &[(&str, Needs)] = &[
    ("list_applications", P(Permission::ApplicationRead)),
    ("create_application", P(Permission::ApplicationEdit)),
    ("get_application", P(Permission::ApplicationRead)),
    ("save_application", P(Permission::ApplicationEdit)),
    ("delete_application", P(Permission::ApplicationEdit)),
    // Checks a form as typed; reads and stores nothing.
    ("validate_application", Nothing),
    ("submit_application", P(Permission::ApplicationEdit)),
    (
        "change_application_status",
        P(Permission::ApplicationReview),
    ),
    ("application_history", P(Permission::ApplicationRead)),
    ("attach_document", P(Permission::ApplicationEdit)),
    ("remove_document", P(Permission::ApplicationEdit)),
    ("document_preview", P(Permission::ApplicationRead)),
    ("open_document", P(Permission::ApplicationRead)),
    ("open_application_pdf", P(Permission::ApplicationRead)),
    ("save_application_pdf_as", P(Permission::ApplicationRead)),
    ("export_application", P(Permission::ApplicationEdit)),
    ("reveal_file", SignedIn),
    ("watch_card_reader", Nothing),
    ("select_card_reader", Nothing),
    ("read_card_into_form", P(Permission::CardRead)),
    ("check_patient", P(Permission::PatientRegister)),
    ("register_patient", P(Permission::PatientRegister)),
    ("update_patient", P(Permission::PatientRegister)),
    ("search_patients", P(Permission::PatientRead)),
    ("open_patient", P(Permission::PatientRead)),
    ("open_patient_pdf", P(Permission::PatientPrint)),
    ("reference_data", Nothing),
    ("read_date", Nothing),
    ("hong_kong_today", Nothing),
    ("get_preferences", Nothing),
    ("set_language", Nothing),
    ("session_state", Nothing),
    ("set_up_office", Nothing),
    ("rate_password", Nothing),
    ("sign_in", Nothing),
    // A no-op unless someone is signed in.
    ("lock", Nothing),
    ("unlock", Nothing),
    ("sign_out", Nothing),
    ("change_password", SignedIn),
    ("recover_with_key", Nothing),
    ("save_recovery_sheet", P(Permission::UsersManage)),
    ("list_users", P(Permission::UsersManage)),
    ("add_user", P(Permission::UsersManage)),
    ("reset_user_password", P(Permission::UsersManage)),
    ("set_user_roles", P(Permission::UsersManage)),
    ("set_user_disabled", P(Permission::UsersManage)),
    ("get_security_settings", SignedIn),
    ("set_security_settings", P(Permission::SettingsManage)),
    // Kinds and ids of changed records, nothing of them: re-reading them goes through the guarded commands.
    ("watch_store_changes", Nothing),
    // Whether the database opened: the first screen needs it before anyone can sign in.
    ("startup_state", Nothing),
    // Only acts while the office database cannot be reached.
    ("retry_database", Nothing),
    ("database_settings", P(Permission::DatabaseMaintain)),
    ("test_database", P(Permission::DatabaseMaintain)),
    ("use_database", P(Permission::DatabaseMaintain)),
    // Joining an office's database: refused by the command (`storage.office_set_up`) once the database in
    // use has an office; open only before one is set up here, or while the office database is unreachable.
    ("test_office_database", Nothing),
    ("connect_office_database", Nothing),
    // Opens a file dialog and answers the chosen path, nothing else.
    ("choose_ca_file", Nothing),
    ("backup_settings", P(Permission::DatabaseMaintain)),
    ("set_backup_settings", P(Permission::DatabaseMaintain)),
    // Opens a folder dialog and answers the chosen path, nothing else (as choose_ca_file).
    ("choose_backup_folder", Nothing),
    ("list_staff", P(Permission::StaffRead)),
    ("staff_hsl_names", P(Permission::StaffRead)),
    ("open_staff", P(Permission::StaffRead)),
    ("check_staff", P(Permission::StaffRead)),
    ("add_staff", P(Permission::StaffManage)),
    ("update_staff", P(Permission::StaffManage)),
    ("record_staff_leaving", P(Permission::StaffManage)),
    ("expiring_registrations", P(Permission::StaffRead)),
    // Opens a file dialog and answers the chosen path, nothing else.
    ("choose_staff_file", Nothing),
    ("preview_staff_import", P(Permission::StaffManage)),
    ("import_staff", P(Permission::StaffManage)),
    ("cancel_staff_import", P(Permission::StaffManage)),
    // The empty template: nothing of the office's, but written to the signed-in user's folder.
    ("save_staff_template", SignedIn),
    ("list_requests", P(Permission::StaffRead)),
    ("open_request", P(Permission::StaffRead)),
    ("create_request", P(Permission::StaffManage)),
    ("request_disable_expired", P(Permission::StaffManage)),
    ("change_request_items", P(Permission::StaffManage)),
    ("set_request_status", P(Permission::StaffManage)),
    ("open_request_pdf", P(Permission::StaffManage)),
    ("list_amendments", P(Permission::ApplicationRead)),
    ("open_amendment", P(Permission::ApplicationRead)),
    ("check_amendable", P(Permission::AmendmentEdit)),
    ("prepare_amendment", P(Permission::AmendmentEdit)),
    ("change_amendment", P(Permission::AmendmentEdit)),
    ("set_amendment_status", P(Permission::AmendmentEdit)),
    ("open_amendment_pdf", P(Permission::AmendmentEdit)),
    ("export_amendment", P(Permission::AmendmentEdit)),
];
