//! `ehr staff ...`: the user administrator's staff list, its import and the registrations that expire.

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

use ehr_core::application::ApplicationId;
use ehr_core::application::sample::application_form;
use ehr_core::ports::{Clock, Destination, SystemClock, Unwatched};
use ehr_core::staff::sample::sample_rows;
use ehr_core::staff::{
    AccountType, ImportPreview, ImportProblem, ImportRow, StaffDesk, StaffFilter, StaffForm,
    StaffId, StaffSummary, hsl_names_of, template_header,
};
use ehr_core::validation::{CalendarDate, Profession};
use ehr_core::version::Base;
use ehr_core::{CoreError, Issue};
use ehr_files::FileDestination;
use ehr_sheets::{SHEET_BYTES_MAX, SheetKind, read_sheet};
use serde::Serialize;

use crate::applications::parse_id;
use crate::args::{Cli, StaffCommand};
use crate::error::CliError;
use crate::output;
use crate::session::signed_in;
use crate::{db, messages};

pub async fn run(cli: &Cli, command: &StaffCommand) -> Result<ExitCode, CliError> {
    match command {
        StaffCommand::Template { out } => {
            let header = vec![template_header()];
            write_out(out.as_deref(), &csv(&header)?)?;
            return Ok(ExitCode::SUCCESS);
        }
        StaffCommand::Sample {
            rows,
            hcp: None,
            out,
        } => {
            let names = hsl_names_of(&application_form().hsls);
            let rows = sample_rows(*rows, &names, SystemClock.now().hong_kong_date());
            write_out(out.as_deref(), &csv(&rows)?)?;
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    signed_in(cli, async |store, session| {
        let sealed = store.sealed(session.cipher());
        let desk = StaffDesk::new(&sealed, &SystemClock, session.principal());
        run_on(cli, command, &desk).await
    })
    .await
}

async fn run_on(
    cli: &Cli,
    command: &StaffCommand,
    desk: &StaffDesk<'_>,
) -> Result<ExitCode, CliError> {
    match command {
        StaffCommand::List {
            hcp,
            query,
            profession,
            account_type,
            hsl,
            include_left,
        } => {
            let hcp = hcp.as_deref().map(parse_id).transpose()?;
            let filter = StaffFilter {
                query: query.clone().unwrap_or_default(),
                profession: profession.as_deref().map(parse_profession).transpose()?,
                account_type: account_type
                    .as_deref()
                    .map(|raw| AccountType::parse(raw).map_err(|e| invalid(e.at("--account-type"))))
                    .transpose()?,
                hsl: hsl.clone().unwrap_or_default(),
                include_left: *include_left,
            };
            let listing = desk.list(hcp.as_ref(), &filter).await?;
            db::report_skipped(&listing.unreadable);
            print_list(cli, &listing.items)?;
        }
        StaffCommand::Show { id } => {
            let stored = desk.open(&parse_staff_id(id)?).await?;
            if cli.json {
                output::json(&stored)?;
            } else {
                let member = &stored.record.member;
                println!("{}  {}", stored.record.id, member.name_en);
                if let Some(zh) = &member.name_zh {
                    println!("  Chinese name:  {zh}");
                }
                println!("  HKID:          {}", member.hkid.as_str());
                println!("  Phone, email:  {}  {}", member.phone, member.email);
                println!("  Account type:  {}", member.account_type);
                println!("  HSLs:          {}", member.hsls.join("; "));
                for r in &member.registrations {
                    println!(
                        "  Registration:  {} {} {} valid until {}",
                        r.profession,
                        r.number,
                        r.register_part.map(|p| p.code()).unwrap_or(""),
                        r.valid_until.entry()
                    );
                }
                println!("  Version:       {}", stored.version);
            }
        }
        StaffCommand::Add { hcp, input } => {
            let form: StaffForm = crate::forms::read_json(input)?;
            let stored = desk.add(&parse_id(hcp)?, &form).await?;
            if cli.json {
                output::json(&stored.summary())?;
            } else {
                println!(
                    "Added {} ({})",
                    stored.record.id, stored.record.member.name_en
                );
            }
        }
        StaffCommand::Leave {
            id,
            on,
            undo,
            version,
        } => {
            let id = parse_staff_id(id)?;
            let on = match (undo, on) {
                (true, _) => None,
                (false, Some(raw)) => {
                    Some(CalendarDate::parse(raw).map_err(|e| CoreError::invalid(e.at("--on")))?)
                }
                (false, None) => Some(SystemClock.now().hong_kong_date()),
            };
            let summary = desk
                .record_leaving(&id, Base::given(*version), on)
                .await?
                .summary();
            if cli.json {
                output::json(&summary)?;
            } else if let Some(day) = summary.left_on {
                println!("{} left on {}", summary.name_en, day.entry());
            } else {
                println!("{} is at the HCP again", summary.name_en);
            }
        }
        StaffCommand::Import { file, hcp, dry_run } => {
            return import(cli, desk, &parse_id(hcp)?, file, *dry_run).await;
        }
        StaffCommand::Expiring { hcp, days } => {
            let hcp = hcp.as_deref().map(parse_id).transpose()?;
            let list = desk.expiring(hcp.as_ref(), *days).await?;
            if cli.json {
                output::json(&list)?;
            } else if list.is_empty() {
                println!("No registration expired or ends within {days} days.");
            } else {
                println!(
                    "{:<8}  {:<10}  {:>5}  {:<14}  {:<32}  {:<12}  {:<30}  NUMBER",
                    "STATE", "UNTIL", "DAYS", "HKID", "NAME", "", "PROFESSION"
                );
                for e in list {
                    println!(
                        "{:<8}  {:<10}  {:>5}  {:<14}  {:<32}  {:<12}  {:<30}  {}",
                        e.state,
                        e.valid_until.entry(),
                        e.days_left,
                        e.hkid_masked,
                        e.name_en,
                        e.name_zh.unwrap_or_default(),
                        e.profession,
                        e.number
                    );
                }
            }
        }
        StaffCommand::Sample {
            rows,
            hcp: Some(hcp),
            out,
        } => {
            let names = desk.hsl_names(&parse_id(hcp)?).await?;
            let rows = sample_rows(*rows, &names, SystemClock.now().hong_kong_date());
            write_out(out.as_deref(), &csv(&rows)?)?;
        }
        StaffCommand::Template { .. } | StaffCommand::Sample { hcp: None, .. } => {}
    }
    Ok(ExitCode::SUCCESS)
}

fn invalid(issue: Issue) -> CliError {
    CliError::Core(CoreError::invalid(issue))
}

fn parse_profession(raw: &str) -> Result<Profession, CliError> {
    Profession::parse(raw).map_err(|e| invalid(e.at("--profession")))
}

fn parse_staff_id(raw: &str) -> Result<StaffId, CliError> {
    StaffId::parse(raw).ok_or(CliError::BadId)
}

fn print_list(cli: &Cli, items: &[StaffSummary]) -> Result<(), CliError> {
    if cli.json {
        return output::json(&items);
    }
    if items.is_empty() {
        println!("No staff.");
        return Ok(());
    }
    println!(
        "{:<36}  {:<14}  {:<32}  {:<12}  {:<26}  PROFESSIONS",
        "ID", "HKID", "NAME", "", "ACCOUNT TYPE"
    );
    for s in items {
        let professions: Vec<&str> = s.professions.iter().map(|p| p.code()).collect();
        println!(
            "{:<36}  {:<14}  {:<32}  {:<12}  {:<26}  {}",
            s.id,
            s.hkid_masked,
            s.name_en,
            s.name_zh.as_deref().unwrap_or(""),
            s.account_type,
            professions.join(", ")
        );
        if let Some(day) = s.left_on {
            println!("{:<36}  left the HCP on {}", "", day.entry());
        }
    }
    Ok(())
}

fn csv(rows: &[Vec<String>]) -> Result<Vec<u8>, CliError> {
    ehr_sheets::write_csv(rows).map_err(|e| invalid(e.issue()))
}

/// Standard output, or a file written whole.
fn write_out(out: Option<&Path>, bytes: &[u8]) -> Result<(), CliError> {
    match out {
        Some(path) => {
            FileDestination::new(path)
                .write_whole(bytes)
                .map_err(CoreError::from)?;
            eprintln!("Wrote {}", path.display());
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|()| stdout.flush())
                .map_err(|source| CliError::Read {
                    path: "standard output".into(),
                    source,
                })?;
        }
    }
    Ok(())
}

/// The file's rows, read no further than the bound.
fn read_rows(path: &Path) -> Result<(ehr_sheets::SourceEncoding, Vec<ImportRow>), CliError> {
    let read_error = |source| CliError::Read {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let mut bytes = Vec::new();
    file.take(
        u64::try_from(SHEET_BYTES_MAX)
            .unwrap_or(u64::MAX)
            .saturating_add(1),
    )
    .read_to_end(&mut bytes)
    .map_err(read_error)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let kind = SheetKind::detect(name, &bytes).map_err(|e| invalid(e.issue()))?;
    let sheet = read_sheet(&bytes, kind).map_err(|e| invalid(e.issue()))?;
    let rows = sheet
        .rows
        .into_iter()
        .map(|row| ImportRow {
            line: row.line,
            cells: row.cells,
        })
        .collect();
    Ok((sheet.encoding, rows))
}

/// One problem of the report: where, what, and the English wording.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportedProblem<'a> {
    #[serde(flatten)]
    problem: &'a ImportProblem,
    message: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report<'a> {
    ok: bool,
    dry_run: bool,
    encoding: ehr_sheets::SourceEncoding,
    rows: usize,
    valid_rows: u32,
    invalid_rows: u32,
    added: u32,
    problems: Vec<ReportedProblem<'a>>,
}

fn as_issue(problem: &ImportProblem) -> Issue {
    Issue {
        code: problem.code,
        field: problem.column.map(|c| c.code().to_owned()),
        params: problem.params.clone(),
        severity: problem.severity,
    }
}

fn has_errors(preview: &ImportPreview) -> bool {
    preview
        .problems()
        .any(|p| p.severity == ehr_core::Severity::Error)
}

async fn import(
    cli: &Cli,
    desk: &StaffDesk<'_>,
    hcp: &ApplicationId,
    file: &Path,
    dry_run: bool,
) -> Result<ExitCode, CliError> {
    let (encoding, rows) = read_rows(file)?;
    let preview = desk.preview_import(hcp, &rows).await?;
    let added = if dry_run || !preview.can_import() {
        0
    } else {
        desk.import(hcp, &rows, Some(&preview.fingerprint), &Unwatched)
            .await?
            .added
    };
    let ok = if dry_run {
        !has_errors(&preview)
    } else {
        added > 0
    };
    if cli.json {
        output::json(&Report {
            ok,
            dry_run,
            encoding,
            rows: preview.rows.len(),
            valid_rows: preview.valid_rows,
            invalid_rows: preview.invalid_rows,
            added,
            problems: preview
                .problems()
                .map(|problem| ReportedProblem {
                    message: messages::describe(&as_issue(problem)),
                    problem,
                })
                .collect(),
        })?;
    } else {
        for problem in preview.problems() {
            let column = match (problem.column, problem.column_number) {
                (Some(c), Some(n)) => format!(", column {n} ({c})"),
                (Some(c), None) => format!(", column {c}"),
                _ => String::new(),
            };
            let severity = match problem.severity {
                ehr_core::Severity::Error => "error",
                ehr_core::Severity::Warning => "warning",
            };
            eprintln!(
                "line {}{column}: {severity}: {} [{}]",
                problem.line,
                messages::describe(&as_issue(problem)),
                problem.code
            );
        }
        let verb = if dry_run { "would be added" } else { "added" };
        println!(
            "{} rows: {} valid ({} {verb}), {} with errors.",
            preview.rows.len(),
            preview.valid_rows,
            if dry_run { preview.valid_rows } else { added },
            preview.invalid_rows
        );
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
