//! APDUs over PC/SC, and what PC/SC's errors mean for a read.

use std::ffi::CStr;
use std::time::{Duration, Instant};

use ehr_core::ports::CardFailure;
use pcsc::{Card, Context, State};

use crate::apdu::{Command, Response};
use crate::transport::Transport;

/// How long a failed transmit waits to learn whether the card was pulled: pcscd reports the removal about
/// 200 ms after the first failed exchange.
const REMOVAL_GRACE: Duration = Duration::from_millis(600);

/// A connected card, with its context and reader to tell a pulled card from a failing one.
pub struct PcscTransport<'a> {
    pub card: &'a Card,
    pub context: &'a Context,
    pub reader: &'a CStr,
}

impl Transport for PcscTransport<'_> {
    fn transmit(&mut self, command: &Command) -> Result<Response, CardFailure> {
        let mut buffer = [0u8; pcsc::MAX_BUFFER_SIZE];
        match self.card.transmit(&command.to_bytes(), &mut buffer) {
            // A card pulled while it answers: vpcd hands back nothing at all, other readers NotTransacted,
            // both before pcscd has noticed the card is gone.
            Ok([] | [_]) | Err(pcsc::Error::NotTransacted)
                if card_gone(self.context, self.reader) =>
            {
                Err(CardFailure::Removed)
            }
            Ok(answer) => Response::parse(answer),
            Err(error) => Err(failure(error)),
        }
    }
}

/// Whether the reader reports no card (or is gone) within [`REMOVAL_GRACE`].
fn card_gone(context: &Context, reader: &CStr) -> bool {
    let deadline = Instant::now() + REMOVAL_GRACE;
    let mut states = [pcsc::ReaderState::new(reader, State::UNAWARE)];
    loop {
        match context.get_status_change(Duration::from_millis(100), &mut states) {
            Ok(()) => {
                let event = states[0].event_state();
                if event.intersects(State::EMPTY | State::UNKNOWN | State::UNAVAILABLE) {
                    return true;
                }
                states[0].sync_current_state();
            }
            Err(pcsc::Error::Timeout) => {}
            Err(_) => return true,
        }
        if Instant::now() >= deadline {
            return false;
        }
    }
}

/// A PC/SC error as a read failure. The pcsc text goes into `detail`, which is only logged.
pub fn failure(error: pcsc::Error) -> CardFailure {
    use pcsc::Error as E;
    match error {
        E::RemovedCard => CardFailure::Removed,
        E::NoSmartcard => CardFailure::NoCard,
        E::NoService | E::ServiceStopped | E::CommError | E::InvalidHandle | E::Shutdown => {
            CardFailure::NoService
        }
        E::NoReadersAvailable => CardFailure::NoReader,
        E::Timeout => CardFailure::Timeout,
        other => CardFailure::Reader {
            detail: format!("PC/SC: {other}"),
        },
    }
}

/// Whether the reader service went away, so the context must be established again.
pub fn service_lost(error: pcsc::Error) -> bool {
    matches!(failure(error), CardFailure::NoService)
}
