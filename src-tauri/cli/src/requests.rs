//! `ehr requests ...`: User Account Creation Requests.

use std::process::ExitCode;

use ehr_core::CoreError;
use ehr_core::ports::SystemClock;
use ehr_core::staff::{
    AccountRequest, AccountRequests, RequestAction, RequestId, RequestItem, RequestStatus, StaffId,
};
use ehr_core::validation::CalendarDate;
use ehr_core::version::Base;
use ehr_files::FileDestination;

use crate::applications::parse_id;
use crate::args::{Action, Cli, RequestOutcome, RequestsCommand};
use crate::database::out_file;
use crate::error::CliError;
use crate::forms::renderer;
use crate::output;
use crate::session::signed_in;

pub async fn run(cli: &Cli, command: &RequestsCommand) -> Result<ExitCode, CliError> {
    // A print reads the database: `--out` naming it is refused before anything is opened or written.
    let destination = match command {
        RequestsCommand::Print { out, .. } => Some(out_file(cli, out)?),
        _ => None,
    };
    signed_in(cli, async |store, session| {
        let sealed = store.sealed(session.cipher());
        let requests = AccountRequests::new(&sealed, &SystemClock, session.principal());
        run_on(cli, command, &requests, destination.as_ref()).await
    })
    .await
}

fn parse_request(raw: &str) -> Result<RequestId, CliError> {
    RequestId::parse(raw).ok_or(CliError::BadId)
}

fn action(action: Action) -> RequestAction {
    match action {
        Action::Create => RequestAction::Create,
        Action::Disable => RequestAction::Disable,
        Action::Change => RequestAction::Change,
    }
}

async fn run_on(
    cli: &Cli,
    command: &RequestsCommand,
    requests: &AccountRequests<'_>,
    destination: Option<&FileDestination>,
) -> Result<ExitCode, CliError> {
    match command {
        RequestsCommand::Create {
            hcp,
            staff,
            action: chosen,
            reason,
        } => {
            let items = staff
                .iter()
                .map(|raw| {
                    Ok(RequestItem {
                        staff: StaffId::parse(raw).ok_or(CliError::BadId)?,
                        action: action(*chosen),
                        reason: reason.clone().unwrap_or_default(),
                    })
                })
                .collect::<Result<Vec<_>, CliError>>()?;
            let request = requests.create(&parse_id(hcp)?, &items).await?;
            report(cli, "Created", &request)?;
        }
        RequestsCommand::DisableExpired { hcp } => {
            let request = requests.disable_expired(&parse_id(hcp)?).await?;
            report(cli, "Created", &request)?;
        }
        RequestsCommand::List => {
            let list = requests.list().await?;
            if cli.json {
                output::json(&list)?;
            } else if list.is_empty() {
                println!("No requests.");
            } else {
                println!(
                    "{:<36}  {:<18}  {:<16}  {:>6}  {:<20}  HCP",
                    "ID", "REFERENCE", "STATUS", "PEOPLE", "LAST CHANGED (UTC)"
                );
                for r in list {
                    println!(
                        "{:<36}  {:<18}  {:<16}  {:>6}  {:<20}  {}",
                        r.id,
                        r.reference,
                        r.status,
                        r.items.len(),
                        r.updated_at.to_rfc3339(),
                        r.hcp
                    );
                }
            }
        }
        RequestsCommand::Show { id } => {
            let id = parse_request(id)?;
            let details = requests.open(&id).await?;
            let document = requests.document(&id).await?;
            if cli.json {
                output::json(&serde_json::json!({ "details": details, "document": document }))?;
            } else {
                println!(
                    "{}  {}  {}  (version {})",
                    details.request.reference,
                    details.request.status,
                    document.hcp_name_en,
                    details.version
                );
                for line in &document.lines {
                    let also = if line.also_at.is_empty() {
                        String::new()
                    } else {
                        format!("  (also under: {})", line.also_at.join(", "))
                    };
                    println!(
                        "  {:<8} {:<32} {:<14} {}{also}",
                        line.item.action,
                        line.member.name_en,
                        line.member.hkid.masked(),
                        line.member.account_type
                    );
                }
                for entry in &details.history {
                    println!(
                        "  {}  {}@{}  {} → {}",
                        entry.at.to_rfc3339(),
                        entry.actor.user,
                        entry.actor.workstation,
                        entry.event,
                        entry.status
                    );
                }
            }
        }
        RequestsCommand::Submit {
            id,
            date,
            version: given,
        } => {
            let id = parse_request(id)?;
            let date = date
                .as_deref()
                .map(|raw| CalendarDate::parse(raw).map_err(|e| CoreError::invalid(e.at("--date"))))
                .transpose()?;
            let request = requests
                .set_status(&id, Base::given(*given), RequestStatus::Submitted, date)
                .await?;
            report(cli, "Submitted", &request)?;
        }
        RequestsCommand::Status {
            id,
            to,
            version: given,
        } => {
            let id = parse_request(id)?;
            let status = match to {
                RequestOutcome::AccountsCreated => RequestStatus::AccountsCreated,
                RequestOutcome::Rejected => RequestStatus::Rejected,
                RequestOutcome::Withdrawn => RequestStatus::Withdrawn,
            };
            let request = requests
                .set_status(&id, Base::given(*given), status, None)
                .await?;
            report(cli, "Recorded", &request)?;
        }
        RequestsCommand::Print { id, out } => {
            let to = destination.ok_or(CliError::BadId)?;
            let size = requests
                .print(&parse_request(id)?, &renderer()?, to)
                .await?;
            eprintln!("Wrote {} ({} KB)", out.display(), size.div_ceil(1024));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn report(cli: &Cli, verb: &str, request: &AccountRequest) -> Result<(), CliError> {
    if cli.json {
        output::json(&serde_json::json!({ "request": request, "version": request.version }))
    } else {
        println!(
            "{verb} {} ({}, {}, {} people, version {})",
            request.id,
            request.reference,
            request.status,
            request.items.len(),
            request.version
        );
        Ok(())
    }
}
