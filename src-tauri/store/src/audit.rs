//! The audit trail, append-only (triggers refuse updates and deletes).

use async_trait::async_trait;
use ehr_core::application::Actor;
use ehr_core::ports::{AuditAction, AuditEntry, AuditTrail, StoreFailure};
use ehr_core::time::Timestamp;
use sqlx::Row;

use crate::{Store, StoreError};

/// Appends `entry` on `executor`: the pool, or a transaction that records it with a change.
pub(crate) async fn append_audit<'c>(
    executor: impl sqlx::Executor<'c, Database = sqlx::Sqlite>,
    entry: &AuditEntry,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO audit_log (at, user_name, workstation, action, subject) VALUES (?, ?, ?, ?, ?)")
        .bind(entry.at.millis())
        .bind(&entry.actor.user)
        .bind(&entry.actor.workstation)
        .bind(entry.action.code())
        .bind(&entry.subject)
        .execute(executor)
        .await?;
    Ok(())
}

impl Store {
    async fn read_audit(&self, subject: &str) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT at, user_name, workstation, action, subject FROM audit_log WHERE subject = ? ORDER BY seq",
        )
        .bind(subject)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let action: String = row.try_get("action")?;
                Ok(AuditEntry {
                    at: Timestamp::from_millis(row.try_get("at")?),
                    actor: Actor {
                        user: row.try_get("user_name")?,
                        workstation: row.try_get("workstation")?,
                    },
                    action: AuditAction::from_code(&action).ok_or_else(|| {
                        StoreError::Database(sqlx::Error::Decode(
                            format!("unknown audit action {action:?}").into(),
                        ))
                    })?,
                    subject: row.try_get("subject")?,
                })
            })
            .collect()
    }
}

#[async_trait]
impl AuditTrail for Store {
    async fn record(&self, entry: &AuditEntry) -> Result<(), StoreFailure> {
        Ok(append_audit(&self.pool, entry).await?)
    }

    async fn audit_entries(&self, subject: &str) -> Result<Vec<AuditEntry>, StoreFailure> {
        Ok(self.read_audit(subject).await?)
    }
}
