//! The form-rendering port: printable documents (PDF) made from the core's data.

use crate::application::ApplicationDraft;

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
