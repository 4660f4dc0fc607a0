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
        /// The office was set up and its first administrator created (the subject is the office's kind).
        OfficeSetUp = "office_set_up",
        /// A user signed in (the subject, for this and the account events below, is the user name).
        SignedIn = "signed_in",
        SignedOut = "signed_out",
        /// The screen was locked (by the user or after idle time); the office key left memory.
        SessionLocked = "session_locked",
        SessionUnlocked = "session_unlocked",
        /// A wrong password, or a user name no account has (the subject is then `(unknown user)`: what was
        /// typed may be a password typed in the wrong field).
        SignInFailed = "sign_in_failed",
        /// Too many wrong passwords in a row locked the account.
        AccountLocked = "account_locked",
        UserAdded = "user_added",
        RolesChanged = "roles_changed",
        UserDisabled = "user_disabled",
        UserEnabled = "user_enabled",
        PasswordChanged = "password_changed",
        /// An administrator chose a new password for the user, who must change it at next sign-in.
        PasswordReset = "password_reset",
        /// An administrator's password was set anew with the office's recovery key.
        Recovered = "recovered",
        /// The security settings were changed (the subject is `office`).
        SettingsChanged = "settings_changed",
        /// A member was added to an HCP's staff list (the subject is the staff id).
        StaffAdded = "staff_added",
        StaffChanged = "staff_changed",
        /// A member was recorded as having left the HCP.
        StaffLeft = "staff_left",
        /// Staff were imported from a file (the subject is the HCP's application id and the count).
        StaffImported = "staff_imported",
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

/// An entry's fields as stored, unparsed: what its chain hash covers. (An action code no release knows, written
/// by another program, is still hashed and shown, so `ehr audit verify` names the entry instead of failing.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditFields {
    pub at: Timestamp,
    pub actor: Actor,
    pub action: String,
    pub subject: String,
}

impl From<&AuditEntry> for AuditFields {
    fn from(entry: &AuditEntry) -> Self {
        AuditFields {
            at: entry.at,
            actor: entry.actor.clone(),
            action: entry.action.code().to_owned(),
            subject: entry.subject.clone(),
        }
    }
}

/// One place in the stored chain, by the entry's id (ascending, not necessarily contiguous): the entry and
/// the hash stored for it. Either is `None` only when something outside the product removed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLink {
    pub id: i64,
    pub fields: Option<AuditFields>,
    pub hash: Option<Vec<u8>>,
}

#[async_trait]
pub trait AuditTrail: Send + Sync {
    /// Appends `entry` and its chain hash ([`crate::audit::chain_hash`]) in one transaction that holds the
    /// write lock before it reads the previous hash, so two writers cannot fork the chain.
    async fn record(&self, entry: &AuditEntry) -> Result<(), StoreFailure>;
    /// Oldest first.
    async fn audit_entries(&self, subject: &str) -> Result<Vec<AuditEntry>, StoreFailure>;
    /// At most `limit` links with an id above `after`, ascending: the whole trail, page by page.
    async fn audit_links(&self, after: i64, limit: u32) -> Result<Vec<AuditLink>, StoreFailure>;
}
