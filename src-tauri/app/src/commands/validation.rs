//! Validation on demand, so the UI shows the core's own verdict as the user types.

use ehr_core::Issue;
use ehr_core::application::HcpInformationInput;

#[tauri::command]
#[specta::specta]
pub fn validate_hcp_information(input: HcpInformationInput) -> Vec<Issue> {
    input.issues()
}
