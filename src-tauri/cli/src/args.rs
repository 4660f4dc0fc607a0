//! The command line's shape.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// eHR Desk on the command line: validate identifiers and manage HCP registration applications.
#[derive(Debug, Parser)]
#[command(name = "ehr", version, propagate_version = true)]
pub struct Cli {
    /// The database file [default: the desktop app's, in the user's data directory]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Print JSON instead of text
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a value with the rules the forms use; print it normalised (exit 0) or the problem (exit 1)
    Validate(ValidateCommand),
    /// HCP registration applications
    #[command(subcommand)]
    Applications(ApplicationsCommand),
}

#[derive(Debug, Args)]
pub struct ValidateCommand {
    /// What kind of value
    pub kind: ValueKind,
    /// The value, as a person would type it (quote it if it has brackets or spaces)
    pub value: String,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ValueKind {
    /// Hong Kong identity card number, e.g. 'A123456(3)'
    Hkid,
    /// Business Registration number, 8 digits or the full certificate number
    Brn,
    /// Hong Kong phone number, +852 optional
    Phone,
    /// E-mail address
    Email,
}

#[derive(Debug, Subcommand)]
pub enum ApplicationsCommand {
    /// List applications, most recently changed first
    List,
}
