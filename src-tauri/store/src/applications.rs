//! The application store: one row per application, the typed-in steps kept as JSON so a draft is stored
//! exactly as entered, valid or not.

use async_trait::async_trait;
use ehr_core::application::{
    ApplicationDraft, ApplicationId, ApplicationStatus, ApplicationSummary,
};
use ehr_core::ports::{ApplicationStore, StoreFailure};
use ehr_core::time::Timestamp;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use crate::{Store, StoreError};

/// What the `data` column holds: the steps' inputs.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredSteps {
    hcp_information: ehr_core::application::HcpInformationInput,
}

fn encode(draft: &ApplicationDraft) -> Result<(String, ApplicationSummary), StoreError> {
    let data = serde_json::to_string(&StoredSteps {
        hcp_information: draft.hcp_information.clone(),
    })?;
    Ok((data, draft.summary()))
}

fn status_of(row: &SqliteRow) -> Result<ApplicationStatus, StoreError> {
    let code: String = row.try_get("status")?;
    ApplicationStatus::from_code(&code).ok_or_else(|| {
        StoreError::Database(sqlx::Error::Decode(
            format!("unknown status {code:?}").into(),
        ))
    })
}

fn id_of(row: &SqliteRow) -> Result<ApplicationId, StoreError> {
    let raw: String = row.try_get("id")?;
    ApplicationId::parse(&raw).ok_or_else(|| {
        StoreError::Database(sqlx::Error::Decode(format!("malformed id {raw:?}").into()))
    })
}

#[async_trait]
impl ApplicationStore for Store {
    async fn insert_application(&self, draft: &ApplicationDraft) -> Result<(), StoreFailure> {
        let (data, summary) = encode(draft)?;
        sqlx::query(
            "INSERT INTO applications (id, status, title, open_issues, created_at, updated_at, data)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(draft.id.as_str())
        .bind(draft.status.code())
        .bind(&summary.title)
        .bind(summary.open_issues)
        .bind(draft.created_at.millis())
        .bind(draft.updated_at.millis())
        .bind(data)
        .execute(&self.pool)
        .await
        .map_err(StoreError::from)?;
        Ok(())
    }

    async fn update_application(&self, draft: &ApplicationDraft) -> Result<bool, StoreFailure> {
        let (data, summary) = encode(draft)?;
        let result = sqlx::query(
            "UPDATE applications SET status = ?, title = ?, open_issues = ?, updated_at = ?, data = ? WHERE id = ?",
        )
        .bind(draft.status.code())
        .bind(&summary.title)
        .bind(summary.open_issues)
        .bind(draft.updated_at.millis())
        .bind(data)
        .bind(draft.id.as_str())
        .execute(&self.pool)
        .await
        .map_err(StoreError::from)?;
        Ok(result.rows_affected() == 1)
    }

    async fn find_application(
        &self,
        id: &ApplicationId,
    ) -> Result<Option<ApplicationDraft>, StoreFailure> {
        let row = sqlx::query(
            "SELECT id, status, created_at, updated_at, data FROM applications WHERE id = ?",
        )
        .bind(id.as_str())
        .fetch_optional(&self.pool)
        .await
        .map_err(StoreError::from)?;
        let Some(row) = row else { return Ok(None) };
        let decode = || -> Result<ApplicationDraft, StoreError> {
            let data: String = row.try_get("data")?;
            let steps: StoredSteps = serde_json::from_str(&data)?;
            Ok(ApplicationDraft {
                id: id_of(&row)?,
                status: status_of(&row)?,
                created_at: Timestamp::from_millis(row.try_get("created_at")?),
                updated_at: Timestamp::from_millis(row.try_get("updated_at")?),
                hcp_information: steps.hcp_information,
            })
        };
        Ok(Some(decode()?))
    }

    async fn list_applications(&self) -> Result<Vec<ApplicationSummary>, StoreFailure> {
        let rows = sqlx::query(
            "SELECT id, status, title, open_issues, updated_at FROM applications ORDER BY updated_at DESC, id DESC",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::from)?;
        let summary = |row: &SqliteRow| -> Result<ApplicationSummary, StoreError> {
            Ok(ApplicationSummary {
                id: id_of(row)?,
                status: status_of(row)?,
                title: row.try_get("title")?,
                updated_at: Timestamp::from_millis(row.try_get("updated_at")?),
                open_issues: row.try_get("open_issues")?,
            })
        };
        Ok(rows.iter().map(summary).collect::<Result<_, _>>()?)
    }

    async fn delete_application(&self, id: &ApplicationId) -> Result<bool, StoreFailure> {
        let result = sqlx::query("DELETE FROM applications WHERE id = ?")
            .bind(id.as_str())
            .execute(&self.pool)
            .await
            .map_err(StoreError::from)?;
        Ok(result.rows_affected() == 1)
    }
}
