//! `ehr card ...`: the same identity reader the desktop app uses (PC/SC, or the authorised reading component
//! named by `EHR_DESK_CARD_PROGRAM`). A read is audited like one at the front desk.

use std::io::Write;
use std::process::ExitCode;

use ehr_card::{CARD_PROGRAM_VARIABLE, installed_reader};
use ehr_core::patient::{ConsentRules, Identity, Patients};
use ehr_core::ports::{
    CardFailure, IdentityReader, IdentitySource, ReaderPhase, ReaderState, SystemClock,
};
use ehr_core::{CoreError, Issue};
use serde::Serialize;

use crate::args::{CardCommand, Cli};
use crate::error::CliError;
use crate::session::signed_in;
use crate::{output, run_async};

pub fn run(cli: &Cli, command: &CardCommand) -> Result<ExitCode, CliError> {
    let installed = installed_reader().map_err(CoreError::from)?;
    let reader = installed.reader.as_ref();
    match command {
        // The component owns its reader: there is no PC/SC reader list to show.
        CardCommand::Readers if installed.source == IdentitySource::ExternalReader => {
            let program = std::env::var_os(CARD_PROGRAM_VARIABLE).unwrap_or_default();
            if cli.json {
                output::json(&serde_json::json!({
                    "ok": true, "readers": [], "program": program.to_string_lossy()
                }))?;
            } else {
                println!(
                    "Cards are read by the authorised reading component {}",
                    program.to_string_lossy()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        CardCommand::Readers => readers(reader, cli.json),
        CardCommand::Watch { until } => watch(reader, until.as_deref()),
        CardCommand::Read { reader: name } => {
            if let Some(name) = name {
                reader.select_reader(name).map_err(CoreError::from)?;
            }
            let identity = run_async(async {
                signed_in(cli, async |store, session| {
                    let sealed = store.sealed(session.cipher());
                    let clock = SystemClock;
                    let patients = Patients::new(
                        &sealed,
                        &clock,
                        ConsentRules::embedded().map_err(CoreError::from)?,
                        session.principal(),
                    );
                    Ok::<_, CliError>(patients.read_card(reader).await?)
                })
                .await
            })?;
            print_identity(&identity, cli.json)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReaderLine {
    name: String,
    phase: ReaderPhase,
    problem: Option<ehr_core::ErrorCode>,
}

/// Each reader with its own phase, found by selecting it in turn: the state describes the selected reader.
fn readers(reader: &dyn IdentityReader, json: bool) -> Result<ExitCode, CliError> {
    let state = reader.state();
    let missing = match state.phase {
        ReaderPhase::NoService => Some(CardFailure::NoService),
        _ if state.readers.is_empty() => Some(CardFailure::NoReader),
        _ => None,
    };
    if let Some(failure) = missing {
        output::issues(&failure.issues(), json);
        return Ok(ExitCode::FAILURE);
    }
    let mut lines = Vec::new();
    for name in &state.readers {
        // A reader unplugged since the listing is simply left out.
        if reader.select_reader(name).is_ok() {
            let seen = reader.state();
            lines.push(ReaderLine {
                name: name.clone(),
                phase: seen.phase,
                problem: seen.problem,
            });
        }
    }
    if json {
        output::json(&serde_json::json!({ "ok": true, "readers": lines }))?;
    } else {
        let width = lines
            .iter()
            .map(|l| l.name.chars().count())
            .max()
            .unwrap_or(0);
        for line in &lines {
            let problem = line
                .problem
                .map(|code| format!(" ({})", output::line(&Issue::new(code))))
                .unwrap_or_default();
            println!(
                "{:width$}  {}{problem}",
                line.name,
                line.phase.code().replace('_', " ")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One JSON line per state; ends when `until` is reached, the reader stops watching, or stdout closes.
fn watch(reader: &dyn IdentityReader, until: Option<&str>) -> Result<ExitCode, CliError> {
    let until = until
        .map(|code| {
            ReaderPhase::from_code(code).ok_or_else(|| CliError::BadPhase {
                given: code.to_owned(),
                known: ReaderPhase::ALL
                    .iter()
                    .map(|p| p.code())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
        })
        .transpose()?;
    let mut stdout = std::io::stdout().lock();
    for state in reader.subscribe() {
        if print_line(&mut stdout, &state).is_err() {
            // The reading end went away (`| head`): nothing more to say to anyone.
            break;
        }
        if Some(state.phase) == until {
            break;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_line(out: &mut impl Write, state: &ReaderState) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, state)?;
    out.write_all(b"\n")?;
    out.flush()
}

fn print_identity(identity: &Identity, json: bool) -> Result<(), CliError> {
    if json {
        return output::json(&serde_json::json!({ "ok": true, "identity": identity }));
    }
    let optional = |value: Option<String>| value.unwrap_or_else(|| "-".into());
    let rows = [
        ("HKID", identity.hkid.to_string()),
        ("English surname", identity.english_surname.to_string()),
        (
            "English given name",
            optional(
                identity
                    .english_given_name
                    .as_ref()
                    .map(ToString::to_string),
            ),
        ),
        (
            "Chinese name",
            optional(identity.chinese_name.as_ref().map(ToString::to_string)),
        ),
        ("Date of birth", identity.date_of_birth.to_string()),
        ("Sex", identity.sex.code().to_owned()),
        (
            "Date of issue",
            optional(identity.date_of_issue.as_ref().map(ToString::to_string)),
        ),
    ];
    for (label, value) in rows {
        println!("{label:<19} {value}");
    }
    Ok(())
}
