#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use super::*;
use crate::application::{Actor, ApplicationId};
use crate::issue::{ErrorCode, Severity};
use crate::time::Timestamp;
use crate::validation::{CalendarDate, Hkid, Profession};

fn day(iso: &str) -> CalendarDate {
    CalendarDate::parse_iso(iso).unwrap()
}

fn hsls() -> Vec<String> {
    vec![
        "Harbour Clinic (Sheung Wan)".into(),
        "Harbour Clinic (Sha Tin)".into(),
    ]
}

fn context(names: &[String]) -> HcpContext<'_> {
    HcpContext {
        hsl_names: names,
        today: day("2026-12-01"),
    }
}

#[test]
fn staff_work_at_the_named_hsls_trimmed() {
    let hsl = |name: &str| crate::application::HslInput {
        name_en: name.into(),
        ..Default::default()
    };
    let hsls = [
        hsl("  Harbour Clinic (Sha Tin) "),
        hsl(""),
        hsl("   "),
        hsl("Annex"),
    ];
    assert_eq!(
        hsl_names_of(&hsls),
        vec!["Harbour Clinic (Sha Tin)".to_owned(), "Annex".to_owned()]
    );
}

/// A stored professional whose registrations end on these days.
fn staff_until(name: &str, until: &[&str]) -> StoredStaff {
    let professions = [
        Profession::Dentist,
        Profession::Pharmacist,
        Profession::Radiographer,
    ];
    let form = StaffForm {
        name_en: name.into(),
        name_zh: String::new(),
        hkid: "A123456(3)".into(),
        phone: "91234567".into(),
        email: "someone@example.com".into(),
        account_type: "healthcare_professional".into(),
        hsls: vec!["Harbour Clinic (Sha Tin)".into()],
        registrations: until
            .iter()
            .zip(professions)
            .map(|(until, profession)| RegistrationInput {
                profession: profession.code().into(),
                number: "R1".into(),
                register_part: String::new(),
                valid_until: (*until).into(),
            })
            .collect(),
    };
    // Checked as on a day before all of them, so none is refused as expired.
    let names = hsls();
    let early = HcpContext {
        hsl_names: &names,
        today: day("2000-01-01"),
    };
    let (member, issues) = form.check(early);
    let member = member.unwrap_or_else(|| panic!("{issues:?}"));
    StoredStaff {
        record: StaffRecord {
            id: StaffId::generate(),
            hcp: ApplicationId::generate(),
            member,
            added_at: Timestamp::from_millis(0),
            added_by: Actor {
                user: "admin".into(),
                workstation: "desk".into(),
            },
            left_on: None,
        },
        version: 1,
    }
}

#[test]
fn the_expiry_list_includes_both_edges_and_the_expired() {
    let today = day("2026-11-01");
    let staff = [
        staff_until("CHAN Today", &["2026-11-01"]),
        staff_until("CHAN Sixty", &["2026-12-31"]),
        staff_until("CHAN Sixtyone", &["2027-01-01"]),
        staff_until("CHAN Yesterday", &["2026-10-31"]),
    ];
    let list = expiring(&staff, today, 60);
    let seen: Vec<(&str, i64, ExpiryState)> = list
        .iter()
        .map(|e| (e.name_en.as_str(), e.days_left, e.state))
        .collect();
    assert_eq!(
        seen,
        [
            ("CHAN Yesterday", -1, ExpiryState::Expired),
            ("CHAN Today", 0, ExpiryState::Expiring),
            ("CHAN Sixty", 60, ExpiryState::Expiring),
        ]
    );
    assert!(list.iter().all(|e| e.hkid_masked != "A123456(3)"), "masked");
}

#[test]
fn the_expiry_list_rolls_over_31_december() {
    // A nurse's certificate ends on 31 December: on that day it is still valid, the next day it has expired.
    let staff = [
        staff_until("LEE Nurse", &["2026-12-31", "2027-12-31"]),
        staff_until("LEE January", &["2027-01-29"]),
    ];
    let on_31st = expiring(&staff, day("2026-12-31"), 30);
    assert_eq!(
        on_31st
            .iter()
            .map(|e| (e.name_en.as_str(), e.valid_until.to_string(), e.state))
            .collect::<Vec<_>>(),
        [
            ("LEE Nurse", "2026-12-31".into(), ExpiryState::Expiring),
            ("LEE January", "2027-01-29".into(), ExpiryState::Expiring),
        ]
    );
    let new_year = expiring(&staff, day("2027-01-01"), 30);
    assert_eq!(new_year[0].state, ExpiryState::Expired);
    assert_eq!(new_year[0].days_left, -1);
    assert_eq!(new_year[1].days_left, 28);
    assert_eq!(new_year.len(), 2, "the 2027 certificate is far off");
    // A window of 0 days lists today's last day and the expired only.
    assert_eq!(expiring(&staff, day("2027-01-29"), 0).len(), 2);
}

fn rows(lines: &[&[&str]]) -> Vec<ImportRow> {
    lines
        .iter()
        .zip(1..)
        .map(|(cells, line)| ImportRow {
            line,
            cells: cells.iter().map(|c| (*c).to_owned()).collect(),
        })
        .collect()
}

fn codes_at(preview: &ImportPreview, line: u32) -> Vec<(Option<StaffColumn>, ErrorCode)> {
    preview
        .problems()
        .filter(|p| p.line == line && p.severity == Severity::Error)
        .map(|p| (p.column, p.code))
        .collect()
}

#[test]
fn sample_rows_are_all_valid_and_distinct() {
    let names = hsls();
    let checked = check_rows(
        &sample::sample_import(500, &names, day("2026-12-01")),
        context(&names),
        &[],
    );
    let bad: Vec<_> = checked
        .preview
        .problems()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(checked.members.len(), 500);
    assert_eq!(checked.preview.valid_rows, 500);
}

#[test]
fn each_bad_row_is_named_by_line_column_and_code() {
    let names = hsls();
    let today = day("2026-12-01");
    let header = template_header();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let good = sample::sample_row(1, &names, today);
    let good: Vec<&str> = good.iter().map(String::as_str).collect();
    let mut check_digit = good.clone();
    check_digit[2] = "A123456(4)";
    let mut profession = sample::sample_row(2, &names, today);
    profession[7] = "doctor".into();
    let profession: Vec<&str> = profession.iter().map(String::as_str).collect();
    let mut date = sample::sample_row(3, &names, today);
    date[10] = "31/02/2027".into();
    let date: Vec<&str> = date.iter().map(String::as_str).collect();
    let short = &good[..5];
    let mut hsl = sample::sample_row(4, &names, today);
    hsl[6] = "Nowhere Clinic".into();
    let hsl: Vec<&str> = hsl.iter().map(String::as_str).collect();
    let listed = sample::sample_row(5, &names, today);
    let listed_hkid = Hkid::parse(&listed[2]).unwrap();
    let listed: Vec<&str> = listed.iter().map(String::as_str).collect();
    let file = rows(&[
        &header,
        &good,
        &check_digit,
        &profession,
        &date,
        short,
        &good,
        &hsl,
        &listed,
    ]);
    let checked = check_rows(&file, context(&names), &[listed_hkid]);
    let p = &checked.preview;
    assert!(p.file_problems.is_empty(), "{:?}", p.file_problems);
    assert!(codes_at(p, 2).is_empty());
    assert_eq!(
        codes_at(p, 3),
        [(Some(StaffColumn::Hkid), ErrorCode::HkidCheckDigit)]
    );
    assert_eq!(
        codes_at(p, 4),
        [(Some(StaffColumn::Profession), ErrorCode::ProfessionUnknown)]
    );
    assert_eq!(
        codes_at(p, 5),
        [(Some(StaffColumn::ValidUntil), ErrorCode::DateNotADay)]
    );
    let short_codes = codes_at(p, 6);
    assert_eq!(short_codes[0], (None, ErrorCode::ImportTooFewColumns));
    assert_eq!(
        codes_at(p, 7),
        [(Some(StaffColumn::Hkid), ErrorCode::ImportDuplicateRow)]
    );
    let duplicate = p.problems().find(|x| x.line == 7).unwrap();
    assert_eq!(duplicate.params["firstLine"], "2");
    assert_eq!(duplicate.column_number, Some(3));
    assert_eq!(
        codes_at(p, 8),
        [(Some(StaffColumn::Hsls), ErrorCode::StaffHslUnknown)]
    );
    assert_eq!(
        codes_at(p, 9),
        [(Some(StaffColumn::Hkid), ErrorCode::StaffAlreadyListed)]
    );
    assert_eq!(checked.members.len(), 1);
    assert_eq!((p.valid_rows, p.invalid_rows), (1, 7));
}

#[test]
fn the_header_may_use_codes_or_either_language_in_any_order() {
    let names = hsls();
    let file = rows(&[
        &[
            "hkid",
            "英文姓名",
            "Phone",
            "email",
            "account_type",
            "hsls",
            "unknown extra",
        ],
        &[
            "A123456(3)",
            "CHAN Tai Man",
            "91234567",
            "a@example.com",
            "Patient registration staff",
            "harbour clinic (sha tin)",
            "ignored",
        ],
    ]);
    let checked = check_rows(&file, context(&names), &[]);
    assert!(checked.preview.file_problems.is_empty());
    assert_eq!(checked.preview.columns[6], None);
    let (_, member) = &checked.members[0];
    assert_eq!(member.account_type, AccountType::PatientRegistrationStaff);
    assert_eq!(
        member.hsls,
        ["Harbour Clinic (Sha Tin)"],
        "the HCP's spelling"
    );
}

#[test]
fn a_header_without_a_required_column_is_a_file_problem() {
    let names = hsls();
    let file = rows(&[
        &["name_en", "hkid", "hkid"],
        &["CHAN Tai Man", "A123456(3)", "x"],
    ]);
    let checked = check_rows(&file, context(&names), &[]);
    let codes: Vec<_> = checked
        .preview
        .file_problems
        .iter()
        .map(|p| (p.column.unwrap(), p.code))
        .collect();
    assert!(codes.contains(&(StaffColumn::Phone, ErrorCode::ImportColumnMissing)));
    assert!(codes.contains(&(StaffColumn::Hkid, ErrorCode::ImportColumnRepeated)));
    assert!(!checked.preview.can_import());
    let empty = check_rows(&rows(&[&header_refs()]), context(&names), &[]);
    assert_eq!(
        empty.preview.file_problems[0].code,
        ErrorCode::ImportEmptyRows
    );
}

fn header_refs() -> Vec<&'static str> {
    StaffColumn::ALL.iter().map(|c| c.code()).collect()
}

#[test]
fn the_fingerprint_changes_with_any_cell() {
    let names = hsls();
    let mut file = sample::sample_import(3, &names, day("2026-12-01"));
    let before = fingerprint(&file);
    file[2].cells[0].push('x');
    assert_ne!(before, fingerprint(&file));
}

#[test]
fn request_statuses_move_forward_only() {
    use RequestStatus::*;
    assert!(Draft.can_become(Submitted));
    assert!(Submitted.can_become(AccountsCreated));
    assert!(Submitted.can_become(Rejected));
    assert!(!Draft.can_become(AccountsCreated));
    for status in RequestStatus::ALL {
        assert!(!status.can_become(*status));
    }
    assert!(RequestId::generate().reference().starts_with("UAR-"));
}

#[test]
fn the_sample_request_has_each_account_type_action_and_an_account_elsewhere() {
    let today = day("2026-12-01");
    let document = sample::sample_request_document(today);
    assert_eq!(document.lines.len(), 5, "every picked row is valid");
    assert_eq!(document.request.items.len(), 5);
    assert_eq!(document.request.submitted_on, Some(today));
    assert!(document.request.reference.starts_with("UAR-"));
    let members: Vec<&StaffMember> = document.lines.iter().map(|l| &l.member).collect();
    for account in AccountType::ALL {
        assert!(
            members.iter().any(|m| m.account_type == *account),
            "{account}"
        );
    }
    let professions: Vec<Profession> = members
        .iter()
        .flat_map(|m| m.registrations.iter().map(|r| r.profession))
        .collect();
    assert_eq!(
        professions,
        [
            Profession::MedicalPractitioner,
            Profession::Nurse,
            Profession::ChineseMedicinePractitioner
        ]
    );
    assert!(members.iter().all(|m| m.name_zh.is_some()));
    for action in RequestAction::ALL {
        assert!(document.lines.iter().any(|l| l.item.action == *action));
    }
    let disable = document
        .lines
        .iter()
        .find(|l| l.item.action == RequestAction::Disable)
        .unwrap();
    assert!(!disable.item.reason.is_empty());
    assert!(document.lines.iter().any(|l| !l.also_at.is_empty()));
    assert_eq!(
        sample::sample_request_document(today),
        document,
        "the same on every run"
    );
}
