//! The append-only history of applications.

use ehr_core::application::{Actor, ApplicationId, HistoryEntry, HistoryEvent};
use ehr_core::time::Timestamp;
use sqlx::{Row, Sqlite, SqlitePool, Transaction};

use crate::StoreError;

pub(crate) async fn append_history(
    tx: &mut Transaction<'_, Sqlite>,
    id: &ApplicationId,
    entry: &HistoryEntry,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO application_history (application_id, at, user_name, workstation, event) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(id.as_str())
    .bind(entry.at.millis())
    .bind(&entry.actor.user)
    .bind(&entry.actor.workstation)
    .bind(serde_json::to_string(&entry.event)?)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn history(
    pool: &SqlitePool,
    id: &ApplicationId,
) -> Result<Vec<HistoryEntry>, StoreError> {
    let rows = sqlx::query(
        "SELECT at, user_name, workstation, event FROM application_history WHERE application_id = ? ORDER BY seq",
    )
    .bind(id.as_str())
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let event: String = row.try_get("event")?;
            Ok(HistoryEntry {
                at: Timestamp::from_millis(row.try_get("at")?),
                actor: Actor {
                    user: row.try_get("user_name")?,
                    workstation: row.try_get("workstation")?,
                },
                event: serde_json::from_str::<HistoryEvent>(&event)?,
            })
        })
        .collect()
}
