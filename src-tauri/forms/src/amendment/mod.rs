//! The three amendment forms of a registered HCP as the Registration Office receives them: the HCP/HSL
//! Amendment Form (what it does, then every field before → after), the Additional HSL Form (each new
//! location in full) and the Withdrawal Request Form (HCPW01: reason and effective date). Each opens with the
//! amendment's reference (as text and QR code) and the HCP it amends, and ends with the authorised person's
//! declaration, signature and the HCP's chop. Values print as the amendment holds them.

mod additional_hsl;
mod changes;
mod fields;
mod withdrawal;

use ehr_core::amendment::{AmendmentDocument, AmendmentKind};
use ehr_core::ports::PrintedBy;

use crate::FormsError;
use crate::catalogue;
use crate::fonts::FormFont;
use crate::layout::{CONTENT_WIDTH, Composer, Field, Label};
use crate::signing::{self, Declaration, HCP_CHOP};
use crate::title_block;

/// The form's title, its kind's name (the Registration Office's code, where it has one, is in the cover).
pub(crate) fn title(kind: AmendmentKind) -> Label {
    catalogue::amendment_kind(kind)
}

/// Lays the amendment out on pages, by its kind; the caller turns them into a PDF.
pub(crate) fn compose<'f>(
    font: &'f FormFont,
    document: &AmendmentDocument,
    printed: &PrintedBy,
) -> Result<Composer<'f>, FormsError> {
    let amendment = &document.amendment;
    let kind = amendment.kind;
    let mut c = title_block::open(font, title(kind), &amendment.reference)?;
    cover(&mut c, document);
    let declaration_part = match kind {
        AmendmentKind::HcpHsl => {
            changes::summary(&mut c, &document.effects);
            changes::table(&mut c, &document.changes);
            Label::new("Part 3", "第三部分")
        }
        AmendmentKind::AdditionalHsl => {
            additional_hsl::locations(&mut c, document.new_hsls());
            Label::new("Part 2", "第二部分")
        }
        AmendmentKind::Withdrawal => {
            withdrawal::details(&mut c, document.withdrawal());
            Label::new("Part 2", "第二部分")
        }
    };
    declaration(&mut c, kind, declaration_part, printed);
    Ok(c)
}

/// The amendment and the HCP it amends.
fn cover(c: &mut Composer<'_>, document: &AmendmentDocument) {
    let amendment = &document.amendment;
    let half = CONTENT_WIDTH / 2.0;
    let form = title(amendment.kind);
    let form = match amendment.kind.form_code() {
        Some(code) => format!("{code}  {}", form.joined()),
        None => form.joined(),
    };
    c.field_rows(&[
        title_block::record_row(
            Label::new("Amendment reference", "修改參考編號"),
            &amendment.reference,
            catalogue::amendment_status(amendment.status),
            amendment.created_at,
            amendment.submitted_on,
        ),
        title_block::hcp_names(&document.hcp_name_en, &document.hcp_name_zh),
        vec![
            title_block::hcp_reference(&document.hcp_reference, half),
            Field::new(Label::new("Form", "表格"), form, half),
        ],
    ]);
    c.advance(5.0);
}

/// What the authorised person declares on each form.
fn statement(kind: AmendmentKind) -> (&'static str, &'static str) {
    match kind {
        AmendmentKind::HcpHsl => (
            "On behalf of the HCP named above, I ask the eHR Registration Office to amend its registration as set \
             out in this form, and confirm that the particulars given are true.",
            "本人代表上述醫護提供者，要求醫健通登記處按本表格所列修改其登記資料，並確認所填資料屬實。",
        ),
        AmendmentKind::AdditionalHsl => (
            "On behalf of the HCP named above, I ask the eHR Registration Office to register the healthcare service \
             locations listed in this form under its registration, and confirm that the particulars given are true.",
            "本人代表上述醫護提供者，要求醫健通登記處將本表格所列的醫療服務地點納入其登記，並確認所填資料屬實。",
        ),
        AmendmentKind::Withdrawal => (
            "On behalf of the HCP named above, I ask to withdraw its registration in eHealth from the effective date \
             given, and understand that from that date its staff can no longer use eHealth under it.",
            "本人代表上述醫護提供者，要求由上述生效日期起撤銷其醫健通登記，並明白由該日起其職員不能再以此醫護提供者的名義使用醫健通。",
        ),
    }
}

/// The authorised person's declaration, signature, name, position and date and the HCP's chop, with who
/// printed the form: one block on one page.
fn declaration(c: &mut Composer<'_>, kind: AmendmentKind, part: Label, printed: &PrintedBy) {
    let (en, zh) = statement(kind);
    let boxes = [
        signing::signature_and_chop(
            Label::new("Signature of authorised person", "獲授權人士簽署"),
            HCP_CHOP,
        ),
        vec![
            Field::new(
                Label::new("Name of authorised person", "獲授權人士姓名"),
                "",
                75.0,
            )
            .tall(12.0),
            Field::new(Label::new("Position", "職位"), "", 55.0).tall(12.0),
            Field::new(Label::new("Date", "日期"), "", CONTENT_WIDTH - 130.0).tall(12.0),
        ],
    ];
    let declaration = Declaration {
        part,
        en,
        zh,
        gap: 2.0,
        boxes: &boxes,
    };
    signing::declaration(c, &declaration, printed);
}
