//! The change feed: windows re-read what they show when another workstation saved.

use tauri::State;
use tauri::ipc::Channel;

use crate::changes::StoreChanged;
use crate::state::AppState;

/// Streams every change saved to the database from now on (by any workstation, this one included): a kind
/// and an id, nothing of the record, which the window re-reads through the guarded commands.
#[tauri::command]
#[specta::specta]
pub fn watch_store_changes(state: State<'_, AppState>, on_change: Channel<StoreChanged>) {
    state.changes.watch(on_change);
}
