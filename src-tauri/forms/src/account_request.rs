//! The User Account Creation Request as the Registration Office receives it: the request's reference (as text
//! and QR code), the HCP it is for, then one part per account type listing each person, what eHealth is asked
//! to do with their account and, for a healthcare professional, each registration; remarks (the reason, other
//! HCPs the person holds an account under); and the user administrator's declaration, signature and the HCP's
//! chop. The members were checked before they were stored, so values print as held.

use ehr_core::ports::PrintedBy;
use ehr_core::staff::{
    AccountRequestDocument, AccountType, ProfessionGroups, Registration, RequestAction, RequestLine,
};

use crate::FormsError;
use crate::catalogue;
use crate::fonts::FormFont;
use crate::layout::{CONTENT_WIDTH, Cell, Column, Composer, Field, Ink, LEFT, Label, Row, Style};
use crate::signing::{self, Declaration, HCP_CHOP};
use crate::title_block;

pub(crate) const TITLE: Label =
    Label::new("User Account Creation Request Form", "用戶帳戶開設申請表");

/// The parts of the form, in the order the Registration Office reads them.
const SECTIONS: [(AccountType, Label); 3] = [
    (
        AccountType::UserAdministrator,
        Label::new("Part 1", "第一部分"),
    ),
    (
        AccountType::HealthcareProfessional,
        Label::new("Part 2", "第二部分"),
    ),
    (
        AccountType::PatientRegistrationStaff,
        Label::new("Part 3", "第三部分"),
    ),
];

/// Lays the request out on pages; the caller turns them into a PDF.
pub(crate) fn compose<'f>(
    font: &'f FormFont,
    document: &AccountRequestDocument,
    printed: &PrintedBy,
) -> Result<Composer<'f>, FormsError> {
    let mut c = title_block::open(font, TITLE, &document.request.reference)?;
    cover(&mut c, document);
    // People are numbered through the whole form, so a remark or a telephone call can name one by number.
    let mut number = 0;
    for (account, part) in SECTIONS {
        let lines: Vec<(usize, &RequestLine)> = document
            .lines
            .iter()
            .filter(|l| l.member.account_type == account)
            .map(|l| {
                number += 1;
                (number, l)
            })
            .collect();
        section(&mut c, account, part, &lines);
    }
    declaration(&mut c, printed);
    Ok(c)
}

/// The request and the HCP it is for.
fn cover(c: &mut Composer<'_>, document: &AccountRequestDocument) {
    let request = &document.request;
    let half = CONTENT_WIDTH / 2.0;
    let count = |action: RequestAction| {
        document
            .lines
            .iter()
            .filter(|l| l.item.action == action)
            .count()
    };
    let people = format!(
        "{}  ({} / {} / {})",
        document.lines.len(),
        count(RequestAction::Create),
        count(RequestAction::Change),
        count(RequestAction::Disable)
    );
    c.field_rows(&[
        title_block::record_row(
            Label::new("Request reference", "申請參考編號"),
            &request.reference,
            catalogue::request_status(request.status),
            request.created_at,
            request.submitted_on,
        ),
        title_block::hcp_names(&document.hcp_name_en, &document.hcp_name_zh),
        vec![
            title_block::hcp_reference(&document.hcp_reference, half),
            Field::new(
                Label::new(
                    "People (create / change / disable)",
                    "人數（開設／更改／停用）",
                ),
                people,
                half,
            ),
        ],
    ]);
    c.advance(2.5);
    c.paragraph(
        LEFT,
        CONTENT_WIDTH,
        "The user administrator asks the eHR Registration Office to create, change or disable the eHealth accounts \
         of the staff below, each under this HCP. 用戶管理員現要求醫健通登記處為下列職員開設、更改或停用此醫護提供者之下的醫健通帳戶。",
        Style::BODY.ink(Ink::Muted),
    );
    c.advance(4.0);
}

/// One account type's part: its people as a table that flows over pages, then their remarks.
fn section(
    c: &mut Composer<'_>,
    account: AccountType,
    part: Label,
    lines: &[(usize, &RequestLine)],
) {
    let title = catalogue::account_type(account);
    c.part_band(part, title);
    if lines.is_empty() {
        c.paragraph(
            LEFT,
            CONTENT_WIDTH,
            "No one of this account type in this request.  本申請沒有此帳戶類別的人士。",
            Style::BODY.ink(Ink::Muted),
        );
        c.advance(5.0);
        return;
    }
    let professional = account == AccountType::HealthcareProfessional;
    let columns = columns(professional);
    let rows: Vec<Row> = lines
        .iter()
        .map(|&(number, line)| person_row(number, line, professional))
        .collect();
    let continued = format!("{} (continued)  {}（續）", part.en, part.zh);
    c.table(&columns, &rows, &continued);
    remarks(c, lines);
    c.advance(5.0);
}

const NUMBER_WIDTH: f32 = 10.0;
const ACTION_WIDTH: f32 = 19.0;

fn columns(professional: bool) -> Vec<Column> {
    // A professional's registrations take the room the others give to their HSLs.
    let (name, contact, hsls) = if professional {
        (33.0, 36.0, 32.0)
    } else {
        (40.0, 45.0, 66.0)
    };
    let mut columns = vec![
        Column {
            label: Label::new("No.", "編號"),
            width: NUMBER_WIDTH,
        },
        Column {
            label: Label::new("Action", "事項"),
            width: ACTION_WIDTH,
        },
        Column {
            label: Label::new("Name and HKID", "姓名及香港身份證號碼"),
            width: name,
        },
        Column {
            label: Label::new("Phone and email", "電話及電郵"),
            width: contact,
        },
        Column {
            label: Label::new("HSLs", "醫療服務地點"),
            width: hsls,
        },
    ];
    if professional {
        columns.push(Column {
            label: Label::new("Professional registration", "專業註冊"),
            width: CONTENT_WIDTH - NUMBER_WIDTH - ACTION_WIDTH - name - contact - hsls,
        });
    }
    columns
}

/// More HSLs than this and a person's are listed in the remarks, full width: in the narrow cell they would make
/// the row taller than a page.
const HSLS_IN_CELL: usize = 4;

fn person_row(number: usize, line: &RequestLine, professional: bool) -> Row {
    let member = &line.member;
    let action = catalogue::request_action(line.item.action);
    let mut action_cell: Cell = vec![
        (action.en.to_owned(), Style::CELL),
        (action.zh.to_owned(), Style::CELL),
    ];
    if has_remarks(line) {
        action_cell.push(("See remarks".to_owned(), Style::CELL_NOTE));
        action_cell.push(("見備註".to_owned(), Style::CELL_NOTE));
    }
    let mut cells = vec![
        vec![(number.to_string(), Style::CELL)],
        action_cell,
        vec![
            (member.name_en.to_string(), Style::CELL),
            (
                member
                    .name_zh
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                Style::CELL,
            ),
            (member.hkid.to_string(), Style::CELL),
        ],
        vec![
            (member.phone.national(), Style::CELL),
            (member.email.to_string(), Style::CELL),
        ],
        if member.hsls.len() > HSLS_IN_CELL {
            let n = member.hsls.len();
            vec![
                (format!("{n} HSLs, listed in the remarks"), Style::CELL),
                (format!("{n} 個醫療服務地點，見備註"), Style::CELL),
            ]
        } else {
            member
                .hsls
                .iter()
                .map(|h| (h.clone(), Style::CELL))
                .collect()
        },
    ];
    if professional {
        cells.push(
            member
                .registrations
                .iter()
                .flat_map(registration_cell)
                .collect(),
        );
    }
    Row {
        cells,
        shaded: line.item.action == RequestAction::Disable,
    }
}

/// A registration's lines: the group in both languages (from the data), the number, the part of the register
/// where the board has parts, and the day it is valid until.
fn registration_cell(registration: &Registration) -> Cell {
    let group = ProfessionGroups::embedded().group(registration.profession);
    let mut cell = vec![
        (
            format!("{}  {}", group.name_en, group.name_zh),
            Style::CELL.bold(),
        ),
        (
            format!("No. 註冊號碼  {}", registration.number),
            Style::CELL,
        ),
    ];
    if let Some(part) = registration.register_part {
        cell.push((catalogue::register_part(part).joined(), Style::CELL));
    }
    cell.push((
        format!("Valid until 有效期至  {}", registration.valid_until.entry()),
        Style::CELL_NOTE,
    ));
    cell
}

fn has_remarks(line: &RequestLine) -> bool {
    !line.item.reason.trim().is_empty()
        || !line.also_at.is_empty()
        || line.member.hsls.len() > HSLS_IN_CELL
}

/// The reasons and the other HCPs, full width under the table: they may be long, and a narrow cell would
/// make a row taller than a page.
fn remarks(c: &mut Composer<'_>, lines: &[(usize, &RequestLine)]) {
    let with_remarks: Vec<&(usize, &RequestLine)> =
        lines.iter().filter(|(_, l)| has_remarks(l)).collect();
    if with_remarks.is_empty() {
        return;
    }
    c.advance(2.5);
    let style = Style::BODY.bold().ink(Ink::Accent);
    c.ensure(3.0 * style.line_height());
    c.paragraph(LEFT, CONTENT_WIDTH, "Remarks  備註", style);
    c.advance(0.5);
    let indent = 9.0;
    for &&(number, line) in &with_remarks {
        let mut texts = Vec::new();
        let reason = line.item.reason.trim();
        if !reason.is_empty() {
            texts.push(format!("Reason  原因：{reason}"));
        }
        if line.member.hsls.len() > HSLS_IN_CELL {
            texts.push(format!(
                "HSLs  醫療服務地點：{}",
                line.member.hsls.join("; ")
            ));
        }
        if !line.also_at.is_empty() {
            let others = line.also_at.join("; ");
            texts.push(format!(
                "Also holds an eHealth account under: {others} / 亦在以下醫護提供者持有醫健通帳戶：{others}"
            ));
        }
        let name = [
            line.member.name_en.to_string(),
            line.member
                .name_zh
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ]
        .join("  ");
        let width = CONTENT_WIDTH - indent;
        // A person's remarks stay together unless they are longer than a page.
        let height = std::iter::once(&name)
            .chain(&texts)
            .map(|text| c.wrap(text, width, Style::BODY).len() as f32)
            .sum::<f32>()
            * Style::BODY.line_height();
        c.ensure(height);
        let top = c.y();
        c.text(
            LEFT,
            top + Style::BODY.line_height() * 0.77,
            &format!("{number}."),
            Style::BODY.bold(),
        );
        c.paragraph(LEFT + indent, width, &name, Style::BODY.bold());
        for text in &texts {
            c.paragraph(LEFT + indent, width, text, Style::BODY);
        }
        c.advance(1.0);
    }
}

/// The user administrator's declaration, signature, name, date and the HCP's chop, with who printed the form:
/// one block on one page.
fn declaration(c: &mut Composer<'_>, printed: &PrintedBy) {
    let en = "I am a user administrator of the HCP named above. I request the account actions listed in this \
              form and confirm that the particulars given are true and that each healthcare professional's \
              registration is valid.";
    let zh = "本人為上述醫護提供者的用戶管理員，現申請辦理本表格所列的帳戶事宜，並確認所填資料屬實，及各醫護專業人員的註冊有效。";
    let boxes = [
        signing::signature_and_chop(
            Label::new("Signature of user administrator", "用戶管理員簽署"),
            HCP_CHOP,
        ),
        vec![
            Field::new(
                Label::new("Name of user administrator", "用戶管理員姓名"),
                "",
                105.0,
            )
            .tall(12.0),
            Field::new(Label::new("Date", "日期"), "", CONTENT_WIDTH - 105.0).tall(12.0),
        ],
    ];
    let declaration = Declaration {
        part: Label::new("Part 4", "第四部分"),
        en,
        zh,
        gap: 2.0,
        boxes: &boxes,
    };
    signing::declaration(c, &declaration, printed);
}
