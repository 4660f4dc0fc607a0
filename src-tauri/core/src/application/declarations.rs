//! Step 5's declarations: the applicant has read what participation commits the HCP to.

use serde::{Deserialize, Serialize};

use crate::issue::{ErrorCode, Issue};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Declarations {
    /// Has read the Electronic Health Record Sharing System Ordinance (Cap. 625).
    pub ordinance: bool,
    /// Has read the Code of Practice for Using eHR for Healthcare.
    pub code_of_practice: bool,
    /// Has read and accepts the Conditions of Registration.
    pub conditions: bool,
}

impl Declarations {
    pub const SECTION: &'static str = "declarations";

    pub fn issues(&self) -> Vec<Issue> {
        [
            ("ordinance", self.ordinance),
            ("codeOfPractice", self.code_of_practice),
            ("conditions", self.conditions),
        ]
        .into_iter()
        .filter(|(_, given)| !given)
        .map(|(name, _)| {
            Issue::new(ErrorCode::DeclarationMissing).at(format!("{}.{name}", Self::SECTION))
        })
        .collect()
    }
}
