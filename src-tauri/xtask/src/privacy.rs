//! The last check of a test run: no personal data in any log or error output the suite produced.
//!
//! The values looked for are the suite's own personal data: every text of the samples the tests type
//! (`ehr forms sample application|patient-registration`) and every HKID number written in the E2E tests and
//! the virtual card. The places looked in: the stderr of every `ehr` run by the CLI tests (kept under
//! `target/tmp/ehr-stderr/`) and every log the app wrote during the E2E (`target/e2e/homes/*/…/logs/`).
//! The answers too — each `ehr` run's stdout and every IPC answer the E2E asked for directly — for passwords
//! and hashes only (they carry personal data and, once, the recovery key, by design). Secrets: every
//! password the suite types (the string literals beside a `PASSWORD` constant, a
//! `password:` key or a `Password::parse(` in the test sources), any Argon2id hash, and anything shaped
//! like a recovery key. A finding names the file and the sample field, never the value.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Where the CLI tests keep each `ehr` run's stderr and stdout (see `src-tauri/cli/tests/common/mod.rs`).
pub const STDERR_DIR: &str = "target/tmp/ehr-stderr";
pub const STDOUT_DIR: &str = "target/tmp/ehr-stdout";
/// Where the E2E keeps every IPC answer it asked for directly (`invoke` in `tests/e2e/support.mjs`).
pub const IPC_DIR: &str = "target/e2e/ipc";

pub fn check(root: &Path) -> Result<(), String> {
    eprintln!("\n==> no personal data in any log or stderr");
    let values = suite_values(root)?;
    let mut files = Vec::new();
    collect(&root.join(STDERR_DIR), &mut files, &|_| true);
    collect(&root.join("target/e2e/homes"), &mut files, &|path| {
        path.components().any(|c| c.as_os_str() == "logs")
    });
    if files.is_empty() {
        return Err("no stderr or log files were found to check: the suite did not run".into());
    }
    let passwords = suite_passwords(root);
    let mut values = values;
    values.extend(passwords.iter().cloned());
    let mut findings = scan(&files, &values);
    findings.extend(scan_shapes(&files, true));
    // Answers: the recovery key is in one by design (setup shows it once), and personal data in many; no
    // password or password hash in any.
    let mut answers = Vec::new();
    collect(&root.join(STDOUT_DIR), &mut answers, &|_| true);
    collect(&root.join(IPC_DIR), &mut answers, &|_| true);
    findings.extend(scan(&answers, &passwords));
    findings.extend(scan_shapes(&answers, false));
    files.extend(answers);
    eprintln!(
        "<== {} values of personal data looked for in {} files: {} found",
        values.len(),
        files.len(),
        findings.len()
    );
    if findings.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "personal data in the suite's output:\n  {}",
            findings.join("\n  ")
        ))
    }
}

/// `file: label` for each value found in a file.
fn scan(files: &[PathBuf], values: &[(String, String)]) -> Vec<String> {
    let mut findings = Vec::new();
    for file in files {
        let text = String::from_utf8_lossy(&std::fs::read(file).unwrap_or_default()).into_owned();
        for (label, value) in values {
            if text.contains(value.as_str()) {
                findings.push(format!("{}: {label}", file.display()));
            }
        }
    }
    findings
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>, keep: &dyn Fn(&Path) -> bool) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out, keep);
        } else if keep(&path) {
            out.push(path);
        }
    }
}

/// (where it comes from, the value), for every value of personal data the suite uses.
fn suite_values(root: &Path) -> Result<Vec<(String, String)>, String> {
    let ehr = root.join("target/debug/ehr");
    let mut values = Vec::new();
    // Every text of the samples. Of the user administrator's forms (staff, the people an amendment names),
    // ids, references, dates and field paths are left out: they are not personal, and a log line's time or
    // a refusal's field could match one.
    for (form, everything) in [
        ("application", true),
        ("patient-registration", true),
        ("account-request", false),
        ("amendment", false),
        ("additional-hsl", false),
        ("withdrawal", false),
    ] {
        let output = Command::new(&ehr)
            .args(["forms", "sample", form])
            .output()
            .map_err(|e| format!("cannot run {}: {e}", ehr.display()))?;
        let sample: Value = serde_json::from_slice(&output.stdout)
            .map_err(|e| format!("ehr forms sample {form} printed no JSON: {e}"))?;
        let mut found = Vec::new();
        texts(&sample, form.to_owned(), &mut found);
        values.extend(
            found
                .into_iter()
                .filter(|(_, text)| everything || !is_not_personal(text)),
        );
    }
    for dir in ["tests/e2e", "tests/card"] {
        let mut files = Vec::new();
        collect(&root.join(dir), &mut files, &|path| {
            matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("mjs" | "py")
            ) && !path.components().any(|c| c.as_os_str() == "node_modules")
        });
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for hkid in hkids(&text) {
                values.push((format!("an HKID in {}", file.display()), hkid));
            }
        }
    }
    values.sort();
    values.dedup();
    Ok(values)
}

/// The passwords the tests type, from their sources: the string literal right after `PASSWORD: &str = "`,
/// `PASSWORD = "`, `password: "` or `Password::parse("`.
fn suite_passwords(root: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for dir in ["tests", "src-tauri"] {
        collect(&root.join(dir), &mut files, &|path| {
            let in_tests = path.components().any(|c| c.as_os_str() == "tests");
            let source = matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("rs" | "mjs")
            );
            in_tests && source && !path.components().any(|c| c.as_os_str() == "node_modules")
        });
    }
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        // The literal right after one of these: a constant, an object key, a parse.
        for marker in [
            "PASSWORD: &str = \"",
            "PASSWORD = \"",
            "password: \"",
            "Password::parse(\"",
        ] {
            for (at, _) in text.match_indices(marker) {
                let rest = &text[at + marker.len()..];
                let literal = rest.split('"').next().unwrap_or_default();
                if literal.chars().count() >= 10 {
                    found.push((
                        format!("a password in {}", file.display()),
                        literal.to_owned(),
                    ));
                }
            }
        }
    }
    found
}

/// `file: what` for each Argon2id hash (and, with `recovery_keys`, recovery-key-shaped text) in a file.
fn scan_shapes(files: &[PathBuf], recovery_keys: bool) -> Vec<String> {
    let mut findings = Vec::new();
    for file in files {
        let text = String::from_utf8_lossy(&std::fs::read(file).unwrap_or_default()).into_owned();
        if text.contains("$argon2") {
            findings.push(format!("{}: a password hash", file.display()));
        }
        if recovery_keys && has_recovery_key(&text) {
            findings.push(format!("{}: a recovery key", file.display()));
        }
    }
    findings
}

/// Eight groups of four Crockford base-32 digits joined by `-`, as a recovery key is shown.
fn has_recovery_key(text: &str) -> bool {
    const ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    text.split(|c: char| c.is_whitespace() || c == '"' || c == '\'')
        .any(|word| {
            let word = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
            let groups: Vec<&str> = word.split('-').collect();
            groups.len() == 8
                && groups
                    .iter()
                    .all(|g| g.len() == 4 && g.chars().all(|c| ALPHABET.contains(c)))
        })
}

/// Every text of 4 characters or more that is not a code (`group_practice`, `dateOfBirth`), with its JSON
/// path. Names begin with a capital (`CHAN`), e-mail addresses and numbers hold other characters.
fn texts(value: &Value, at: String, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(text) => {
            let code = text.starts_with(|c: char| c.is_ascii_lowercase())
                && text
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if text.chars().count() >= 4 && !code {
                out.push((at, text.clone()));
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                texts(item, format!("{at}[{index}]"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                texts(item, format!("{at}.{key}"), out);
            }
        }
        _ => {}
    }
}

/// Not personal data: a UUID, a reference (`UAR-1A2B-…`), an ISO date, or a field path
/// (`userInformation.administrators[0].hkid`, which an amendment's change list names and refusals print).
fn is_not_personal(text: &str) -> bool {
    let path = text.starts_with(|c: char| c.is_ascii_lowercase())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '[' | ']'));
    let uuid = text.len() == 36 && text.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    let reference = ["HCP-", "UAR-", "AMD-"].iter().any(|p| text.starts_with(p));
    let date = text.len() == 10
        && text.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    uuid || reference || date || path
}

/// HKID numbers as written (`A123456(3)`) and as a card holds them (`A1234563`).
fn hkids(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for start in 0..chars.len() {
        let letters = chars[start..]
            .iter()
            .take_while(|c| c.is_ascii_uppercase())
            .count();
        if !(1..=2).contains(&letters) || (start > 0 && chars[start - 1].is_ascii_alphanumeric()) {
            continue;
        }
        let digits_at = start + letters;
        let digits: String = chars[digits_at..].iter().take(6).collect();
        if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let prefix: String = chars[start..digits_at].iter().collect();
        let rest: String = chars[digits_at + 6..].iter().take(3).collect();
        let check = match rest.as_bytes() {
            [b'(', c, b')', ..] if c.is_ascii_digit() || *c == b'A' => Some(char::from(*c)),
            [c, ..] if c.is_ascii_digit() || *c == b'A' => Some(char::from(*c)),
            _ => None,
        };
        if let Some(check) = check {
            found.push(format!("{prefix}{digits}({check})"));
            found.push(format!("{prefix}{digits}{check}"));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_found_by_their_shape() {
        assert!(has_recovery_key(
            "key: 7KQ2-M9XD-0000-AAAA-BBBB-CCCC-DDDD-EEEE."
        ));
        assert!(!has_recovery_key(
            "2026-12-01 a uuid 0193a7a0-0000-7000-8000-000000000000"
        ));
        let dir = std::env::temp_dir().join(format!("xtask-shapes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let log = dir.join("log.txt");
        std::fs::write(&log, "hash=$argon2id$v=19$m=19456,t=2,p=1$abc").unwrap();
        assert_eq!(
            scan_shapes(std::slice::from_ref(&log), true),
            [format!("{}: a password hash", log.display())]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_value_in_a_file_is_named_by_its_label() {
        let dir = std::env::temp_dir().join(format!("xtask-privacy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let clean = dir.join("clean.txt");
        let leaky = dir.join("leaky.txt");
        std::fs::write(&clean, "validation.hkid.check_digit at patient.hkid").unwrap();
        std::fs::write(&leaky, "invalid value: A123456(3)").unwrap();
        let values = [("sample.hkid".to_owned(), "A123456(3)".to_owned())];
        let findings = scan(&[clean, leaky.clone()], &values);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(findings, [format!("{}: sample.hkid", leaky.display())]);
    }

    #[test]
    fn hkids_are_found_in_both_spellings() {
        let found = hkids(r#"type("A123456(3)"); card = {"hkid": "CA1823611"}; "9A123456(3)""#);
        assert_eq!(
            found,
            ["A123456(3)", "A1234563", "CA182361(1)", "CA1823611"]
        );
    }

    #[test]
    fn codes_and_short_texts_are_not_personal_data() {
        let mut out = Vec::new();
        texts(
            &serde_json::json!({
                "hcpType": "group_practice",
                "readFromCard": ["dateOfBirth"],
                "sex": "F",
                "name": {"en": "CHAN Tai Man"}
            }),
            "sample".into(),
            &mut out,
        );
        assert_eq!(
            out,
            [("sample.name.en".to_owned(), "CHAN Tai Man".to_owned())]
        );
    }
}
