//! The HCP registration application: its steps' inputs, their rules, its status, and the use cases that save,
//! list, open and delete drafts.

mod draft;
mod hcp_information;
mod service;

pub use draft::{
    ApplicationDraft, ApplicationId, ApplicationStatus, ApplicationSummary, SavedDraft,
};
pub use hcp_information::{HcpInformation, HcpInformationInput, HcpType};
pub use service::Applications;
