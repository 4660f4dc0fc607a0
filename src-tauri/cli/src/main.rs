//! `ehr`: eHR Desk on the command line, for scripting and administration. The same core use cases as the
//! desktop app, printed as text or, with `--json`, as JSON.

mod applications;
mod args;
mod error;
mod messages;
mod validate;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};
use crate::error::CliError;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Command::Validate(command) => validate::run(command, cli.json),
        Command::Applications(command) => run_async(applications::run(&cli, command)),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            error.print(cli.json);
            ExitCode::from(2)
        }
    }
}

fn run_async(task: impl Future<Output = Result<ExitCode, CliError>>) -> Result<ExitCode, CliError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(CliError::Runtime)?;
    runtime.block_on(task)
}
