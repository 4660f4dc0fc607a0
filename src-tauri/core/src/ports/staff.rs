//! The staff port: the HCP's staff list, sealed at rest and indexed by a blind index of each HKID, and the
//! User Account Creation Requests with their history.

use async_trait::async_trait;

use super::{AuditEntry, Listing, StoreFailure, Updated};
use crate::application::ApplicationId;
use crate::staff::{
    AccountRequest, RequestHistoryEntry, RequestId, StaffId, StaffRecord, StoredStaff,
};
use crate::validation::Hkid;

/// What writing staff found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffWrite {
    Saved,
    /// The HCP's staff list already has this HKID (the one at this position of the batch): nothing written.
    Duplicate(usize),
    /// The progress said stop before the end: nothing written.
    Cancelled,
}

/// Told how far a long write has gone, and asked whether to go on.
pub trait Progress: Send + Sync {
    fn advanced(&self, done: usize, total: usize);
    /// Checked between chunks: `true` rolls everything back.
    fn cancelled(&self) -> bool;
}

/// A progress nobody watches.
pub struct Unwatched;

impl Progress for Unwatched {
    fn advanced(&self, _done: usize, _total: usize) {}
    fn cancelled(&self) -> bool {
        false
    }
}

#[async_trait]
pub trait StaffStore: Send + Sync {
    /// Adds every record (sealed, with the blind index of its HKID) and `audit`, in one transaction: all or
    /// none. A record whose HKID the HCP's list already has (or an earlier one of the batch) refuses the
    /// batch; so does `progress` saying cancel.
    async fn insert_staff(
        &self,
        records: &[StaffRecord],
        audit: &AuditEntry,
        progress: &dyn Progress,
    ) -> Result<StaffWrite, StoreFailure>;
    /// Replaces a record and appends `audit`, only if it is still at `version`.
    async fn update_staff(
        &self,
        record: &StaffRecord,
        version: u64,
        audit: &AuditEntry,
    ) -> Result<Updated, StoreFailure>;
    async fn find_staff(&self, id: &StaffId) -> Result<Option<StoredStaff>, StoreFailure>;
    /// The staff of one HCP, or of every HCP, by English name. Records that cannot be opened are named.
    async fn list_staff(
        &self,
        hcp: Option<&ApplicationId>,
    ) -> Result<Listing<StoredStaff>, StoreFailure>;
    /// The HCPs whose staff list has this HKID, looked up by its blind index (nobody else is opened).
    async fn hcps_with_staff(&self, hkid: &Hkid) -> Result<Vec<ApplicationId>, StoreFailure>;

    /// Stores a new request with its first history entry.
    async fn insert_request(
        &self,
        request: &AccountRequest,
        entry: &RequestHistoryEntry,
    ) -> Result<(), StoreFailure>;
    /// Replaces a request (items, status) with a history entry, only if it is still at `request.version`.
    async fn update_request(
        &self,
        request: &AccountRequest,
        entry: &RequestHistoryEntry,
    ) -> Result<Updated, StoreFailure>;
    async fn find_request(&self, id: &RequestId) -> Result<Option<AccountRequest>, StoreFailure>;
    /// Most recently changed first.
    async fn list_requests(&self) -> Result<Vec<AccountRequest>, StoreFailure>;
    /// Oldest first.
    async fn request_history(
        &self,
        id: &RequestId,
    ) -> Result<Vec<RequestHistoryEntry>, StoreFailure>;
    /// Records a print: the history entry and the audit entry, in one transaction.
    async fn record_request_print(
        &self,
        id: &RequestId,
        entry: &RequestHistoryEntry,
        audit: &AuditEntry,
    ) -> Result<bool, StoreFailure>;
}
