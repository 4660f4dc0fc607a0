//! Which identity reader this installation uses: an authorised reading component when one is configured,
//! otherwise PC/SC with the card profiles this release knows. The desktop app and the `ehr` command line
//! choose the same way, so a card reads alike in both.

use std::sync::Arc;
use std::time::Duration;

use ehr_core::ports::{CardFailure, IdentityReader, IdentitySource};

use crate::{ExternalReader, PcscReader};

/// Set to an authorised reading component (a program that prints the card's identity fields as JSON) to read
/// cards through it instead of PC/SC.
pub const CARD_PROGRAM_VARIABLE: &str = "EHR_DESK_CARD_PROGRAM";

/// How long the reading component may take: it may wait for the card's chip and its own authorisation.
const PROGRAM_TIMEOUT: Duration = Duration::from_secs(20);

/// The reader, and what the form marks as the source of the fields it fills.
pub struct InstalledReader {
    pub reader: Arc<dyn IdentityReader>,
    pub source: IdentitySource,
}

/// The reader configured by [`CARD_PROGRAM_VARIABLE`], or PC/SC (watching the readers from now on).
pub fn installed_reader() -> Result<InstalledReader, CardFailure> {
    if let Some(program) = std::env::var_os(CARD_PROGRAM_VARIABLE).filter(|p| !p.is_empty()) {
        return Ok(InstalledReader {
            reader: Arc::new(ExternalReader::new(program, PROGRAM_TIMEOUT)),
            source: IdentitySource::ExternalReader,
        });
    }
    Ok(InstalledReader {
        reader: Arc::new(PcscReader::new()?),
        source: IdentitySource::Card,
    })
}
