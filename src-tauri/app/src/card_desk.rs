//! The reader at the front desk, as the UI sees it: the configured identity reader, its latest state, and the
//! windows watching it (each through an IPC channel, so the webview needs no event permission).

use std::sync::{Arc, Mutex, PoisonError};

use ehr_core::ports::{IdentityReader, IdentitySource, ReaderState};
use tauri::ipc::Channel;

pub struct CardDesk {
    pub reader: Arc<dyn IdentityReader>,
    /// What the form marks as the fields' source after a read.
    pub source: IdentitySource,
    watchers: Mutex<Vec<Channel<ReaderState>>>,
}

impl CardDesk {
    pub fn new(reader: Arc<dyn IdentityReader>, source: IdentitySource) -> Self {
        CardDesk {
            reader,
            source,
            watchers: Mutex::new(Vec::new()),
        }
    }

    /// Sends the state now, then every change.
    pub fn watch(&self, channel: Channel<ReaderState>) {
        if channel.send(self.reader.state()).is_ok() {
            self.watchers
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(channel);
        }
    }

    /// Passes a change on; a window that has gone (reloaded, closed) is dropped.
    pub fn publish(&self, state: &ReaderState) {
        self.watchers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|channel| channel.send(state.clone()).is_ok());
    }
}
