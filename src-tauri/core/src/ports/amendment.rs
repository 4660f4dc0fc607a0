//! The amendment port: amendments to registered HCPs (HCP/HSL amendments, additional HSLs, withdrawals) with
//! their history.
//!
//! An amendment's content names people — user administrators, the authorised person — with their HKIDs:
//! adapters SEAL it at rest (as staff records), and keep in clear only what lists and indexes need (id,
//! reference, HCP, kind, status, times, version).

use async_trait::async_trait;

use super::{AuditEntry, Listing, StoreFailure, Updated};
use crate::amendment::{Amendment, AmendmentHistoryEntry, AmendmentId};
use crate::application::{ApplicationDraft, ApplicationForm, ApplicationId, HistoryEntry};

/// The Registration Office's acceptance of an amendment, recorded here and applied to the registration it
/// amends, in one transaction.
#[derive(Debug, Clone, Copy)]
pub struct AcceptedAmendment<'a> {
    /// Accepted, at the version it was read at.
    pub amendment: &'a Amendment,
    pub entry: &'a AmendmentHistoryEntry,
    /// The registration's form as it stood: kept, sealed, so that what the amendment changed is still shown.
    pub before: &'a ApplicationForm,
    /// The registration as amended, at the version it was read at.
    pub applied: &'a ApplicationDraft,
    pub applied_entry: &'a HistoryEntry,
}

/// What storing a new amendment found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmendmentInsert {
    Saved,
    /// The HCP has an open amendment of this kind already: nothing was written.
    AlreadyOpen,
}

/// Every change is written with its history entry in one transaction, as an application's.
#[async_trait]
pub trait AmendmentStore: Send + Sync {
    /// Stores a new amendment (its content sealed) with its first history entry; refused, with nothing
    /// written, when its HCP already has an open one of a kind open only one at a time
    /// ([`AmendmentKind::one_open_at_a_time`](crate::amendment::AmendmentKind::one_open_at_a_time)).
    async fn insert_amendment(
        &self,
        amendment: &Amendment,
        entry: &AmendmentHistoryEntry,
    ) -> Result<AmendmentInsert, StoreFailure>;
    /// Replaces an amendment (content, status, submission day, last change) with a history entry, only if
    /// the stored row is still at `amendment.version` (checked and written in one transaction); the row is
    /// then at `amendment.version + 1`.
    async fn update_amendment(
        &self,
        amendment: &Amendment,
        entry: &AmendmentHistoryEntry,
    ) -> Result<Updated, StoreFailure>;
    /// Records an acceptance and applies it: the amendment and its registration, each only if still at its
    /// version (else nothing is written, and the first refusal is answered), with both histories.
    async fn accept_amendment(
        &self,
        accepted: &AcceptedAmendment<'_>,
    ) -> Result<Updated, StoreFailure>;
    /// The registration's form as it stood when the amendment was accepted; `None` before.
    async fn amendment_before(
        &self,
        id: &AmendmentId,
    ) -> Result<Option<ApplicationForm>, StoreFailure>;
    /// The amendment, opened, at the version it is stored at.
    async fn find_amendment(&self, id: &AmendmentId) -> Result<Option<Amendment>, StoreFailure>;
    /// The amendments of one HCP, or of every HCP, most recently changed first. Rows that cannot be opened
    /// are skipped and named.
    async fn list_amendments(
        &self,
        hcp: Option<&ApplicationId>,
    ) -> Result<Listing<Amendment>, StoreFailure>;
    /// Oldest first.
    async fn amendment_history(
        &self,
        id: &AmendmentId,
    ) -> Result<Vec<AmendmentHistoryEntry>, StoreFailure>;
    /// Records an export to a package: the history entry (the amendment last changed at `entry.at`) and the
    /// audit entry, in one transaction; `false` (nothing written) when there is no such amendment.
    async fn record_amendment_export(
        &self,
        id: &AmendmentId,
        entry: &AmendmentHistoryEntry,
        audit: &AuditEntry,
    ) -> Result<bool, StoreFailure>;
    /// Records a print: the history entry and the audit entry, in one transaction; `false` (nothing written)
    /// when there is no such amendment.
    async fn record_amendment_print(
        &self,
        id: &AmendmentId,
        entry: &AmendmentHistoryEntry,
        audit: &AuditEntry,
    ) -> Result<bool, StoreFailure>;
}
