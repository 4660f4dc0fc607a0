//! Who is at the keyboard: first-run setup, sign-in, the lock, sign-out and one's own password. Each answers
//! the session as the UI shows it.

use ehr_core::auth::{
    Office, OfficeKind, Password, PasswordStrength, Permission, Principal, RecoveryKey, Role,
    UserName, password_strength,
};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};

use crate::IpcError;
use crate::state::{AppState, SessionSlot};

/// The session as the UI shows it: which screen, who, and what they may do (the core decides; the UI only
/// hides what would be refused anyway).
#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase", tag = "phase")]
pub enum SessionView {
    /// First run: the office must be set up.
    SetupNeeded,
    SignedOut {
        office: Office,
    },
    /// The screen is covered; the user's password unlocks it.
    #[serde(rename_all = "camelCase")]
    Locked {
        office: Office,
        user: Principal,
    },
    #[serde(rename_all = "camelCase")]
    Active {
        office: Office,
        user: Principal,
        permissions: Vec<Permission>,
        /// The roles this kind of office offers, for the users screen's choices.
        offered_roles: Vec<Role>,
        autolock_minutes: u32,
    },
}

pub async fn view(state: &AppState) -> Result<SessionView, IpcError> {
    let accounts = state.accounts();
    let Some(office) = accounts.office().await? else {
        return Ok(SessionView::SetupNeeded);
    };
    Ok(match &*state.session.read().await {
        SessionSlot::SignedOut => SessionView::SignedOut { office },
        SessionSlot::Locked(user) => SessionView::Locked {
            office,
            user: user.clone(),
        },
        SessionSlot::Active(session) => SessionView::Active {
            offered_roles: office.kind.roles().to_vec(),
            office,
            user: session.principal().clone(),
            permissions: session.principal().permissions(),
            autolock_minutes: accounts.security_settings().await?.autolock_minutes,
        },
    })
}

#[tauri::command]
#[specta::specta]
pub async fn session_state(state: State<'_, AppState>) -> Result<SessionView, IpcError> {
    view(&state).await
}

/// What the first-run screen sends.
#[derive(Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OfficeSetup {
    pub kind: OfficeKind,
    pub name: String,
    pub admin_user_name: UserName,
    pub admin_full_name: String,
    pub password: Password,
}

/// The recovery key, shown once, and the new administrator's session.
#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SetupAnswer {
    pub recovery_key: String,
    pub session: SessionView,
}

/// Sets the office up and signs its first administrator in. A database from the previous release keeps its
/// data: the data key that release kept in this user's keyring becomes the office key, and then leaves the
/// keyring.
#[tauri::command]
#[specta::specta]
pub async fn set_up_office(
    state: State<'_, AppState>,
    setup: OfficeSetup,
) -> Result<SetupAnswer, IpcError> {
    let legacy = match ehr_secrets::legacy_office_key(ehr_core::APP_IDENTIFIER) {
        Ok(legacy) => legacy,
        // No keyring at all is no previous release's key: set up with a new one.
        Err(ehr_secrets::KeyringError::Unavailable(_)) => None,
        // A key there but unusable: a new one would leave the previous release's data unreadable.
        Err(error) => {
            tracing::error!(error = %ehr_core::error::describe_chain(&error), "the previous release's data key cannot be read");
            return Err(ehr_core::Issue::new(ehr_core::ErrorCode::Internal)
                .with("reference", "KEYRING")
                .into());
        }
    };
    let adopted = legacy.is_some();
    let (session, recovery) = state
        .accounts()
        .set_up(
            setup.kind,
            &setup.name,
            setup.admin_user_name,
            &setup.admin_full_name,
            &setup.password,
            legacy,
        )
        .await?;
    if adopted && let Err(error) = ehr_secrets::remove_legacy_key(ehr_core::APP_IDENTIFIER) {
        tracing::warn!(%error, "the previous release's data key stays in the keyring");
    }
    state.activate(session).await?;
    Ok(SetupAnswer {
        recovery_key: recovery.expose().to_owned(),
        session: view(&state).await?,
    })
}

/// The meter's reading for a password being chosen, judged also against the names typed beside it.
#[tauri::command]
#[specta::specta]
pub fn rate_password(password: Password, known: Vec<String>) -> PasswordStrength {
    let known: Vec<&str> = known.iter().map(String::as_str).take(8).collect();
    password_strength(&password, &known)
}

#[tauri::command]
#[specta::specta]
pub async fn sign_in(
    state: State<'_, AppState>,
    user_name: UserName,
    password: Password,
    new_password: Option<Password>,
) -> Result<SessionView, IpcError> {
    let session = state
        .accounts()
        .sign_in(&user_name, &password, new_password.as_ref())
        .await?;
    state.activate(session).await?;
    view(&state).await
}

/// Covers the screen and drops the office key; the user stays who they were.
#[tauri::command]
#[specta::specta]
pub async fn lock(app: AppHandle, state: State<'_, AppState>) -> Result<SessionView, IpcError> {
    super::files::clear_previews(&app);
    let mut slot = state.session.write().await;
    if let SessionSlot::Active(session) = &*slot {
        let principal = session.principal().clone();
        state.accounts().record_lock(&principal).await?;
        // Replacing the slot drops the session, and the office key is wiped.
        *slot = SessionSlot::Locked(principal);
    }
    drop(slot);
    view(&state).await
}

#[tauri::command]
#[specta::specta]
pub async fn unlock(
    state: State<'_, AppState>,
    password: Password,
) -> Result<SessionView, IpcError> {
    let locked = match &*state.session.read().await {
        SessionSlot::Locked(principal) => principal.clone(),
        SessionSlot::Active(_) | SessionSlot::SignedOut => return view(&state).await,
    };
    let session = state.accounts().unlock(&locked, &password).await?;
    state.activate(session).await?;
    view(&state).await
}

#[tauri::command]
#[specta::specta]
pub async fn sign_out(app: AppHandle, state: State<'_, AppState>) -> Result<SessionView, IpcError> {
    super::files::clear_previews(&app);
    let previous = std::mem::replace(&mut *state.session.write().await, SessionSlot::SignedOut);
    if let SessionSlot::Active(session) = previous {
        state.accounts().sign_out(session).await?;
    }
    view(&state).await
}

#[tauri::command]
#[specta::specta]
pub async fn change_password(
    state: State<'_, AppState>,
    current: Password,
    new_password: Password,
) -> Result<(), IpcError> {
    let acting = state.acting().await?;
    Ok(state
        .accounts()
        .change_password(acting.session(), &current, &new_password)
        .await?)
}

/// Sets a new password for a system administrator with the office's recovery key.
#[tauri::command]
#[specta::specta]
pub async fn recover_with_key(
    state: State<'_, AppState>,
    recovery_key: RecoveryKey,
    user_name: UserName,
    new_password: Password,
) -> Result<(), IpcError> {
    Ok(state
        .accounts()
        .recover(&recovery_key, &user_name, &new_password)
        .await?)
}

/// Asks where to save the recovery key sheet (a PDF to print), then writes it there; `None` when the user
/// cancels. The key must be the office's: the core checks it first.
#[tauri::command]
#[specta::specta]
pub async fn save_recovery_sheet(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    recovery_key: RecoveryKey,
) -> Result<Option<String>, IpcError> {
    use ehr_core::ports::{Clock, Destination};
    use tauri_plugin_dialog::DialogExt;
    // The session is not held while the dialog is open: the screen may lock meanwhile.
    let office = {
        let acting = state.acting().await?;
        state
            .accounts()
            .recovery_sheet(acting.principal(), &recovery_key)
            .await?
    };
    let pdf = state
        .renderer
        .render_recovery_sheet(&office, &recovery_key, state.clock.now())
        .map_err(|e| ehr_core::CoreError::Render(ehr_core::ports::RenderFailure::new(e)))?;
    let chosen = app
        .dialog()
        .file()
        .add_filter("PDF", &["pdf"])
        .set_file_name("eHR Desk recovery key.pdf")
        .blocking_save_file()
        .and_then(|file| file.into_path().ok());
    let Some(path) = chosen else { return Ok(None) };
    let destination = ehr_files::FileDestination::new(path);
    destination
        .write_whole(&pdf)
        .map_err(ehr_core::CoreError::from)?;
    Ok(Some(destination.path().display().to_string()))
}
