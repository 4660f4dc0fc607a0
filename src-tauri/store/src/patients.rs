//! The patient register: one row per registration, its record sealed whole (names, document numbers, dates
//! of birth, contacts, the substitute decision maker), and its index terms blinded (see
//! [`ehr_core::patient::IndexTerms`]): search and the duplicate check look terms up, then open only the
//! candidates.

use std::collections::BTreeSet;

use async_trait::async_trait;
use ehr_core::ErrorCode;
use ehr_core::limits::{REGISTER_RECENT_MAX, SEARCH_CANDIDATES_MAX};
use ehr_core::patient::{
    IndexTerms, PatientId, PatientRecord, PatientRegistration, SearchTerms, StoredPatient, Term,
};
use ehr_core::ports::{
    AuditEntry, Listing, PatientStore, PatientWrite, SealedPlace, StoreFailure, UnreadableRow,
};

use crate::audit::append_audit;
use crate::db::{Row, Tx, query};
use crate::versioned;
use crate::{SealedStore, StoreError};

/// Where a registration is sealed.
pub(crate) fn record_place(id: &str) -> SealedPlace<'_> {
    SealedPlace {
        table: "patients",
        column: "sealed_record",
        row: id,
    }
}

/// A term's posting is counted up to this many rows to choose the rarest term to start a lookup from.
const COUNT_CAP: i64 = 1_000;
/// After the rarest term, this many more are checked per candidate; the rest are left to the exact check.
const PROBES_MAX: usize = 4;

const RECORD_COLUMNS: &str = "rowid AS rowid, id, sealed_record";

fn is_duplicate(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

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

    fn blinded(&self, term: &Term) -> Vec<u8> {
        self.cipher.blind(term.as_bytes()).to_vec()
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

    /// Opens `rows`, skipping (and naming) those that cannot be, most recently registered first.
    fn listing(&self, rows: &[Row]) -> Listing<PatientRecord> {
        let mut listing: Listing<PatientRecord> =
            rows.iter().map(|row| self.record_of(row)).collect();
        listing.items.sort_by(|a, b| {
            (b.registered_at, b.id.as_str()).cmp(&(a.registered_at, a.id.as_str()))
        });
        listing
    }

    /// The records with these ids.
    async fn records(&self, ids: &BTreeSet<String>) -> Result<Listing<PatientRecord>, StoreError> {
        let mut rows = Vec::with_capacity(ids.len());
        let ids: Vec<&String> = ids.iter().collect();
        for chunk in ids.chunks(500) {
            let placeholders: Vec<String> = (1..=chunk.len()).map(|n| format!("${n}")).collect();
            let mut select = query(format!(
                "SELECT {RECORD_COLUMNS} FROM patients WHERE id IN ({})",
                placeholders.join(", ")
            ));
            for id in chunk {
                select = select.bind(id.as_str());
            }
            rows.extend(select.fetch_all(&self.pool).await?);
        }
        Ok(self.listing(&rows))
    }

    /// The ids of the registrations that have every term of `group` (at most [`SEARCH_CANDIDATES_MAX`]):
    /// walked from the rarest term, each candidate checked for a few more.
    async fn ids_with_all(&self, group: &BTreeSet<Term>) -> Result<BTreeSet<String>, StoreError> {
        if group.is_empty() {
            return Ok(BTreeSet::new());
        }
        let blinded: Vec<Vec<u8>> = group.iter().map(|t| self.blinded(t)).collect();
        let counts = (0..blinded.len())
            .map(|i| {
                format!(
                    "SELECT CAST({i} AS BIGINT) AS i, (SELECT COUNT(*) FROM \
                     (SELECT 1 FROM patient_terms WHERE term = ${} LIMIT {COUNT_CAP}) AS c{i}) AS n",
                    i + 1
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        let mut counted = query(counts);
        for term in &blinded {
            counted = counted.bind(term);
        }
        let mut order: Vec<(i64, usize)> = Vec::with_capacity(blinded.len());
        for row in counted.fetch_all(&self.pool).await? {
            let i = usize::try_from(row.get::<i64>("i")?).unwrap_or(0);
            order.push((row.get("n")?, i));
        }
        order.sort_unstable();
        if order.first().is_none_or(|(n, _)| *n == 0) {
            return Ok(BTreeSet::new());
        }
        let chosen: Vec<&Vec<u8>> = order
            .iter()
            .take(1 + PROBES_MAX)
            .map(|(_, i)| &blinded[*i])
            .collect();
        let probes: String = (2..=chosen.len())
            .map(|n| {
                format!(
                    " AND EXISTS (SELECT 1 FROM patient_terms o WHERE o.term = ${n} \
                     AND o.patient_id = d.patient_id)"
                )
            })
            .collect();
        let mut select = query(format!(
            "SELECT d.patient_id FROM patient_terms d WHERE d.term = $1{probes} LIMIT {SEARCH_CANDIDATES_MAX}"
        ));
        for term in chosen {
            select = select.bind(term);
        }
        select
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| Ok(row.at::<String>(0)?))
            .collect()
    }

    /// Replaces the record's terms; answers its document's key.
    async fn write_terms(
        &self,
        tx: &mut Tx,
        record: &PatientRecord,
    ) -> Result<Vec<u8>, StoreError> {
        let terms = IndexTerms::of(&record.registration);
        query("DELETE FROM patient_terms WHERE patient_id = $1")
            .bind(record.id.as_str())
            .execute(&mut *tx)
            .await?;
        let all: BTreeSet<Vec<u8>> = terms
            .search
            .iter()
            .chain([&terms.document, &terms.name_and_birth])
            .map(|term| self.blinded(term))
            .collect();
        for term in all {
            query("INSERT INTO patient_terms (term, patient_id) VALUES ($1, $2)")
                .bind(term)
                .bind(record.id.as_str())
                .execute(&mut *tx)
                .await?;
        }
        Ok(self.blinded(&terms.document))
    }

    /// Indexes the registrations stored before indexes existed (at sign-in: the key is needed), oldest
    /// first: the first of each document is its register's one, later ones were registered with an override
    /// of the duplicate warning. Rows that cannot be opened are left to `ehr db check`.
    pub(crate) async fn index_patients(&self) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let rows = query(format!(
            "SELECT {RECORD_COLUMNS} FROM patients WHERE document_key IS NULL ORDER BY registered_at, id"
        ))
        .fetch_all(&mut tx)
        .await?;
        for row in &rows {
            let Ok(record) = self.record_of(row) else {
                continue;
            };
            let key = self.write_terms(&mut tx, &record).await?;
            let taken: Option<i64> = query(
                "SELECT 1 FROM patients WHERE document_key = $1 AND duplicate_allowed = 0 LIMIT 1",
            )
            .bind(&key)
            .fetch_scalar(&mut tx)
            .await?;
            query("UPDATE patients SET document_key = $1, duplicate_allowed = $2 WHERE id = $3")
                .bind(key)
                .bind(taken.is_some())
                .bind(record.id.as_str())
                .execute(&mut tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn insert_record(
        &self,
        record: &PatientRecord,
        duplicate_allowed: bool,
        audit: &AuditEntry,
    ) -> Result<PatientWrite, StoreError> {
        let sealed = self.seal_record(record)?;
        let mut tx = self.begin_write().await?;
        match self
            .insert_row(&mut tx, record, sealed, duplicate_allowed)
            .await
        {
            Err(StoreError::Database(error)) if is_duplicate(&error) => {
                return Ok(PatientWrite::DuplicateDocument);
            }
            other => other?,
        }
        append_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(PatientWrite::Saved)
    }

    /// The row first (its id is what the terms refer to), then its terms.
    async fn insert_row(
        &self,
        tx: &mut Tx,
        record: &PatientRecord,
        sealed: Vec<u8>,
        duplicate_allowed: bool,
    ) -> Result<(), StoreError> {
        let key = self.blinded(&IndexTerms::of(&record.registration).document);
        query(
            "INSERT INTO patients (id, registered_at, updated_at, sealed_record, document_key, duplicate_allowed)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(record.id.as_str())
        .bind(record.registered_at.millis())
        .bind(record.updated_at.millis())
        .bind(sealed)
        .bind(key)
        .bind(duplicate_allowed)
        .execute(&mut *tx)
        .await?;
        self.write_terms(tx, record).await?;
        Ok(())
    }

    /// Checks the version and writes under the writer's lock, so two changes from one version cannot both
    /// pass the check.
    async fn update_record(
        &self,
        record: &PatientRecord,
        version: u64,
        duplicate_allowed: bool,
        audit: &AuditEntry,
    ) -> Result<PatientWrite, StoreError> {
        let sealed = self.seal_record(record)?;
        let key = self.blinded(&IndexTerms::of(&record.registration).document);
        let expected = i64::try_from(version).unwrap_or(i64::MAX);
        let mut tx = self.begin_write().await?;
        if let Some(refused) = versioned::PATIENTS
            .refusal(&mut tx, record.id.as_str(), version)
            .await?
        {
            return Ok(refused.into());
        }
        let updated = query(
            "UPDATE patients SET updated_at = $1, sealed_record = $2, document_key = $3, duplicate_allowed = $4,
                                 version = version + 1
             WHERE id = $5 AND version = $6",
        )
        .bind(record.updated_at.millis())
        .bind(sealed)
        .bind(key)
        .bind(duplicate_allowed)
        .bind(record.id.as_str())
        .bind(expected)
        .execute(&mut tx)
        .await;
        match updated {
            Err(error) if is_duplicate(&error) => return Ok(PatientWrite::DuplicateDocument),
            Ok(0) => return Ok(PatientWrite::Missing),
            other => other?,
        };
        self.write_terms(&mut tx, record).await?;
        append_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(PatientWrite::Saved)
    }

    async fn search(&self, terms: &SearchTerms) -> Result<Listing<PatientRecord>, StoreError> {
        match terms {
            SearchTerms::Recent => {
                let rows = query(format!(
                    "SELECT {RECORD_COLUMNS} FROM patients ORDER BY registered_at DESC, id DESC LIMIT {REGISTER_RECENT_MAX}"
                ))
                .fetch_all(&self.pool)
                .await?;
                Ok(self.listing(&rows))
            }
            SearchTerms::Everything => self.all().await,
            SearchTerms::AnyGroup(groups) => {
                let mut ids = BTreeSet::new();
                for group in groups {
                    ids.extend(self.ids_with_all(group).await?);
                }
                let mut listing = self.records(&ids).await?;
                listing.items.truncate(SEARCH_CANDIDATES_MAX);
                Ok(listing)
            }
        }
    }

    async fn duplicates(
        &self,
        registration: &PatientRegistration,
    ) -> Result<Listing<PatientRecord>, StoreError> {
        let terms = IndexTerms::of(registration);
        let ids = query("SELECT DISTINCT patient_id FROM patient_terms WHERE term IN ($1, $2)")
            .bind(self.blinded(&terms.document))
            .bind(self.blinded(&terms.name_and_birth))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| row.at::<String>(0))
            .collect::<Result<BTreeSet<String>, _>>()?;
        self.records(&ids).await
    }

    async fn all(&self) -> Result<Listing<PatientRecord>, StoreError> {
        let rows = query(format!(
            "SELECT {RECORD_COLUMNS} FROM patients ORDER BY registered_at DESC, id DESC"
        ))
        .fetch_all(&self.pool)
        .await?;
        Ok(self.listing(&rows))
    }
}

#[async_trait]
impl PatientStore for SealedStore<'_> {
    async fn insert_patient(
        &self,
        record: &PatientRecord,
        duplicate_allowed: bool,
        audit: &AuditEntry,
    ) -> Result<PatientWrite, StoreFailure> {
        Ok(self.insert_record(record, duplicate_allowed, audit).await?)
    }

    async fn update_patient(
        &self,
        record: &PatientRecord,
        version: u64,
        duplicate_allowed: bool,
        audit: &AuditEntry,
    ) -> Result<PatientWrite, StoreFailure> {
        Ok(self
            .update_record(record, version, duplicate_allowed, audit)
            .await?)
    }

    async fn find_patient(&self, id: &PatientId) -> Result<Option<StoredPatient>, StoreFailure> {
        let row = query("SELECT sealed_record, version FROM patients WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await
            .map_err(StoreError::from)?;
        match row {
            None => Ok(None),
            Some(row) => {
                let sealed: Vec<u8> = row.get("sealed_record").map_err(StoreError::from)?;
                let version: i64 = row.get("version").map_err(StoreError::from)?;
                Ok(Some(StoredPatient {
                    record: self.open_record(id, &sealed)?,
                    version: u64::try_from(version).unwrap_or_default(),
                }))
            }
        }
    }

    async fn list_patients(&self) -> Result<Listing<PatientRecord>, StoreFailure> {
        Ok(self.all().await?)
    }

    async fn search_patients(
        &self,
        terms: &SearchTerms,
    ) -> Result<Listing<PatientRecord>, StoreFailure> {
        Ok(self.search(terms).await?)
    }

    async fn possible_duplicates(
        &self,
        registration: &PatientRegistration,
    ) -> Result<Listing<PatientRecord>, StoreFailure> {
        Ok(self.duplicates(registration).await?)
    }
}
