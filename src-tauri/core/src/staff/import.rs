//! The staff import, after the file has been read into rows (`ehr-sheets` does that): which column is
//! which, each row as a staff form checked by the same validators as the editor, duplicates within the file
//! and against the staff list, and a report naming each problem by the file's line, the column and a code.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::member::{HcpContext, StaffForm, StaffMember};
use super::registration::RegistrationInput;
use crate::coded::coded_enum;
use crate::issue::{ErrorCode, Issue, Severity};
use crate::validation::Hkid;

coded_enum! {
    /// A column of the import template, by its code (the template's header also names it in both languages).
    pub enum StaffColumn {
        NameEn = "name_en",
        NameZh = "name_zh",
        Hkid = "hkid",
        Phone = "phone",
        Email = "email",
        AccountType = "account_type",
        Hsls = "hsls",
        Profession = "profession",
        RegistrationNumber = "registration_number",
        RegisterPart = "register_part",
        ValidUntil = "valid_until",
    }
}

impl StaffColumn {
    /// The template's header: English and Chinese.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            StaffColumn::NameEn => ("Name in English", "英文姓名"),
            StaffColumn::NameZh => ("Name in Chinese", "中文姓名"),
            StaffColumn::Hkid => ("HKID number", "香港身份證號碼"),
            StaffColumn::Phone => ("Phone", "電話"),
            StaffColumn::Email => ("Email", "電郵"),
            StaffColumn::AccountType => ("Account type", "帳戶類別"),
            StaffColumn::Hsls => ("HSLs (separated by ;)", "服務地點（以 ; 分隔）"),
            StaffColumn::Profession => ("Profession", "專業"),
            StaffColumn::RegistrationNumber => ("Registration number", "註冊號碼"),
            StaffColumn::RegisterPart => ("Register part", "註冊名冊部分"),
            StaffColumn::ValidUntil => ("Valid until (DD/MM/YYYY)", "有效期至（日/月/年）"),
        }
    }

    /// The header cell the template writes.
    pub fn header(self) -> String {
        let (en, zh) = self.label();
        format!("{en} / {zh}")
    }

    /// Columns every file must have; the others may be left out.
    pub fn is_required(self) -> bool {
        !matches!(
            self,
            StaffColumn::NameZh
                | StaffColumn::Profession
                | StaffColumn::RegistrationNumber
                | StaffColumn::RegisterPart
                | StaffColumn::ValidUntil
        )
    }

    /// A header cell: the code, the English or Chinese label, or the template's combined header.
    fn read_header(cell: &str) -> Option<StaffColumn> {
        let cell = cell.trim();
        StaffColumn::ALL.iter().copied().find(|column| {
            let (en, zh) = column.label();
            cell.eq_ignore_ascii_case(column.code())
                || cell.eq_ignore_ascii_case(en)
                || cell == zh
                || cell.eq_ignore_ascii_case(&column.header())
        })
    }

    /// The column a staff form's field path is in.
    fn of_field(path: &str) -> Option<StaffColumn> {
        let field = path.rsplit('.').next().unwrap_or(path);
        let field = field.split('[').next().unwrap_or(field);
        Some(match field {
            "nameEn" => StaffColumn::NameEn,
            "nameZh" => StaffColumn::NameZh,
            "hkid" => StaffColumn::Hkid,
            "phone" => StaffColumn::Phone,
            "email" => StaffColumn::Email,
            "accountType" => StaffColumn::AccountType,
            "hsls" => StaffColumn::Hsls,
            "profession" | "registrations" => StaffColumn::Profession,
            "number" => StaffColumn::RegistrationNumber,
            "registerPart" => StaffColumn::RegisterPart,
            "validUntil" => StaffColumn::ValidUntil,
            _ => return None,
        })
    }
}

/// The template: the header row, in the order the columns are listed.
pub fn template_header() -> Vec<String> {
    StaffColumn::ALL.iter().map(|c| c.header()).collect()
}

/// A row of the file as read: its line in the file (the header is line 1) and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub line: u32,
    pub cells: Vec<String>,
}

/// One problem of the file: where (line, and column when it is about one) and what (a code, parameters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportProblem {
    pub line: u32,
    pub column: Option<StaffColumn>,
    /// The column's position in the file, from 1 (spreadsheets letter it: 1 is A).
    pub column_number: Option<u32>,
    pub code: ErrorCode,
    pub severity: Severity,
    pub params: std::collections::BTreeMap<String, String>,
}

/// A row of the preview: the cells as read, and its problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PreviewRow {
    pub line: u32,
    pub cells: Vec<String>,
    /// No error (warnings allowed): the row will be imported.
    pub valid: bool,
    pub problems: Vec<ImportProblem>,
}

/// What a dry run finds: the header's columns, every row, and the problems of the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    /// The column each header cell names, `None` for one the import does not know (it is ignored).
    pub columns: Vec<Option<StaffColumn>>,
    pub rows: Vec<PreviewRow>,
    /// Problems not of one row (a required column missing from the header), at line 1.
    pub file_problems: Vec<ImportProblem>,
    pub valid_rows: u32,
    pub invalid_rows: u32,
    /// Identifies the rows previewed: an import confirmed from this preview refuses a file that changed.
    pub fingerprint: String,
}

impl ImportPreview {
    /// Every problem, the file's first, then row by row.
    pub fn problems(&self) -> impl Iterator<Item = &ImportProblem> {
        self.file_problems
            .iter()
            .chain(self.rows.iter().flat_map(|r| r.problems.iter()))
    }

    pub fn can_import(&self) -> bool {
        self.file_problems.is_empty() && self.valid_rows > 0
    }
}

/// The fingerprint of rows: SHA-256 over lines and cells.
pub fn fingerprint(rows: &[ImportRow]) -> String {
    let mut hash = Sha256::new();
    for row in rows {
        hash.update(row.line.to_le_bytes());
        for cell in &row.cells {
            hash.update((cell.len() as u64).to_le_bytes());
            hash.update(cell.as_bytes());
        }
        hash.update([0xff]);
    }
    hash.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A checked file: its preview and the members of its valid rows, by line.
#[derive(Debug, Clone)]
pub struct CheckedImport {
    pub preview: ImportPreview,
    pub members: Vec<(u32, StaffMember)>,
}

/// Checks every row of `rows` (the first is the header). `listed` are the HKIDs already on this HCP's staff
/// list: a row for one of them is refused, as is a second row for the same HKID in the file.
pub fn check_rows(rows: &[ImportRow], context: HcpContext<'_>, listed: &[Hkid]) -> CheckedImport {
    let fingerprint = fingerprint(rows);
    let Some((header, body)) = rows.split_first() else {
        let problem = problem(1, None, Issue::new(ErrorCode::ImportEmptyRows));
        return CheckedImport {
            preview: ImportPreview {
                columns: Vec::new(),
                rows: Vec::new(),
                file_problems: vec![problem],
                valid_rows: 0,
                invalid_rows: 0,
                fingerprint,
            },
            members: Vec::new(),
        };
    };
    let columns: Vec<Option<StaffColumn>> = header
        .cells
        .iter()
        .map(|c| StaffColumn::read_header(c))
        .collect();
    let mut file_problems = header_problems(header.line, &columns);
    if body.is_empty() {
        file_problems.push(problem(
            header.line,
            None,
            Issue::new(ErrorCode::ImportEmptyRows),
        ));
    }
    let position = |column: StaffColumn| columns.iter().position(|c| *c == Some(column));
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut preview_rows = Vec::with_capacity(body.len());
    let mut members = Vec::with_capacity(body.len());
    for row in body {
        let mut problems = Vec::new();
        if row.cells.len() < columns.len() {
            problems.push(problem(
                row.line,
                None,
                Issue::new(ErrorCode::ImportTooFewColumns)
                    .with("expected", columns.len())
                    .with("found", row.cells.len()),
            ));
        }
        let cell = |column: StaffColumn| {
            position(column)
                .and_then(|i| row.cells.get(i))
                .map(String::as_str)
                .unwrap_or("")
        };
        let form = form_of(&cell);
        let (member, issues) = form.check(context);
        for issue in issues {
            let column = issue.field.as_deref().and_then(StaffColumn::of_field);
            let number = column.and_then(position).map(|i| i as u32 + 1);
            problems.push(ImportProblem {
                column_number: number,
                ..problem(row.line, column, issue)
            });
        }
        let mut member = member.filter(|_| problems.iter().all(is_warning));
        if let Some(found) = &member {
            let hkid = found.hkid.as_str().to_owned();
            let hkid_column = position(StaffColumn::Hkid).map(|i| i as u32 + 1);
            let duplicate = if let Some(first) = seen.get(&hkid) {
                Some(Issue::new(ErrorCode::ImportDuplicateRow).with("firstLine", first))
            } else if listed.contains(&found.hkid) {
                Some(Issue::new(ErrorCode::StaffAlreadyListed))
            } else {
                None
            };
            seen.entry(hkid).or_insert(row.line);
            if let Some(issue) = duplicate {
                problems.push(ImportProblem {
                    column_number: hkid_column,
                    ..problem(row.line, Some(StaffColumn::Hkid), issue)
                });
                member = None;
            }
        }
        let valid = member.is_some();
        if let Some(member) = member {
            members.push((row.line, member));
        }
        preview_rows.push(PreviewRow {
            line: row.line,
            cells: row.cells.clone(),
            valid,
            problems,
        });
    }
    let valid_rows = members.len() as u32;
    let invalid_rows = preview_rows.len() as u32 - valid_rows;
    CheckedImport {
        preview: ImportPreview {
            columns,
            rows: preview_rows,
            file_problems,
            valid_rows,
            invalid_rows,
            fingerprint,
        },
        members,
    }
}

fn is_warning(problem: &ImportProblem) -> bool {
    problem.severity == Severity::Warning
}

fn problem(line: u32, column: Option<StaffColumn>, issue: Issue) -> ImportProblem {
    ImportProblem {
        line,
        column,
        column_number: None,
        code: issue.code,
        severity: issue.severity,
        params: issue.params,
    }
}

fn header_problems(line: u32, columns: &[Option<StaffColumn>]) -> Vec<ImportProblem> {
    let mut problems = Vec::new();
    for column in StaffColumn::ALL {
        let count = columns.iter().filter(|c| **c == Some(*column)).count();
        if count == 0 && column.is_required() {
            problems.push(problem(
                line,
                Some(*column),
                Issue::new(ErrorCode::ImportColumnMissing).with("column", column.code()),
            ));
        } else if count > 1 {
            problems.push(problem(
                line,
                Some(*column),
                Issue::new(ErrorCode::ImportColumnRepeated).with("column", column.code()),
            ));
        }
    }
    problems
}

/// A row's cells as the editor's form: HSLs split at `;`, one registration from its four columns.
fn form_of<'a>(cell: &impl Fn(StaffColumn) -> &'a str) -> StaffForm {
    let registration = RegistrationInput {
        profession: cell(StaffColumn::Profession).to_owned(),
        number: cell(StaffColumn::RegistrationNumber).to_owned(),
        register_part: read_register_part(cell(StaffColumn::RegisterPart)),
        valid_until: cell(StaffColumn::ValidUntil).to_owned(),
    };
    StaffForm {
        name_en: cell(StaffColumn::NameEn).to_owned(),
        name_zh: cell(StaffColumn::NameZh).to_owned(),
        hkid: cell(StaffColumn::Hkid).to_owned(),
        phone: cell(StaffColumn::Phone).to_owned(),
        email: cell(StaffColumn::Email).to_owned(),
        account_type: cell(StaffColumn::AccountType).to_owned(),
        hsls: cell(StaffColumn::Hsls)
            .split([';', '；'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        registrations: vec![registration],
    }
}

/// A register part as a spreadsheet may write it: its code, or `Part I`…`Part IV`, `Roll`, `Registered`,
/// `Listed`. Anything else is passed on for the validator to refuse.
fn read_register_part(written: &str) -> String {
    let folded = written.trim().to_ascii_lowercase();
    let code = match folded.as_str() {
        "part i" | "i" => "nurse_part_i",
        "part ii" | "ii" => "nurse_part_ii",
        "part iii" | "iii" => "nurse_part_iii",
        "part iv" | "iv" => "nurse_part_iv",
        "roll" => "nurse_roll",
        "registered" => "cm_registered",
        "listed" => "cm_listed",
        _ => return written.trim().to_owned(),
    };
    code.to_owned()
}
