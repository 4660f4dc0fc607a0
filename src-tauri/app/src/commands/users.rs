//! User administration: the accounts of this office, their roles, passwords and the security settings.

use ehr_core::auth::{AccountSummary, NewUser, Password, Role, SecuritySettings, UserName};
use tauri::State;

use crate::IpcError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_users(state: State<'_, AppState>) -> Result<Vec<AccountSummary>, IpcError> {
    let acting = state.acting().await?;
    Ok(state.accounts().list(acting.principal()).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_user(
    state: State<'_, AppState>,
    user: NewUser,
) -> Result<AccountSummary, IpcError> {
    let acting = state.acting().await?;
    Ok(state.accounts().add_user(acting.session(), user).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn reset_user_password(
    state: State<'_, AppState>,
    user_name: UserName,
    password: Password,
) -> Result<AccountSummary, IpcError> {
    let acting = state.acting().await?;
    Ok(state
        .accounts()
        .reset_password(acting.session(), &user_name, &password)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_user_roles(
    state: State<'_, AppState>,
    user_name: UserName,
    roles: Vec<Role>,
) -> Result<AccountSummary, IpcError> {
    let acting = state.acting().await?;
    Ok(state
        .accounts()
        .set_roles(acting.principal(), &user_name, &roles)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_user_disabled(
    state: State<'_, AppState>,
    user_name: UserName,
    disabled: bool,
) -> Result<AccountSummary, IpcError> {
    let acting = state.acting().await?;
    Ok(state
        .accounts()
        .set_disabled(acting.principal(), &user_name, disabled)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn get_security_settings(
    state: State<'_, AppState>,
) -> Result<SecuritySettings, IpcError> {
    state.acting().await?;
    Ok(state.accounts().security_settings().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_security_settings(
    state: State<'_, AppState>,
    settings: SecuritySettings,
) -> Result<SecuritySettings, IpcError> {
    let acting = state.acting().await?;
    Ok(state
        .accounts()
        .set_security_settings(acting.principal(), settings)
        .await?)
}
