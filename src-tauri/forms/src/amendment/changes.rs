//! The HCP/HSL Amendment Form's body: what the amendment does, then every field that changes, before → after,
//! as a table that flows over pages.

use ehr_core::amendment::{AmendmentEffect, FieldChange, FieldChangeKind};

use super::fields::{self, ValueKind};
use crate::catalogue;
use crate::layout::{CONTENT_WIDTH, Cell, Column, Composer, Ink, LEFT, Label, Row, Style};

/// Part 1: one line per effect, in the core's order.
pub(super) fn summary(c: &mut Composer<'_>, effects: &[AmendmentEffect]) {
    c.part_band(
        Label::new("Part 1", "第一部分"),
        Label::new("What this amendment does", "修改事項"),
    );
    if effects.is_empty() {
        c.paragraph(
            LEFT,
            CONTENT_WIDTH,
            "This amendment changes nothing.  本修改並無更改任何資料。",
            Style::BODY.ink(Ink::Muted),
        );
    }
    let indent = 5.0;
    for &effect in effects {
        let label = catalogue::amendment_effect(effect);
        c.ensure(Style::BODY.line_height());
        let top = c.y();
        c.text(
            LEFT + 1.0,
            top + Style::BODY.line_height() * 0.77,
            "•",
            Style::BODY,
        );
        c.paragraph(
            LEFT + indent,
            CONTENT_WIDTH - indent,
            &label.joined(),
            Style::BODY,
        );
    }
    c.advance(5.0);
}

/// Part 2: the changes, numbered in the form's order.
pub(super) fn table(c: &mut Composer<'_>, changes: &[FieldChange]) {
    c.part_band(
        Label::new("Part 2", "第二部分"),
        Label::new("Changes (before → after)", "修改內容（修改前 → 修改後）"),
    );
    c.paragraph(
        LEFT,
        CONTENT_WIDTH,
        "\"Before\" is the particular as registered; \"after\" is what it is to be. \
         「修改前」為現時登記的資料；「修改後」為要求更改後的資料。",
        Style::BODY.ink(Ink::Muted),
    );
    c.advance(1.5);
    if changes.is_empty() {
        c.paragraph(
            LEFT,
            CONTENT_WIDTH,
            "No field changes.  沒有資料需要修改。",
            Style::BODY.ink(Ink::Muted),
        );
        c.advance(5.0);
        return;
    }
    // Wide value columns: an e-mail address, which cannot break at a space, fits on one line.
    let columns = [
        Column {
            label: Label::new("No.", "編號"),
            width: 9.0,
        },
        Column {
            label: Label::new("Field", "項目"),
            width: 56.0,
        },
        Column {
            label: Label::new("Before", "修改前"),
            width: 57.5,
        },
        Column {
            label: Label::new("After", "修改後"),
            width: CONTENT_WIDTH - 9.0 - 56.0 - 57.5,
        },
    ];
    let rows: Vec<Row> = changes
        .iter()
        .enumerate()
        .map(|(index, change)| row(index + 1, change))
        .collect();
    c.table(&columns, &rows, "Part 2 (continued)  第二部分（續）");
    c.advance(5.0);
}

/// One change; a field added or removed says so in bold where its value is new or gone.
fn row(number: usize, change: &FieldChange) -> Row {
    let (en, zh, kind) = fields::describe(&change.path)
        .unwrap_or_else(|| (change.path.clone(), String::new(), ValueKind::Text));
    let before: Cell = match &change.before {
        Some(raw) => vec![(kind.print(raw), Style::CELL)],
        None => vec![("None  無".to_owned(), Style::CELL_NOTE)],
    };
    let mut after: Cell = change
        .after
        .iter()
        .map(|raw| (kind.print(raw), Style::CELL))
        .collect();
    let marked = Style::CELL.bold().ink(Ink::Accent);
    match change.kind {
        FieldChangeKind::Changed => {}
        FieldChangeKind::Added | FieldChangeKind::Removed => {
            after.push((catalogue::change_kind(change.kind).joined(), marked))
        }
    }
    Row {
        cells: vec![
            vec![(number.to_string(), Style::CELL)],
            vec![(en, Style::CELL), (zh, Style::CELL)],
            before,
            after,
        ],
        // A person or location that comes or goes stands out from fields that merely change.
        shaded: change.kind != FieldChangeKind::Changed,
    }
}
