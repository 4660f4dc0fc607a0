//! The HCP registration application: the five steps' inputs and rules, the rules across steps, its status and
//! history, and the use cases that save, submit, export and import it.

mod declarations;
mod documents;
mod draft;
mod form;
mod hcp_information;
mod history;
mod hsl;
mod import;
mod people;
pub mod sample;
mod service;
mod status;

pub use declarations::Declarations;
pub use documents::{
    Attachment, AttachmentId, DocumentKind, MAX_ATTACHMENT_BYTES, MAX_FILE_NAME_CHARS, MediaType,
    describe_attachment, is_plain_file_name, sha256_hex,
};
pub use draft::{ApplicationDraft, ApplicationId, ApplicationSummary, FIRST_VERSION, SavedDraft};
pub use form::{ApplicationForm, Step};
pub use hcp_information::{HcpInformation, HcpInformationInput, HcpType};
pub use history::{Actor, HistoryEntry, HistoryEvent};
pub use hsl::{HslInput, RecordSystem};
pub use people::{Person, PersonInput, UserInformationInput};
pub use service::Applications;
pub use status::{ApplicationStatus, Submission, SubmissionChannel};
