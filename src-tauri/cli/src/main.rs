//! `ehr`: eHR Desk on the command line, for scripting and administration. The same core use cases as the
//! desktop app, printed as text or, with `--json`, as JSON.

mod amendments;
mod applications;
mod args;
mod audit;
mod backup;
mod card;
mod database;
mod db;
mod error;
mod forms;
mod messages;
mod output;
mod requests;
mod session;
mod staff;
mod users;
mod validate;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};
use crate::error::CliError;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Command::Validate(command) => validate::run(command, cli.json),
        Command::Forms(command) => forms::run(command, cli.json),
        Command::Applications(command) => run_async(applications::run(&cli, command)),
        Command::Card(command) => card::run(&cli, command),
        Command::Db(command) => run_async(db::run(&cli, command)),
        Command::Audit(command) => run_async(audit::run(&cli, command)),
        Command::Staff(command) => run_async(staff::run(&cli, command)),
        Command::Requests(command) => run_async(requests::run(&cli, command)),
        Command::Amendments(command) => run_async(amendments::run(&cli, command)),
        Command::Setup {
            office,
            name,
            admin,
            admin_name,
        } => run_async(users::setup(&cli, *office, name, admin, admin_name)),
        Command::Users(command) => run_async(users::run(&cli, command)),
        Command::Passwd => run_async(users::passwd(&cli)),
        Command::Recover { user } => run_async(users::recover(&cli, user)),
    };
    match outcome {
        Ok(code) => code,
        // A refusal the user can act on (not found, read-only, incomplete...): its issues, worded, exit 1.
        Err(CliError::Core(error)) if error.issues().is_some() => {
            output::issues(&error.issues().unwrap_or_default(), cli.json);
            ExitCode::FAILURE
        }
        Err(CliError::Input { path, error }) => {
            if !cli.json {
                eprintln!("{} is not accepted as form data:", path.display());
            }
            output::issues(error.issues(), cli.json);
            ExitCode::FAILURE
        }
        Err(error) => {
            error.print(cli.json);
            ExitCode::from(2)
        }
    }
}

pub(crate) fn run_async<T>(task: impl Future<Output = Result<T, CliError>>) -> Result<T, CliError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(CliError::Runtime)?;
    runtime.block_on(task)
}
