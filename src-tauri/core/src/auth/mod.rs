//! Who is acting: accounts, sign-in, the roles a person holds and the one table of what each role may do.

mod secret;

pub use secret::{Password, RecoveryKey};
