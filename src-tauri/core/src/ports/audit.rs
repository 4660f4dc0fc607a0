//! The audit trail: every read of personal data, by whom, where and when — appended, never rewritten.
//! (Changes are in each application's history; the audit trail records the reads the history does not.)

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::StoreFailure;
use crate::application::Actor;
use crate::coded::coded_enum;
use crate::time::Timestamp;

coded_enum! {
    /// What was done with the personal data.
    pub enum AuditAction {
        /// An application was opened on screen (or shown by the CLI).
        Viewed = "viewed",
        /// Its PDF was made, to print or save.
        Printed = "printed",
        /// An attached document's content was read (preview, viewer, package).
        DocumentRead = "document_read",
        /// Everything was written to a submission package, to leave this installation.
        Exported = "exported",
        /// An identity card was read at the desk (the subject is the card's masked number).
        CardRead = "card_read",
        /// A patient was registered (the subject is the registration's id).
        Registered = "registered",
        /// A registration was changed.
        Changed = "changed",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub at: Timestamp,
    pub actor: Actor,
    pub action: AuditAction,
    /// What was read or changed: an application's or a patient registration's id, or a card's masked number.
    pub subject: String,
}

#[async_trait]
pub trait AuditTrail: Send + Sync {
    async fn record(&self, entry: &AuditEntry) -> Result<(), StoreFailure>;
    /// Oldest first.
    async fn audit_entries(&self, subject: &str) -> Result<Vec<AuditEntry>, StoreFailure>;
}
