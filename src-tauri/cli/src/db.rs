//! `ehr db check`, and the notice a list prints when it skipped rows.

use std::process::ExitCode;

use ehr_core::ports::UnreadableRow;
use ehr_core::{CoreError, ErrorCode, Issue};
use ehr_store::{Location, Store};
use zeroize::Zeroizing;

use crate::args::{Cli, DbCommand};
use crate::error::CliError;
use crate::session::{Stdin, signed_in};
use crate::{messages, output};

pub async fn run(cli: &Cli, command: &DbCommand) -> Result<ExitCode, CliError> {
    match command {
        DbCommand::Password { forget } => password(cli, *forget).await,
        DbCommand::Backup { out } => crate::backup::backup(cli, out).await,
        DbCommand::Restore { file } => crate::backup::restore(cli, file).await,
        DbCommand::Copy { from, to } => crate::backup::copy(cli, from.as_deref(), to).await,
        DbCommand::Migrate => crate::backup::migrate(cli).await,
        DbCommand::Check => {
            let found = signed_in(cli, async |store, session| {
                session
                    .principal()
                    .require(ehr_core::auth::Permission::DatabaseMaintain)?;
                store
                    .sealed(session.cipher())
                    .check_rows()
                    .await
                    .map_err(CliError::CheckDatabase)
            })
            .await;
            let found = found?;
            if cli.json {
                let rows: Vec<_> = found.iter().map(described).collect();
                output::json(&serde_json::json!({ "ok": found.is_empty(), "unreadable": rows }))?;
            } else if found.is_empty() {
                println!("Every row reads.");
            } else {
                for row in &found {
                    println!("{}", line(row));
                }
                println!("{} row(s) cannot be read.", found.len());
            }
            Ok(if found.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}

/// `ehr db password`: a PostgreSQL database's password into the keyring, once it is known to open it.
async fn password(cli: &Cli, forget: bool) -> Result<ExitCode, CliError> {
    let location = crate::database::location(cli)?;
    let (Location::Postgres(url), Some(name)) = (&location, location.credential_name()) else {
        return Err(CliError::Core(CoreError::invalid(
            Issue::new(ErrorCode::DatabaseUrlInvalid).at("--db"),
        )));
    };
    if forget {
        ehr_secrets::forget_database_password(ehr_core::APP_IDENTIFIER, &name)?;
        println!("The password for {name} is no longer kept.");
        return Ok(ExitCode::SUCCESS);
    }
    let typed = match Stdin::read(cli)?.next() {
        Some(line) => Zeroizing::new(line),
        None => Zeroizing::new(
            rpassword::prompt_password(format!("Password for {name}: "))
                .map_err(|_| CliError::NoPassword)?,
        ),
    };
    let version = Store::try_postgres(url, Some(&typed))
        .await
        .map_err(|source| match source {
            ehr_store::StoreError::Unreachable { reason, .. } => {
                CliError::Core(CoreError::invalid(Issue::new(reason.code()).at("--db")))
            }
            source => CliError::OpenDatabase {
                path: location.to_string(),
                source,
            },
        })?;
    ehr_secrets::remember_database_password(ehr_core::APP_IDENTIFIER, &name, &typed)?;
    println!("Connected (PostgreSQL {version}); the password for {name} is kept in the keyring.");
    Ok(ExitCode::SUCCESS)
}

/// A skipped row is not a failure of the list: the rest is shown, and stderr says what to run.
pub fn report_skipped(rows: &[UnreadableRow]) {
    if !rows.is_empty() {
        eprintln!(
            "ehr: {} row(s) cannot be read and were left out; `ehr db check` names them.",
            rows.len()
        );
    }
}

fn wording(reason: ErrorCode) -> String {
    messages::describe(&Issue::new(reason))
}

/// `applications row 3 (id …): store.row_id_invalid: <wording>`: the row's place, never its content.
fn line(row: &UnreadableRow) -> String {
    let id = row
        .id
        .as_deref()
        .map(|id| format!(" (id {id})"))
        .unwrap_or_default();
    format!(
        "{} row {}{id}: {}: {}",
        row.table,
        row.row,
        row.reason,
        wording(row.reason)
    )
}

fn described(row: &UnreadableRow) -> serde_json::Value {
    serde_json::json!({
        "table": row.table,
        "row": row.row,
        "id": row.id,
        "code": row.reason,
        "message": wording(row.reason),
    })
}
