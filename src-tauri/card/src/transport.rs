//! What a card profile talks to: one APDU out, one response back.

use ehr_core::ports::CardFailure;

use crate::apdu::{Command, Redacted, Response};

/// A connection to one card. The PC/SC implementation maps a pulled card to [`CardFailure::Removed`] and a
/// dead reader service to [`CardFailure::NoService`]; status words come back as responses, never as errors.
pub trait Transport {
    fn transmit(&mut self, command: &Command) -> Result<Response, CardFailure>;
}

/// Sends a command and logs the exchange, redacted, at trace level.
pub fn exchange(
    transport: &mut dyn Transport,
    step: &'static str,
    command: &Command,
) -> Result<Response, CardFailure> {
    let outcome = transport.transmit(command);
    match &outcome {
        Ok(response) => tracing::trace!(
            step,
            "{}",
            Redacted {
                command,
                response: Some(response)
            }
        ),
        Err(failure) => {
            tracing::debug!(step, %failure, "{}", Redacted { command, response: None });
        }
    }
    outcome
}
