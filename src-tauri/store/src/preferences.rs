//! The preference store: a key-value table.

use async_trait::async_trait;
use ehr_core::ports::{PreferenceStore, StoreFailure};

use crate::db::query;
use crate::{Store, StoreError};

#[async_trait]
impl PreferenceStore for Store {
    async fn preference(&self, key: &str) -> Result<Option<String>, StoreFailure> {
        Ok(query("SELECT value FROM preferences WHERE key = $1")
            .bind(key)
            .fetch_scalar(&self.pool)
            .await
            .map_err(StoreError::from)?)
    }

    async fn set_preference(&self, key: &str, value: &str) -> Result<(), StoreFailure> {
        query("INSERT INTO preferences (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bind(key)
            .bind(value)
            .execute(&self.pool)
            .await
            .map_err(StoreError::from)?;
        Ok(())
    }
}
