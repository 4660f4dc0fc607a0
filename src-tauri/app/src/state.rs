//! What the commands share: the store and the clock.

use std::path::Path;

use ehr_core::application::Applications;
use ehr_core::ports::SystemClock;
use ehr_store::Store;

pub struct AppState {
    pub store: Store,
    pub clock: SystemClock,
}

impl AppState {
    /// Opens the embedded SQLite database in the app's data directory.
    pub async fn open(data_dir: &Path) -> Result<Self, ehr_store::StoreError> {
        let store = Store::open_sqlite(&data_dir.join(ehr_store::DATABASE_FILE_NAME)).await?;
        Ok(AppState {
            store,
            clock: SystemClock,
        })
    }

    pub fn applications(&self) -> Applications<'_> {
        Applications::new(&self.store, &self.clock)
    }
}
