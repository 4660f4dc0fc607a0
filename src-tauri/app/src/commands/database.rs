//! "Office database": where the data is, a connection test, and switching to another database. The
//! administrator's commands need `database.maintain`; the joining ones (a fresh workstation connecting to an
//! office whose database exists, or a workstation whose office database cannot be reached) need no sign-in
//! but are refused once the database in use has an office set up.

use ehr_core::auth::Permission;
use ehr_core::{CoreError, ErrorCode, Issue};
use ehr_store::{Location, Store, StoreError};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::IpcError;
use crate::database::{self, MAX_PASSWORD_CHARS};
use crate::state::{AppState, Boot};

/// Where the data is, as the settings screen shows it (a URL never holds a password).
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum DatabaseWhere {
    /// This computer's SQLite file.
    File,
    #[serde(rename_all = "camelCase")]
    Postgres { url: String, password_kept: bool },
}

/// Whether the app's database is open, or why not.
#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase", tag = "phase")]
pub enum StartupState {
    Ready,
    /// The office database cannot be reached: the screen says why, with Retry and the settings.
    Unreachable {
        database: DatabaseWhere,
        issue: Issue,
    },
}

/// What a switch answers: where the data will be, and whether the app must be started again to use it.
#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Switched {
    pub database: DatabaseWhere,
    pub restart_needed: bool,
}

fn where_of(location: &Location) -> DatabaseWhere {
    match location {
        Location::File(_) => DatabaseWhere::File,
        Location::Postgres(url) => DatabaseWhere::Postgres {
            url: url.clone(),
            password_kept: matches!(database::kept_password(location), Ok(Some(_))),
        },
    }
}

fn startup(boot: &Boot) -> StartupState {
    match boot.failure() {
        None => StartupState::Ready,
        Some(issue) => StartupState::Unreachable {
            database: where_of(&boot.location()),
            issue,
        },
    }
}

fn bounded_password(password: Option<String>) -> Result<Option<String>, IpcError> {
    match password {
        Some(p) if p.chars().count() > MAX_PASSWORD_CHARS => {
            Err(Issue::new(ErrorCode::DatabaseUrlInvalid)
                .at("password")
                .into())
        }
        Some(p) if p.is_empty() => Ok(None),
        other => Ok(other),
    }
}

/// The connection test: the server's version, or the typed reason it cannot be reached. A typed password
/// is tried; without one, the one kept in the keyring.
async fn try_connect(location: &Location, typed: Option<&str>) -> Result<String, IpcError> {
    let Location::Postgres(url) = location else {
        return Ok(String::new());
    };
    let kept = match typed {
        Some(_) => None,
        None => database::kept_password(location).map_err(|e| keyring_failed(&e))?,
    };
    let password = typed.or(kept.as_ref().map(|p| p.as_str()));
    Store::try_postgres(url, password)
        .await
        .map_err(|error| match error {
            StoreError::Unreachable { reason, .. } => Issue::new(reason.code()).at("url").into(),
            other => IpcError::from(CoreError::Storage(other.into())),
        })
}

/// The keyring could not be read or written: the reason goes to the log, the person gets its reference.
fn keyring_failed(error: &(dyn std::error::Error + 'static)) -> IpcError {
    tracing::error!(error = %ehr_core::error::describe_chain(error), "the database password's keyring entry failed");
    Issue::new(ErrorCode::Internal)
        .with("reference", "KEYRING")
        .into()
}

/// Tests, then keeps: the password in the keyring (never in the file), the URL in the settings file.
async fn switch(boot: &Boot, location: Location, password: Option<String>) -> Result<(), IpcError> {
    try_connect(&location, password.as_deref()).await?;
    if let (Some(name), Some(password)) = (location.credential_name(), &password) {
        ehr_secrets::remember_database_password(ehr_core::APP_IDENTIFIER, &name, password)
            .map_err(|e| keyring_failed(&e))?;
    }
    database::save(&boot.data_dir, &location).map_err(|error| {
        let reference = crate::error::new_reference();
        tracing::error!(%reference, %error, "cannot write the database settings file");
        IpcError::from(Issue::new(ErrorCode::Internal).with("reference", reference))
    })?;
    *boot
        .location
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = location;
    Ok(())
}

/// Opens the database the settings file says (read again: it may have been fixed) and makes the app's
/// state of it; answers whether it is open now.
async fn open_configured(app: &AppHandle, boot: &Boot) -> StartupState {
    let opened = match database::configured(&boot.data_dir) {
        Ok(location) => {
            *boot
                .location
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = location.clone();
            AppState::open(&location, boot.card.clone()).await
        }
        Err(error) => Err(error),
    };
    match opened {
        Ok(state) => {
            app.manage(state);
            boot.set_failure(None);
        }
        Err(error) => boot.set_failure(Some(database::failure_issue(&error))),
    }
    startup(boot)
}

/// Refused with `storage.office_set_up` once the database in use has an office: joining is for a workstation
/// with nothing of its own yet, or whose office database cannot be reached.
async fn may_join(app: &AppHandle, boot: &Boot) -> Result<(), IpcError> {
    if boot.failure().is_some() {
        return Ok(());
    }
    let Some(state) = app.try_state::<AppState>() else {
        return Ok(());
    };
    match state.accounts().office().await? {
        None => Ok(()),
        Some(_) => Err(Issue::new(ErrorCode::DatabaseOfficeSetUp).into()),
    }
}

/// Whether the database opened, or why not (the first thing the UI asks).
#[tauri::command]
#[specta::specta]
pub fn startup_state(boot: State<'_, Boot>) -> StartupState {
    startup(&boot)
}

/// Tries the configured office database again (after the network or the server came back).
#[tauri::command]
#[specta::specta]
pub async fn retry_database(
    app: AppHandle,
    boot: State<'_, Boot>,
) -> Result<StartupState, IpcError> {
    if boot.failure().is_none() {
        return Ok(StartupState::Ready);
    }
    Ok(open_configured(&app, &boot).await)
}

/// Where the data is now, for the administrator's "Office database" screen.
#[tauri::command]
#[specta::specta]
pub async fn database_settings(state: State<'_, AppState>) -> Result<DatabaseWhere, IpcError> {
    let acting = state.acting().await?;
    acting.principal().require(Permission::DatabaseMaintain)?;
    Ok(where_of(&state.location()))
}

/// The connection test for an office database typed by the administrator: the server's version.
#[tauri::command]
#[specta::specta]
pub async fn test_database(
    state: State<'_, AppState>,
    boot: State<'_, Boot>,
    url: String,
    password: Option<String>,
) -> Result<String, IpcError> {
    let acting = state.acting().await?;
    acting.principal().require(Permission::DatabaseMaintain)?;
    drop(acting);
    let location = database::parse(&boot.data_dir, &url, "url")?;
    try_connect(&location, bounded_password(password)?.as_deref()).await
}

/// Makes the typed database the one the app opens from its next start (an empty URL: this computer's file).
#[tauri::command]
#[specta::specta]
pub async fn use_database(
    state: State<'_, AppState>,
    boot: State<'_, Boot>,
    url: String,
    password: Option<String>,
) -> Result<Switched, IpcError> {
    let acting = state.acting().await?;
    acting.principal().require(Permission::DatabaseMaintain)?;
    drop(acting);
    let location = database::parse(&boot.data_dir, &url, "url")?;
    let restart_needed = location != state.location();
    switch(&boot, location.clone(), bounded_password(password)?).await?;
    Ok(Switched {
        database: where_of(&location),
        restart_needed,
    })
}

/// The connection test before joining an office's database (no sign-in: see the module's note).
#[tauri::command]
#[specta::specta]
pub async fn test_office_database(
    app: AppHandle,
    boot: State<'_, Boot>,
    url: String,
    password: Option<String>,
) -> Result<String, IpcError> {
    may_join(&app, &boot).await?;
    let location = database::parse(&boot.data_dir, &url, "url")?;
    try_connect(&location, bounded_password(password)?.as_deref()).await
}

/// Joins an office's database: kept for the next start, or opened at once when the app has none open yet
/// (its office database could not be reached).
#[tauri::command]
#[specta::specta]
pub async fn connect_office_database(
    app: AppHandle,
    boot: State<'_, Boot>,
    url: String,
    password: Option<String>,
) -> Result<Switched, IpcError> {
    may_join(&app, &boot).await?;
    let location = database::parse(&boot.data_dir, &url, "url")?;
    switch(&boot, location.clone(), bounded_password(password)?).await?;
    let open_now = app.try_state::<AppState>().is_none();
    if open_now && let StartupState::Unreachable { issue, .. } = open_configured(&app, &boot).await
    {
        return Err(issue.into());
    }
    Ok(Switched {
        database: where_of(&location),
        restart_needed: !open_now,
    })
}

/// Asks for the CA certificate file that `sslmode=verify-full` checks the server against; `None` when the
/// person cancels. Only a path is answered: the file is read by the connection.
#[tauri::command]
#[specta::specta]
pub fn choose_ca_file(app: AppHandle) -> Option<String> {
    app.dialog()
        .file()
        .add_filter("CA certificate", &["pem", "crt", "cer"])
        .blocking_pick_file()
        .and_then(|file| file.into_path().ok())
        .map(|path| path.display().to_string())
}
