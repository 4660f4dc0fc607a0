//! Amendments to a registered HCP, each prepared against its registered application and printed for
//! signature and chop: the HCP/HSL Amendment Form (what changes, before → after), the Additional HSL Form
//! and the Withdrawal Request Form. Each has a status and a history, like an account request.

mod changes;
mod checks;
mod content;
mod document;
mod records;
pub mod sample;
mod service;

#[cfg(test)]
mod tests;

pub use changes::{AmendmentEffect, CHANGES_MAX, FieldChange, FieldChangeKind, changes, effects};
pub use checks::{AMENDABLE, check_amendable, saving_issues, submission_issues};
pub use content::AmendmentContent;
pub use document::{AmendmentDocument, changes_and_effects};
pub use records::{
    Amendment, AmendmentEvent, AmendmentHistoryEntry, AmendmentId, AmendmentKind, AmendmentStatus,
    AmendmentSummary,
};
pub use service::{AmendmentDetails, Amendments, SavedAmendment};
