//! Printing results: text for people, JSON for scripts.

use ehr_core::Issue;
use serde::Serialize;

use crate::error::CliError;
use crate::messages;

pub fn json(value: &impl Serialize) -> Result<(), CliError> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Issues as `field: message` lines (stderr), or as `{"ok": false, "issues": [...]}` (stdout).
pub fn issues(issues: &[Issue], as_json: bool) {
    if as_json {
        let worded: Vec<_> = issues
            .iter()
            .map(|i| serde_json::json!({ "code": i.code, "field": i.field, "params": i.params, "message": messages::describe(i) }))
            .collect();
        println!("{}", serde_json::json!({ "ok": false, "issues": worded }));
    } else {
        for issue in issues {
            eprintln!("{}", line(issue));
        }
    }
}

pub fn line(issue: &Issue) -> String {
    match &issue.field {
        Some(field) => format!("{field}: {}", messages::describe(issue)),
        None => messages::describe(issue),
    }
}
