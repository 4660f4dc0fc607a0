//! `ehr validate KIND VALUE`.

use std::process::ExitCode;

use ehr_core::Issue;
use ehr_core::ports::{Clock, SystemClock};
use ehr_core::validation::{BusinessRegNo, CalendarDate, Email, Hkid, PhoneNumber, ValueError};

use crate::args::{ValidateCommand, ValueKind};
use crate::error::CliError;
use crate::messages;

pub fn run(command: &ValidateCommand, json: bool) -> Result<ExitCode, CliError> {
    let raw = command.value.as_str();
    let outcome: Result<String, ValueError> = match command.kind {
        ValueKind::Hkid => Hkid::parse(raw).map(|v| v.to_string()),
        ValueKind::Brn => BusinessRegNo::parse(raw).map(|v| v.to_string()),
        ValueKind::Phone => PhoneNumber::parse(raw).map(|v| v.to_string()),
        ValueKind::Email => Email::parse(raw).map(|v| v.to_string()),
        ValueKind::Date => CalendarDate::parse(raw).map(|v| v.to_string()),
        ValueKind::BirthDate => CalendarDate::parse_birth(raw, SystemClock.now().hong_kong_date())
            .map(|v| v.to_string()),
    };
    match outcome {
        Ok(value) => {
            if json {
                println!("{}", serde_json::json!({ "ok": true, "value": value }));
            } else {
                println!("{value}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            let issue = Issue {
                code: error.code,
                field: None,
                params: error.params,
                severity: ehr_core::Severity::Error,
            };
            let message = messages::describe(&issue);
            if json {
                let output = serde_json::json!({
                    "ok": false, "code": issue.code, "message": message, "params": issue.params,
                });
                println!("{output}");
            } else {
                eprintln!("{message}");
            }
            Ok(ExitCode::FAILURE)
        }
    }
}
