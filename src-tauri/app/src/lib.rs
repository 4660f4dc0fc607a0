//! The eHR Desk desktop shell: wires the core to its adapters, exposes them to the web UI as typed commands,
//! and does nothing else — every rule lives in `ehr-core`.

pub mod bindings;
mod card_desk;
mod changes;
pub mod commands;
mod daily_backup;
mod database;
mod error;
mod logging;
mod state;
mod strict;

pub use error::IpcError;

use std::sync::Arc;

use tauri::Manager;
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};

use crate::card_desk::CardDesk;
use crate::error::AppError;
use crate::state::{AppState, Boot};

/// The installation's identity reader, its state forwarded to the windows watching it.
fn card_desk() -> Result<Arc<CardDesk>, AppError> {
    let installed = ehr_card::installed_reader()?;
    let changes = installed.reader.subscribe();
    let desk = Arc::new(CardDesk::new(installed.reader, installed.source));
    let forward = Arc::clone(&desk);
    std::thread::Builder::new()
        .name("card-state-to-ui".into())
        .spawn(move || {
            for state in changes {
                forward.publish(&state);
            }
        })
        .map_err(|e| AppError::Thread(e.to_string()))?;
    Ok(desk)
}

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
            let opened = card_desk().and_then(|card| {
                let (location, failure) = match database::configured(&data_dir) {
                    Ok(location) => (location, None),
                    // A settings file that cannot be read: the unreachable screen, to enter it again.
                    Err(error) => (
                        database::local_file(&data_dir),
                        Some(database::failure_issue(&error)),
                    ),
                };
                let boot = Boot::new(data_dir.clone(), location.clone(), card.clone());
                if failure.is_some() {
                    boot.set_failure(failure);
                    return Ok((boot, None));
                }
                match tauri::async_runtime::block_on(AppState::open(&location, card)) {
                    Ok(state) => Ok((boot, Some(state))),
                    // An office database that cannot be reached is a screen (why, Retry, the settings), not
                    // an exit: the network or the server may come back, or the administrator points the app
                    // elsewhere. This computer's own file failing to open is fatal, as it always was.
                    Err(error) if matches!(location, ehr_store::Location::Postgres(_)) => {
                        boot.set_failure(Some(database::failure_issue(&error)));
                        Ok((boot, None))
                    }
                    Err(error) => Err(error),
                }
            });
            let (boot, state) = match opened {
                Ok(opened) => opened,
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
            app.manage(boot);
            if let Some(state) = state {
                app.manage(state);
            }
            // What a crash or a killed process left behind.
            commands::files::clear_previews(app.handle());
            tracing::info!(version = env!("CARGO_PKG_VERSION"), "eHR Desk started");
            Ok(())
        })
        .build(tauri::generate_context!())
        .map(|app| {
            app.run(|handle, event| {
                if let tauri::RunEvent::Exit = event {
                    commands::files::clear_previews(handle);
                }
            })
        });
    if let Err(error) = result {
        tracing::error!(error = %error, "eHR Desk stopped with an error");
        eprintln!("eHR Desk could not start: {error}");
        std::process::exit(1);
    }
}
