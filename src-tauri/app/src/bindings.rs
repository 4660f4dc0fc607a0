//! The typed command list, from which the UI's TypeScript bindings are generated
//! (`ui/src/bindings/ipc.ts`, committed; `tests/bindings.rs` fails when it is stale).

use specta_typescript::Typescript;
use tauri_specta::{Builder, collect_commands};

use crate::commands;

/// Where the generated bindings live, relative to the repository root.
pub const TYPESCRIPT_PATH: &str = "ui/src/bindings/ipc.ts";

pub fn builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        // One type per Rust type rather than separate serialise/deserialise variants: our IPC types round-trip.
        .disable_serde_phases()
        // Timestamps are i64 milliseconds, far below 2^53: a JavaScript number holds them exactly.
        .dangerously_cast_bigints_to_number()
        .commands(collect_commands![
            commands::applications::list_applications,
            commands::applications::create_application,
            commands::applications::get_application,
            commands::applications::save_application,
            commands::applications::delete_application,
            commands::applications::validate_application,
            commands::applications::submit_application,
            commands::applications::change_application_status,
            commands::applications::application_history,
            commands::documents::attach_document,
            commands::documents::remove_document,
            commands::documents::document_preview,
            commands::documents::open_document,
            commands::files::open_application_pdf,
            commands::files::save_application_pdf_as,
            commands::files::export_application,
            commands::files::reveal_file,
            commands::card::watch_card_reader,
            commands::card::select_card_reader,
            commands::card::read_card_into_form,
            commands::patients::check_patient,
            commands::patients::register_patient,
            commands::patients::update_patient,
            commands::patients::search_patients,
            commands::patients::open_patient,
            commands::patients::open_patient_pdf,
            commands::reference::reference_data,
            commands::dates::read_date,
            commands::dates::hong_kong_today,
            commands::preferences::get_preferences,
            commands::preferences::set_language,
            commands::session::session_state,
            commands::session::set_up_office,
            commands::session::rate_password,
            commands::session::sign_in,
            commands::session::lock,
            commands::session::unlock,
            commands::session::sign_out,
            commands::session::change_password,
            commands::session::recover_with_key,
            commands::session::save_recovery_sheet,
            commands::users::list_users,
            commands::users::add_user,
            commands::users::reset_user_password,
            commands::users::set_user_roles,
            commands::users::set_user_disabled,
            commands::users::get_security_settings,
            commands::users::set_security_settings,
            commands::changes::watch_store_changes,
            commands::database::startup_state,
            commands::database::retry_database,
            commands::database::database_settings,
            commands::database::test_database,
            commands::database::use_database,
            commands::database::test_office_database,
            commands::database::connect_office_database,
            commands::database::choose_ca_file,
            commands::backup::backup_settings,
            commands::backup::set_backup_settings,
            commands::backup::choose_backup_folder,
            commands::staff::list_staff,
            commands::staff::staff_hsl_names,
            commands::staff::open_staff,
            commands::staff::check_staff,
            commands::staff::add_staff,
            commands::staff::update_staff,
            commands::staff::record_staff_leaving,
            commands::staff::expiring_registrations,
            commands::staff::choose_staff_file,
            commands::staff::preview_staff_import,
            commands::staff::import_staff,
            commands::staff::cancel_staff_import,
            commands::staff::save_staff_template,
            commands::requests::list_requests,
            commands::requests::open_request,
            commands::requests::create_request,
            commands::requests::request_disable_expired,
            commands::requests::change_request_items,
            commands::requests::set_request_status,
            commands::requests::open_request_pdf,
            commands::amendments::list_amendments,
            commands::amendments::open_amendment,
            commands::amendments::check_amendable,
            commands::amendments::prepare_amendment,
            commands::amendments::change_amendment,
            commands::amendments::set_amendment_status,
            commands::amendments::open_amendment_pdf,
            commands::amendments::export_amendment,
        ])
}

/// Writes the TypeScript bindings to `path`.
pub fn export_typescript(path: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    builder().export(Typescript::default(), path)?;
    Ok(())
}
