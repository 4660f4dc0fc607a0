//! `ehr applications ...`.

use std::path::PathBuf;
use std::process::ExitCode;

use ehr_core::application::Applications;
use ehr_core::ports::SystemClock;
use ehr_store::Store;

use crate::args::{ApplicationsCommand, Cli};
use crate::error::CliError;

pub async fn run(cli: &Cli, command: &ApplicationsCommand) -> Result<ExitCode, CliError> {
    let store = open_store(cli).await?;
    let clock = SystemClock;
    let applications = Applications::new(&store, &clock);
    match command {
        ApplicationsCommand::List => {
            let list = applications.list().await?;
            if cli.json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else if list.is_empty() {
                println!("No applications.");
            } else {
                println!(
                    "{:<36}  {:<9}  {:<20}  {:>6}  TITLE",
                    "ID", "STATUS", "LAST CHANGED (UTC)", "ISSUES"
                );
                for item in list {
                    let title = if item.title.is_empty() {
                        "(untitled)"
                    } else {
                        item.title.as_str()
                    };
                    println!(
                        "{:<36}  {:<9}  {:<20}  {:>6}  {title}",
                        item.id,
                        item.status,
                        item.updated_at.to_rfc3339(),
                        item.open_issues
                    );
                }
            }
        }
    }
    store.close().await;
    Ok(ExitCode::SUCCESS)
}

async fn open_store(cli: &Cli) -> Result<Store, CliError> {
    let path = match &cli.db {
        Some(path) => path.clone(),
        None => default_database_path()?,
    };
    Store::open_sqlite(&path)
        .await
        .map_err(|source| CliError::OpenDatabase {
            path: path.display().to_string(),
            source,
        })
}

/// Where the desktop app keeps its database: `<data dir>/<app identifier>/ehr-desk.sqlite3`.
fn default_database_path() -> Result<PathBuf, CliError> {
    let data = dirs::data_dir().ok_or(CliError::NoDataDirectory)?;
    Ok(data
        .join(ehr_core::APP_IDENTIFIER)
        .join(ehr_store::DATABASE_FILE_NAME))
}
