//! The append-only history of applications.

use crate::db::{Pool, Tx, query};
use ehr_core::application::{Actor, ApplicationId, HistoryEntry, HistoryEvent};
use ehr_core::time::Timestamp;

use crate::StoreError;

pub(crate) async fn append_history(
    tx: &mut Tx,
    id: &ApplicationId,
    entry: &HistoryEntry,
) -> Result<(), StoreError> {
    query(
        "INSERT INTO application_history (application_id, at, user_name, workstation, event) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id.as_str())
    .bind(entry.at.millis())
    .bind(&entry.actor.user)
    .bind(&entry.actor.workstation)
    .bind(serde_json::to_string(&entry.event)?)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

pub(crate) async fn history(
    pool: &Pool,
    id: &ApplicationId,
) -> Result<Vec<HistoryEntry>, StoreError> {
    let rows = query(
        "SELECT at, user_name, workstation, event FROM application_history WHERE application_id = $1 ORDER BY seq",
    )
    .bind(id.as_str())
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let event: String = row.get("event")?;
            Ok(HistoryEntry {
                at: Timestamp::from_millis(row.get("at")?),
                actor: Actor {
                    user: row.get("user_name")?,
                    workstation: row.get("workstation")?,
                },
                event: serde_json::from_str::<HistoryEvent>(&event)?,
            })
        })
        .collect()
}
