//! The HCP registration application as the Registration Office receives it: a cover block with the reference
//! (as text and QR code), status and where to send the form, then the five parts of the form. Every value is
//! printed as typed, so the paper matches what the applicant entered, valid or not.

use ehr_core::application::{ApplicationDraft, Attachment, DocumentKind, HslInput, PersonInput};
use ehr_core::time::Timestamp;

use crate::FormsError;
use crate::catalogue::{self, coded, coded_lines};
use crate::fonts::FormFont;
use crate::layout::{CONTENT_WIDTH, Cell, Column, Composer, Field, Ink, LEFT, Label, Row, Style};
use crate::signing;
use crate::title_block;

pub(crate) const TITLE: Label = Label::new(
    "Application for Registration of Healthcare Provider in eHealth",
    "醫健通醫護提供者登記申請表",
);

const OFFICE_ADDRESS: &str = "eHR Registration Office, Unit 1102, 11/F, Harbourside HQ, 8 Lam Chak Street, Kowloon Bay, Hong Kong";
const OFFICE_PHONE: &str = "(852) 3467 6099";

/// Lays the application out on pages; the caller turns them into a PDF.
pub(crate) fn compose<'f>(
    font: &'f FormFont,
    draft: &ApplicationDraft,
) -> Result<Composer<'f>, FormsError> {
    let mut c = title_block::open(font, TITLE, &draft.reference)?;
    cover(&mut c, draft);
    part1_hcp(&mut c, draft);
    part2_users(&mut c, draft);
    part3_hsls(&mut c, &draft.form.hsls);
    part4_documents(&mut c, &draft.documents);
    part5_declarations(&mut c, draft);
    Ok(c)
}

/// The first page's head under the title: the application's identity and status, and where to send it.
fn cover(c: &mut Composer<'_>, draft: &ApplicationDraft) {
    status_fields(c, draft);
    c.advance(3.0);
    office_panel(c);
    c.advance(4.0);
}

fn status_fields(c: &mut Composer<'_>, draft: &ApplicationDraft) {
    let submission = draft.submission.as_ref();
    let submitted_on = submission.map(|s| s.date.to_string()).unwrap_or_default();
    let channel = submission
        .map(|s| catalogue::channel(s.channel).joined())
        .unwrap_or_default();
    let status = catalogue::status(draft.status).joined();
    let quarter = CONTENT_WIDTH / 4.0;
    c.field_rows(&[
        vec![
            Field::new(
                Label::new("Reference number", "參考編號"),
                draft.reference.clone(),
                quarter,
            ),
            Field::new(Label::new("Status", "狀態"), status, quarter),
            Field::new(
                Label::new("Created on", "建立日期"),
                hk_date(draft.created_at),
                quarter,
            ),
            Field::new(
                Label::new("Last updated", "最後更新"),
                hk_date(draft.updated_at),
                quarter,
            ),
        ],
        vec![
            Field::new(
                Label::new("Submitted on", "遞交日期"),
                submitted_on,
                quarter,
            ),
            Field::new(
                Label::new("Submission channel", "遞交方式"),
                channel,
                quarter,
            ),
            Field::new(
                Label::new("Application ID", "申請編號"),
                draft.id.as_str(),
                2.0 * quarter,
            ),
        ],
    ]);
}

/// Where and how to send the form: a shaded panel with the office's address and its three channels.
fn office_panel(c: &mut Composer<'_>) {
    let body = Style::BODY;
    let channels: [(Label, &str); 3] = [
        (Label::new("By fax", "傳真"), OFFICE_PHONE),
        (
            Label::new("By mail", "郵寄"),
            "to the address above  寄往上述地址",
        ),
        (
            Label::new("In person", "親身遞交"),
            "at the address above  前往上述地址",
        ),
    ];
    let (x, width) = (LEFT + 2.5, CONTENT_WIDTH - 5.0);
    let panel_top = c.y();
    let panel_height = 5.0 * body.line_height() + 6.0;
    c.fill_rect(LEFT, panel_top, CONTENT_WIDTH, panel_height, Ink::ShadeFill);
    c.set_y(panel_top + 1.8);
    let heading = "Send the signed form with the documents in Part 4 to  請將已簽署的表格連同第四部分所列文件交回";
    c.paragraph(x, width, heading, body.bold());
    c.paragraph(x, width, OFFICE_ADDRESS, body);
    let phones = format!("Telephone  電話  {OFFICE_PHONE}     Fax  傳真  {OFFICE_PHONE}");
    c.paragraph(x, width, &phones, body);
    c.advance(1.0);
    let top = c.y();
    for (i, (channel, how)) in channels.iter().enumerate() {
        let column_x = x + i as f32 * width / 3.0;
        c.text(column_x, top + 3.0, &channel.joined(), body.bold());
        c.text(column_x, top + 3.0 + body.line_height(), how, body);
    }
    c.set_y(panel_top + panel_height);
}

fn part1_hcp(c: &mut Composer<'_>, draft: &ApplicationDraft) {
    let hcp = &draft.form.hcp_information;
    c.part_band(
        Label::new("Part 1", "第一部分"),
        Label::new("HCP information", "醫護提供者資料"),
    );
    let half = CONTENT_WIDTH / 2.0;
    let third = CONTENT_WIDTH / 3.0;
    c.field_rows(&[
        title_block::hcp_names(&hcp.name_en, &hcp.name_zh),
        vec![
            Field::new(
                Label::new("Business Registration number", "商業登記號碼"),
                hcp.br_number.clone(),
                half,
            ),
            Field::new(
                Label::new("Type of HCP", "醫護提供者類別"),
                coded(&hcp.hcp_type, catalogue::hcp_type),
                half,
            ),
        ],
    ]);
    c.advance(2.0);
    c.heading(Label::new("Correspondence address", "通訊地址"), 20.0);
    c.field_rows(&[
        vec![Field::new(
            Label::new(
                "Address line 1 (room, floor, building)",
                "地址第 1 行（室、樓、大廈）",
            ),
            hcp.address_line1.clone(),
            CONTENT_WIDTH,
        )],
        vec![Field::new(
            Label::new("Address line 2 (street, area)", "地址第 2 行（街道、地區）"),
            hcp.address_line2.clone(),
            CONTENT_WIDTH,
        )],
        vec![Field::new(
            Label::new("District", "地區"),
            coded(&hcp.district, catalogue::district),
            half,
        )],
    ]);
    c.advance(2.0);
    c.heading(Label::new("Contact person", "聯絡人"), 20.0);
    c.field_rows(&[
        vec![
            Field::new(
                Label::new("Name (English)", "姓名（英文）"),
                hcp.contact_name_en.clone(),
                third,
            ),
            Field::new(
                Label::new("Name (Chinese)", "姓名（中文）"),
                hcp.contact_name_zh.clone(),
                third,
            ),
            Field::new(
                Label::new("Position", "職位"),
                hcp.contact_position.clone(),
                third,
            ),
        ],
        vec![
            Field::new(
                Label::new("Telephone", "電話"),
                hcp.phone.clone(),
                CONTENT_WIDTH / 4.0,
            ),
            Field::new(
                Label::new("Fax", "傳真"),
                hcp.fax.clone(),
                CONTENT_WIDTH / 4.0,
            ),
            Field::new(Label::new("Email", "電郵"), hcp.email.clone(), half),
        ],
    ]);
    c.advance(5.0);
}

fn part2_users(c: &mut Composer<'_>, draft: &ApplicationDraft) {
    let users = &draft.form.user_information;
    c.part_band(
        Label::new("Part 2", "第二部分"),
        Label::new("User information", "用戶資料"),
    );
    c.paragraph(
        LEFT,
        CONTENT_WIDTH,
        "User administrators create eHealth accounts for the HCP's staff. 用戶管理員負責為醫護提供者的職員開設醫健通帳戶。",
        Style::BODY.ink(Ink::Muted),
    );
    c.advance(1.5);
    if users.administrators.is_empty() {
        // An empty block still gives the applicant somewhere to write.
        person(
            c,
            "User administrator 1",
            "用戶管理員 1",
            &PersonInput::default(),
        );
    }
    for (index, admin) in users.administrators.iter().enumerate() {
        let n = index + 1;
        person(
            c,
            &format!("User administrator {n}"),
            &format!("用戶管理員 {n}"),
            admin,
        );
    }
    person(
        c,
        "Authorised person",
        "獲授權人士",
        &users.authorised_person,
    );
    c.advance(3.0);
}

fn person(c: &mut Composer<'_>, en: &str, zh: &str, p: &PersonInput) {
    let third = CONTENT_WIDTH / 3.0;
    let rows = [
        vec![
            Field::new(
                Label::new("Name (English)", "姓名（英文）"),
                p.name_en.clone(),
                third,
            ),
            Field::new(
                Label::new("Name (Chinese)", "姓名（中文）"),
                p.name_zh.clone(),
                third,
            ),
            Field::new(
                Label::new("HKID number", "香港身份證號碼"),
                p.hkid.clone(),
                third,
            ),
        ],
        vec![
            Field::new(
                Label::new("Position", "職位"),
                p.position.clone(),
                CONTENT_WIDTH / 4.0,
            ),
            Field::new(
                Label::new("Telephone", "電話"),
                p.phone.clone(),
                CONTENT_WIDTH / 4.0,
            ),
            Field::new(
                Label::new("Email", "電郵"),
                p.email.clone(),
                CONTENT_WIDTH / 2.0,
            ),
        ],
    ];
    let height = c.fields_height(&rows);
    let style = Style {
        size: 9.0,
        bold: true,
        ink: Ink::Accent,
    };
    c.ensure(style.line_height() + 1.0 + height);
    let top = c.y();
    c.text(
        LEFT,
        top + style.line_height() - 0.8,
        &format!("{en}  {zh}"),
        style,
    );
    c.set_y(top + style.line_height() + 0.8);
    c.field_rows(&rows);
    c.advance(3.0);
}

fn part3_hsls(c: &mut Composer<'_>, hsls: &[HslInput]) {
    c.part_band(
        Label::new("Part 3", "第三部分"),
        Label::new("Healthcare service locations (HSLs)", "醫療服務地點"),
    );
    c.paragraph(
        LEFT,
        CONTENT_WIDTH,
        "An HCP may register all or some of its HSLs. Locations marked \"No\" under \"Included\" are listed for information only. \
         醫護提供者可登記其全部或部分醫療服務地點；「納入本申請」一欄為「否」的地點只供參考。",
        Style::BODY.ink(Ink::Muted),
    );
    c.advance(1.5);
    let columns = [
        Column {
            label: Label::new("No.", "編號"),
            width: 9.0,
        },
        Column {
            label: Label::new("Name and type", "名稱及類別"),
            width: 34.0,
        },
        Column {
            label: Label::new("Address and district", "地址及地區"),
            width: 38.0,
        },
        Column {
            label: Label::new("Telephone", "電話"),
            width: 17.0,
        },
        Column {
            label: Label::new("Opening hours", "服務時間"),
            width: 25.0,
        },
        Column {
            label: Label::new("Patient registration", "病人登記"),
            width: 20.0,
        },
        Column {
            label: Label::new("Record system", "紀錄系統"),
            width: 21.0,
        },
        Column {
            label: Label::new("Included", "納入本申請"),
            width: 16.0,
        },
    ];
    let rows: Vec<Row> = hsls
        .iter()
        .enumerate()
        .map(|(index, hsl)| hsl_row(index + 1, hsl))
        .collect();
    c.table(&columns, &rows, "Part 3 (continued)  第三部分（續）");
    c.advance(5.0);
}

fn hsl_row(number: usize, hsl: &HslInput) -> Row {
    let yes_no = |value: bool| {
        let label = catalogue::yes_no(value);
        vec![
            (label.en.to_owned(), Style::CELL),
            (label.zh.to_owned(), Style::CELL),
        ]
    };
    // English and Chinese on lines of their own: mixed on one line they wrap badly in a narrow column.
    let mut system: Cell = coded_lines(&hsl.record_system, catalogue::record_system)
        .into_iter()
        .map(|l| (l, Style::CELL))
        .collect();
    if !hsl.record_system_vendor.trim().is_empty() {
        system.push((
            format!("Vendor 供應商: {}", hsl.record_system_vendor),
            Style::CELL_NOTE,
        ));
    }
    let cells = vec![
        vec![(number.to_string(), Style::CELL)],
        vec![
            (hsl.name_en.clone(), Style::CELL),
            (hsl.name_zh.clone(), Style::CELL),
            (coded(&hsl.hcp_type, catalogue::hcp_type), Style::CELL_NOTE),
        ],
        vec![
            (hsl.address_line1.clone(), Style::CELL),
            (hsl.address_line2.clone(), Style::CELL),
            (coded(&hsl.district, catalogue::district), Style::CELL_NOTE),
        ],
        vec![(hsl.phone.clone(), Style::CELL)],
        vec![(hsl.opening_hours.clone(), Style::CELL)],
        yes_no(hsl.patient_registration),
        system,
        yes_no(hsl.included),
    ];
    Row {
        cells,
        shaded: !hsl.included,
    }
}

fn part4_documents(c: &mut Composer<'_>, documents: &[Attachment]) {
    c.part_band(
        Label::new("Part 4", "第四部分"),
        Label::new("Supporting documents", "證明文件"),
    );
    c.paragraph(
        LEFT,
        CONTENT_WIDTH,
        "Ticked documents are attached. The SHA-256 digest identifies each file as attached. \
         已剔選的文件已附上；SHA-256 摘要用以識別所附的檔案。",
        Style::BODY.ink(Ink::Muted),
    );
    c.advance(1.5);
    let columns = [
        Column {
            label: Label::new("Attached", "已附上"),
            width: 14.0,
        },
        Column {
            label: Label::new("Document", "文件"),
            width: 60.0,
        },
        Column {
            label: Label::new("File name", "檔案名稱"),
            width: 48.0,
        },
        Column {
            label: Label::new("Size", "大小"),
            width: 20.0,
        },
        Column {
            label: Label::new("SHA-256 (first 16 hex digits)", "SHA-256（首 16 位）"),
            width: 38.0,
        },
    ];
    let rows: Vec<Row> = DocumentKind::ALL
        .iter()
        .map(|&kind| {
            let files: Vec<&Attachment> = documents.iter().filter(|d| d.kind == kind).collect();
            let label = catalogue::document_kind(kind);
            let mut document: Cell = vec![
                (label.en.to_owned(), Style::CELL),
                (label.zh.to_owned(), Style::CELL),
            ];
            if DocumentKind::REQUIRED.contains(&kind) {
                document.push(("Required  必須提交".to_owned(), Style::CELL_NOTE));
            }
            let column = |text: fn(&Attachment) -> String| -> Cell {
                files.iter().map(|file| (text(file), Style::CELL)).collect()
            };
            let ticked = if files.is_empty() { "" } else { "✓" };
            Row {
                cells: vec![
                    vec![(
                        ticked.to_owned(),
                        Style::CELL.size(11.0).bold().ink(Ink::Accent),
                    )],
                    document,
                    if files.is_empty() {
                        vec![("Not attached  未附上".to_owned(), Style::CELL_NOTE)]
                    } else {
                        column(|f| f.file_name.clone())
                    },
                    column(|f| file_size(f.size)),
                    column(|f| f.sha256.chars().take(16).collect()),
                ],
                shaded: false,
            }
        })
        .collect();
    c.table(&columns, &rows, "Part 4 (continued)  第四部分（續）");
    c.advance(5.0);
}

fn part5_declarations(c: &mut Composer<'_>, draft: &ApplicationDraft) {
    let declarations = draft.form.declarations;
    let authorised = &draft.form.user_information.authorised_person;
    c.part_band(
        Label::new("Part 5", "第五部分"),
        Label::new("Declarations and signature", "聲明及簽署"),
    );
    let statements = [
        (
            declarations.ordinance,
            "We have read the Electronic Health Record Sharing System Ordinance (Cap. 625).",
            "我們已閱讀《電子健康紀錄互通系統條例》（第 625 章）。",
        ),
        (
            declarations.code_of_practice,
            "We have read the Code of Practice for Using eHR for Healthcare.",
            "我們已閱讀使用電子健康紀錄作醫療用途的實務守則。",
        ),
        (
            declarations.conditions,
            "We have read and accept the Conditions of Registration.",
            "我們已閱讀並接受登記條件。",
        ),
    ];
    for (ticked, en, zh) in statements {
        c.declaration(ticked, en, zh);
        c.advance(2.0);
    }
    c.advance(2.0);

    let name = [authorised.name_en.trim(), authorised.name_zh.trim()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("  ");
    let rows = [
        signing::signature_and_chop(
            Label::new("Signature of authorised person", "獲授權人士簽署"),
            Label::new("Company chop", "公司印鑑"),
        ),
        vec![
            Field::new(
                Label::new("Name of authorised person", "獲授權人士姓名"),
                name,
                75.0,
            ),
            Field::new(
                Label::new("Position", "職位"),
                authorised.position.clone(),
                55.0,
            ),
            Field::new(Label::new("Date", "日期"), "", CONTENT_WIDTH - 130.0),
        ],
    ];
    // The signature block is one unit: never a signature on one page and the signer's name on the next.
    let height = c.fields_height(&rows);
    c.ensure(height);
    c.field_rows(&rows);
}

/// A timestamp as the calendar date in Hong Kong (UTC+8 all year), which is what the applicant saw.
fn hk_date(at: Timestamp) -> String {
    let seconds = at.millis().div_euclid(1000) + 8 * 3600;
    match time::OffsetDateTime::from_unix_timestamp(seconds) {
        Ok(t) => format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day()),
        Err(_) => String::new(),
    }
}

fn file_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    if bytes < KIB {
        format!("{bytes} bytes")
    } else if bytes < KIB * KIB {
        format!("{:.1} KB", bytes as f64 / KIB as f64)
    } else {
        format!("{:.1} MB", bytes as f64 / (KIB * KIB) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ApplicationDraft {
        let id =
            ehr_core::application::ApplicationId::parse("019ab3f2-c7b1-7d2e-9a44-0123456789ab")
                .unwrap();
        ApplicationDraft {
            reference: id.reference(),
            id,
            status: ehr_core::application::ApplicationStatus::Draft,
            created_at: Timestamp::from_millis(0),
            updated_at: Timestamp::from_millis(0),
            form: ehr_core::application::sample::application_form(),
            documents: Vec::new(),
            submission: None,
            version: ehr_core::application::FIRST_VERSION,
        }
    }

    #[test]
    fn every_character_printed_has_a_glyph_no_empty_boxes() {
        let font = FormFont::load().unwrap();
        let (pages, _) = compose(&font, &sample()).unwrap().finish();
        let mut shown = String::new();
        for op in pages.iter().flat_map(|p| &p.ops) {
            if let printpdf::Op::ShowText { items } = op {
                for item in items {
                    if let printpdf::TextItem::Text(text) = item {
                        shown.push_str(text);
                    }
                }
            }
        }
        assert!(shown.contains("李𨋢欣"));
        let missing: Vec<char> = shown.chars().filter(|&ch| !font.has_glyph(ch)).collect();
        assert!(missing.is_empty(), "no glyph for {missing:?}");
    }

    #[test]
    fn dates_are_hong_kong_calendar_dates() {
        // 2025-11-25 16:30 UTC is already the 26th in Hong Kong.
        assert_eq!(
            hk_date(Timestamp::from_millis(1_764_088_200_000)),
            "2025-11-26"
        );
        assert_eq!(
            hk_date(Timestamp::from_millis(1_764_083_432_000)),
            "2025-11-25"
        );
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(file_size(20), "20 bytes");
        assert_eq!(file_size(1536), "1.5 KB");
        assert_eq!(file_size(3 * 1024 * 1024), "3.0 MB");
    }
}
