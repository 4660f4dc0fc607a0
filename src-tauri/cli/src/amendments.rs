//! `ehr amendments ...`: amendments to a registered HCP, through the same core use cases as the app.

use std::process::ExitCode;

use ehr_core::CoreError;
use ehr_core::amendment::{
    Amendment, AmendmentContent, AmendmentId, AmendmentKind, AmendmentStatus, Amendments,
    FieldChange, SavedAmendment,
};
use ehr_core::ports::SystemClock;
use ehr_core::validation::CalendarDate;
use ehr_core::version::Base;
use ehr_files::FileDestination;
use ehr_package::ZipPackageFormat;

use crate::applications::parse_id;
use crate::args::{AmendmentForm, AmendmentOutcome, AmendmentsCommand, Cli};
use crate::database::out_file;
use crate::error::CliError;
use crate::forms::read_json;
use crate::output;
use crate::session::signed_in;

pub async fn run(cli: &Cli, command: &AmendmentsCommand) -> Result<ExitCode, CliError> {
    // An export reads the database: `--out` naming it is refused before anything is opened or written.
    let destination = match command {
        AmendmentsCommand::Export { out, .. } | AmendmentsCommand::Print { out, .. } => {
            Some(out_file(cli, out)?)
        }
        _ => None,
    };
    signed_in(cli, async |store, session| {
        let sealed = store.sealed(session.cipher());
        let amendments = Amendments::new(&sealed, &SystemClock, session.principal());
        run_on(cli, command, &amendments, destination.as_ref()).await
    })
    .await
}

fn parse_amendment(raw: &str) -> Result<AmendmentId, CliError> {
    AmendmentId::parse(raw).ok_or(CliError::BadId)
}

fn kind(form: AmendmentForm) -> AmendmentKind {
    match form {
        AmendmentForm::HcpHsl => AmendmentKind::HcpHsl,
        AmendmentForm::AdditionalHsl => AmendmentKind::AdditionalHsl,
        AmendmentForm::Withdrawal => AmendmentKind::Withdrawal,
    }
}

fn day(raw: Option<&str>) -> Result<Option<CalendarDate>, CliError> {
    Ok(raw
        .map(|raw| CalendarDate::parse(raw).map_err(|e| CoreError::invalid(e.at("--date"))))
        .transpose()?)
}

async fn run_on(
    cli: &Cli,
    command: &AmendmentsCommand,
    amendments: &Amendments<'_>,
    destination: Option<&FileDestination>,
) -> Result<ExitCode, CliError> {
    match command {
        AmendmentsCommand::Create {
            hcp,
            kind: form,
            input,
        } => {
            let hcp = parse_id(hcp)?;
            let content: AmendmentContent = read_json(input)?;
            let saved = amendments.prepare(&hcp, kind(*form), content).await?;
            saved_report(cli, "Created", &saved)?;
        }
        AmendmentsCommand::Edit {
            id,
            input,
            version: given,
        } => {
            let id = parse_amendment(id)?;
            let content: AmendmentContent = read_json(input)?;
            let saved = amendments.change(&id, Base::given(*given), content).await?;
            saved_report(cli, "Saved", &saved)?;
        }
        AmendmentsCommand::List { hcp } => {
            let hcp = hcp.as_deref().map(parse_id).transpose()?;
            let listing = amendments.list(hcp.as_ref()).await?;
            if cli.json {
                output::json(&serde_json::json!({
                    "items": listing.items,
                    "unreadable": listing.unreadable,
                }))?;
            } else {
                if listing.items.is_empty() {
                    println!("No amendments.");
                } else {
                    println!(
                        "{:<36}  {:<18}  {:<14}  {:<10}  {:<20}  HCP",
                        "ID", "REFERENCE", "FORM", "STATUS", "LAST CHANGED (UTC)"
                    );
                }
                for a in &listing.items {
                    println!(
                        "{:<36}  {:<18}  {:<14}  {:<10}  {:<20}  {}",
                        a.id,
                        a.reference,
                        a.kind,
                        a.status,
                        a.updated_at.to_rfc3339(),
                        a.hcp
                    );
                }
                for row in &listing.unreadable {
                    eprintln!(
                        "Skipped row {} of {}: it cannot be read [{}]",
                        row.row, row.table, row.reason
                    );
                }
            }
        }
        AmendmentsCommand::Show { id } => {
            let details = amendments.open(&parse_amendment(id)?).await?;
            if cli.json {
                output::json(&details)?;
            } else {
                let a = &details.amendment;
                println!(
                    "{}  {}  {}  HCP {}  (version {})",
                    a.reference, a.kind, a.status, a.hcp, details.version
                );
                if let AmendmentContent::Withdrawal {
                    reason,
                    effective_date,
                } = &a.content
                {
                    println!("  reason: {}", reason.trim());
                    if let Some(on) = effective_date {
                        println!("  effective: {on}");
                    }
                }
                if let AmendmentContent::AdditionalHsl { hsls } = &a.content {
                    for added in hsls {
                        println!("  new HSL: {}", added.name_en.trim());
                    }
                }
                for change in &details.changes {
                    println!("  {}", change_line(change));
                }
                for effect in &details.effects {
                    println!("  = {effect}");
                }
                for issue in &details.issues {
                    println!("  ! {}", output::line(issue));
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
        AmendmentsCommand::Submit {
            id,
            date,
            version: given,
        } => {
            let id = parse_amendment(id)?;
            let date = day(date.as_deref())?;
            let amendment = amendments
                .set_status(&id, Base::given(*given), AmendmentStatus::Submitted, date)
                .await?;
            report(cli, "Submitted", &amendment)?;
        }
        AmendmentsCommand::Status {
            id,
            to,
            version: given,
        } => {
            let id = parse_amendment(id)?;
            let status = match to {
                AmendmentOutcome::Accepted => AmendmentStatus::Accepted,
                AmendmentOutcome::Rejected => AmendmentStatus::Rejected,
                AmendmentOutcome::Withdrawn => AmendmentStatus::Withdrawn,
            };
            let amendment = amendments
                .set_status(&id, Base::given(*given), status, None)
                .await?;
            report(cli, "Recorded", &amendment)?;
        }
        AmendmentsCommand::Export { id, out } => {
            let id = parse_amendment(id)?;
            // `run` checked it against the database; the fallback is only for a caller that did not.
            let to = destination
                .cloned()
                .unwrap_or_else(|| FileDestination::new(out));
            let size = amendments
                .export(
                    &id,
                    Some(&crate::forms::renderer()?),
                    &ZipPackageFormat,
                    &to,
                )
                .await?;
            if cli.json {
                output::json(&serde_json::json!({ "ok": true, "file": out, "size": size }))?;
            } else {
                println!("Wrote {} ({} KB)", out.display(), size.div_ceil(1024));
            }
        }
        AmendmentsCommand::Print { id, out } => {
            let id = parse_amendment(id)?;
            let to = destination
                .cloned()
                .unwrap_or_else(|| FileDestination::new(out));
            let size = amendments
                .print(&id, &crate::forms::renderer()?, &to)
                .await?;
            eprintln!("Wrote {} ({} KB)", out.display(), size.div_ceil(1024));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `path: before → after`, with `(none)` for a field added or removed.
fn change_line(change: &FieldChange) -> String {
    let side = |value: &Option<String>| value.clone().unwrap_or_else(|| "(none)".into());
    format!(
        "{}: {} → {}",
        change.path,
        side(&change.before),
        side(&change.after)
    )
}

fn saved_report(cli: &Cli, verb: &str, saved: &SavedAmendment) -> Result<(), CliError> {
    if cli.json {
        return output::json(saved);
    }
    report(cli, verb, &saved.amendment)?;
    for issue in &saved.issues {
        println!("  ! {}", output::line(issue));
    }
    Ok(())
}

fn report(cli: &Cli, verb: &str, amendment: &Amendment) -> Result<(), CliError> {
    if cli.json {
        output::json(&serde_json::json!({ "amendment": amendment, "version": amendment.version }))
    } else {
        println!(
            "{verb} {} ({}, {}, {}, version {})",
            amendment.id, amendment.reference, amendment.kind, amendment.status, amendment.version
        );
        Ok(())
    }
}
