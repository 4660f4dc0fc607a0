//! The ports: what the core needs from the outside world, as traits the adapter crates implement.

mod amendment;
mod audit;
mod card;
mod clock;
mod document;
mod files;
mod forms;
mod keys;
mod package;
mod secrets;
mod staff;
mod store;

pub use amendment::{AcceptedAmendment, AmendmentInsert, AmendmentStore};
pub use audit::{AuditAction, AuditEntry, AuditFields, AuditLink, AuditTrail};
pub use card::{CardFailure, IdentityReader, IdentitySource, ReaderPhase, ReaderState};
pub use clock::{Clock, SystemClock};
pub use document::DocumentInspector;
pub(crate) use files::write_then_record;
pub use files::{Destination, FileFailure};
pub use forms::{
    AccountRequestRenderer, AmendmentRenderer, ApplicationRenderer, PatientFormRenderer, PrintedBy,
    RenderFailure,
};
pub use keys::{KeyFailure, KeyVault, OfficeKey, PasswordHash, WrappedKey};
pub use package::{
    AmendmentPackage, AmendmentPackageFormat, PackageContents, PackageFailure, PackageFormat,
};
pub use secrets::{CipherFailure, DataCipher, SealedPlace};
pub use staff::{Progress, StaffStore, StaffWrite, Unwatched};
pub use store::{
    AccountStore, ApplicationStore, InsertFailure, LastChange, Listing, PatientStore, PatientWrite,
    PreferenceStore, Storage, StoreFailure, UnreadableRow, Updated,
};
