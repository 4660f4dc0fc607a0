//! The code lists the forms offer (districts, HCP types); the UI words them.

use ehr_core::application::HcpType;
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
pub struct ReferenceData {
    pub districts: Vec<DistrictOption>,
    pub hcp_types: Vec<HcpType>,
    pub professions: Vec<Profession>,
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
    }
}
