//! The storage port. Adapters (SQLite, PostgreSQL) implement it; one conformance suite holds them to it.

use async_trait::async_trait;

use crate::application::{ApplicationDraft, ApplicationId, ApplicationSummary};

/// A storage failure, opaque to the core: the edge logs the source and shows the user a reference.
#[derive(Debug, thiserror::Error)]
#[error("storage failure: {0}")]
pub struct StoreFailure(#[source] pub Box<dyn std::error::Error + Send + Sync>);

impl StoreFailure {
    pub fn new(source: impl std::error::Error + Send + Sync + 'static) -> Self {
        StoreFailure(Box::new(source))
    }
}

#[async_trait]
pub trait ApplicationStore: Send + Sync {
    async fn insert_application(&self, draft: &ApplicationDraft) -> Result<(), StoreFailure>;
    /// Replaces a stored application; `false` when there is none with that id.
    async fn update_application(&self, draft: &ApplicationDraft) -> Result<bool, StoreFailure>;
    async fn find_application(
        &self,
        id: &ApplicationId,
    ) -> Result<Option<ApplicationDraft>, StoreFailure>;
    /// Most recently changed first.
    async fn list_applications(&self) -> Result<Vec<ApplicationSummary>, StoreFailure>;
    /// `false` when there was none with that id.
    async fn delete_application(&self, id: &ApplicationId) -> Result<bool, StoreFailure>;
}

/// Small per-installation settings, by key.
#[async_trait]
pub trait PreferenceStore: Send + Sync {
    async fn preference(&self, key: &str) -> Result<Option<String>, StoreFailure>;
    async fn set_preference(&self, key: &str, value: &str) -> Result<(), StoreFailure>;
}
