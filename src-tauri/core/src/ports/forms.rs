//! The form-rendering port: printable documents (PDF) made from the core's data.

use crate::application::{Actor, ApplicationDraft};
use crate::patient::{ConsentRuleSet, PatientRecord};
use crate::time::Timestamp;

#[derive(Debug, thiserror::Error)]
#[error("rendering failed: {0}")]
pub struct RenderFailure(#[source] pub Box<dyn std::error::Error + Send + Sync>);

impl RenderFailure {
    pub fn new(source: impl std::error::Error + Send + Sync + 'static) -> Self {
        RenderFailure(Box::new(source))
    }
}

pub trait ApplicationRenderer: Send + Sync {
    /// The application as the bilingual A4 form the Registration Office receives, as PDF bytes.
    fn render_application(&self, draft: &ApplicationDraft) -> Result<Vec<u8>, RenderFailure>;
}

/// Who printed a form and when, printed in its footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedBy {
    pub actor: Actor,
    pub at: Timestamp,
}

pub trait PatientFormRenderer: Send + Sync {
    /// The registration and consent form for signature, bilingual A4, as PDF bytes; the consent statements
    /// come from `rules` (the version the consent was taken under).
    fn render_patient_registration(
        &self,
        record: &PatientRecord,
        rules: &ConsentRuleSet,
        printed: &PrintedBy,
    ) -> Result<Vec<u8>, RenderFailure>;
}

pub trait AccountRequestRenderer: Send + Sync {
    /// The User Account Creation Request for signature and the HCP's chop, bilingual A4, as PDF bytes.
    fn render_account_request(
        &self,
        document: &crate::staff::AccountRequestDocument,
        printed: &PrintedBy,
    ) -> Result<Vec<u8>, RenderFailure>;
}

pub trait AmendmentRenderer: Send + Sync {
    /// The amendment as its bilingual A4 form for signature and the HCP's chop — the HCP/HSL Amendment Form
    /// with its changes before → after, the Additional HSL Form, or the Withdrawal Request Form (HCPW01),
    /// by the amendment's kind — as PDF bytes.
    fn render_amendment(
        &self,
        document: &crate::amendment::AmendmentDocument,
        printed: &PrintedBy,
    ) -> Result<Vec<u8>, RenderFailure>;
}
