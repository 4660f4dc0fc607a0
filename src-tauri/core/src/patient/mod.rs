//! Patient registration at the front desk: identity (from a card or typed), the registration form, consent
//! and its versioned rules.

mod identity;

pub use identity::{Identity, RawIdentity};
