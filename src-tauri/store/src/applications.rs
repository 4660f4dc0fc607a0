//! The application store: one row per application with the form as typed (JSON), its documents with their
//! content, and its history. Every change and its history entry are written in one transaction.

use crate::db::{Row, Target, Tx, query};
use crate::versioned;
use async_trait::async_trait;
use ehr_core::ErrorCode;
use ehr_core::application::{
    ApplicationDraft, ApplicationForm, ApplicationId, ApplicationStatus, ApplicationSummary,
    Attachment, AttachmentId, DocumentKind, HistoryEntry, MediaType, Submission,
};
use ehr_core::ports::{
    ApplicationStore, AuditEntry, InsertFailure, Listing, SealedPlace, StoreFailure, UnreadableRow,
    Updated,
};
use ehr_core::time::Timestamp;

use crate::history::append_history;
use crate::{SealedStore, StoreError};

fn corrupt(what: String) -> StoreError {
    StoreError::Database(sqlx::Error::Decode(what.into()))
}

fn coded<T>(row: &Row, column: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, StoreError> {
    let code: String = row.get(column)?;
    parse(&code).ok_or_else(|| corrupt(format!("unknown {column} {code:?}")))
}

/// Whether `error` is a UNIQUE or PRIMARY KEY violation: a row that is already there, not a broken store.
fn is_duplicate(error: &StoreError) -> bool {
    matches!(error, StoreError::Database(sqlx::Error::Database(e)) if e.is_unique_violation())
}

/// What an insert would have duplicated.
enum Conflict {
    Id,
    Reference,
    DocumentId,
}

/// The row's id, only as this product writes one: an id that parses but is spelt otherwise (upper case,
/// braces) would list yet never open, since rows are found by their exact id.
fn id_of(row: &Row) -> Result<ApplicationId, StoreError> {
    coded(row, "id", |raw| {
        ApplicationId::parse(raw).filter(|id| id.as_str() == raw)
    })
}

/// Rows written before references existed get theirs from the id, as new ones do.
fn reference_of(row: &Row, id: &ApplicationId) -> Result<String, StoreError> {
    let stored: String = row.get("reference")?;
    Ok(if stored.is_empty() {
        id.reference()
    } else {
        stored
    })
}

struct Encoded {
    /// The form, sealed: it holds names, HKID numbers and contact details.
    sealed: Vec<u8>,
    submission: Option<String>,
    summary: ApplicationSummary,
}

fn encode(store: &SealedStore<'_>, draft: &ApplicationDraft) -> Result<Encoded, StoreError> {
    Ok(Encoded {
        sealed: store.cipher.seal(
            &serde_json::to_vec(&draft.form)?,
            &form_place(draft.id.as_str()),
        )?,
        submission: draft
            .submission
            .as_ref()
            .map(serde_json::to_string)
            .transpose()?,
        summary: draft.summary(),
    })
}

pub(crate) fn attachment_of(row: &Row) -> Result<Attachment, StoreError> {
    let size: i64 = row.get("size")?;
    Ok(Attachment {
        id: coded(row, "id", AttachmentId::parse)?,
        kind: coded(row, "kind", DocumentKind::from_code)?,
        file_name: row.get("file_name")?,
        media_type: coded(row, "media_type", MediaType::from_code)?,
        size: u64::try_from(size).map_err(|_| corrupt(format!("negative size {size}")))?,
        sha256: row.get("sha256")?,
        added_at: Timestamp::from_millis(row.get("added_at")?),
    })
}

/// The descriptions (not the content) of an application's documents, in the order they were added.
async fn documents_of<'a>(
    executor: impl Into<Target<'a>>,
    id: &ApplicationId,
) -> Result<Vec<Attachment>, StoreError> {
    query(
        "SELECT id, kind, file_name, media_type, size, sha256, added_at FROM application_documents
         WHERE application_id = $1 ORDER BY added_at, id",
    )
    .bind(id.as_str())
    .fetch_all(executor)
    .await?
    .iter()
    .map(attachment_of)
    .collect()
}

async fn insert_document(
    tx: &mut Tx,
    id: &ApplicationId,
    attachment: &Attachment,
    content: &[u8],
) -> Result<(), StoreError> {
    query(
        "INSERT INTO application_documents
             (id, application_id, kind, file_name, media_type, size, sha256, added_at, content)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(attachment.id.as_str())
    .bind(id.as_str())
    .bind(attachment.kind.code())
    .bind(&attachment.file_name)
    .bind(attachment.media_type.code())
    .bind(i64::try_from(attachment.size).unwrap_or(i64::MAX))
    .bind(&attachment.sha256)
    .bind(attachment.added_at.millis())
    .bind(content)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Marks the application changed; `false` when it does not exist.
async fn touch(tx: &mut Tx, draft_id: &ApplicationId, at: Timestamp) -> Result<bool, StoreError> {
    let result = query("UPDATE applications SET updated_at = $1 WHERE id = $2")
        .bind(at.millis())
        .bind(draft_id.as_str())
        .execute(&mut *tx)
        .await?;
    Ok(result == 1)
}

/// Versions are stored as 64-bit integers; one past that is no version this store wrote.
fn version_column(version: u64) -> i64 {
    i64::try_from(version).unwrap_or(i64::MAX)
}

/// Where an application's form is sealed.
pub(crate) fn form_place(id: &str) -> SealedPlace<'_> {
    SealedPlace {
        table: "applications",
        column: "sealed_data",
        row: id,
    }
}

/// Where a document's content is sealed.
pub(crate) fn document_place(id: &str) -> SealedPlace<'_> {
    SealedPlace {
        table: "application_documents",
        column: "content",
        row: id,
    }
}

impl SealedStore<'_> {
    /// Opens a value sealed for `place`. Plaintext and unbound seals were sealed for their place at the
    /// first sign-in (`seal_plaintext_rows`); one found now was put there by hand, and is refused.
    pub(crate) fn unseal(
        &self,
        stored: &[u8],
        place: &SealedPlace<'_>,
    ) -> Result<Vec<u8>, StoreError> {
        self.cipher
            .open(stored, place)
            .map_err(|_| StoreError::SealedElsewhere {
                table: place.table,
                row: place.row.to_owned(),
            })
    }

    fn form_of(&self, id: &str, sealed: &[u8]) -> Result<ApplicationForm, StoreError> {
        Ok(serde_json::from_slice(
            &self.unseal(sealed, &form_place(id))?,
        )?)
    }

    /// One transaction: the application, its documents and its history entry, or nothing. Its first statement
    /// is the write, so two racing imports are serialised by SQLite's write lock and the second one sees the
    /// first one's row (a primary-key violation) instead of a stale snapshot.
    async fn insert(
        &self,
        draft: &ApplicationDraft,
        contents: &[(AttachmentId, Vec<u8>)],
        entry: &HistoryEntry,
    ) -> Result<Option<Conflict>, StoreError> {
        let encoded = encode(self, draft)?;
        let mut tx = self.begin_write().await?;
        let inserted = query(
            "INSERT INTO applications
                 (id, reference, status, title, open_issues, created_at, updated_at, data, sealed_data, submission,
                  version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, '', $8, $9, $10)",
        )
        .bind(draft.id.as_str())
        .bind(&draft.reference)
        .bind(draft.status.code())
        .bind(&encoded.summary.title)
        .bind(encoded.summary.open_issues)
        .bind(draft.created_at.millis())
        .bind(draft.updated_at.millis())
        .bind(&encoded.sealed)
        .bind(&encoded.submission)
        .bind(version_column(draft.version))
        .execute(&mut tx)
        .await
        .map_err(StoreError::from);
        match inserted {
            Err(error) if is_duplicate(&error) => return Ok(Some(Conflict::Id)),
            other => other?,
        };
        let reference_taken: Option<i64> =
            query("SELECT 1 FROM applications WHERE reference = $1 AND id <> $2 LIMIT 1")
                .bind(&draft.reference)
                .bind(draft.id.as_str())
                .fetch_scalar(&mut tx)
                .await?;
        if reference_taken.is_some() {
            return Ok(Some(Conflict::Reference));
        }
        for attachment in &draft.documents {
            let content = contents
                .iter()
                .find(|(id, _)| id == &attachment.id)
                .map(|(_, content)| content.as_slice())
                .ok_or_else(|| {
                    corrupt(format!("no content given for document {}", attachment.id))
                })?;
            let sealed = self
                .cipher
                .seal(content, &document_place(attachment.id.as_str()))?;
            match insert_document(&mut tx, &draft.id, attachment, &sealed).await {
                Err(error) if is_duplicate(&error) => return Ok(Some(Conflict::DocumentId)),
                other => other?,
            }
        }
        append_history(&mut tx, &draft.id, entry).await?;
        tx.commit().await?;
        Ok(None)
    }

    /// Checks the version and writes under the writer's lock, so two saves from the same version cannot
    /// both pass the check.
    async fn update(
        &self,
        draft: &ApplicationDraft,
        entry: &HistoryEntry,
    ) -> Result<Updated, StoreError> {
        let mut tx = self.begin_write().await?;
        let updated = self.update_in(&mut tx, draft, entry).await?;
        if updated == Updated::Saved {
            tx.commit().await?;
        }
        Ok(updated)
    }

    /// The update inside `tx`, which the caller commits (an accepted amendment changes its application and
    /// itself in one transaction).
    pub(crate) async fn update_in(
        &self,
        tx: &mut Tx,
        draft: &ApplicationDraft,
        entry: &HistoryEntry,
    ) -> Result<Updated, StoreError> {
        let encoded = encode(self, draft)?;
        if let Some(refused) = versioned::APPLICATIONS
            .refusal(tx, draft.id.as_str(), draft.version)
            .await?
        {
            return Ok(refused.into());
        }
        let result = query(
            "UPDATE applications
             SET status = $1, title = $2, open_issues = $3, updated_at = $4, data = '', sealed_data = $5, submission = $6,
                 version = version + 1
             WHERE id = $7 AND version = $8",
        )
        .bind(draft.status.code())
        .bind(&encoded.summary.title)
        .bind(encoded.summary.open_issues)
        .bind(draft.updated_at.millis())
        .bind(&encoded.sealed)
        .bind(&encoded.submission)
        .bind(draft.id.as_str())
        .bind(version_column(draft.version))
        .execute(&mut *tx)
        .await?;
        if result != 1 {
            // Not reached while the writer's lock is held; refused rather than assumed written.
            return Ok(Updated::Missing);
        }
        append_history(tx, &draft.id, entry).await?;
        Ok(Updated::Saved)
    }

    async fn export_recorded(
        &self,
        id: &ApplicationId,
        entry: &HistoryEntry,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError> {
        // Writes an audit entry: the write lock first, so the chain's previous hash cannot move (audit.rs).
        let mut tx = self.begin_write().await?;
        let result = query("UPDATE applications SET updated_at = $1 WHERE id = $2")
            .bind(entry.at.millis())
            .bind(id.as_str())
            .execute(&mut tx)
            .await?;
        if result != 1 {
            return Ok(false);
        }
        append_history(&mut tx, id, entry).await?;
        crate::audit::append_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn find(&self, id: &ApplicationId) -> Result<Option<ApplicationDraft>, StoreError> {
        let row = query(
            "SELECT id, reference, status, created_at, updated_at, sealed_data, submission, version
             FROM applications WHERE id = $1",
        )
        .bind(id.as_str())
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let documents = documents_of(&self.pool, id).await?;
        let form = self.form_of(id.as_str(), &row.get::<Vec<u8>>("sealed_data")?)?;
        let submission: Option<String> = row.get("submission")?;
        let id = id_of(&row)?;
        Ok(Some(ApplicationDraft {
            reference: reference_of(&row, &id)?,
            id,
            status: coded(&row, "status", ApplicationStatus::from_code)?,
            created_at: Timestamp::from_millis(row.get("created_at")?),
            updated_at: Timestamp::from_millis(row.get("updated_at")?),
            form,
            documents,
            submission: submission
                .as_deref()
                .map(serde_json::from_str::<Submission>)
                .transpose()?,
            version: u64::try_from(row.get::<i64>("version")?)
                .map_err(|_| corrupt("negative version".into()))?,
        }))
    }

    async fn list(&self) -> Result<Listing<ApplicationSummary>, StoreError> {
        let rows = query(
            "SELECT rowid AS rowid, id, reference, status, title, open_issues, updated_at FROM applications
             ORDER BY updated_at DESC, id DESC",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|row| summary_of(row).map_err(|reason| unreadable(row, reason)))
            .collect())
    }

    async fn add(
        &self,
        id: &ApplicationId,
        attachment: &Attachment,
        content: &[u8],
        entry: &HistoryEntry,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        if !touch(&mut tx, id, entry.at).await? {
            return Ok(false);
        }
        let sealed = self
            .cipher
            .seal(content, &document_place(attachment.id.as_str()))?;
        insert_document(&mut tx, id, attachment, &sealed).await?;
        append_history(&mut tx, id, entry).await?;
        refresh_summary(&mut tx, self, id).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn remove(
        &self,
        id: &ApplicationId,
        document: &AttachmentId,
        entry: &HistoryEntry,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        let removed =
            query("DELETE FROM application_documents WHERE id = $1 AND application_id = $2")
                .bind(document.as_str())
                .bind(id.as_str())
                .execute(&mut tx)
                .await?;
        if removed != 1 || !touch(&mut tx, id, entry.at).await? {
            return Ok(false);
        }
        append_history(&mut tx, id, entry).await?;
        refresh_summary(&mut tx, self, id).await?;
        tx.commit().await?;
        Ok(true)
    }
}

/// One line of the list, or why the row cannot be one.
pub(crate) fn summary_of(row: &Row) -> Result<ApplicationSummary, ErrorCode> {
    let id = id_of(row).map_err(|_| ErrorCode::RowIdInvalid)?;
    let read = || -> Result<ApplicationSummary, StoreError> {
        Ok(ApplicationSummary {
            reference: reference_of(row, &id)?,
            id: id.clone(),
            status: coded(row, "status", ApplicationStatus::from_code)?,
            title: row.get("title")?,
            updated_at: Timestamp::from_millis(row.get("updated_at")?),
            open_issues: row.get("open_issues")?,
        })
    };
    read().map_err(|_| ErrorCode::RowUndecodable)
}

/// A row of `applications` named for a report: its position, and its id only when it is a real one.
pub(crate) fn unreadable(row: &Row, reason: ErrorCode) -> UnreadableRow {
    UnreadableRow {
        table: "applications".into(),
        row: row.get("rowid").unwrap_or_default(),
        id: id_of(row).ok().map(|id| id.to_string()),
        reason,
    }
}

/// Keeps the listed count of open issues right after the documents changed (a missing certificate counts).
async fn refresh_summary(
    tx: &mut Tx,
    store: &SealedStore<'_>,
    id: &ApplicationId,
) -> Result<(), StoreError> {
    let sealed: Vec<u8> = query("SELECT sealed_data FROM applications WHERE id = $1")
        .bind(id.as_str())
        .fetch_value(&mut *tx)
        .await?;
    let form = store.form_of(id.as_str(), &sealed)?;
    let documents = documents_of(&mut *tx, id).await?;
    let open = form
        .issues(&documents)
        .iter()
        .filter(|i| i.is_error())
        .count();
    query("UPDATE applications SET open_issues = $1 WHERE id = $2")
        .bind(u32::try_from(open).unwrap_or(u32::MAX))
        .bind(id.as_str())
        .execute(&mut *tx)
        .await?;
    Ok(())
}

#[async_trait]
impl ApplicationStore for SealedStore<'_> {
    async fn insert_application(
        &self,
        draft: &ApplicationDraft,
        contents: &[(AttachmentId, Vec<u8>)],
        entry: &HistoryEntry,
    ) -> Result<(), InsertFailure> {
        match self
            .insert(draft, contents, entry)
            .await
            .map_err(StoreFailure::from)?
        {
            None => Ok(()),
            Some(Conflict::Id) => Err(InsertFailure::IdTaken),
            Some(Conflict::Reference) => Err(InsertFailure::ReferenceTaken),
            Some(Conflict::DocumentId) => Err(InsertFailure::DocumentIdTaken),
        }
    }

    async fn update_application(
        &self,
        draft: &ApplicationDraft,
        entry: &HistoryEntry,
    ) -> Result<Updated, StoreFailure> {
        Ok(self.update(draft, entry).await?)
    }

    async fn find_application(
        &self,
        id: &ApplicationId,
    ) -> Result<Option<ApplicationDraft>, StoreFailure> {
        Ok(self.find(id).await?)
    }

    async fn list_applications(&self) -> Result<Listing<ApplicationSummary>, StoreFailure> {
        Ok(self.list().await?)
    }

    async fn delete_application(&self, id: &ApplicationId) -> Result<bool, StoreFailure> {
        let result = query("DELETE FROM applications WHERE id = $1")
            .bind(id.as_str())
            .execute(&self.pool)
            .await
            .map_err(StoreError::from)?;
        Ok(result == 1)
    }

    async fn add_document(
        &self,
        id: &ApplicationId,
        attachment: &Attachment,
        content: &[u8],
        entry: &HistoryEntry,
    ) -> Result<bool, StoreFailure> {
        Ok(self.add(id, attachment, content, entry).await?)
    }

    async fn remove_document(
        &self,
        id: &ApplicationId,
        attachment: &AttachmentId,
        entry: &HistoryEntry,
    ) -> Result<bool, StoreFailure> {
        Ok(self.remove(id, attachment, entry).await?)
    }

    async fn document_content(
        &self,
        id: &ApplicationId,
        attachment: &AttachmentId,
    ) -> Result<Option<Vec<u8>>, StoreFailure> {
        let sealed: Option<Vec<u8>> = query(
            "SELECT content FROM application_documents WHERE id = $1 AND application_id = $2",
        )
        .bind(attachment.as_str())
        .bind(id.as_str())
        .fetch_scalar(&self.pool)
        .await
        .map_err(StoreError::from)?;
        let place = document_place(attachment.as_str());
        Ok(sealed
            .map(|content| self.unseal(&content, &place))
            .transpose()?)
    }

    async fn history(&self, id: &ApplicationId) -> Result<Vec<HistoryEntry>, StoreFailure> {
        Ok(crate::history::history(&self.pool, id).await?)
    }

    async fn record_export(
        &self,
        id: &ApplicationId,
        entry: &HistoryEntry,
        audit: &AuditEntry,
    ) -> Result<bool, StoreFailure> {
        Ok(self.export_recorded(id, entry, audit).await?)
    }
}
