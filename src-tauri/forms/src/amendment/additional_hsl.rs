//! The Additional HSL Form's body: each new location with every field, as boxes the Registration Office can
//! key in from, one location kept together on a page.

use ehr_core::application::HslInput;

use super::fields::{HSL_FIELDS, ValueKind};
use crate::layout::{CONTENT_WIDTH, Composer, Field, Ink, LEFT, Label, Style};

pub(super) fn locations(c: &mut Composer<'_>, hsls: &[HslInput]) {
    c.part_band(
        Label::new("Part 1", "第一部分"),
        Label::new("New healthcare service locations", "新增醫療服務地點"),
    );
    c.paragraph(
        LEFT,
        CONTENT_WIDTH,
        "Each location below is to be registered under the HCP named above. \
         下列各醫療服務地點將納入上述醫護提供者的登記。",
        Style::BODY.ink(Ink::Muted),
    );
    c.advance(2.0);
    for (index, hsl) in hsls.iter().enumerate() {
        location(c, index + 1, hsl);
    }
}

/// A field of a location, named as the amendment's change list names it.
fn field(key: &str, raw: &str, width: f32) -> Field {
    let (label, value) = match HSL_FIELDS.iter().find(|(k, _, _)| *k == key) {
        Some(&(_, label, kind)) => (label, kind.print(raw)),
        None => (Label::new("", ""), ValueKind::Text.print(raw)),
    };
    Field::new(label, value, width)
}

fn location(c: &mut Composer<'_>, number: usize, hsl: &HslInput) {
    let half = CONTENT_WIDTH / 2.0;
    let third = CONTENT_WIDTH / 3.0;
    let yes_no = hsl.patient_registration.to_string();
    let rows = [
        vec![
            field("nameEn", &hsl.name_en, half),
            field("nameZh", &hsl.name_zh, half),
        ],
        vec![field("addressLine1", &hsl.address_line1, CONTENT_WIDTH)],
        vec![field("addressLine2", &hsl.address_line2, CONTENT_WIDTH)],
        vec![
            field("district", &hsl.district, third),
            field("phone", &hsl.phone, third),
            field("hcpType", &hsl.hcp_type, third),
        ],
        vec![
            field("openingHours", &hsl.opening_hours, 2.0 * third),
            field("patientRegistration", &yes_no, third),
        ],
        vec![
            field("recordSystem", &hsl.record_system, half),
            field("recordSystemVendor", &hsl.record_system_vendor, half),
        ],
    ];
    let label = Label::new("New HSL", "新增醫療服務地點");
    let heading = format!("{} {number}  {} {number}", label.en, label.zh);
    let style = Style::VALUE.size(9.0).bold().ink(Ink::Accent);
    c.ensure(style.line_height() + 1.0 + c.fields_height(&rows));
    let top = c.y();
    c.text(LEFT, top + style.line_height() - 0.8, &heading, style);
    c.set_y(top + style.line_height() + 0.8);
    c.field_rows(&rows);
    c.advance(4.0);
}
