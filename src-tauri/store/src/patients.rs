//! The patient register: one row per registration, its record sealed whole (names, document numbers, dates
//! of birth, contacts, the substitute decision maker).

use async_trait::async_trait;
use ehr_core::patient::{PatientId, PatientRecord};
use ehr_core::ports::{PatientStore, StoreFailure};
use sqlx::Row;

use crate::{Store, StoreError};

impl Store {
    fn seal_record(&self, record: &PatientRecord) -> Result<Vec<u8>, StoreError> {
        Ok(self.cipher.seal(&serde_json::to_vec(record)?)?)
    }

    fn open_record(&self, sealed: &[u8]) -> Result<PatientRecord, StoreError> {
        Ok(serde_json::from_slice(&self.cipher.open(sealed)?)?)
    }
}

#[async_trait]
impl PatientStore for Store {
    async fn insert_patient(&self, record: &PatientRecord) -> Result<(), StoreFailure> {
        let sealed = self.seal_record(record)?;
        sqlx::query(
            "INSERT INTO patients (id, registered_at, updated_at, sealed_record) VALUES (?, ?, ?, ?)",
        )
        .bind(record.id.as_str())
        .bind(record.registered_at.millis())
        .bind(record.updated_at.millis())
        .bind(sealed)
        .execute(&self.pool)
        .await
        .map_err(StoreError::from)?;
        Ok(())
    }

    async fn update_patient(&self, record: &PatientRecord) -> Result<bool, StoreFailure> {
        let sealed = self.seal_record(record)?;
        let result =
            sqlx::query("UPDATE patients SET updated_at = ?, sealed_record = ? WHERE id = ?")
                .bind(record.updated_at.millis())
                .bind(sealed)
                .bind(record.id.as_str())
                .execute(&self.pool)
                .await
                .map_err(StoreError::from)?;
        Ok(result.rows_affected() == 1)
    }

    async fn find_patient(&self, id: &PatientId) -> Result<Option<PatientRecord>, StoreFailure> {
        let row = sqlx::query("SELECT sealed_record FROM patients WHERE id = ?")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await
            .map_err(StoreError::from)?;
        match row {
            None => Ok(None),
            Some(row) => {
                let sealed: Vec<u8> = row.try_get("sealed_record").map_err(StoreError::from)?;
                Ok(Some(self.open_record(&sealed)?))
            }
        }
    }

    async fn list_patients(&self) -> Result<Vec<PatientRecord>, StoreFailure> {
        let rows =
            sqlx::query("SELECT sealed_record FROM patients ORDER BY registered_at DESC, id DESC")
                .fetch_all(&self.pool)
                .await
                .map_err(StoreError::from)?;
        let mut records = Vec::with_capacity(rows.len());
        for row in rows {
            let sealed: Vec<u8> = row.try_get("sealed_record").map_err(StoreError::from)?;
            records.push(self.open_record(&sealed)?);
        }
        Ok(records)
    }
}
