//! The storage port. Adapters (SQLite, PostgreSQL) implement it; one conformance suite holds them to it.

use async_trait::async_trait;

use crate::application::{
    ApplicationDraft, ApplicationId, ApplicationSummary, Attachment, AttachmentId, HistoryEntry,
};
use crate::auth::{Account, Office, SecuritySettings, UserId, UserName};
use crate::issue::ErrorCode;
use crate::patient::{PatientId, PatientRecord, PatientRegistration, SearchTerms, StoredPatient};
use crate::ports::{AuditEntry, WrappedKey};

/// A storage failure, opaque to the core: the edge logs the source and shows the user a reference.
#[derive(Debug, thiserror::Error)]
#[error("storage failure: {0}")]
pub struct StoreFailure(#[source] pub Box<dyn std::error::Error + Send + Sync>);

impl StoreFailure {
    pub fn new(source: impl std::error::Error + Send + Sync + 'static) -> Self {
        StoreFailure(Box::new(source))
    }
}

/// Why a new application was not stored although the store works: what it would have duplicated. Told apart
/// from a failure so that two imports racing for one package get a worded answer, not a database's text.
#[derive(Debug, thiserror::Error)]
pub enum InsertFailure {
    #[error("an application with this id is already stored")]
    IdTaken,
    #[error("another application already has this reference")]
    ReferenceTaken,
    #[error("a document with one of these ids is already stored")]
    DocumentIdTaken,
    #[error(transparent)]
    Store(#[from] StoreFailure),
}

/// What an update against a version found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Updated {
    /// Written: the row is now at the next version.
    Saved,
    /// There is no such row.
    Missing,
    /// The row has moved past the version the change was made from: nothing was written. The last change's
    /// author and time, for the person whose change was refused.
    Stale(LastChange),
}

/// Who last changed a record, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastChange {
    pub actor: crate::application::Actor,
    pub at: crate::time::Timestamp,
    pub version: u64,
}

/// A stored row that cannot be read as what it should be (written by another program, an older bug, another
/// key). Named by table, position and (when it is well-formed) id, with a reason code: never its content.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnreadableRow {
    pub table: String,
    /// SQLite's rowid, or the adapter's equivalent: it names the row even when its id is unusable.
    pub row: i64,
    /// The row's id, only when it is a well-formed identifier (a forged one could carry anything).
    pub id: Option<String>,
    pub reason: ErrorCode,
}

/// What a list answers: the rows it could read, and those it skipped so that one bad row does not hide the
/// rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing<T> {
    pub items: Vec<T>,
    pub unreadable: Vec<UnreadableRow>,
}

/// Rows opened one by one: each either read or named as unreadable, in the order they came.
impl<T> FromIterator<Result<T, UnreadableRow>> for Listing<T> {
    fn from_iter<I: IntoIterator<Item = Result<T, UnreadableRow>>>(rows: I) -> Self {
        let mut listing = Listing {
            items: Vec::new(),
            unreadable: Vec::new(),
        };
        for row in rows {
            match row {
                Ok(item) => listing.items.push(item),
                Err(unreadable) => listing.unreadable.push(unreadable),
            }
        }
        listing
    }
}

/// Every change is written together with its history entry, in one transaction, so the history never
/// misses a change and never records one that did not happen.
#[async_trait]
pub trait ApplicationStore: Send + Sync {
    /// Stores a new application, the content of each of its documents (by id), and its first history entry,
    /// in one transaction; refused whole when its id, its reference or a document's id is already stored.
    async fn insert_application(
        &self,
        draft: &ApplicationDraft,
        contents: &[(AttachmentId, Vec<u8>)],
        entry: &HistoryEntry,
    ) -> Result<(), InsertFailure>;
    /// Replaces status, form, submission and last change, only if the stored row is still at
    /// `draft.version` (checked and written in one transaction); the row is then at `draft.version + 1`.
    async fn update_application(
        &self,
        draft: &ApplicationDraft,
        entry: &HistoryEntry,
    ) -> Result<Updated, StoreFailure>;
    /// The application with its documents' descriptions (not their content).
    async fn find_application(
        &self,
        id: &ApplicationId,
    ) -> Result<Option<ApplicationDraft>, StoreFailure>;
    /// Most recently changed first; rows that cannot be read are skipped and named.
    async fn list_applications(&self) -> Result<Listing<ApplicationSummary>, StoreFailure>;
    /// Removes the application, its documents and its history; `false` when there was none.
    async fn delete_application(&self, id: &ApplicationId) -> Result<bool, StoreFailure>;
    /// Adds a document and marks the application changed at `entry.at`; `false` when there is no such application.
    async fn add_document(
        &self,
        id: &ApplicationId,
        attachment: &Attachment,
        content: &[u8],
        entry: &HistoryEntry,
    ) -> Result<bool, StoreFailure>;
    /// `false` when the application has no such document.
    async fn remove_document(
        &self,
        id: &ApplicationId,
        attachment: &AttachmentId,
        entry: &HistoryEntry,
    ) -> Result<bool, StoreFailure>;
    async fn document_content(
        &self,
        id: &ApplicationId,
        attachment: &AttachmentId,
    ) -> Result<Option<Vec<u8>>, StoreFailure>;
    /// Oldest first.
    async fn history(&self, id: &ApplicationId) -> Result<Vec<HistoryEntry>, StoreFailure>;
    /// Records an export in one transaction: the history entry (the application last changed at
    /// `entry.at`) and the audit entry, so that neither is stored without the other; `false` when there is
    /// no such application.
    async fn record_export(
        &self,
        id: &ApplicationId,
        entry: &HistoryEntry,
        audit: &super::AuditEntry,
    ) -> Result<bool, StoreFailure>;
}

/// What writing a registration found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatientWrite {
    Saved,
    /// The registration has moved past the version the change was made from: nothing was written.
    Stale(LastChange),
    /// There is no such registration (an update).
    Missing,
    /// Another registration holds the same document and no override of the duplicate warning was given:
    /// refused by the database itself (two desks registering one person at the same moment).
    DuplicateDocument,
}

/// The register of patients registered at this clinic. Records hold personal data: adapters seal them, and
/// index them by the terms of [`IndexTerms`](crate::patient::IndexTerms), each kept only blinded (a keyed
/// HMAC), so that search and the duplicate check open only candidates.
#[async_trait]
pub trait PatientStore: Send + Sync {
    /// Stores a new registration, its index terms and its audit entry, in one transaction. Its document
    /// must be the register's only one unless `duplicate_allowed` (an override was recorded).
    async fn insert_patient(
        &self,
        record: &PatientRecord,
        duplicate_allowed: bool,
        audit: &super::AuditEntry,
    ) -> Result<PatientWrite, StoreFailure>;
    /// Replaces a registration and its index terms and appends its audit entry, in one transaction, only
    /// if the stored registration is still at `version` (it is then at `version + 1`).
    async fn update_patient(
        &self,
        record: &PatientRecord,
        version: u64,
        duplicate_allowed: bool,
        audit: &super::AuditEntry,
    ) -> Result<PatientWrite, StoreFailure>;
    /// The registration with the version it is at.
    async fn find_patient(&self, id: &PatientId) -> Result<Option<StoredPatient>, StoreFailure>;
    /// Every record, most recently registered first (a check of the whole database, an export). Records
    /// that cannot be opened are skipped and named.
    async fn list_patients(&self) -> Result<Listing<PatientRecord>, StoreFailure>;
    /// The candidates for a search, most recently registered first: every registration with all the terms
    /// of one of the groups (at most [`SEARCH_CANDIDATES_MAX`](crate::limits::SEARCH_CANDIDATES_MAX)), the
    /// [`REGISTER_RECENT_MAX`](crate::limits::REGISTER_RECENT_MAX) most recent for an empty query, or every
    /// one. The caller checks each exactly.
    async fn search_patients(
        &self,
        terms: &SearchTerms,
    ) -> Result<Listing<PatientRecord>, StoreFailure>;
    /// The registrations with the same document or the same name and date of birth as `registration`.
    async fn possible_duplicates(
        &self,
        registration: &PatientRegistration,
    ) -> Result<Listing<PatientRecord>, StoreFailure>;
}

/// Everything the use cases need from storage: applications, patients, staff, amendments and the audit
/// trail, written by the same backend so they live (and are backed up) together.
pub trait Storage:
    ApplicationStore + PatientStore + super::StaffStore + super::AmendmentStore + super::AuditTrail
{
}

impl<T> Storage for T where
    T: ApplicationStore
        + PatientStore
        + super::StaffStore
        + super::AmendmentStore
        + super::AuditTrail
{
}

/// The office, its accounts and the office key's wrappings. Each change is written with its audit entry in
/// one transaction.
#[async_trait]
pub trait AccountStore: Send + Sync {
    async fn office(&self) -> Result<Option<Office>, StoreFailure>;
    /// Records the office, its first administrator with the office key wrapped for them, and the recovery
    /// wrapping, with `audit`, in one transaction; `false` (and nothing written) when an office is already
    /// set up.
    async fn set_up_office(
        &self,
        office: &Office,
        admin: &Account,
        admin_key: &WrappedKey,
        recovery_key: &WrappedKey,
        audit: &AuditEntry,
    ) -> Result<bool, StoreFailure>;
    async fn account(&self, id: &UserId) -> Result<Option<Account>, StoreFailure>;
    async fn account_by_name(&self, name: &UserName) -> Result<Option<Account>, StoreFailure>;
    /// Every account, by user name.
    async fn accounts(&self) -> Result<Vec<Account>, StoreFailure>;
    /// Adds an account with the office key wrapped for it; `false` (nothing written) when its user name is
    /// taken.
    async fn insert_account(
        &self,
        account: &Account,
        key: &WrappedKey,
        audit: &AuditEntry,
    ) -> Result<bool, StoreFailure>;
    /// Replaces the account's row (and its key wrapping, when given) and appends `audit`, in one transaction.
    async fn update_account(
        &self,
        account: &Account,
        key: Option<&WrappedKey>,
        audit: &AuditEntry,
    ) -> Result<(), StoreFailure>;
    /// The office key wrapped for this user.
    async fn wrapped_key(&self, id: &UserId) -> Result<Option<WrappedKey>, StoreFailure>;
    /// The office key wrapped by the recovery key.
    async fn recovery_wrapped_key(&self) -> Result<Option<WrappedKey>, StoreFailure>;
    /// The stored settings, or the defaults.
    async fn security_settings(&self) -> Result<SecuritySettings, StoreFailure>;
    async fn set_security_settings(
        &self,
        settings: &SecuritySettings,
        audit: &AuditEntry,
    ) -> Result<(), StoreFailure>;
}

/// Small per-installation settings, by key.
#[async_trait]
pub trait PreferenceStore: Send + Sync {
    async fn preference(&self, key: &str) -> Result<Option<String>, StoreFailure>;
    async fn set_preference(&self, key: &str, value: &str) -> Result<(), StoreFailure>;
}
