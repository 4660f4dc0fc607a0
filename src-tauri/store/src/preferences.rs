//! The preference store: a key-value table.

use async_trait::async_trait;
use ehr_core::ports::{PreferenceStore, StoreFailure};

use crate::{Store, StoreError};

#[async_trait]
impl PreferenceStore for Store {
    async fn preference(&self, key: &str) -> Result<Option<String>, StoreFailure> {
        Ok(
            sqlx::query_scalar("SELECT value FROM preferences WHERE key = ?")
                .bind(key)
                .fetch_optional(&self.pool)
                .await
                .map_err(StoreError::from)?,
        )
    }

    async fn set_preference(&self, key: &str, value: &str) -> Result<(), StoreFailure> {
        sqlx::query("INSERT INTO preferences (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bind(key)
            .bind(value)
            .execute(&self.pool)
            .await
            .map_err(StoreError::from)?;
        Ok(())
    }
}
