//! `ehr applications ...`.

use std::process::ExitCode;

use ehr_core::application::{
    ApplicationId, ApplicationStatus, Applications, HistoryEvent, SavedDraft, SubmissionChannel,
};
use ehr_core::limits::PACKAGE_MAX_BYTES;
use ehr_core::ports::{PackageFailure, SystemClock};
use ehr_core::version::Base;
use ehr_files::FileDestination;
use ehr_package::{ContentInspector, ZipPackageFormat};

use crate::args::{ApplicationsCommand, Channel, Cli, Status};
use crate::database::out_file;
use crate::error::CliError;
use crate::forms::{read_form, renderer};
use crate::output;
use crate::session::signed_in;

pub async fn run(cli: &Cli, command: &ApplicationsCommand) -> Result<ExitCode, CliError> {
    // An export reads the database: `--out` naming it is refused before anything is opened or written.
    let destination = match command {
        ApplicationsCommand::Export { out, .. } => Some(out_file(cli, out)?),
        _ => None,
    };
    signed_in(cli, async |store, session| {
        let sealed = store.sealed(session.cipher());
        let clock = SystemClock;
        let applications = Applications::new(&sealed, &clock, session.principal());
        run_on(cli, command, &applications, destination.as_ref()).await
    })
    .await
}

async fn run_on(
    cli: &Cli,
    command: &ApplicationsCommand,
    apps: &Applications<'_>,
    destination: Option<&FileDestination>,
) -> Result<ExitCode, CliError> {
    match command {
        ApplicationsCommand::List => {
            let listing = apps.list().await?;
            crate::db::report_skipped(&listing.unreadable);
            let list = listing.items;
            if cli.json {
                output::json(&list)?;
            } else if list.is_empty() {
                println!("No applications.");
            } else {
                println!(
                    "{:<36}  {:<18}  {:<15}  {:<20}  {:>6}  TITLE",
                    "ID", "REFERENCE", "STATUS", "LAST CHANGED (UTC)", "ISSUES"
                );
                for item in list {
                    let title = if item.title.is_empty() {
                        "(untitled)"
                    } else {
                        item.title.as_str()
                    };
                    println!(
                        "{:<36}  {:<18}  {:<15}  {:<20}  {:>6}  {title}",
                        item.id,
                        item.reference,
                        item.status,
                        item.updated_at.to_rfc3339(),
                        item.open_issues
                    );
                }
            }
        }
        ApplicationsCommand::Create { input } => {
            let saved = apps.create(read_form(input)?).await?;
            report(cli, "Created", &saved)?;
        }
        ApplicationsCommand::Edit { id, input, version } => {
            let form = read_form(input)?;
            let id = parse_id(id)?;
            let saved = apps.save(&id, Base::given(*version), form).await?;
            report(cli, "Saved", &saved)?;
        }
        ApplicationsCommand::Show { id } => {
            let draft = apps.open(&parse_id(id)?).await?;
            let issues = draft.issues();
            report(cli, "Application", &SavedDraft::new(draft, issues))?;
        }
        ApplicationsCommand::History { id } => {
            let history = apps.history(&parse_id(id)?).await?;
            if cli.json {
                output::json(&history)?;
            } else {
                for entry in history {
                    println!(
                        "{}  {}@{}  {}",
                        entry.at.to_rfc3339(),
                        entry.actor.user,
                        entry.actor.workstation,
                        describe(&entry.event)
                    );
                }
            }
        }
        ApplicationsCommand::Audit { id } => {
            let trail = apps.audit_trail(&parse_id(id)?).await?;
            if cli.json {
                output::json(&trail)?;
            } else {
                for entry in trail {
                    println!(
                        "{}  {}@{}  {}",
                        entry.at.to_rfc3339(),
                        entry.actor.user,
                        entry.actor.workstation,
                        entry.action
                    );
                }
            }
        }
        ApplicationsCommand::Submit { id, channel, date } => {
            let channel = match channel {
                Channel::Fax => SubmissionChannel::Fax,
                Channel::Mail => SubmissionChannel::Mail,
                Channel::InPerson => SubmissionChannel::InPerson,
            };
            let saved = apps.submit(&parse_id(id)?, channel, date).await?;
            report(cli, "Submitted", &saved)?;
        }
        ApplicationsCommand::Status { id, to, note } => {
            let to = match to {
                Status::Accepted => ApplicationStatus::Accepted,
                Status::TechnicalSetup => ApplicationStatus::TechnicalSetup,
                Status::Registered => ApplicationStatus::Registered,
                Status::Rejected => ApplicationStatus::Rejected,
                Status::Withdrawn => ApplicationStatus::Withdrawn,
                Status::Unsuccessful => ApplicationStatus::Unsuccessful,
            };
            let saved = apps.change_status(&parse_id(id)?, to, note.clone()).await?;
            report(cli, "Updated", &saved)?;
        }
        ApplicationsCommand::Export { id, out } => {
            let id = parse_id(id)?;
            // `run` checked it against the database; the fallback is only for a caller that did not.
            let to = destination
                .cloned()
                .unwrap_or_else(|| FileDestination::new(out));
            let size = apps
                .export_package(&id, &renderer()?, &ZipPackageFormat, &to)
                .await?;
            if cli.json {
                output::json(&serde_json::json!({ "ok": true, "file": out, "size": size }))?;
            } else {
                println!("Wrote {} ({} KB)", out.display(), size.div_ceil(1024));
            }
        }
        ApplicationsCommand::Import { file } => {
            let bytes = read_package(file)?;
            let saved = apps
                .import_package(&bytes, &ZipPackageFormat, &ContentInspector)
                .await?;
            report(cli, "Imported", &saved)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn report(cli: &Cli, verb: &str, saved: &SavedDraft) -> Result<(), CliError> {
    if cli.json {
        return output::json(saved);
    }
    let draft = &saved.draft;
    let title = if draft.form.title().is_empty() {
        "(untitled)".to_owned()
    } else {
        draft.form.title()
    };
    println!(
        "{verb} {} — {title} ({}, id {})",
        draft.reference, draft.status, draft.id
    );
    if saved.issues.is_empty() {
        println!("Complete: nothing left to correct.");
    } else {
        println!(
            "{} issue(s) to correct before submission:",
            saved.issues.len()
        );
        for issue in &saved.issues {
            println!("  {}", output::line(issue));
        }
    }
    Ok(())
}

fn describe(event: &HistoryEvent) -> String {
    match event {
        HistoryEvent::Created => "created".into(),
        HistoryEvent::Edited { steps } => {
            format!(
                "edited {}",
                steps
                    .iter()
                    .map(|s| s.code())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
        HistoryEvent::DocumentAttached {
            document,
            file_name,
        } => format!("attached {document}: {file_name}"),
        HistoryEvent::DocumentRemoved {
            document,
            file_name,
        } => format!("removed {document}: {file_name}"),
        HistoryEvent::Submitted { channel, date } => format!("submitted by {channel} on {date}"),
        HistoryEvent::StatusChanged { from, to, note } => {
            format!(
                "{from} → {to}{}",
                note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default()
            )
        }
        HistoryEvent::Exported => "exported a submission package".into(),
        HistoryEvent::Imported => "imported from a submission package".into(),
        HistoryEvent::Amended { amendment, form } => {
            format!("amended: {amendment} ({form}) accepted by the Registration Office")
        }
    }
}

/// The package's bytes, refused before they are read when the file is over the core's limit (a `take` also
/// stops a file that grows while it is read).
fn read_package(file: &std::path::Path) -> Result<Vec<u8>, CliError> {
    use std::io::Read;
    let read_error = |source| CliError::Read {
        path: file.to_path_buf(),
        source,
    };
    let opened = std::fs::File::open(file).map_err(read_error)?;
    let too_large = || {
        CliError::Core(
            PackageFailure::TooLarge {
                file: None,
                max_bytes: PACKAGE_MAX_BYTES,
            }
            .into(),
        )
    };
    if opened.metadata().map_err(read_error)?.len() > PACKAGE_MAX_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    opened
        .take(PACKAGE_MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > PACKAGE_MAX_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

pub(crate) fn parse_id(raw: &str) -> Result<ApplicationId, CliError> {
    ApplicationId::parse(raw).ok_or(CliError::BadId)
}
