//! The staff list and the User Account Creation Requests. A member's record is sealed whole and its HKID
//! kept only as a blind index (`hkid_key`), which holds one person once per HCP and finds them under another
//! HCP without opening anyone; a request holds ids and codes only, as JSON, with an append-only history.

use std::collections::HashSet;

use async_trait::async_trait;
use ehr_core::ErrorCode;
use ehr_core::application::{Actor, ApplicationId};
use ehr_core::ports::{
    AuditEntry, Listing, Progress, SealedPlace, StaffStore, StaffWrite, StoreFailure,
    UnreadableRow, Updated,
};
use ehr_core::staff::{
    AccountRequest, RequestEvent, RequestHistoryEntry, RequestId, RequestStatus, StaffId,
    StaffRecord, StoredStaff,
};
use ehr_core::time::Timestamp;
use ehr_core::validation::Hkid;

use crate::audit::append_audit;
use crate::db::{Row, Tx, query};
use crate::versioned;
use crate::{SealedStore, StoreError};

/// Rows per INSERT statement of a batch (7 values each: well under both backends' parameter limits), and
/// how often a long write reports progress and looks for a cancel.
const ROWS_PER_INSERT: usize = 100;

pub(crate) fn staff_place(id: &str) -> SealedPlace<'_> {
    SealedPlace {
        table: "staff",
        column: "sealed_record",
        row: id,
    }
}

pub(crate) const STAFF_COLUMNS: &str = "rowid AS rowid, id, version, sealed_record";

fn version_of(row: &Row) -> Result<u64, StoreError> {
    Ok(u64::try_from(row.get::<i64>("version")?).unwrap_or_default())
}

impl SealedStore<'_> {
    fn hkid_key(&self, hkid: &Hkid) -> Vec<u8> {
        // Domain-separated from the patient register's terms, so equal HKIDs there and here do not match.
        self.cipher
            .blind(format!("staff.hkid:{}", hkid.as_str()).as_bytes())
            .to_vec()
    }

    fn seal_staff(&self, record: &StaffRecord) -> Result<Vec<u8>, StoreError> {
        Ok(self.cipher.seal(
            &serde_json::to_vec(record)?,
            &staff_place(record.id.as_str()),
        )?)
    }

    /// The member in a row of `staff`, or why it cannot be read (as [`SealedStore::record_of`] for patients).
    pub(crate) fn staff_of(&self, row: &Row) -> Result<StoredStaff, UnreadableRow> {
        let id = row
            .get::<String>("id")
            .ok()
            .and_then(|id| StaffId::parse(&id).filter(|parsed| parsed.as_str() == id));
        let refuse = |reason| UnreadableRow {
            table: "staff".into(),
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
        let version = version_of(row).map_err(|_| refuse(ErrorCode::RowUndecodable))?;
        let opened = self
            .cipher
            .open(&sealed, &staff_place(row_id.as_str()))
            .map_err(|_| refuse(ErrorCode::RowSealedUnreadable))?;
        match serde_json::from_slice::<StaffRecord>(&opened) {
            Ok(record) if record.id == row_id => Ok(StoredStaff { record, version }),
            _ => Err(refuse(ErrorCode::RowUndecodable)),
        }
    }

    async fn insert_batch(
        &self,
        records: &[StaffRecord],
        audit: &AuditEntry,
        progress: &dyn Progress,
    ) -> Result<StaffWrite, StoreError> {
        let mut rows = Vec::with_capacity(records.len());
        for record in records {
            rows.push((
                record,
                self.hkid_key(&record.member.hkid),
                self.seal_staff(record)?,
            ));
        }
        let mut tx = self.begin_write().await?;
        // Under the writer's lock: nobody adds to the list between this read and the inserts.
        let mut taken: HashSet<(String, Vec<u8>)> = HashSet::new();
        let hcps: HashSet<&ApplicationId> = records.iter().map(|r| &r.hcp).collect();
        for hcp in hcps {
            for row in query("SELECT hkid_key FROM staff WHERE hcp_id = $1")
                .bind(hcp.as_str())
                .fetch_all(&mut tx)
                .await?
            {
                taken.insert((hcp.as_str().to_owned(), row.at::<Vec<u8>>(0)?));
            }
        }
        for (position, (record, key, _)) in rows.iter().enumerate() {
            if !taken.insert((record.hcp.as_str().to_owned(), key.clone())) {
                return Ok(StaffWrite::Duplicate(position));
            }
        }
        let total = rows.len();
        for (chunk_index, chunk) in rows.chunks(ROWS_PER_INSERT).enumerate() {
            if progress.cancelled() {
                // Dropping the transaction rolls back every chunk written so far.
                return Ok(StaffWrite::Cancelled);
            }
            let values: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let n = i * 7;
                    format!(
                        "(${}, ${}, ${}, ${}, ${}, ${}, ${})",
                        n + 1,
                        n + 2,
                        n + 3,
                        n + 4,
                        n + 5,
                        n + 6,
                        n + 7
                    )
                })
                .collect();
            let mut insert = query(format!(
                "INSERT INTO staff (id, hcp_id, added_at, updated_at, version, hkid_key, sealed_record) VALUES {}",
                values.join(", ")
            ));
            for (record, key, sealed) in chunk {
                insert = insert
                    .bind(record.id.as_str())
                    .bind(record.hcp.as_str())
                    .bind(record.added_at.millis())
                    .bind(record.added_at.millis())
                    .bind(1_i64)
                    .bind(key)
                    .bind(sealed);
            }
            insert.execute(&mut tx).await?;
            progress.advanced(
                (chunk_index * ROWS_PER_INSERT + chunk.len()).min(total),
                total,
            );
        }
        if progress.cancelled() {
            return Ok(StaffWrite::Cancelled);
        }
        append_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(StaffWrite::Saved)
    }

    async fn update_member(
        &self,
        record: &StaffRecord,
        version: u64,
        audit: &AuditEntry,
    ) -> Result<Updated, StoreError> {
        let sealed = self.seal_staff(record)?;
        let key = self.hkid_key(&record.member.hkid);
        let mut tx = self.begin_write().await?;
        if let Some(refused) = versioned::STAFF
            .refusal(&mut tx, record.id.as_str(), version)
            .await?
        {
            return Ok(refused.into());
        }
        query(
            "UPDATE staff SET sealed_record = $1, hkid_key = $2, updated_at = $3, version = version + 1
             WHERE id = $4",
        )
        .bind(sealed)
        .bind(key)
        .bind(audit.at.millis())
        .bind(record.id.as_str())
        .execute(&mut tx)
        .await?;
        append_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(Updated::Saved)
    }

    async fn staff_listing(
        &self,
        hcp: Option<&ApplicationId>,
    ) -> Result<Listing<StoredStaff>, StoreError> {
        let rows = match hcp {
            Some(hcp) => {
                query(format!(
                    "SELECT {STAFF_COLUMNS} FROM staff WHERE hcp_id = $1"
                ))
                .bind(hcp.as_str())
                .fetch_all(&self.pool)
                .await?
            }
            None => {
                query(format!("SELECT {STAFF_COLUMNS} FROM staff"))
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        let mut listing: Listing<StoredStaff> = rows.iter().map(|row| self.staff_of(row)).collect();
        listing.items.sort_by(|a, b| {
            (a.record.member.name_en.as_str(), a.record.id.as_str())
                .cmp(&(b.record.member.name_en.as_str(), b.record.id.as_str()))
        });
        Ok(listing)
    }
}

pub(crate) fn request_of(row: &Row) -> Result<AccountRequest, StoreError> {
    let data: String = row.get("data")?;
    let mut request: AccountRequest = serde_json::from_str(&data)?;
    request.version = version_of(row)?;
    Ok(request)
}

async fn append_request_history(
    tx: &mut Tx,
    id: &RequestId,
    entry: &RequestHistoryEntry,
) -> Result<(), StoreError> {
    query(
        "INSERT INTO account_request_history (request_id, at, user_name, workstation, event, status)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id.as_str())
    .bind(entry.at.millis())
    .bind(&entry.actor.user)
    .bind(&entry.actor.workstation)
    .bind(entry.event.code())
    .bind(entry.status.code())
    .execute(&mut *tx)
    .await?;
    Ok(())
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Database(sqlx::Error::Decode(what.to_owned().into()))
}

impl SealedStore<'_> {
    async fn write_request(
        &self,
        request: &AccountRequest,
        entry: &RequestHistoryEntry,
    ) -> Result<Updated, StoreError> {
        let mut tx = self.begin_write().await?;
        if let Some(refused) = versioned::ACCOUNT_REQUESTS
            .refusal(&mut tx, request.id.as_str(), request.version)
            .await?
        {
            return Ok(refused.into());
        }
        query(
            "UPDATE account_requests SET status = $1, updated_at = $2, data = $3, version = version + 1
             WHERE id = $4",
        )
        .bind(request.status.code())
        .bind(request.updated_at.millis())
        .bind(serde_json::to_string(request)?)
        .bind(request.id.as_str())
        .execute(&mut tx)
        .await?;
        append_request_history(&mut tx, &request.id, entry).await?;
        tx.commit().await?;
        Ok(Updated::Saved)
    }
}

#[async_trait]
impl StaffStore for SealedStore<'_> {
    async fn insert_staff(
        &self,
        records: &[StaffRecord],
        audit: &AuditEntry,
        progress: &dyn Progress,
    ) -> Result<StaffWrite, StoreFailure> {
        Ok(self.insert_batch(records, audit, progress).await?)
    }

    async fn update_staff(
        &self,
        record: &StaffRecord,
        version: u64,
        audit: &AuditEntry,
    ) -> Result<Updated, StoreFailure> {
        Ok(self.update_member(record, version, audit).await?)
    }

    async fn find_staff(&self, id: &StaffId) -> Result<Option<StoredStaff>, StoreFailure> {
        let row = query(format!("SELECT {STAFF_COLUMNS} FROM staff WHERE id = $1"))
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await
            .map_err(StoreError::from)?;
        match row {
            None => Ok(None),
            Some(row) => match self.staff_of(&row) {
                Ok(stored) => Ok(Some(stored)),
                Err(_) => Err(StoreError::SealedElsewhere {
                    table: "staff",
                    row: id.to_string(),
                }
                .into()),
            },
        }
    }

    async fn list_staff(
        &self,
        hcp: Option<&ApplicationId>,
    ) -> Result<Listing<StoredStaff>, StoreFailure> {
        Ok(self.staff_listing(hcp).await?)
    }

    async fn hcps_with_staff(&self, hkid: &Hkid) -> Result<Vec<ApplicationId>, StoreFailure> {
        let rows = query("SELECT DISTINCT hcp_id FROM staff WHERE hkid_key = $1 ORDER BY hcp_id")
            .bind(self.hkid_key(hkid))
            .fetch_all(&self.pool)
            .await
            .map_err(StoreError::from)?;
        let mut hcps = Vec::with_capacity(rows.len());
        for row in rows {
            let id: String = row.at(0).map_err(StoreError::from)?;
            hcps.push(ApplicationId::parse(&id).ok_or_else(|| corrupt("staff.hcp_id"))?);
        }
        Ok(hcps)
    }

    async fn insert_request(
        &self,
        request: &AccountRequest,
        entry: &RequestHistoryEntry,
    ) -> Result<(), StoreFailure> {
        let run = async {
            let mut tx = self.begin_write().await?;
            query(
                "INSERT INTO account_requests (id, hcp_id, status, created_at, updated_at, version, data)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(request.id.as_str())
            .bind(request.hcp.as_str())
            .bind(request.status.code())
            .bind(request.created_at.millis())
            .bind(request.updated_at.millis())
            .bind(i64::try_from(request.version).unwrap_or(1))
            .bind(serde_json::to_string(request)?)
            .execute(&mut tx)
            .await?;
            append_request_history(&mut tx, &request.id, entry).await?;
            tx.commit().await?;
            Ok::<(), StoreError>(())
        };
        Ok(run.await?)
    }

    async fn update_request(
        &self,
        request: &AccountRequest,
        entry: &RequestHistoryEntry,
    ) -> Result<Updated, StoreFailure> {
        Ok(self.write_request(request, entry).await?)
    }

    async fn find_request(&self, id: &RequestId) -> Result<Option<AccountRequest>, StoreFailure> {
        let row = query("SELECT version, data FROM account_requests WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await
            .map_err(StoreError::from)?;
        Ok(row.as_ref().map(request_of).transpose()?)
    }

    async fn list_requests(&self) -> Result<Vec<AccountRequest>, StoreFailure> {
        let rows =
            query("SELECT version, data FROM account_requests ORDER BY updated_at DESC, id DESC")
                .fetch_all(&self.pool)
                .await
                .map_err(StoreError::from)?;
        Ok(rows.iter().map(request_of).collect::<Result<_, _>>()?)
    }

    async fn request_history(
        &self,
        id: &RequestId,
    ) -> Result<Vec<RequestHistoryEntry>, StoreFailure> {
        let rows = query(
            "SELECT at, user_name, workstation, event, status FROM account_request_history
             WHERE request_id = $1 ORDER BY seq",
        )
        .bind(id.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::from)?;
        let read = |row: &Row| -> Result<RequestHistoryEntry, StoreError> {
            let event: String = row.get("event")?;
            let status: String = row.get("status")?;
            Ok(RequestHistoryEntry {
                at: Timestamp::from_millis(row.get("at")?),
                actor: Actor {
                    user: row.get("user_name")?,
                    workstation: row.get("workstation")?,
                },
                event: RequestEvent::from_code(&event).ok_or_else(|| corrupt("request event"))?,
                status: RequestStatus::from_code(&status)
                    .ok_or_else(|| corrupt("request status"))?,
            })
        };
        Ok(rows.iter().map(read).collect::<Result<_, _>>()?)
    }

    async fn record_request_print(
        &self,
        id: &RequestId,
        entry: &RequestHistoryEntry,
        audit: &AuditEntry,
    ) -> Result<bool, StoreFailure> {
        let run = async {
            let mut tx = self.begin_write().await?;
            let exists: Option<i64> = query("SELECT 1 FROM account_requests WHERE id = $1")
                .bind(id.as_str())
                .fetch_scalar(&mut tx)
                .await?;
            if exists.is_none() {
                return Ok(false);
            }
            append_request_history(&mut tx, id, entry).await?;
            append_audit(&mut tx, audit).await?;
            tx.commit().await?;
            Ok::<bool, StoreError>(true)
        };
        Ok(run.await?)
    }
}
