//! The ports: what the core needs from the outside world, as traits the adapter crates implement.

mod clock;
mod forms;
mod package;
mod store;

pub use clock::{Clock, SystemClock};
pub use forms::{ApplicationRenderer, RenderFailure};
pub use package::{PackageContents, PackageFailure, PackageFormat};
pub use store::{ApplicationStore, PreferenceStore, StoreFailure};
