//! Amendments to registered HCPs. An amendment's content names people with their HKIDs (the proposed user
//! administrators, the authorised person): it is sealed, bound to its row; in the clear are only what lists
//! need — the HCP, kind, status, times, submission day and version — with an append-only history.

use async_trait::async_trait;
use ehr_core::ErrorCode;
use ehr_core::amendment::{
    Amendment, AmendmentContent, AmendmentEvent, AmendmentHistoryEntry, AmendmentId, AmendmentKind,
    AmendmentStatus,
};
use ehr_core::application::{Actor, ApplicationForm, ApplicationId};
use ehr_core::ports::{
    AcceptedAmendment, AmendmentInsert, AmendmentStore, AuditEntry, Listing, SealedPlace,
    StoreFailure, UnreadableRow, Updated,
};
use ehr_core::time::Timestamp;
use ehr_core::validation::CalendarDate;

use crate::audit::append_audit;
use crate::db::{Row, Tx, query};
use crate::versioned;
use crate::{SealedStore, StoreError};

const TABLE: &str = "amendments";

pub(crate) fn content_place(id: &str) -> SealedPlace<'_> {
    SealedPlace {
        table: TABLE,
        column: "sealed_content",
        row: id,
    }
}

fn before_place(id: &str) -> SealedPlace<'_> {
    SealedPlace {
        table: TABLE,
        column: "sealed_before",
        row: id,
    }
}

pub(crate) const COLUMNS: &str = "rowid AS rowid, id, reference, hcp_id, kind, status, created_at, updated_at, \
                       submitted_on, version, sealed_content";

fn corrupt(what: &str) -> StoreError {
    StoreError::Database(sqlx::Error::Decode(what.to_owned().into()))
}

impl SealedStore<'_> {
    fn seal_content(&self, amendment: &Amendment) -> Result<Vec<u8>, StoreError> {
        Ok(self.cipher.seal(
            &serde_json::to_vec(&amendment.content)?,
            &content_place(amendment.id.as_str()),
        )?)
    }

    /// The amendment in a row of `amendments`, or why it cannot be read (named, never shown).
    pub(crate) fn amendment_of(&self, row: &Row) -> Result<Amendment, UnreadableRow> {
        let id = row
            .get::<String>("id")
            .ok()
            .and_then(|id| AmendmentId::parse(&id).filter(|parsed| parsed.as_str() == id));
        let refuse = |reason| UnreadableRow {
            table: TABLE.into(),
            row: row.get("rowid").unwrap_or_default(),
            id: id.as_ref().map(ToString::to_string),
            reason,
        };
        let Some(id) = id.clone() else {
            return Err(refuse(ErrorCode::RowIdInvalid));
        };
        let undecodable = |_| refuse(ErrorCode::RowUndecodable);
        let clear = (|| -> Result<_, StoreError> {
            let hcp: String = row.get("hcp_id")?;
            let kind: String = row.get("kind")?;
            let status: String = row.get("status")?;
            let submitted_on: Option<String> = row.get("submitted_on")?;
            let submitted_on = match submitted_on {
                Some(day) => Some(CalendarDate::parse_iso(&day).map_err(|_| corrupt("day"))?),
                None => None,
            };
            Ok((
                ApplicationId::parse(&hcp).ok_or_else(|| corrupt("amendments.hcp_id"))?,
                AmendmentKind::from_code(&kind).ok_or_else(|| corrupt("amendment kind"))?,
                AmendmentStatus::from_code(&status).ok_or_else(|| corrupt("amendment status"))?,
                submitted_on,
                row.get::<String>("reference")?,
                Timestamp::from_millis(row.get("created_at")?),
                Timestamp::from_millis(row.get("updated_at")?),
                u64::try_from(row.get::<i64>("version")?).map_err(|_| corrupt("version"))?,
            ))
        })();
        let (hcp, kind, status, submitted_on, reference, created_at, updated_at, version) =
            clear.map_err(undecodable)?;
        let sealed: Vec<u8> = row
            .get("sealed_content")
            .map_err(|_| refuse(ErrorCode::RowUndecodable))?;
        let opened = self
            .cipher
            .open(&sealed, &content_place(id.as_str()))
            .map_err(|_| refuse(ErrorCode::RowSealedUnreadable))?;
        let content: AmendmentContent =
            serde_json::from_slice(&opened).map_err(|_| refuse(ErrorCode::RowUndecodable))?;
        if content.kind() != kind {
            return Err(refuse(ErrorCode::RowUndecodable));
        }
        Ok(Amendment {
            id,
            reference,
            hcp,
            kind,
            status,
            content,
            created_at,
            updated_at,
            submitted_on,
            version,
        })
    }

    async fn insert_amendment_row(
        &self,
        amendment: &Amendment,
        entry: &AmendmentHistoryEntry,
    ) -> Result<AmendmentInsert, StoreError> {
        let sealed = self.seal_content(amendment)?;
        let mut tx = self.begin_write().await?;
        let inserted = query(
            "INSERT INTO amendments (id, reference, hcp_id, kind, status, created_at, updated_at,
                                     submitted_on, version, sealed_content)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(amendment.id.as_str())
        .bind(&amendment.reference)
        .bind(amendment.hcp.as_str())
        .bind(amendment.kind.code())
        .bind(amendment.status.code())
        .bind(amendment.created_at.millis())
        .bind(amendment.updated_at.millis())
        .bind(amendment.submitted_on.map(|day| day.to_string()))
        .bind(i64::try_from(amendment.version).unwrap_or(1))
        .bind(sealed)
        .execute(&mut tx)
        .await;
        match inserted {
            // `amendments_one_open`: the id is new, so a unique violation is the HCP's open one.
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                return Ok(AmendmentInsert::AlreadyOpen);
            }
            other => other?,
        };
        append_history(&mut tx, &amendment.id, entry).await?;
        tx.commit().await?;
        Ok(AmendmentInsert::Saved)
    }

    async fn update_amendment_row(
        &self,
        amendment: &Amendment,
        entry: &AmendmentHistoryEntry,
    ) -> Result<Updated, StoreError> {
        let mut tx = self.begin_write().await?;
        let updated = self.update_amendment_in(&mut tx, amendment, entry).await?;
        if updated == Updated::Saved {
            tx.commit().await?;
        }
        Ok(updated)
    }

    /// The update inside `tx`, which the caller commits.
    async fn update_amendment_in(
        &self,
        tx: &mut Tx,
        amendment: &Amendment,
        entry: &AmendmentHistoryEntry,
    ) -> Result<Updated, StoreError> {
        let sealed = self.seal_content(amendment)?;
        if let Some(refused) = versioned::AMENDMENTS
            .refusal(tx, amendment.id.as_str(), amendment.version)
            .await?
        {
            return Ok(refused.into());
        }
        // The kind, the HCP and the creation are the amendment's for good: not rewritten.
        query(
            "UPDATE amendments SET status = $1, updated_at = $2, submitted_on = $3, sealed_content = $4,
                                   version = version + 1
             WHERE id = $5",
        )
        .bind(amendment.status.code())
        .bind(amendment.updated_at.millis())
        .bind(amendment.submitted_on.map(|day| day.to_string()))
        .bind(sealed)
        .bind(amendment.id.as_str())
        .execute(&mut *tx)
        .await?;
        append_history(tx, &amendment.id, entry).await?;
        Ok(Updated::Saved)
    }

    /// The acceptance and its application, all or nothing: the amendment (with the registration's form as
    /// it stood, sealed beside it) and the application, each from its version, with both histories.
    async fn accept_amendment_rows(
        &self,
        accepted: &AcceptedAmendment<'_>,
    ) -> Result<Updated, StoreError> {
        let sealed_before = self.cipher.seal(
            &serde_json::to_vec(accepted.before)?,
            &before_place(accepted.amendment.id.as_str()),
        )?;
        let mut tx = self.begin_write().await?;
        let amendment = self
            .update_amendment_in(&mut tx, accepted.amendment, accepted.entry)
            .await?;
        if amendment != Updated::Saved {
            return Ok(amendment);
        }
        query("UPDATE amendments SET sealed_before = $1 WHERE id = $2")
            .bind(sealed_before)
            .bind(accepted.amendment.id.as_str())
            .execute(&mut tx)
            .await?;
        let application = self
            .update_in(&mut tx, accepted.applied, accepted.applied_entry)
            .await?;
        if application != Updated::Saved {
            return Ok(application);
        }
        tx.commit().await?;
        Ok(Updated::Saved)
    }

    pub(crate) async fn before_of(
        &self,
        id: &AmendmentId,
    ) -> Result<Option<ApplicationForm>, StoreError> {
        let sealed: Option<Option<Vec<u8>>> =
            query("SELECT sealed_before FROM amendments WHERE id = $1")
                .bind(id.as_str())
                .fetch_scalar(&self.pool)
                .await?;
        match sealed.flatten() {
            None => Ok(None),
            Some(sealed) => Ok(Some(serde_json::from_slice(
                &self.unseal(&sealed, &before_place(id.as_str()))?,
            )?)),
        }
    }

    async fn amendment_listing(
        &self,
        hcp: Option<&ApplicationId>,
    ) -> Result<Listing<Amendment>, StoreError> {
        let order = "ORDER BY updated_at DESC, id DESC";
        let rows = match hcp {
            Some(hcp) => {
                query(format!(
                    "SELECT {COLUMNS} FROM amendments WHERE hcp_id = $1 {order}"
                ))
                .bind(hcp.as_str())
                .fetch_all(&self.pool)
                .await?
            }
            None => {
                query(format!("SELECT {COLUMNS} FROM amendments {order}"))
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        Ok(rows.iter().map(|row| self.amendment_of(row)).collect())
    }

    /// A print or an export: the history entry and the audit entry in one transaction, the amendment last
    /// changed at the entry's time (its version unchanged: nothing of it changed).
    async fn record_amendment_output(
        &self,
        id: &AmendmentId,
        entry: &AmendmentHistoryEntry,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError> {
        // Writes an audit entry: the write lock first, so the chain's previous hash cannot move (audit.rs).
        let mut tx = self.begin_write().await?;
        let changed = query("UPDATE amendments SET updated_at = $1 WHERE id = $2")
            .bind(entry.at.millis())
            .bind(id.as_str())
            .execute(&mut tx)
            .await?;
        if changed != 1 {
            return Ok(false);
        }
        append_history(&mut tx, id, entry).await?;
        append_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }
}

async fn append_history(
    tx: &mut Tx,
    id: &AmendmentId,
    entry: &AmendmentHistoryEntry,
) -> Result<(), StoreError> {
    query(
        "INSERT INTO amendment_history (amendment_id, at, user_name, workstation, event, status)
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

fn history_entry_of(row: &Row) -> Result<AmendmentHistoryEntry, StoreError> {
    let event: String = row.get("event")?;
    let status: String = row.get("status")?;
    Ok(AmendmentHistoryEntry {
        at: Timestamp::from_millis(row.get("at")?),
        actor: Actor {
            user: row.get("user_name")?,
            workstation: row.get("workstation")?,
        },
        event: AmendmentEvent::from_code(&event).ok_or_else(|| corrupt("amendment event"))?,
        status: AmendmentStatus::from_code(&status).ok_or_else(|| corrupt("amendment status"))?,
    })
}

#[async_trait]
impl AmendmentStore for SealedStore<'_> {
    async fn insert_amendment(
        &self,
        amendment: &Amendment,
        entry: &AmendmentHistoryEntry,
    ) -> Result<AmendmentInsert, StoreFailure> {
        Ok(self.insert_amendment_row(amendment, entry).await?)
    }

    async fn update_amendment(
        &self,
        amendment: &Amendment,
        entry: &AmendmentHistoryEntry,
    ) -> Result<Updated, StoreFailure> {
        Ok(self.update_amendment_row(amendment, entry).await?)
    }

    async fn accept_amendment(
        &self,
        accepted: &AcceptedAmendment<'_>,
    ) -> Result<Updated, StoreFailure> {
        Ok(self.accept_amendment_rows(accepted).await?)
    }

    async fn amendment_before(
        &self,
        id: &AmendmentId,
    ) -> Result<Option<ApplicationForm>, StoreFailure> {
        Ok(self.before_of(id).await?)
    }

    async fn find_amendment(&self, id: &AmendmentId) -> Result<Option<Amendment>, StoreFailure> {
        let row = query(format!("SELECT {COLUMNS} FROM amendments WHERE id = $1"))
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await
            .map_err(StoreError::from)?;
        match row {
            None => Ok(None),
            Some(row) => match self.amendment_of(&row) {
                Ok(amendment) => Ok(Some(amendment)),
                Err(_) => Err(StoreError::SealedElsewhere {
                    table: TABLE,
                    row: id.to_string(),
                }
                .into()),
            },
        }
    }

    async fn list_amendments(
        &self,
        hcp: Option<&ApplicationId>,
    ) -> Result<Listing<Amendment>, StoreFailure> {
        Ok(self.amendment_listing(hcp).await?)
    }

    async fn amendment_history(
        &self,
        id: &AmendmentId,
    ) -> Result<Vec<AmendmentHistoryEntry>, StoreFailure> {
        let rows = query(
            "SELECT at, user_name, workstation, event, status FROM amendment_history
             WHERE amendment_id = $1 ORDER BY seq",
        )
        .bind(id.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::from)?;
        Ok(rows
            .iter()
            .map(history_entry_of)
            .collect::<Result<_, _>>()?)
    }

    async fn record_amendment_export(
        &self,
        id: &AmendmentId,
        entry: &AmendmentHistoryEntry,
        audit: &AuditEntry,
    ) -> Result<bool, StoreFailure> {
        Ok(self.record_amendment_output(id, entry, audit).await?)
    }

    async fn record_amendment_print(
        &self,
        id: &AmendmentId,
        entry: &AmendmentHistoryEntry,
        audit: &AuditEntry,
    ) -> Result<bool, StoreFailure> {
        Ok(self.record_amendment_output(id, entry, audit).await?)
    }
}
