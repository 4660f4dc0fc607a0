//! The card-reading port on PC/SC: APDUs, card profiles that turn a card's answers into identity fields, a
//! [`PcscReader`] whose watcher thread keeps the reader state current, and [`ExternalReader`] for an
//! authorised reading component run as a program (the real HKID chip is readable only that way).
//!
//! Card data is never logged: APDUs are logged only in their redacted form (see [`apdu::Redacted`]).

pub mod apdu;
pub mod external;
mod installed;
pub mod profile;
pub mod reader;
pub mod transport;

pub use external::ExternalReader;
pub use installed::{CARD_PROGRAM_VARIABLE, InstalledReader, installed_reader};
pub use reader::PcscReader;
