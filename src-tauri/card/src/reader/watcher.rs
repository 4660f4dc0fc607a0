//! The background thread that keeps the reader state current: readers plugged in or out (through pcscd's
//! `\\?PnP?\Notification` pseudo-reader), cards inserted or pulled, and the service itself going away and
//! coming back, after which the context is established again.

use std::ffi::CString;
use std::time::Duration;

use pcsc::{Context, PNP_NOTIFICATION, ReaderState as PcscState, Scope, State};

use super::Shared;
use super::model::CardSeen;
use super::pcsc_transport::service_lost;

/// How long one wait for a change lasts: bounds how late the thread notices that it should stop.
pub const POLL: Duration = Duration::from_millis(200);
const FIRST_RETRY: Duration = Duration::from_millis(100);
const LAST_RETRY: Duration = Duration::from_millis(800);

pub fn run(shared: &Shared) {
    let mut retry = FIRST_RETRY;
    while !shared.stopping() {
        match Context::establish(Scope::User) {
            Ok(context) => {
                retry = FIRST_RETRY;
                watch(shared, &context);
                tracing::info!("the smart card service went away; waiting for it to return");
            }
            Err(error) => {
                tracing::trace!(%error, "no smart card service yet");
                shared.update(|model| model.no_service());
                shared.settle();
            }
        }
        shared.update(|model| model.no_service());
        shared.pause(retry);
        retry = (retry * 2).min(LAST_RETRY);
    }
}

/// Follows one context until the service goes away or the reader is dropped.
fn watch(shared: &Shared, context: &Context) {
    let mut states = vec![PcscState::new(PNP_NOTIFICATION(), State::UNAWARE)];
    while !shared.stopping() {
        let names = match context.list_readers_owned() {
            Ok(names) => names,
            Err(pcsc::Error::NoReadersAvailable) => Vec::new(),
            Err(error) if service_lost(error) => return,
            Err(error) => {
                tracing::warn!(%error, "cannot list the card readers");
                shared.pause(POLL);
                continue;
            }
        };
        let pnp = PNP_NOTIFICATION();
        states.retain(|s| s.name() == pnp || names.iter().any(|n| n.as_c_str() == s.name()));
        for name in &names {
            if !states.iter().any(|s| s.name() == name.as_c_str()) {
                states.push(PcscState::new(name.clone(), State::UNAWARE));
            }
        }
        shared.update(|model| model.set_readers(names.iter().map(display_name).collect()));
        if !wait_for_changes(shared, context, &mut states) {
            return;
        }
    }
}

/// Publishes every card change until the reader list changes (true) or the service is lost (false).
fn wait_for_changes(shared: &Shared, context: &Context, states: &mut [PcscState]) -> bool {
    loop {
        if shared.stopping() {
            return false;
        }
        for state in states.iter_mut() {
            state.sync_current_state();
        }
        match context.get_status_change(POLL, states) {
            Ok(()) => {}
            Err(pcsc::Error::Timeout) => continue,
            Err(error) if service_lost(error) => return false,
            Err(error) => {
                // An unknown reader: one was unplugged between listing and waiting. List again.
                tracing::debug!(%error, "waiting for reader changes failed; listing readers again");
                return true;
            }
        }
        let pnp = PNP_NOTIFICATION();
        let mut readers_changed = false;
        shared.update(|model| {
            for state in states.iter() {
                let event = state.event_state();
                if state.name() == pnp {
                    readers_changed |= event.contains(State::CHANGED);
                } else if event.intersects(State::UNKNOWN | State::IGNORE) {
                    readers_changed = true;
                } else {
                    let card = event.contains(State::PRESENT).then(|| CardSeen {
                        atr: state.atr().to_vec(),
                        insertion: state.event_count(),
                    });
                    model.set_card(&display_name(&CString::from(state.name())), card);
                }
            }
        });
        shared.settle();
        if readers_changed {
            return true;
        }
    }
}

fn display_name(name: &CString) -> String {
    name.to_string_lossy().into_owned()
}
