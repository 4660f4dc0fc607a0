//! Printing results: text for people, JSON for scripts.

use ehr_core::Issue;
use serde::Serialize;

use crate::error::CliError;
use crate::messages;

pub fn json(value: &impl Serialize) -> Result<(), CliError> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Issues as `field: message [code]` lines (stderr), or as `{"ok": false, "code": ..., "issues": [...]}`
/// (stdout; `code` is the first issue's, for scripts that branch on one).
pub fn issues(issues: &[Issue], as_json: bool) {
    if as_json {
        let worded: Vec<_> = issues
            .iter()
            .map(|i| serde_json::json!({ "code": i.code, "field": i.field, "params": i.params, "message": messages::describe(i) }))
            .collect();
        let code = issues.first().map(|i| i.code);
        println!(
            "{}",
            serde_json::json!({ "ok": false, "code": code, "issues": worded })
        );
    } else {
        for issue in issues {
            eprintln!("{}", line(issue));
        }
    }
}

pub fn line(issue: &Issue) -> String {
    let code = issue.code.code();
    match &issue.field {
        Some(field) => format!("{field}: {} [{code}]", messages::describe(issue)),
        None => format!("{} [{code}]", messages::describe(issue)),
    }
}
