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
