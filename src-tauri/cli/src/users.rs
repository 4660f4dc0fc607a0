//! `ehr setup`, `ehr users ...`, `ehr passwd` and `ehr recover`: the office and its accounts.

use std::process::ExitCode;

use ehr_core::CoreError;
use ehr_core::auth::{AccountSummary, NewUser, OfficeKind, RecoveryKey};

use crate::args::{Cli, Office, UsersCommand};
use crate::database::{Access, open_store};
use crate::error::CliError;
use crate::output;
use crate::session::{Stdin, accounts, new_password, own_password, seal_leftovers};

pub async fn setup(
    cli: &Cli,
    office: Office,
    name: &str,
    admin: &ehr_core::auth::UserName,
    admin_name: &str,
) -> Result<ExitCode, CliError> {
    let mut stdin = Stdin::read(cli)?;
    let password = new_password(&mut stdin, "The administrator's password: ")?;
    let kind = match office {
        Office::Clinic => OfficeKind::Clinic,
        Office::Ro => OfficeKind::RegistrationOffice,
    };
    let store = open_store(cli, Access::CreateIfMissing).await?;
    // A database from the previous release keeps its data: the key that release kept in this user's
    // keyring becomes the office key (and then leaves the keyring). No keyring at all is no such key.
    let legacy = match ehr_secrets::legacy_office_key(ehr_core::APP_IDENTIFIER) {
        Ok(legacy) => legacy,
        Err(ehr_secrets::KeyringError::Unavailable(_)) => None,
        // A key there but unusable: setting up with a new one would leave its data unreadable.
        Err(error) => {
            store.close().await;
            return Err(error.into());
        }
    };
    let adopted = legacy.is_some();
    let outcome = accounts(&store)
        .set_up(kind, name, admin.clone(), admin_name, &password, legacy)
        .await;
    let (session, recovery) = match outcome {
        Ok(done) => done,
        Err(error) => {
            store.close().await;
            return Err(error.into());
        }
    };
    seal_leftovers(&store, &session).await?;
    store.close().await;
    if adopted && ehr_secrets::remove_legacy_key(ehr_core::APP_IDENTIFIER).is_err() {
        eprintln!(
            "ehr: the previous release's data key is still in the keyring; it is no longer needed and can be \
             removed"
        );
    }
    if cli.json {
        output::json(&serde_json::json!({
            "ok": true,
            "office": kind,
            "admin": admin,
            "recoveryKey": recovery.expose(),
        }))?;
    } else {
        println!("The office is set up; {admin} is its system administrator.");
        println!();
        println!(
            "Recovery key (shown this once — print it or write it down, and keep it locked away):"
        );
        println!();
        println!("    {}", recovery.expose());
        println!();
        println!(
            "With it, `ehr recover USER` sets a new password for an administrator if every one is lost."
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn print_accounts(cli: &Cli, accounts: &[AccountSummary]) -> Result<(), CliError> {
    if cli.json {
        return output::json(&accounts);
    }
    println!("{:<20}  {:<30}  {:<9}  ROLES", "USER", "NAME", "STATE");
    for account in accounts {
        let state = if account.disabled {
            "disabled"
        } else if account.locked_until.is_some() {
            "locked?"
        } else if account.must_change_password {
            "new"
        } else {
            "active"
        };
        let roles: Vec<&str> = account.roles.iter().map(|r| r.code()).collect();
        println!(
            "{:<20}  {:<30}  {:<9}  {}",
            account.user_name,
            account.full_name,
            state,
            roles.join(",")
        );
    }
    Ok(())
}

pub async fn run(cli: &Cli, command: &UsersCommand) -> Result<ExitCode, CliError> {
    let mut stdin = Stdin::read(cli)?;
    // Administering users means signing in, so the administrator's own password comes from EHR_PASSWORD
    // or a prompt whenever stdin carries the other user's.
    let stdin_is_new = matches!(
        command,
        UsersCommand::Add { .. } | UsersCommand::ResetPassword { .. }
    );
    let store = open_store(cli, Access::Existing).await?;
    let outcome = async {
        let user = cli.user.as_ref().ok_or(CliError::SignInNeeded)?;
        let password = own_password(&mut stdin, !stdin_is_new)?;
        let session = accounts(&store).sign_in(user, &password, None).await?;
        // Refused before anyone is asked for the other user's password (the core checks again).
        session
            .principal()
            .require(ehr_core::auth::Permission::UsersManage)?;
        let accounts = accounts(&store);
        let changed = match command {
            UsersCommand::List => {
                print_accounts(cli, &accounts.list(session.principal()).await?)?;
                return Ok(ExitCode::SUCCESS);
            }
            UsersCommand::Add { user, name, roles } => {
                let password = new_password(&mut stdin, "Their first password: ")?;
                let new = NewUser {
                    user_name: user.clone(),
                    full_name: name.clone(),
                    roles: roles.clone(),
                    password,
                };
                accounts.add_user(&session, new).await?
            }
            UsersCommand::Disable { user } => {
                accounts
                    .set_disabled(session.principal(), user, true)
                    .await?
            }
            UsersCommand::Enable { user } => {
                accounts
                    .set_disabled(session.principal(), user, false)
                    .await?
            }
            UsersCommand::ResetPassword { user } => {
                let password = new_password(&mut stdin, "Their new password: ")?;
                accounts.reset_password(&session, user, &password).await?
            }
            UsersCommand::Roles { user, set } => {
                accounts.set_roles(session.principal(), user, set).await?
            }
        };
        print_accounts(cli, std::slice::from_ref(&changed))?;
        Ok(ExitCode::SUCCESS)
    }
    .await;
    store.close().await;
    outcome
}

/// Changes the signed-in user's password; for a user whose password an administrator chose, this is the
/// first sign-in.
pub async fn passwd(cli: &Cli) -> Result<ExitCode, CliError> {
    let mut stdin = Stdin::read(cli)?;
    let user = cli.user.as_ref().ok_or(CliError::SignInNeeded)?;
    let current = own_password(&mut stdin, false)?;
    let new = new_password(&mut stdin, "New password: ")?;
    let store = open_store(cli, Access::Existing).await?;
    let outcome = async {
        let accounts = accounts(&store);
        match accounts.sign_in(user, &current, None).await {
            Ok(session) => accounts.change_password(&session, &current, &new).await?,
            // A password an administrator chose: the change is the first sign-in.
            Err(error) if must_change(&error) => {
                accounts.sign_in(user, &current, Some(&new)).await?;
            }
            Err(error) => return Err(CliError::from(error)),
        }
        if !cli.json {
            println!("The password of {user} is changed.");
        } else {
            output::json(&serde_json::json!({ "ok": true }))?;
        }
        Ok(ExitCode::SUCCESS)
    }
    .await;
    store.close().await;
    outcome
}

fn must_change(error: &CoreError) -> bool {
    error.issues().is_some_and(|issues| {
        issues
            .iter()
            .any(|i| i.code == ehr_core::ErrorCode::AuthMustChangePassword)
    })
}

pub async fn recover(cli: &Cli, user: &ehr_core::auth::UserName) -> Result<ExitCode, CliError> {
    let mut stdin = Stdin::read(cli)?;
    let typed = match stdin.next() {
        Some(line) => line,
        None => rpassword::prompt_password("Recovery key: ").map_err(|_| CliError::NoPassword)?,
    };
    let recovery = RecoveryKey::parse(&typed)
        .map_err(|issue| CliError::Core(CoreError::invalid(issue.at("recoveryKey"))))?;
    let new = new_password(&mut stdin, "New password: ")?;
    let store = open_store(cli, Access::Existing).await?;
    let outcome = accounts(&store).recover(&recovery, user, &new).await;
    store.close().await;
    outcome?;
    if cli.json {
        output::json(&serde_json::json!({ "ok": true }))?;
    } else {
        println!("{user} has a new password; sign in with it.");
    }
    Ok(ExitCode::SUCCESS)
}
