//! What the forms sent to the Registration Office open with: the page frame and the first page's title with
//! the reference as a QR code, the record's reference, status and dates, and the HCP's names and reference.
//! One place, so the forms name these the same way and a wording change is made once.

use ehr_core::time::Timestamp;
use ehr_core::validation::CalendarDate;

use crate::FormsError;
use crate::fonts::FormFont;
use crate::layout::{
    CONTENT_WIDTH, Composer, FIRST_PAGE_TOP, Field, Ink, LEFT, Label, PageFrame, RIGHT, Style,
};
use crate::qr;

/// A composer whose pages carry `title` and `reference` in their frame, with the first page's title block
/// drawn.
pub(crate) fn open<'f>(
    font: &'f FormFont,
    title: Label,
    reference: &str,
) -> Result<Composer<'f>, FormsError> {
    let frame = PageFrame {
        title: title.joined(),
        reference: reference.to_owned(),
    };
    let mut c = Composer::new(font, frame);
    title_and_qr(&mut c, title, reference)?;
    Ok(c)
}

/// The first page's title in both languages, with the reference as a QR code and as text top right.
fn title_and_qr(
    c: &mut Composer<'_>,
    title_text: Label,
    reference: &str,
) -> Result<(), FormsError> {
    // The QR code sits top right, so the office can scan the reference off a fax or a scan.
    let modules = qr::encode(reference)?;
    let module = 0.8;
    let side = (modules.width + 2 * qr::QUIET_ZONE) as f32 * module;
    let qr_left = RIGHT - side;
    let qr_top = FIRST_PAGE_TOP - 2.0;
    let origin = qr::QUIET_ZONE as f32 * module;
    for &(row, col, len) in &modules.runs {
        let x = qr_left + origin + col as f32 * module;
        let y = qr_top + origin + row as f32 * module;
        c.fill_rect(x, y, len as f32 * module, module, Ink::Text);
    }
    let caption = Style::LABEL.ink(Ink::Text);
    c.text_centred(
        qr_left + side / 2.0,
        qr_top + side + 1.5,
        reference,
        caption,
    );

    let kicker = Style::LABEL.size(8.0);
    c.text(LEFT, FIRST_PAGE_TOP + 3.0, "eHealth  醫健通", kicker);
    let title = Style::VALUE.size(13.5).bold().ink(Ink::Accent);
    let title_width = qr_left - LEFT - 6.0;
    c.set_y(FIRST_PAGE_TOP + 5.0);
    c.paragraph(LEFT, title_width, title_text.en, title);
    c.advance(0.8);
    c.paragraph(LEFT, title_width, title_text.zh, title);
    c.set_y(c.y().max(qr_top + side + 3.5) + 2.0);
    Ok(())
}

/// A stored record's reference (under its own label), status, the day it was prepared (in Hong Kong) and the
/// day it was submitted, if it was, in four equal boxes.
pub(crate) fn record_row(
    reference_label: Label,
    reference: &str,
    status: Label,
    prepared_at: Timestamp,
    submitted_on: Option<CalendarDate>,
) -> Vec<Field> {
    let quarter = CONTENT_WIDTH / 4.0;
    vec![
        Field::new(reference_label, reference, quarter),
        Field::new(Label::new("Status", "狀態"), status.joined(), quarter),
        Field::new(
            Label::new("Prepared on", "擬備日期"),
            prepared_at.hong_kong_date().entry(),
            quarter,
        ),
        Field::new(
            Label::new("Submitted on", "遞交日期"),
            submitted_on.map(|d| d.entry()).unwrap_or_default(),
            quarter,
        ),
    ]
}

/// The HCP's English and Chinese names, side by side across the page.
pub(crate) fn hcp_names(name_en: &str, name_zh: &str) -> Vec<Field> {
    let half = CONTENT_WIDTH / 2.0;
    vec![
        Field::new(
            Label::new("Name of HCP (English)", "醫護提供者名稱（英文）"),
            name_en,
            half,
        ),
        Field::new(
            Label::new("Name of HCP (Chinese)", "醫護提供者名稱（中文）"),
            name_zh,
            half,
        ),
    ]
}

/// The reference of the HCP's application, which the Registration Office files the HCP under.
pub(crate) fn hcp_reference(reference: &str, width: f32) -> Field {
    Field::new(
        Label::new("HCP application reference", "醫護提供者申請參考編號"),
        reference,
        width,
    )
}
