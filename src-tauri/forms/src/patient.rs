//! The patient registration and consent form, printed for the patient (or the substitute decision maker) to
//! sign: the patient's particulars with the fields read from the identity card marked, contact and
//! notification preferences, the consent statements of the rules version the consent was taken under, the
//! substitute decision maker, and signature boxes. The footer says who printed it, where and when.

use ehr_core::patient::{
    ConsentMethod, ConsentRuleSet, DocumentType, NotificationChannel, PatientRecord, SdmCase,
    SdmRelationship,
};
use ehr_core::ports::{IdentitySource, PrintedBy};
use ehr_core::preferences::Language;
use ehr_core::time::Timestamp;
use ehr_core::validation::Sex;

use crate::fonts::FormFont;
use crate::layout::{
    CONTENT_WIDTH, Composer, FIRST_PAGE_TOP, Field, Ink, LEFT, Label, PageFrame, Style,
};
use crate::signing::{self, Declaration};

pub(crate) const TITLE: Label = Label::new(
    "eHealth Registration and Consent Form",
    "醫健通登記及同意書",
);

/// Marks a value read from the identity card, on paper as on screen.
const FROM_CARD: &str = "◆";

pub(crate) fn compose<'f>(
    font: &'f FormFont,
    record: &PatientRecord,
    rules: &ConsentRuleSet,
    printed: &PrintedBy,
) -> Composer<'f> {
    let frame = PageFrame {
        title: TITLE.joined(),
        reference: record.id.to_string(),
    };
    let mut c = Composer::new(font, frame);
    heading(&mut c, record, rules);
    particulars(&mut c, record);
    contact(&mut c, record);
    consent(&mut c, record, rules);
    substitute(&mut c, record);
    signatures(&mut c, record, printed);
    c
}

fn heading(c: &mut Composer<'_>, record: &PatientRecord, rules: &ConsentRuleSet) {
    c.text(
        LEFT,
        FIRST_PAGE_TOP + 3.0,
        "eHealth  醫健通",
        Style::LABEL.size(8.0),
    );
    let title = Style::VALUE.size(14.0).bold().ink(Ink::Accent);
    c.set_y(FIRST_PAGE_TOP + 5.0);
    c.paragraph(LEFT, CONTENT_WIDTH, TITLE.en, title);
    c.advance(0.8);
    c.paragraph(LEFT, CONTENT_WIDTH, TITLE.zh, title);
    c.advance(2.0);
    let note = Style::BODY.ink(Ink::Muted);
    c.paragraph(
        LEFT,
        CONTENT_WIDTH,
        &format!(
            "Under the {} — consent rules {} in force from {}.",
            rules.ordinance.en, rules.version, rules.effective_from
        ),
        note,
    );
    c.paragraph(
        LEFT,
        CONTENT_WIDTH,
        &format!(
            "根據{}——同意規則版本 {}，自 {} 起生效。",
            rules.ordinance.zh, rules.version, rules.effective_from
        ),
        note,
    );
    c.advance(2.0);
    let third = CONTENT_WIDTH / 3.0;
    c.field_rows(&[vec![
        Field::new(
            Label::new("Registration ID", "登記編號"),
            record.id.as_str(),
            2.0 * third,
        ),
        Field::new(
            Label::new("Registered on", "登記日期"),
            hk_date(record.registered_at),
            third,
        ),
    ]]);
    c.advance(3.0);
}

fn particulars(c: &mut Composer<'_>, record: &PatientRecord) {
    let r = &record.registration;
    let from_card = |field: &str, value: String| -> String {
        if r.read_from_card.iter().any(|f| f == field) && !value.is_empty() {
            format!("{value}  {FROM_CARD}")
        } else {
            value
        }
    };
    c.part_band(
        Label::new("Part A", "甲部"),
        Label::new("Patient's particulars", "病人資料"),
    );
    let third = CONTENT_WIDTH / 3.0;
    let country = match &r.document.number {
        ehr_core::patient::DocumentNumber::Foreign {
            issuing_country, ..
        } => issuing_country.to_string(),
        ehr_core::patient::DocumentNumber::HongKong { .. } => "HKG".to_owned(),
    };
    let number = match &r.document.number {
        ehr_core::patient::DocumentNumber::HongKong { number } => number.as_str().to_owned(),
        ehr_core::patient::DocumentNumber::Foreign { number, .. } => number.clone(),
    };
    c.field_rows(&[
        vec![
            Field::new(
                Label::new("Surname (English)", "英文姓氏"),
                from_card("englishSurname", r.english_surname.to_string()),
                third,
            ),
            Field::new(
                Label::new("Given name (English)", "英文名字"),
                from_card(
                    "englishGivenName",
                    r.english_given_name
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                ),
                third,
            ),
            Field::new(
                Label::new("Name in Chinese", "中文姓名"),
                from_card(
                    "chineseName",
                    r.chinese_name
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                ),
                third,
            ),
        ],
        vec![
            Field::new(
                Label::new("Identity document", "身份證明文件"),
                from_card(
                    "documentType",
                    document_type(r.document.document_type).joined(),
                ),
                third,
            ),
            Field::new(
                Label::new("Document number", "文件號碼"),
                from_card("documentNumber", number),
                third,
            ),
            Field::new(
                Label::new("Issuing country / region", "簽發國家／地區"),
                country,
                third,
            ),
        ],
        vec![
            Field::new(
                Label::new("Date of birth", "出生日期"),
                from_card("dateOfBirth", r.date_of_birth.to_string()),
                third,
            ),
            Field::new(
                Label::new("Sex", "性別"),
                from_card("sex", sex(r.sex).joined()),
                third,
            ),
            Field::new(
                Label::new("Identity details from", "身份資料來源"),
                source(r.identity_source).joined(),
                third,
            ),
        ],
    ]);
    if !r.read_from_card.is_empty() {
        c.advance(1.0);
        c.paragraph(
            LEFT,
            CONTENT_WIDTH,
            &format!(
                "{FROM_CARD} Read from the identity card at registration.   {FROM_CARD} 登記時從身份證讀取。"
            ),
            Style::BODY.ink(Ink::Muted),
        );
    }
    c.advance(3.0);
}

fn contact(c: &mut Composer<'_>, record: &PatientRecord) {
    let r = &record.registration;
    c.part_band(
        Label::new("Part B", "乙部"),
        Label::new("Contact and notification", "聯絡及通知"),
    );
    let third = CONTENT_WIDTH / 3.0;
    let phone = |p: &Option<ehr_core::validation::PhoneNumber>| {
        p.as_ref().map(|p| p.national()).unwrap_or_default()
    };
    c.field_rows(&[
        vec![
            Field::new(
                Label::new("Mobile phone", "流動電話"),
                phone(&r.mobile_phone),
                third,
            ),
            Field::new(
                Label::new("Other phone", "其他電話"),
                phone(&r.other_phone),
                third,
            ),
            Field::new(
                Label::new("Email", "電郵"),
                r.email.as_ref().map(|e| e.to_string()).unwrap_or_default(),
                third,
            ),
        ],
        vec![Field::new(
            Label::new("Correspondence address", "通訊地址"),
            r.address.clone().unwrap_or_default(),
            CONTENT_WIDTH,
        )],
        vec![
            Field::new(
                Label::new("Preferred language", "選擇語言"),
                language(r.preferred_language).joined(),
                CONTENT_WIDTH / 2.0,
            ),
            Field::new(
                Label::new("Notify me by", "通知方式"),
                channel(r.notification_channel).joined(),
                CONTENT_WIDTH / 2.0,
            ),
        ],
    ]);
    c.advance(3.0);
}

fn consent(c: &mut Composer<'_>, record: &PatientRecord, rules: &ConsentRuleSet) {
    let consent = &record.registration.consent;
    c.part_band(Label::new("Part C", "丙部"), Label::new("Consent", "同意"));
    c.declaration(
        consent.joining,
        &rules.statements.joining.en,
        &rules.statements.joining.zh,
    );
    c.advance(2.0);
    c.declaration(
        consent.sharing,
        &rules.statements.sharing.en,
        &rules.statements.sharing.zh,
    );
    c.advance(2.0);
    let method = consent
        .method
        .map(|m| method(m).joined())
        .unwrap_or_else(|| "Not given  未有給予".to_owned());
    c.field_rows(&[vec![Field::new(
        Label::new("Sharing consent given by", "互通同意的給予方式"),
        method,
        CONTENT_WIDTH,
    )]]);
    c.advance(3.0);
}

fn substitute(c: &mut Composer<'_>, record: &PatientRecord) {
    let Some(sdm) = &record.registration.consent.sdm else {
        return;
    };
    c.part_band(
        Label::new("Part D", "丁部"),
        Label::new("Substitute decision maker", "代決人"),
    );
    let (case_en, case_zh) = match sdm.case {
        SdmCase::Minor => (
            "The patient is under 16: I give the consents above on the patient's behalf.",
            "病人未滿16歲：本人代病人給予上述同意。",
        ),
        SdmCase::Unable => (
            "The patient is unable to give consent: I give the consents above on the patient's behalf.",
            "病人無能力給予同意：本人代病人給予上述同意。",
        ),
    };
    c.paragraph(LEFT, CONTENT_WIDTH, case_en, Style::BODY);
    c.paragraph(LEFT, CONTENT_WIDTH, case_zh, Style::BODY);
    c.advance(1.5);
    let third = CONTENT_WIDTH / 3.0;
    let relationship = format!(
        "{}  (priority {} 優先次序)",
        relationship(sdm.relationship).joined(),
        sdm.priority
    );
    c.field_rows(&[
        vec![
            Field::new(
                Label::new("Relationship to the patient", "與病人的關係"),
                relationship,
                2.0 * third,
            ),
            Field::new(
                Label::new("Phone", "電話"),
                sdm.phone.as_ref().map(|p| p.national()).unwrap_or_default(),
                third,
            ),
        ],
        vec![
            Field::new(
                Label::new("Name (English)", "英文姓名"),
                sdm.english_name.to_string(),
                third,
            ),
            Field::new(
                Label::new("Name in Chinese", "中文姓名"),
                sdm.chinese_name
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                third,
            ),
            Field::new(
                Label::new("Identity document", "身份證明文件"),
                format!(
                    "{}  {}",
                    document_type(sdm.document.document_type).en,
                    sdm.document.number.full()
                ),
                third,
            ),
        ],
    ]);
    c.advance(3.0);
}

/// The last part: what the signer declares, the signature and witness boxes, and who printed the form — all
/// on one page, so a signature is never on a page apart from what it signs for.
fn signatures(c: &mut Composer<'_>, record: &PatientRecord, printed: &PrintedBy) {
    let by_sdm = record.registration.consent.sdm.is_some();
    let (part, signer, declaration_en, declaration_zh) = if by_sdm {
        (
            Label::new("Part E", "戊部"),
            Label::new("Signature of substitute decision maker", "代決人簽署"),
            "I declare that the particulars above are true, and I give the consents marked in Part C on the \
             patient's behalf as the substitute decision maker named in Part D.",
            "本人聲明上述資料屬實，並以丁部所述代決人身份代病人給予丙部所示的同意。",
        )
    } else {
        (
            Label::new("Part D", "丁部"),
            Label::new("Signature of patient", "病人簽署"),
            "I declare that the particulars above are true, and I give the consents marked in Part C.",
            "本人聲明上述資料屬實，並給予丙部所示的同意。",
        )
    };
    let rows = [
        vec![
            Field::new(signer, "", 110.0).tall(22.0),
            Field::new(Label::new("Date", "日期"), "", CONTENT_WIDTH - 110.0).tall(22.0),
        ],
        vec![
            Field::new(
                Label::new(
                    "Witnessed by (healthcare provider staff)",
                    "見證人（醫護提供者職員）",
                ),
                "",
                110.0,
            )
            .tall(14.0),
            Field::new(
                Label::new("Staff name", "職員姓名"),
                "",
                CONTENT_WIDTH - 110.0,
            )
            .tall(14.0),
        ],
    ];
    let declaration = Declaration {
        part,
        en: declaration_en,
        zh: declaration_zh,
        gap: 1.5,
        boxes: &rows,
    };
    signing::declaration(c, &declaration, printed);
}

fn document_type(kind: DocumentType) -> Label {
    match kind {
        DocumentType::Hkid => Label::new("HK identity card", "香港身份證"),
        DocumentType::BirthCertificate => Label::new("HK birth certificate", "香港出生證明書"),
        DocumentType::Passport => Label::new("Passport", "護照"),
        DocumentType::Other => Label::new("Other document", "其他證件"),
    }
}

fn sex(sex: Sex) -> Label {
    match sex {
        Sex::Female => Label::new("Female", "女"),
        Sex::Male => Label::new("Male", "男"),
    }
}

fn source(source: IdentitySource) -> Label {
    match source {
        IdentitySource::Card => Label::new("Identity card (reader)", "身份證（讀卡器）"),
        IdentitySource::ExternalReader => Label::new(
            "Identity card (authorised reader)",
            "身份證（認可讀卡程式）",
        ),
        IdentitySource::Manual => Label::new("Typed in", "人手輸入"),
    }
}

fn language(language: Language) -> Label {
    match language {
        Language::English => Label::new("English", "英文"),
        Language::TraditionalChinese => Label::new("Chinese", "中文"),
    }
}

fn channel(channel: NotificationChannel) -> Label {
    match channel {
        NotificationChannel::Sms => Label::new("SMS", "短訊"),
        NotificationChannel::Email => Label::new("Email", "電郵"),
        NotificationChannel::Post => Label::new("Post", "郵寄"),
        NotificationChannel::None => Label::new("No notification", "不需通知"),
    }
}

fn method(method: ConsentMethod) -> Label {
    match method {
        ConsentMethod::Card => Label::new("Identity card in the reader", "以身份證讀卡"),
        ConsentMethod::AccessKey => Label::new("Access key", "登入密碼"),
        ConsentMethod::SignedForm => Label::new("This signed form", "簽署本表格"),
        ConsentMethod::Ivrs => Label::new("Phone call (IVRS)", "致電互動話音系統"),
    }
}

fn relationship(relationship: SdmRelationship) -> Label {
    use SdmRelationship::*;
    match relationship {
        Parent => Label::new("Parent", "父母"),
        Guardian => Label::new("Guardian", "監護人"),
        DirectorOfSocialWelfare => Label::new(
            "Director of Social Welfare / guardian under the Mental Health Ordinance",
            "社會福利署署長／《精神健康條例》下的監護人",
        ),
        CourtAppointee => Label::new("Appointed by the court", "法院委任的人"),
        FamilyMember => Label::new(
            "Family member or person living with the patient",
            "家人或與病人同住的人",
        ),
        PrescribedHcp => Label::new("Prescribed healthcare professional", "訂明醫護專業人員"),
    }
}

fn hk_date(at: Timestamp) -> String {
    at.hong_kong_date().to_string()
}
