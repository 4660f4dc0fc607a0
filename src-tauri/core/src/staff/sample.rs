//! Fictitious staff, for trying the import (`ehr staff sample --rows N`), the benchmark and the tests: every
//! row valid, every HKID with a correct check character, no two alike. And a sample account request made of
//! them, for the printed form.

use super::import::{ImportRow, StaffColumn, check_rows, template_header};
use super::member::{HcpContext, StaffId, hsl_names_of};
use super::requests::{
    AccountRequest, AccountRequestDocument, RequestAction, RequestId, RequestItem, RequestLine,
    RequestStatus,
};
use crate::time::Timestamp;
use crate::validation::{CalendarDate, Profession, check_character};

const SURNAMES: &[(&str, &str)] = &[
    ("CHAN", "陳"),
    ("LEE", "李"),
    ("WONG", "黃"),
    ("CHEUNG", "張"),
    ("LAU", "劉"),
    ("HO", "何"),
    ("NG", "吳"),
    ("LAM", "林"),
    ("TSANG", "曾"),
    ("YEUNG", "楊"),
];

const GIVEN: &[(&str, &str)] = &[
    ("Tai Man", "大文"),
    ("Siu Ming", "小明"),
    ("Ka Yan", "嘉欣"),
    ("Wing Sze", "詠詩"),
    ("Chi Keung", "志強"),
    ("Mei Ling", "美玲"),
    ("Ho Yin", "浩然"),
    ("Suk Fan", "淑芬"),
];

/// An HKID from a number: one letter and six digits, with its check character.
pub fn sample_hkid(n: u32) -> String {
    let letter = char::from(b'A' + u8::try_from(n / 1_000_000 % 26).unwrap_or(0));
    let digits = format!("{:06}", n % 1_000_000);
    let body: Vec<char> = std::iter::once(letter).chain(digits.chars()).collect();
    format!("{letter}{digits}({})", check_character(&body))
}

/// The cells of sample row `n` (from 0), in the template's column order, for an HCP with these HSLs.
pub fn sample_row(n: u32, hsl_names: &[String], today: CalendarDate) -> Vec<String> {
    let (surname_en, surname_zh) = SURNAMES[n as usize % SURNAMES.len()];
    let (given_en, given_zh) = GIVEN[(n as usize / SURNAMES.len()) % GIVEN.len()];
    // Every 20th person registers patients, every 50th is a user administrator, the others are
    // professionals of the 13 groups in turn.
    let account = match n {
        _ if n.is_multiple_of(50) => "user_administrator",
        _ if n.is_multiple_of(20) => "patient_registration_staff",
        _ => "healthcare_professional",
    };
    let profession = Profession::ALL[n as usize % Profession::ALL.len()];
    let year = today.date().year() + 1 + i32::try_from(n % 3).unwrap_or(0);
    let (number, part, until) = if account == "healthcare_professional" {
        let number = match profession {
            Profession::MedicalPractitioner => format!("M{:05}", n % 100_000),
            _ => format!("R{n:06}"),
        };
        let part = match profession {
            Profession::Nurse => "nurse_part_i",
            Profession::ChineseMedicinePractitioner => "cm_registered",
            _ => "",
        };
        (number, part.to_owned(), format!("31/12/{year}"))
    } else {
        (String::new(), String::new(), String::new())
    };
    let hsl = hsl_names
        .get(n as usize % hsl_names.len().max(1))
        .cloned()
        .unwrap_or_default();
    let cells = [
        (StaffColumn::NameEn, format!("{surname_en} {given_en}")),
        (StaffColumn::NameZh, format!("{surname_zh}{given_zh}")),
        (StaffColumn::Hkid, sample_hkid(n + 100_000)),
        (
            StaffColumn::Phone,
            format!("9{:07}", 1_000_000 + n % 8_000_000),
        ),
        (StaffColumn::Email, format!("staff{n}@example.com")),
        (StaffColumn::AccountType, account.to_owned()),
        (StaffColumn::Hsls, hsl),
        (
            StaffColumn::Profession,
            if account == "healthcare_professional" {
                profession.code().to_owned()
            } else {
                String::new()
            },
        ),
        (StaffColumn::RegistrationNumber, number),
        (StaffColumn::RegisterPart, part),
        (StaffColumn::ValidUntil, until),
    ];
    StaffColumn::ALL
        .iter()
        .map(|column| {
            cells
                .iter()
                .find(|(c, _)| c == column)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        })
        .collect()
}

/// A whole sample file's rows: the header, then `rows` staff.
pub fn sample_rows(rows: u32, hsl_names: &[String], today: CalendarDate) -> Vec<Vec<String>> {
    std::iter::once(template_header())
        .chain((0..rows).map(|n| sample_row(n, hsl_names, today)))
        .collect()
}

/// As [`sample_rows`], numbered as a file's lines, for the checks.
pub fn sample_import(rows: u32, hsl_names: &[String], today: CalendarDate) -> Vec<ImportRow> {
    sample_rows(rows, hsl_names, today)
        .into_iter()
        .zip(1..)
        .map(|(cells, line)| ImportRow { line, cells })
        .collect()
}

/// Which sample rows the sample request takes (by `n` of [`sample_row`]), with what it asks for each and
/// the other HCPs each is known under: an administrator, a medical practitioner (an `M` number, also on
/// another HCP's staff), a nurse (a register part) whose account changes, a Chinese medicine practitioner whose
/// account is disabled, and a patient registration clerk.
const REQUEST_PICKS: &[(u32, RequestAction, &str, &[&str])] = &[
    (0, RequestAction::Create, "", &[]),
    (
        13,
        RequestAction::Create,
        "",
        &["Kowloon Bay Family Clinic"],
    ),
    (
        3,
        RequestAction::Change,
        "Now also works at the Sha Tin clinic",
        &[],
    ),
    (
        12,
        RequestAction::Disable,
        "Left the practice on 30/11/2026",
        &[],
    ),
    (20, RequestAction::Create, "", &[]),
];

/// A submitted User Account Creation Request of the sample HCP (the sample application's), for
/// `ehr forms sample account-request` and the form's tests: every member a checked sample row, every value
/// fixed but the dates, which follow `today`.
pub fn sample_request_document(today: CalendarDate) -> AccountRequestDocument {
    let application = crate::application::sample::submitted_application();
    let hsl_names = hsl_names_of(&application.form.hsls);
    let context = HcpContext {
        hsl_names: &hsl_names,
        today,
    };
    let rows = REQUEST_PICKS.iter().map(|pick| pick.0).max().unwrap_or(0) + 1;
    let checked = check_rows(&sample_import(rows, &hsl_names, today), context, &[]);
    let lines: Vec<RequestLine> = REQUEST_PICKS
        .iter()
        .zip(1u32..)
        .filter_map(|(&(n, action, reason, also_at), index)| {
            // Row `n` is on the file's line `n + 2`, below the header.
            let member = checked
                .members
                .iter()
                .find(|(line, _)| *line == n + 2)?
                .1
                .clone();
            let staff = StaffId::parse(&format!("019ad8a0-5c3e-7000-8000-{index:012}"))?;
            Some(RequestLine {
                item: RequestItem {
                    staff,
                    action,
                    reason: reason.to_owned(),
                },
                member,
                also_at: also_at.iter().map(|s| (*s).to_owned()).collect(),
            })
        })
        .collect();
    let id = RequestId::parse("019ad8a0-5c3e-7b21-8f40-3c9d5e7a1b02")
        .unwrap_or_else(RequestId::generate);
    let created_at =
        Timestamp::from_millis(Timestamp::start_of_hong_kong_day(today).millis() + 9 * 3_600_000);
    AccountRequestDocument {
        request: AccountRequest {
            reference: id.reference(),
            id,
            hcp: application.id.clone(),
            status: RequestStatus::Submitted,
            items: lines.iter().map(|l| l.item.clone()).collect(),
            created_at,
            updated_at: Timestamp::from_millis(created_at.millis() + 2 * 3_600_000),
            submitted_on: Some(today),
            version: crate::application::FIRST_VERSION,
        },
        hcp_name_en: application.form.hcp_information.name_en.clone(),
        hcp_name_zh: application.form.hcp_information.name_zh.clone(),
        hcp_reference: application.reference.clone(),
        lines,
    }
}
