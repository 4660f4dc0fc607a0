//! Use cases on applications, the same for the desktop app and the CLI.

use super::{
    ApplicationDraft, ApplicationId, ApplicationStatus, ApplicationSummary, HcpInformationInput,
    SavedDraft,
};
use crate::error::CoreError;
use crate::ports::{ApplicationStore, Clock};

/// The application use cases, over whichever store and clock the edge wires in.
pub struct Applications<'a> {
    store: &'a dyn ApplicationStore,
    clock: &'a dyn Clock,
}

impl<'a> Applications<'a> {
    pub fn new(store: &'a dyn ApplicationStore, clock: &'a dyn Clock) -> Self {
        Applications { store, clock }
    }

    /// Saves step 1 of a new draft (`id` = `None`) or of an existing one. Invalid input is saved too — drafts
    /// are never lost — and the answer lists the issues still open.
    pub async fn save_hcp_information(
        &self,
        id: Option<&ApplicationId>,
        hcp_information: HcpInformationInput,
    ) -> Result<SavedDraft, CoreError> {
        let now = self.clock.now();
        let draft = match id {
            None => {
                let draft = ApplicationDraft {
                    id: ApplicationId::generate(),
                    status: ApplicationStatus::Draft,
                    created_at: now,
                    updated_at: now,
                    hcp_information,
                };
                self.store.insert_application(&draft).await?;
                draft
            }
            Some(id) => {
                let mut draft = self.get(id).await?;
                if draft.status != ApplicationStatus::Draft {
                    return Err(CoreError::ApplicationReadOnly(id.clone()));
                }
                draft.hcp_information = hcp_information;
                draft.updated_at = now;
                if !self.store.update_application(&draft).await? {
                    return Err(CoreError::ApplicationNotFound(id.clone()));
                }
                draft
            }
        };
        let issues = draft.issues();
        Ok(SavedDraft { draft, issues })
    }

    pub async fn get(&self, id: &ApplicationId) -> Result<ApplicationDraft, CoreError> {
        self.store
            .find_application(id)
            .await?
            .ok_or_else(|| CoreError::ApplicationNotFound(id.clone()))
    }

    /// Every application, most recently changed first.
    pub async fn list(&self) -> Result<Vec<ApplicationSummary>, CoreError> {
        Ok(self.store.list_applications().await?)
    }

    pub async fn delete(&self, id: &ApplicationId) -> Result<(), CoreError> {
        if self.store.delete_application(id).await? {
            Ok(())
        } else {
            Err(CoreError::ApplicationNotFound(id.clone()))
        }
    }
}
