//! What the commands share: the store, the clock, the PDF renderer, and who is at the keyboard.

use std::path::Path;
use std::sync::Arc;

use ehr_core::application::{Actor, Applications};
use ehr_core::patient::{ConsentRules, Patients};
use ehr_core::ports::SystemClock;
use ehr_forms::PdfRenderer;
use ehr_store::Store;

use crate::card_desk::CardDesk;
use crate::error::AppError;

pub struct AppState {
    pub store: Store,
    pub clock: SystemClock,
    /// Parsed once at start-up: the CJK font is large and every PDF needs it.
    pub renderer: PdfRenderer,
    pub actor: Actor,
    /// The consent rules that ship with this release, every version.
    pub rules: &'static ConsentRules,
    pub card: Arc<CardDesk>,
}

impl AppState {
    /// Opens the embedded SQLite database in the app's data directory, sealing personal data with the data
    /// key from the user's OS keyring (created there on first start).
    pub async fn open(data_dir: &Path, card: Arc<CardDesk>) -> Result<Self, AppError> {
        let cipher = Arc::new(ehr_secrets::data_key_from_keyring(
            ehr_core::APP_IDENTIFIER,
        )?);
        let store =
            Store::open_sqlite(&data_dir.join(ehr_store::DATABASE_FILE_NAME), cipher).await?;
        Ok(AppState {
            store,
            clock: SystemClock,
            renderer: PdfRenderer::new()?,
            actor: Actor::from_environment(),
            rules: ConsentRules::embedded()?,
            card,
        })
    }

    pub fn patients(&self) -> Patients<'_> {
        Patients::new(&self.store, &self.clock, self.rules, self.actor.clone())
    }

    pub fn applications(&self) -> Applications<'_> {
        Applications::new(&self.store, &self.clock, self.actor.clone())
    }
}
