//! The code lists the forms offer (districts, HCP types, ...); the UI words them.

use ehr_core::application::{DocumentKind, HcpType, RecordSystem, SubmissionChannel};
use ehr_core::staff::{
    AccountType, EXPIRY_WINDOW_DAYS, ProfessionGroup, ProfessionGroups, RequestAction, StaffColumn,
};
use ehr_core::validation::{District, Profession, Region};
use serde::Serialize;

#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DistrictOption {
    pub district: District,
    pub region: Region,
}

#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DocumentOption {
    pub kind: DocumentKind,
    pub required: bool,
}

#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceData {
    pub districts: Vec<DistrictOption>,
    pub hcp_types: Vec<HcpType>,
    pub professions: Vec<Profession>,
    pub record_systems: Vec<RecordSystem>,
    pub documents: Vec<DocumentOption>,
    pub channels: Vec<SubmissionChannel>,
    /// The largest attachment accepted, in bytes.
    pub max_document_bytes: u64,
    /// The 13 groups as the core keeps them: eHealth access, register parts, certificate rule.
    pub profession_groups: Vec<ProfessionGroup>,
    pub account_types: Vec<AccountType>,
    /// What a User Account Creation Request may ask for each person.
    pub request_actions: Vec<RequestAction>,
    /// The staff import's columns, in the template's order.
    pub staff_columns: Vec<StaffColumn>,
    /// How far ahead the home screen lists registrations that end.
    pub expiry_window_days: u16,
}

#[tauri::command]
#[specta::specta]
pub fn reference_data() -> ReferenceData {
    ReferenceData {
        districts: District::ALL
            .iter()
            .map(|&district| DistrictOption {
                district,
                region: district.region(),
            })
            .collect(),
        hcp_types: HcpType::ALL.to_vec(),
        professions: Profession::ALL.to_vec(),
        record_systems: RecordSystem::ALL.to_vec(),
        documents: DocumentKind::ALL
            .iter()
            .map(|&kind| DocumentOption {
                kind,
                required: DocumentKind::REQUIRED.contains(&kind),
            })
            .collect(),
        channels: SubmissionChannel::ALL.to_vec(),
        max_document_bytes: ehr_core::application::MAX_ATTACHMENT_BYTES,
        profession_groups: ProfessionGroups::embedded().groups.clone(),
        account_types: AccountType::ALL.to_vec(),
        request_actions: RequestAction::ALL.to_vec(),
        staff_columns: StaffColumn::ALL.to_vec(),
        expiry_window_days: EXPIRY_WINDOW_DAYS,
    }
}
