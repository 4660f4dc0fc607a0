//! The user administrator's work on the HCP's staff: the staff list (sealed at rest, HKIDs blind-indexed),
//! the 13 professions as data, registrations and their expiry, the bulk import's checks, and User Account
//! Creation Requests.

mod expiry;
mod import;
mod member;
mod professions;
mod registration;
mod request_service;
mod requests;
pub mod sample;
mod service;

#[cfg(test)]
mod tests;

pub use expiry::{
    EXPIRY_WINDOW_DAYS, EXPIRY_WINDOW_MAX_DAYS, ExpiringRegistration, ExpiryState, expiring,
};
pub use import::{
    CheckedImport, ImportPreview, ImportProblem, ImportRow, PreviewRow, StaffColumn, check_rows,
    fingerprint, template_header,
};
pub use member::{
    AccountType, HcpContext, StaffForm, StaffId, StaffMember, StaffRecord, StaffSummary,
    StoredStaff, hsl_names_of,
};
pub use professions::{NumberFormat, ProfessionGroup, ProfessionGroups, RegisterPart};
pub use registration::{Registration, RegistrationInput};
pub use request_service::{AccountRequests, RequestDetails};
pub use requests::{
    AccountRequest, AccountRequestDocument, RequestAction, RequestEvent, RequestHistoryEntry,
    RequestId, RequestItem, RequestLine, RequestStatus,
};
pub use service::{ImportCancel, ImportOutcome, StaffDesk, StaffFilter};
