//! The identity card reader: its state, the choice of reader, and reading a card into the form.

use ehr_core::patient::PatientForm;
use ehr_core::ports::ReaderState;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use crate::IpcError;
use crate::state::AppState;
use crate::strict::Strict;

/// Streams the reader's state to the UI: the current one at once, then every change.
#[tauri::command]
#[specta::specta]
pub fn watch_card_reader(state: State<'_, AppState>, on_state: Channel<ReaderState>) {
    state.card.watch(on_state);
}

#[tauri::command]
#[specta::specta]
pub fn select_card_reader(
    state: State<'_, AppState>,
    name: Strict<String>,
) -> Result<(), IpcError> {
    let name = name.get()?;
    state
        .card
        .reader
        .select_reader(&name)
        .map_err(|failure| IpcError::from(ehr_core::CoreError::from(failure)))
}

/// Reads the card in the selected reader (an audited read) and answers `form` with the card's identity
/// fields filled in and marked, citing the core's handle for the read (registering with it is how "from card"
/// is set); what was typed elsewhere stays.
#[tauri::command]
#[specta::specta]
pub async fn read_card_into_form(
    app: AppHandle,
    form: Strict<PatientForm>,
) -> Result<PatientForm, IpcError> {
    let form = form.get()?;
    // Reading a card takes a few hundred milliseconds of blocking PC/SC calls: off the async workers.
    let read = tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        tauri::async_runtime::block_on(async {
            let acting = state.acting().await?;
            let store = state.sealed(&acting);
            let patients = state.patients(&store, &acting);
            Ok::<_, IpcError>(
                patients
                    .read_card_into(state.card.reader.as_ref(), state.card.source, form)
                    .await?,
            )
        })
    });
    match read.await {
        Ok(result) => result,
        Err(error) => Err(IpcError::from(ehr_core::CoreError::Card(
            ehr_core::ports::CardFailure::Reader {
                detail: error.to_string(),
            },
        ))),
    }
}
