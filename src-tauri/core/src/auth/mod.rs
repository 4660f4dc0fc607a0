//! Who is acting: the office, its accounts, sign-in and the lock, the roles a person holds and the one table
//! of what each role may do. Every use case is given a [`Principal`] and asks it for a [`Permission`].

mod account;
mod permission;
mod principal;
mod role;
mod secret;
mod service;
mod session;
mod settings;
mod strength;

pub use account::{Account, AccountSummary, Office, UserId, UserName, full_name, office_name};
pub use permission::{Permission, permissions_of};
pub use principal::{Principal, workstation_name};
pub use role::{OfficeKind, Role};
pub use secret::{Password, RecoveryKey};
pub use service::{AccountStorage, Accounts, NewUser};
pub use session::Session;
pub use settings::{Range, SecuritySettings};
pub use strength::{
    PASSWORD_MIN_CHARS, PASSWORD_MIN_SCORE, PasswordStrength, password_strength, require_strong,
};
