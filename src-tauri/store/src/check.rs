//! `ehr db check`: every row read as the app would read it, and each one that cannot be named — by table,
//! position, id (when it is a real one) and a reason code, never by its content.

use crate::db::{Row, query};
use ehr_core::ErrorCode;
use ehr_core::application::{AttachmentId, Submission, is_plain_file_name};
use ehr_core::ports::UnreadableRow;

use crate::applications::{attachment_of, summary_of, unreadable};
use crate::{SealedStore, StoreError};

impl SealedStore<'_> {
    /// Every row that a list skips or an open would fail on, and every application whose reference is not
    /// its id's or is shared with another. Reads each sealed value, so it takes as long as a backup.
    pub async fn check_rows(&self) -> Result<Vec<UnreadableRow>, StoreError> {
        let mut found = Vec::new();
        let rows = query(
            "SELECT rowid AS rowid, id, reference, status, title, open_issues, updated_at, sealed_data,
                    submission
             FROM applications ORDER BY rowid",
        )
        .fetch_all(&self.pool)
        .await?;
        for row in &rows {
            if let Some(reason) = self.application_defect(row) {
                found.push(unreadable(row, reason));
            }
        }
        let duplicated = query(
            "SELECT rowid AS rowid, id FROM applications WHERE reference <> '' AND reference IN
                 (SELECT reference FROM applications GROUP BY reference HAVING COUNT(*) > 1)
             ORDER BY rowid",
        )
        .fetch_all(&self.pool)
        .await?;
        found.extend(
            duplicated
                .iter()
                .map(|row| unreadable(row, ErrorCode::RowReferenceDuplicate)),
        );

        let documents = query(
            "SELECT rowid AS rowid, id, kind, file_name, media_type, size, sha256, added_at, content
             FROM application_documents ORDER BY rowid",
        )
        .fetch_all(&self.pool)
        .await?;
        for row in &documents {
            if let Some(reason) = self.document_defect(row) {
                found.push(UnreadableRow {
                    table: "application_documents".into(),
                    row: row.get("rowid").unwrap_or_default(),
                    id: row
                        .get::<String>("id")
                        .ok()
                        .and_then(|id| AttachmentId::parse(&id).filter(|p| p.as_str() == id))
                        .map(|id| id.to_string()),
                    reason,
                });
            }
        }

        let patients =
            query("SELECT rowid AS rowid, id, sealed_record FROM patients ORDER BY rowid")
                .fetch_all(&self.pool)
                .await?;
        found.extend(patients.iter().filter_map(|row| self.record_of(row).err()));

        let staff = query(format!(
            "SELECT {} FROM staff ORDER BY rowid",
            crate::staff::STAFF_COLUMNS
        ))
        .fetch_all(&self.pool)
        .await?;
        found.extend(staff.iter().filter_map(|row| self.staff_of(row).err()));

        // A request holds ids and codes only, in the clear: it must decode, and be the row's own.
        let requests =
            query("SELECT rowid AS rowid, id, version, data FROM account_requests ORDER BY rowid")
                .fetch_all(&self.pool)
                .await?;
        for row in &requests {
            let id: Option<String> = row.get("id").ok();
            if matches!(crate::staff::request_of(row), Ok(request) if Some(request.id.as_str()) == id.as_deref())
            {
                continue;
            }
            found.push(UnreadableRow {
                table: "account_requests".into(),
                row: row.get("rowid").unwrap_or_default(),
                id: id.filter(|id| {
                    ehr_core::staff::RequestId::parse(id).is_some_and(|p| p.as_str() == id)
                }),
                reason: ErrorCode::RowUndecodable,
            });
        }

        let amendments = query(format!(
            "SELECT {} FROM amendments ORDER BY rowid",
            crate::amendments::COLUMNS
        ))
        .fetch_all(&self.pool)
        .await?;
        for row in &amendments {
            match self.amendment_of(row) {
                Err(unreadable) => found.push(unreadable),
                Ok(amendment) if amendment.reference != amendment.id.reference() => {
                    found.push(UnreadableRow {
                        table: "amendments".into(),
                        row: row.get("rowid").unwrap_or_default(),
                        id: Some(amendment.id.to_string()),
                        reason: ErrorCode::RowReferenceMismatch,
                    });
                }
                // An accepted one keeps the registration as it stood, sealed for its row too.
                Ok(amendment) if self.before_of(&amendment.id).await.is_err() => {
                    found.push(UnreadableRow {
                        table: "amendments".into(),
                        row: row.get("rowid").unwrap_or_default(),
                        id: Some(amendment.id.to_string()),
                        reason: ErrorCode::RowSealedUnreadable,
                    });
                }
                Ok(_) => {}
            }
        }
        Ok(found)
    }

    fn application_defect(&self, row: &Row) -> Option<ErrorCode> {
        let summary = match summary_of(row) {
            Ok(summary) => summary,
            Err(reason) => return Some(reason),
        };
        let stored: String = row.get("reference").ok()?;
        if !stored.is_empty() && stored != summary.id.reference() {
            return Some(ErrorCode::RowReferenceMismatch);
        }
        let Ok(sealed) = row.get::<Vec<u8>>("sealed_data") else {
            return Some(ErrorCode::RowUndecodable);
        };
        let id: String = row.get("id").ok()?;
        let Ok(form) = self.unseal(&sealed, &crate::applications::form_place(&id)) else {
            return Some(ErrorCode::RowSealedUnreadable);
        };
        if serde_json::from_slice::<ehr_core::application::ApplicationForm>(&form).is_err() {
            return Some(ErrorCode::RowUndecodable);
        }
        let submission: Option<String> = row.get("submission").ok()?;
        match submission.map(|s| serde_json::from_str::<Submission>(&s)) {
            Some(Err(_)) => Some(ErrorCode::RowUndecodable),
            _ => None,
        }
    }

    fn document_defect(&self, row: &Row) -> Option<ErrorCode> {
        let attachment = match attachment_of(row) {
            Ok(attachment) if attachment.id.as_str() == row.get::<String>("id").ok()? => attachment,
            _ => return Some(ErrorCode::RowUndecodable),
        };
        if !is_plain_file_name(&attachment.file_name) {
            return Some(ErrorCode::RowFileNameInvalid);
        }
        match row.get::<Vec<u8>>("content") {
            Ok(content)
                if self
                    .unseal(
                        &content,
                        &crate::applications::document_place(attachment.id.as_str()),
                    )
                    .is_ok() =>
            {
                None
            }
            Ok(_) => Some(ErrorCode::RowSealedUnreadable),
            Err(_) => Some(ErrorCode::RowUndecodable),
        }
    }
}
