//! The recovery key sheet, printed once at setup: the office's name, the key in large type, and what it is
//! for, in English and Traditional Chinese. It is the way back in when every administrator's password is lost.

use ehr_core::auth::{Office, RecoveryKey};
use ehr_core::time::Timestamp;

use crate::fonts::FormFont;
use crate::layout::{CONTENT_WIDTH, Composer, FIRST_PAGE_TOP, Ink, LEFT, Label, PageFrame, Style};

pub(crate) const TITLE: Label = Label::new("eHR Desk recovery key", "eHR Desk 復原密鑰");

const KEEP: Label = Label::new(
    "Keep this sheet locked away, apart from the computers. With it, a system administrator's password can be \
     set anew when every administrator's password is lost (ehr recover USER, or \"Use the recovery key\" at \
     sign-in). Anyone who holds it can do the same: do not copy it, photograph it or keep it in a file.",
    "請將此頁鎖存於安全地方，並與電腦分開存放。如所有系統管理員的密碼均已遺失，可憑此密鑰為系統管理員重設密碼（ehr recover \
     用戶名稱，或在登入畫面選擇「使用復原密鑰」）。任何持有此密鑰的人均可同樣操作：請勿複製、拍攝或以檔案保存。",
);

pub(crate) fn compose<'f>(
    font: &'f FormFont,
    office: &Office,
    key: &RecoveryKey,
    at: Timestamp,
) -> Composer<'f> {
    let frame = PageFrame {
        title: TITLE.joined(),
        reference: office.name.clone(),
    };
    let mut c = Composer::new(font, frame);
    let title = Style::VALUE.size(16.0).bold().ink(Ink::Accent);
    c.set_y(FIRST_PAGE_TOP + 5.0);
    c.paragraph(LEFT, CONTENT_WIDTH, TITLE.en, title);
    c.advance(0.8);
    c.paragraph(LEFT, CONTENT_WIDTH, TITLE.zh, title);
    c.advance(6.0);
    c.paragraph(
        LEFT,
        CONTENT_WIDTH,
        &office.name,
        Style::VALUE.size(12.0).bold(),
    );
    c.advance(1.0);
    let made = format!(
        "Made {}  ·  製作日期 {}",
        at.hong_kong_date().entry(),
        at.hong_kong_date().entry()
    );
    c.paragraph(LEFT, CONTENT_WIDTH, &made, Style::LABEL.size(9.0));
    c.advance(10.0);
    let key_style = Style::VALUE.size(20.0).bold();
    let top = c.y() - 2.0;
    c.stroke_rect(LEFT, top, CONTENT_WIDTH, 18.0, Ink::Accent, 0.6);
    c.text_centred(
        LEFT + CONTENT_WIDTH / 2.0,
        top + 11.0,
        key.expose(),
        key_style,
    );
    c.advance(24.0);
    c.paragraph(LEFT, CONTENT_WIDTH, KEEP.en, Style::VALUE.size(10.0));
    c.advance(3.0);
    c.paragraph(LEFT, CONTENT_WIDTH, KEEP.zh, Style::VALUE.size(10.0));
    c
}
