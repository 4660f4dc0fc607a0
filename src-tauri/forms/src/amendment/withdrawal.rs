//! The Withdrawal Request Form's body (HCPW01): why the HCP leaves eHealth, and from when.

use ehr_core::validation::CalendarDate;

use crate::layout::{CONTENT_WIDTH, Composer, Field, Ink, LEFT, Label, Style};

pub(super) fn details(c: &mut Composer<'_>, withdrawal: Option<(&str, Option<CalendarDate>)>) {
    let (reason, effective) = withdrawal.unwrap_or_default();
    c.part_band(
        Label::new("Part 1", "第一部分"),
        Label::new("Withdrawal from eHealth", "退出醫健通"),
    );
    c.paragraph(
        LEFT,
        CONTENT_WIDTH,
        "The HCP named above withdraws its registration in eHealth. Its staff's eHealth accounts under it end on \
         the effective date. 上述醫護提供者撤銷其醫健通登記；其職員在此醫護提供者之下的醫健通帳戶於生效日期終止。",
        Style::BODY.ink(Ink::Muted),
    );
    c.advance(2.0);
    c.field_rows(&[
        vec![
            Field::new(
                Label::new("Reason for withdrawal", "退出原因"),
                reason,
                CONTENT_WIDTH,
            )
            .tall(25.0),
        ],
        vec![Field::new(
            Label::new("Effective date (DD/MM/YYYY)", "生效日期（日／月／年）"),
            effective.map(|d| d.entry()).unwrap_or_default(),
            CONTENT_WIDTH / 2.0,
        )],
    ]);
    c.advance(5.0);
}
