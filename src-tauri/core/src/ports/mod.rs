//! The ports: what the core needs from the outside world, as traits the adapter crates implement.

mod clock;
mod store;

pub use clock::{Clock, SystemClock};
pub use store::{ApplicationStore, PreferenceStore, StoreFailure};
