//! `ehr staff` as a user administrator uses it: the template, a sample file, a dry run naming each bad row by
//! line, column and code, and an import that adds exactly the good rows — from UTF-8 with a BOM and from
//! Big5 alike.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{ehr, json_of, stdout};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// An office with the sample application, whose HSLs the sample staff work at; answers its id.
fn office_with_hcp(dir: &Path, db: &str) -> String {
    let form = dir.join("application.json");
    std::fs::write(&form, ehr(&["forms", "sample", "application"]).stdout).unwrap();
    let created = ehr(&[
        "--db",
        db,
        "--json",
        "applications",
        "create",
        "--input",
        form.to_str().unwrap(),
    ]);
    json_of(&created)["draft"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The CSV's text (BOM removed) as lines.
fn lines_of(csv: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(csv.strip_prefix(UTF8_BOM).unwrap()).unwrap();
    text.split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Where a problem is and what it is: the file's line, the column's code (none for the row), the code.
type Found = (u64, Option<String>, String);

/// 10,000 staff rows, 50 of them bad in five ways; answers the file and the problems expected.
fn file_with_bad_rows(dir: &Path) -> (Vec<String>, Vec<Found>) {
    let sample = ehr(&["staff", "sample", "--rows", "10000"]);
    assert!(sample.status.success());
    assert!(
        sample.stdout.starts_with(UTF8_BOM),
        "the sample carries a BOM"
    );
    let mut lines = lines_of(&sample.stdout);
    assert_eq!(lines.len(), 10_001);
    let _ = dir;
    let mut expected = Vec::new();
    // Rows 9951..=10000 (file lines 9952..=10001) are spoilt, ten of each kind.
    for (k, line_index) in (9_951..=10_000).enumerate() {
        let line = line_index as u64 + 1;
        let mut cells: Vec<String> = lines[line_index].split(',').map(str::to_owned).collect();
        match k / 10 {
            0 => {
                // The check character one off.
                let hkid = &cells[2];
                let check = hkid.chars().nth(8).unwrap();
                let wrong = match check {
                    '9' => 'A',
                    'A' => '0',
                    c => char::from(c as u8 + 1),
                };
                cells[2] = format!("{}{wrong})", &hkid[..8]);
                expected.push((
                    line,
                    Some("hkid".into()),
                    "validation.hkid.check_digit".into(),
                ));
            }
            1 => {
                if cells[7].is_empty() {
                    cells[5] = "healthcare_professional".into();
                    cells[8] = "R1".into();
                    cells[10] = "31/12/2027".into();
                }
                cells[7] = "herbalist".into();
                expected.push((
                    line,
                    Some("profession".into()),
                    "validation.profession.unknown".into(),
                ));
            }
            2 => {
                cells[5] = "healthcare_professional".into();
                if cells[7].is_empty() {
                    cells[7] = "dentist".into();
                    cells[8] = "D1".into();
                }
                cells[9] = if cells[7] == "nurse" {
                    "nurse_part_i".into()
                } else if cells[7] == "chinese_medicine_practitioner" {
                    "cm_registered".into()
                } else {
                    String::new()
                };
                cells[10] = "31/02/2027".into();
                expected.push((
                    line,
                    Some("valid_until".into()),
                    "validation.date.not_a_day".into(),
                ));
            }
            3 => {
                // A second row for someone already on line 2 + k.
                cells = lines[1 + k].split(',').map(str::to_owned).collect();
                expected.push((line, Some("hkid".into()), "import.duplicate_row".into()));
            }
            _ => {
                cells.truncate(6);
                expected.push((line, None, "import.too_few_columns".into()));
            }
        }
        lines[line_index] = cells.join(",");
    }
    (lines, expected)
}

fn write_utf8_bom(path: &Path, lines: &[String]) {
    let mut bytes = UTF8_BOM.to_vec();
    bytes.extend(lines.join("\r\n").as_bytes());
    bytes.extend(b"\r\n");
    std::fs::write(path, bytes).unwrap();
}

fn write_big5(path: &Path, lines: &[String]) {
    let text = lines.join("\n") + "\n";
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    std::fs::write(path, bytes).unwrap();
}

/// The errors of a `--json` report, as (line, column, code).
fn errors_of(report: &serde_json::Value) -> Vec<Found> {
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["severity"] == "error")
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["column"].as_str().map(str::to_owned),
                p["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn ten_thousand_rows_with_fifty_bad_ones_in_utf8_and_big5() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("ehr.sqlite3");
    let db = db_path.to_str().unwrap();
    let hcp = office_with_hcp(dir.path(), db);
    let (lines, mut expected) = file_with_bad_rows(dir.path());
    expected.sort();

    let big5 = dir.path().join("staff-big5.csv");
    write_big5(&big5, &lines);
    let dry = ehr(&[
        "--db",
        db,
        "--json",
        "staff",
        "import",
        big5.to_str().unwrap(),
        "--hcp",
        &hcp,
        "--dry-run",
    ]);
    assert_eq!(dry.status.code(), Some(1), "a dry run with errors exits 1");
    let report = json_of(&dry);
    assert_eq!(report["encoding"], "big5");
    assert_eq!(report["validRows"], 9_950);
    assert_eq!(report["invalidRows"], 50);
    assert_eq!(report["added"], 0);
    let mut found = errors_of(&report);
    found.sort();
    // Exactly one error per bad row, where it is.
    let first_per_line: BTreeMap<u64, (Option<String>, String)> = found
        .iter()
        .map(|(l, c, code)| (*l, (c.clone(), code.clone())))
        .rev()
        .collect();
    let per_line: Vec<Found> = first_per_line
        .into_iter()
        .map(|(l, (c, code))| (l, c, code))
        .collect();
    assert_eq!(per_line, expected);
    assert!(
        report["problems"][0]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "worded"
    );
    // Nothing was added by the dry run.
    let listed = json_of(&ehr(&["--db", db, "--json", "staff", "list"]));
    assert_eq!(listed.as_array().unwrap().len(), 0);

    let utf8 = dir.path().join("staff.csv");
    write_utf8_bom(&utf8, &lines);
    let import = ehr(&[
        "--db",
        db,
        "--json",
        "staff",
        "import",
        utf8.to_str().unwrap(),
        "--hcp",
        &hcp,
    ]);
    assert!(import.status.success(), "{}", stdout(&import));
    let report = json_of(&import);
    assert_eq!(report["encoding"], "utf8_bom");
    assert_eq!(report["added"], 9_950);
    let mut again = errors_of(&report);
    again.sort();
    assert_eq!(again, found, "the same problems from either encoding");
    let listed = json_of(&ehr(&[
        "--db", db, "--json", "staff", "list", "--hcp", &hcp,
    ]));
    assert_eq!(listed.as_array().unwrap().len(), 9_950);
    // Chinese names came through the file intact.
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["nameZh"] == "陳大文")
    );

    // The Big5 file now: every good row is already listed, the bad ones still bad; nothing added.
    let twice = ehr(&[
        "--db",
        db,
        "--json",
        "staff",
        "import",
        big5.to_str().unwrap(),
        "--hcp",
        &hcp,
    ]);
    assert_eq!(twice.status.code(), Some(1));
    assert_eq!(json_of(&twice)["added"], 0);
}

#[test]
fn the_template_has_each_column_in_both_languages() {
    let template = ehr(&["staff", "template"]);
    assert!(template.status.success());
    let lines = lines_of(&template.stdout);
    assert_eq!(lines.len(), 1);
    let header = &lines[0];
    for label in [
        "Name in English / 英文姓名",
        "HKID number / 香港身份證號碼",
        "Valid until (DD/MM/YYYY)",
    ] {
        assert!(header.contains(label), "{header}");
    }
}

#[test]
fn expiring_lists_lapsed_and_soon_ending_registrations() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("ehr.sqlite3");
    let db = db_path.to_str().unwrap();
    let hcp = office_with_hcp(dir.path(), db);
    let today = ehr_core::ports::Clock::now(&ehr_core::ports::SystemClock).hong_kong_date();
    let day = |days: i64| {
        ehr_core::validation::CalendarDate::from_date(today.date() + time_days(days)).entry()
    };
    let sample = lines_of(&ehr(&["staff", "sample", "--rows", "4"]).stdout);
    let mut lines = vec![sample[0].clone()];
    for (i, offset) in [(1, 0_i64), (2, 60), (3, 61), (4, -1)] {
        let mut cells: Vec<String> = sample[i].split(',').map(str::to_owned).collect();
        cells[5] = "healthcare_professional".into();
        cells[7] = "dentist".into();
        cells[8] = format!("D{i}");
        cells[9] = String::new();
        cells[10] = day(offset);
        lines.push(cells.join(","));
    }
    let file = dir.path().join("staff.csv");
    write_utf8_bom(&file, &lines);
    let import = ehr(&[
        "--db",
        db,
        "staff",
        "import",
        file.to_str().unwrap(),
        "--hcp",
        &hcp,
    ]);
    assert!(import.status.success(), "{}", common::stderr(&import));
    let list = json_of(&ehr(&[
        "--db", db, "--json", "staff", "expiring", "--hcp", &hcp, "--days", "60",
    ]));
    let seen: Vec<(String, i64)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["state"].as_str().unwrap().to_owned(),
                e["daysLeft"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("expired".into(), -1),
            ("expiring".into(), 0),
            ("expiring".into(), 60)
        ]
    );
    let text = stdout(&ehr(&["--db", db, "staff", "expiring"]));
    assert!(text.contains("expired"), "{text}");
    // Someone who left counts no more: not listed, nor expiring; listed again when asked for.
    let before = json_of(&ehr(&[
        "--db", db, "--json", "staff", "list", "--hcp", &hcp,
    ]));
    let first = before[0]["id"].as_str().unwrap().to_owned();
    let future = ehr(&[
        "--db",
        db,
        "--json",
        "staff",
        "leave",
        &first,
        "--on",
        &day(1),
    ]);
    assert_eq!(future.status.code(), Some(1));
    let refused = json_of(&future);
    assert_eq!(
        refused["issues"][0]["code"], "validation.date.in_future",
        "{refused}"
    );
    let left = json_of(&ehr(&["--db", db, "--json", "staff", "leave", &first]));
    assert_eq!(left["leftOn"], today.to_string());
    let listed = json_of(&ehr(&[
        "--db", db, "--json", "staff", "list", "--hcp", &hcp,
    ]));
    assert_eq!(listed.as_array().unwrap().len(), 3);
    let everyone = json_of(&ehr(&[
        "--db",
        db,
        "--json",
        "staff",
        "list",
        "--hcp",
        &hcp,
        "--include-left",
    ]));
    assert_eq!(everyone.as_array().unwrap().len(), 4);
    let undone = json_of(&ehr(&[
        "--db", db, "--json", "staff", "leave", &first, "--undo",
    ]));
    assert_eq!(undone["leftOn"], serde_json::Value::Null);

    // An HCP with no staff has nothing expiring, though the clinic has.
    let form = dir.path().join("application.json");
    let other = json_of(&ehr(&[
        "--db",
        db,
        "--json",
        "applications",
        "create",
        "--input",
        form.to_str().unwrap(),
    ]));
    let none = json_of(&ehr(&[
        "--db",
        db,
        "--json",
        "staff",
        "expiring",
        "--hcp",
        other["draft"]["id"].as_str().unwrap(),
    ]));
    assert_eq!(none, serde_json::json!([]));
}

fn time_days(days: i64) -> time::Duration {
    time::Duration::days(days)
}
