//! How the forms end: the signer's declaration in both languages over the boxes to sign, chop and date, and
//! who printed the form. One place, so every form keeps the block on one page the same way.

use ehr_core::ports::PrintedBy;
use ehr_core::time::Timestamp;

use crate::layout::{CONTENT_WIDTH, Composer, Field, Ink, LEFT, Label, Style};

/// The chop box's label on the forms an HCP's staff sign for it.
pub(crate) const HCP_CHOP: Label = Label::new("Chop of the HCP", "醫護提供者印鑑");

/// Width of the signature box; the chop box takes the rest of the line.
const SIGNATURE_WIDTH: f32 = 105.0;

/// A declaration part: its number, what the signer declares and the boxes they fill in under it.
pub(crate) struct Declaration<'a> {
    pub part: Label,
    pub en: &'a str,
    pub zh: &'a str,
    /// Space between the statement and the boxes.
    pub gap: f32,
    pub boxes: &'a [Vec<Field>],
}

/// The declaration part, then who printed the form: one block, moved whole to a new page when it does not fit,
/// so a signature is never on a page apart from what it signs for.
pub(crate) fn declaration(
    c: &mut Composer<'_>,
    declaration: &Declaration<'_>,
    printed: &PrintedBy,
) {
    let Declaration {
        part,
        en,
        zh,
        gap,
        boxes,
    } = *declaration;
    let statement_height = [en, zh]
        .iter()
        .map(|text| c.wrap(text, CONTENT_WIDTH, Style::BODY).len() as f32)
        .sum::<f32>()
        * Style::BODY.line_height();
    // The band, the statement, the boxes and the printed-by line.
    c.ensure(10.0 + statement_height + gap + c.fields_height(boxes) + 8.0);
    c.part_band(part, Label::new("Declaration and signature", "聲明及簽署"));
    c.paragraph(LEFT, CONTENT_WIDTH, en, Style::BODY);
    c.paragraph(LEFT, CONTENT_WIDTH, zh, Style::BODY);
    c.advance(gap);
    c.field_rows(boxes);
    c.advance(2.0);
    printed_by(c, printed);
}

/// The signer's box and the chop's, side by side, tall enough to sign and stamp in.
pub(crate) fn signature_and_chop(signer: Label, chop: Label) -> Vec<Field> {
    vec![
        Field::new(signer, "", SIGNATURE_WIDTH).tall(30.0),
        Field::new(chop, "", CONTENT_WIDTH - SIGNATURE_WIDTH).tall(30.0),
    ]
}

/// Who printed the form, where and when (Hong Kong time), in grey under the boxes.
fn printed_by(c: &mut Composer<'_>, printed: &PrintedBy) {
    c.paragraph(
        LEFT,
        CONTENT_WIDTH,
        &format!(
            "Printed by 列印者: {} at 於 {}, {} (HKT)",
            printed.actor.user,
            printed.actor.workstation,
            hk_date_time(printed.at)
        ),
        Style::BODY.ink(Ink::Muted),
    );
}

/// A moment as Hong Kong's date and time (UTC+8 all year): `2026-11-25 10:40`.
fn hk_date_time(at: Timestamp) -> String {
    let seconds = at.millis().div_euclid(1000) + 8 * 3600;
    match time::OffsetDateTime::from_unix_timestamp(seconds) {
        Ok(t) => format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        ),
        Err(_) => String::new(),
    }
}
