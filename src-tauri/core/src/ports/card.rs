//! The card-reading port: what the front desk sees of the reader at all times, and what a read gives.
//!
//! The adapter (PC/SC with card profiles, or an authorised reading component run as a program) keeps the
//! state current by itself — readers plugged in or out, the reader service restarted, cards pulled — so the UI
//! only ever shows [`ReaderState`] and asks for [`IdentityReader::read_identity`].

use std::sync::mpsc::Receiver;

use serde::{Deserialize, Serialize};

use crate::coded::coded_enum;
use crate::issue::{ErrorCode, Issue};
use crate::patient::Identity;

coded_enum! {
    /// Where the reader stands, in the order a front desk meets them.
    pub enum ReaderPhase {
        /// The PC/SC service (pcscd, the Windows smart card service) is not running.
        NoService = "no_service",
        /// The service runs but no reader is attached.
        NoReader = "no_reader",
        /// A reader is attached, with no card in it.
        Ready = "ready",
        /// A card is in the selected reader and has not been read yet.
        CardPresent = "card_present",
        Reading = "reading",
        /// The card in the reader was read; its fields went to whoever asked.
        Read = "read",
        /// The card in the reader is not an identity card this installation can read.
        NotRecognised = "not_recognised",
        /// The last attempt failed; `problem` says why. Clears by itself when the cause goes away.
        Error = "error",
    }
}

coded_enum! {
    /// Where identity fields came from: shown beside each field the form pre-filled, and kept in the register.
    pub enum IdentitySource {
        Card = "card",
        /// An authorised reading component run as a separate program.
        ExternalReader = "external_reader",
        Manual = "manual",
    }
}

/// What the UI shows of the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReaderState {
    pub phase: ReaderPhase,
    /// Every reader attached, by its PC/SC name.
    pub readers: Vec<String>,
    /// The reader cards are read from; the first one unless the user chose another.
    pub selected: Option<String>,
    /// Why the phase is `error` or `not_recognised`.
    pub problem: Option<ErrorCode>,
}

impl ReaderState {
    pub fn new(phase: ReaderPhase) -> Self {
        ReaderState {
            phase,
            readers: Vec::new(),
            selected: None,
            problem: None,
        }
    }
}

/// Why a card could not be read. Never carries card data: these are logged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardFailure {
    #[error("the smart card service is not running")]
    NoService,
    #[error("no card reader is attached")]
    NoReader,
    #[error("no reader is named {0:?}")]
    UnknownReader(String),
    #[error("no card is in the reader")]
    NoCard,
    #[error("the card is not one this installation can read")]
    NotRecognised,
    #[error("the card was removed while it was being read")]
    Removed,
    /// The card answered, but not as its profile says: a status word or data that does not parse.
    #[error("the card's answer to {step} was malformed: {detail}")]
    Malformed { step: &'static str, detail: String },
    /// The card's fields were read but break the identity rules (a bad check digit, an impossible date).
    #[error("the card's fields are not valid: {}", .0.iter().map(|i| i.code.code()).collect::<Vec<_>>().join(", "))]
    InvalidFields(Vec<Issue>),
    #[error("the reader did not answer in time")]
    Timeout,
    /// The external reading component failed; `detail` is for the log, never for the screen.
    #[error("the external reading component failed: {detail}")]
    ExternalReader { detail: String },
    /// Any other reader or transport failure, for the log.
    #[error("the reader failed: {detail}")]
    Reader { detail: String },
}

impl CardFailure {
    pub fn code(&self) -> ErrorCode {
        match self {
            CardFailure::NoService => ErrorCode::CardNoService,
            CardFailure::NoReader => ErrorCode::CardNoReader,
            CardFailure::UnknownReader(_) => ErrorCode::CardUnknownReader,
            CardFailure::NoCard => ErrorCode::CardNoCard,
            CardFailure::NotRecognised => ErrorCode::CardNotRecognised,
            CardFailure::Removed => ErrorCode::CardRemoved,
            CardFailure::Malformed { .. } => ErrorCode::CardMalformed,
            CardFailure::InvalidFields(_) => ErrorCode::CardInvalidFields,
            CardFailure::Timeout => ErrorCode::CardTimeout,
            CardFailure::ExternalReader { .. } => ErrorCode::CardExternalReaderFailed,
            CardFailure::Reader { .. } => ErrorCode::CardReaderFailed,
        }
    }

    /// What the person at the desk is shown: the code, plus the field issues of a card with invalid fields.
    pub fn issues(&self) -> Vec<Issue> {
        match self {
            CardFailure::InvalidFields(fields) => std::iter::once(Issue::new(self.code()))
                .chain(fields.iter().cloned())
                .collect(),
            CardFailure::UnknownReader(name) => {
                vec![Issue::new(self.code()).with("reader", name)]
            }
            _ => vec![Issue::new(self.code())],
        }
    }
}

/// A reader of identity cards. Blocking: the app calls it off its async runtime.
pub trait IdentityReader: Send + Sync {
    /// The state now, for display.
    fn state(&self) -> ReaderState;
    /// The state now, then every change, until the reader is dropped. A reader that cannot watch (an
    /// external component owns the hardware) sends the state once and closes the channel.
    fn subscribe(&self) -> Receiver<ReaderState>;
    /// Chooses which attached reader cards are read from.
    fn select_reader(&self, name: &str) -> Result<(), CardFailure>;
    /// Reads the card in the selected reader: every field, or a failure — never part of a card.
    fn read_identity(&self) -> Result<Identity, CardFailure>;
}
