// Declares the app's own commands so each gets a permission, and capabilities can grant exactly those.
fn main() {
    println!("cargo:rerun-if-changed=src-tauri/app/capabilities");
    let manifest = tauri_build::AppManifest::new().commands(&[
        "list_applications",
        "create_application",
        "get_application",
        "save_application",
        "delete_application",
        "validate_application",
        "submit_application",
        "change_application_status",
        "application_history",
        "attach_document",
        "remove_document",
        "document_preview",
        "open_document",
        "open_application_pdf",
        "save_application_pdf_as",
        "export_application",
        "reveal_file",
        "watch_card_reader",
        "select_card_reader",
        "read_card_into_form",
        "check_patient",
        "register_patient",
        "update_patient",
        "search_patients",
        "open_patient",
        "open_patient_pdf",
        "reference_data",
        "read_date",
        "get_preferences",
        "set_language",
        "session_state",
        "set_up_office",
        "rate_password",
        "sign_in",
        "lock",
        "unlock",
        "sign_out",
        "change_password",
        "recover_with_key",
        "save_recovery_sheet",
        "list_users",
        "add_user",
        "reset_user_password",
        "set_user_roles",
        "set_user_disabled",
        "get_security_settings",
        "set_security_settings",
        "watch_store_changes",
    ]);
    let attributes = tauri_build::Attributes::new()
        .app_manifest(manifest)
        .capabilities_path_pattern("./src-tauri/app/capabilities/**/*.json");
    if let Err(error) = tauri_build::try_build(attributes) {
        println!("cargo:warning=tauri-build failed: {error:#}");
        std::process::exit(1);
    }
}
