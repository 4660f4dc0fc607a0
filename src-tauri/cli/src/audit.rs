//! `ehr audit verify` and `ehr audit list`: the core walks the chain; this only opens the database and prints.

use std::process::ExitCode;

use ehr_core::audit::{self, ChainVerdict};
use ehr_core::validation::CalendarDate;
use ehr_core::{CoreError, ErrorCode, Issue};

use crate::args::{AuditCommand, Cli};
use crate::error::CliError;
use crate::session::signed_in;
use crate::{messages, output};

pub async fn run(cli: &Cli, command: &AuditCommand) -> Result<ExitCode, CliError> {
    // A date that does not read is refused before the database is opened.
    let since = match command {
        AuditCommand::List { since: Some(raw) } => Some(CalendarDate::parse(raw).map_err(|e| {
            let mut issue = Issue::new(e.code).at("--since");
            issue.params = e.params;
            CoreError::invalid(issue)
        })?),
        _ => None,
    };
    signed_in(cli, async |store, session| match command {
        AuditCommand::Verify => verify(cli, session.principal(), store).await,
        AuditCommand::List { .. } => list(cli, session.principal(), store, since).await,
    })
    .await
}

async fn verify(
    cli: &Cli,
    principal: &ehr_core::auth::Principal,
    store: &ehr_store::Store,
) -> Result<ExitCode, CliError> {
    match audit::verify(principal, store).await? {
        ChainVerdict::Intact { entries, latest } => {
            if cli.json {
                println!(
                    "{}",
                    serde_json::json!({ "ok": true, "entries": entries, "latestHash": latest.to_string() })
                );
            } else {
                println!("The audit trail verifies: {entries} entries, latest hash {latest}.");
            }
            Ok(ExitCode::SUCCESS)
        }
        // Only the entry's id and place are named, never what it holds.
        ChainVerdict::Broken(broken) => {
            let issue = Issue::new(ErrorCode::AuditChainBroken)
                .with("entry", broken.id)
                .with("position", broken.position);
            let message = messages::describe(&issue);
            if cli.json {
                println!(
                    "{}",
                    serde_json::json!({
                        "ok": false, "code": issue.code, "message": message,
                        "entry": broken.id, "position": broken.position,
                    })
                );
            } else {
                eprintln!("{message} ({})", issue.code);
            }
            Ok(ExitCode::FAILURE)
        }
    }
}

async fn list(
    cli: &Cli,
    principal: &ehr_core::auth::Principal,
    store: &ehr_store::Store,
    since: Option<CalendarDate>,
) -> Result<ExitCode, CliError> {
    let entries = audit::list(principal, store, since).await?;
    if cli.json {
        output::json(&entries)?;
    } else if entries.is_empty() {
        println!("No audit entries.");
    } else {
        for entry in entries {
            let fields = &entry.fields;
            println!(
                "{:>6}  {}  {}@{}  {:<13}  {}",
                entry.id,
                fields.at.to_rfc3339(),
                fields.actor.user,
                fields.actor.workstation,
                fields.action,
                fields.subject
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
