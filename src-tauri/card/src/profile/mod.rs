//! Card profiles: how one kind of card is recognised (by its ATR) and read into identity fields.

mod atr;
mod record;
mod test_card;

pub use atr::historical_bytes;
pub use record::{MAX_BODY, parse_record, tag};
pub use test_card::TestCardProfile;

use ehr_core::patient::RawIdentity;
use ehr_core::ports::CardFailure;

use crate::transport::Transport;

/// One kind of identity card.
pub trait CardProfile: Send + Sync {
    fn name(&self) -> &'static str;
    /// Whether a card with this Answer To Reset is of this kind: decided before any command is sent, so a
    /// foreign card is shown as not recognised without being read.
    fn matches(&self, atr: &[u8]) -> bool;
    /// Every field as read, or a failure — never part of a card. The caller validates the fields.
    fn read(&self, transport: &mut dyn Transport) -> Result<RawIdentity, CardFailure>;
}

/// The profiles an installation knows, in the order they are tried.
pub fn known_profiles() -> Vec<Box<dyn CardProfile>> {
    vec![Box::new(TestCardProfile)]
}
