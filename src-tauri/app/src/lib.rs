//! The eHR Desk desktop shell: wires the core to its adapters, exposes them to the web UI as typed commands,
//! and does nothing else — every rule lives in `ehr-core`.

pub mod bindings;
mod commands;
mod error;
mod logging;
mod state;

pub use error::IpcError;

use tauri::Manager;
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};

use crate::state::AppState;

/// Starts the desktop app. Failing to start (no data folder, a database that cannot be opened) is reported
/// in the log and on standard error, and the process exits with status 1.
pub fn run() {
    let builder = bindings::builder();
    let result = tauri::Builder::default()
        // Save dialogs are opened from Rust; the webview is granted none of the plugin's own commands.
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(builder.invoke_handler())
        .setup(|app| {
            let log_dir = app.path().app_log_dir()?;
            let guard = logging::init(&log_dir)?;
            app.manage(guard);
            let data_dir = app.path().app_data_dir()?;
            let state = match tauri::async_runtime::block_on(AppState::open(&data_dir)) {
                Ok(state) => state,
                Err(error) => {
                    // A person started the app, not a terminal: say why it cannot open, in a window.
                    tracing::error!(error = %error, "cannot open the app's data");
                    app.dialog()
                        .message(format!("eHR Desk cannot open its data.\n\n{error}"))
                        .title("eHR Desk")
                        .kind(MessageDialogKind::Error)
                        .blocking_show();
                    return Err(error.into());
                }
            };
            app.manage(state);
            tracing::info!(version = env!("CARGO_PKG_VERSION"), "eHR Desk started");
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(error) = result {
        tracing::error!(error = %error, "eHR Desk stopped with an error");
        eprintln!("eHR Desk could not start: {error}");
        std::process::exit(1);
    }
}
