//! The patient register: one row per registration, its record sealed whole (names, document numbers, dates
//! of birth, contacts, the substitute decision maker).

use async_trait::async_trait;
use ehr_core::ErrorCode;
use ehr_core::patient::{PatientId, PatientRecord};
use ehr_core::ports::{
    AuditEntry, Listing, PatientStore, SealedPlace, StoreFailure, UnreadableRow,
};

use crate::audit::append_audit;
use crate::db::{Row, query};

/// Where a registration is sealed.
pub(crate) fn record_place(id: &str) -> SealedPlace<'_> {
    SealedPlace {
        table: "patients",
        column: "sealed_record",
        row: id,
    }
}
use crate::{SealedStore, StoreError};

impl SealedStore<'_> {
    fn seal_record(&self, record: &PatientRecord) -> Result<Vec<u8>, StoreError> {
        let place = record_place(record.id.as_str());
        Ok(self.cipher.seal(&serde_json::to_vec(record)?, &place)?)
    }

    fn open_record(&self, id: &PatientId, sealed: &[u8]) -> Result<PatientRecord, StoreError> {
        Ok(serde_json::from_slice(
            &self.unseal(sealed, &record_place(id.as_str()))?,
        )?)
    }

    /// The record in a row of `patients`, or why it cannot be read: an id that is not one, a seal this
    /// installation's key does not open, content that is not a record, or a record of another id.
    pub(crate) fn record_of(&self, row: &Row) -> Result<PatientRecord, UnreadableRow> {
        let id = row
            .get::<String>("id")
            .ok()
            .and_then(|id| PatientId::parse(&id).filter(|parsed| parsed.as_str() == id));
        let refuse = |reason| UnreadableRow {
            table: "patients".into(),
            row: row.get("rowid").unwrap_or_default(),
            id: id.as_ref().map(ToString::to_string),
            reason,
        };
        let Some(row_id) = id.clone() else {
            return Err(refuse(ErrorCode::RowIdInvalid));
        };
        let sealed: Vec<u8> = row
            .get("sealed_record")
            .map_err(|_| refuse(ErrorCode::RowUndecodable))?;
        let opened = self
            .cipher
            .open(&sealed, &record_place(row_id.as_str()))
            .map_err(|_| refuse(ErrorCode::RowSealedUnreadable))?;
        match serde_json::from_slice::<PatientRecord>(&opened) {
            Ok(record) if record.id == row_id => Ok(record),
            _ => Err(refuse(ErrorCode::RowUndecodable)),
        }
    }
}

#[async_trait]
impl PatientStore for SealedStore<'_> {
    async fn insert_patient(
        &self,
        record: &PatientRecord,
        audit: &AuditEntry,
    ) -> Result<(), StoreFailure> {
        let sealed = self.seal_record(record)?;
        let mut tx = self.begin_write().await?;
        query(
            "INSERT INTO patients (id, registered_at, updated_at, sealed_record) VALUES ($1, $2, $3, $4)",
        )
        .bind(record.id.as_str())
        .bind(record.registered_at.millis())
        .bind(record.updated_at.millis())
        .bind(sealed)
        .execute(&mut tx)
        .await
        .map_err(StoreError::from)?;
        append_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(StoreError::from)?;
        Ok(())
    }

    async fn update_patient(
        &self,
        record: &PatientRecord,
        audit: &AuditEntry,
    ) -> Result<bool, StoreFailure> {
        let sealed = self.seal_record(record)?;
        let mut tx = self.begin_write().await?;
        let result = query("UPDATE patients SET updated_at = $1, sealed_record = $2 WHERE id = $3")
            .bind(record.updated_at.millis())
            .bind(sealed)
            .bind(record.id.as_str())
            .execute(&mut tx)
            .await
            .map_err(StoreError::from)?;
        if result != 1 {
            return Ok(false);
        }
        append_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(StoreError::from)?;
        Ok(true)
    }

    async fn find_patient(&self, id: &PatientId) -> Result<Option<PatientRecord>, StoreFailure> {
        let row = query("SELECT sealed_record FROM patients WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await
            .map_err(StoreError::from)?;
        match row {
            None => Ok(None),
            Some(row) => {
                let sealed: Vec<u8> = row.get("sealed_record").map_err(StoreError::from)?;
                Ok(Some(self.open_record(id, &sealed)?))
            }
        }
    }

    async fn list_patients(&self) -> Result<Listing<PatientRecord>, StoreFailure> {
        let rows = query(
            "SELECT rowid AS rowid, id, sealed_record FROM patients
             ORDER BY registered_at DESC, id DESC",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::from)?;
        let mut listing = Listing {
            items: Vec::with_capacity(rows.len()),
            unreadable: Vec::new(),
        };
        for row in &rows {
            match self.record_of(row) {
                Ok(record) => listing.items.push(record),
                Err(unreadable) => listing.unreadable.push(unreadable),
            }
        }
        Ok(listing)
    }
}
