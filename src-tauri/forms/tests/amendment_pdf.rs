//! The three amendment forms as real PDFs, read back with poppler's `pdftotext`, `pdffonts` and `pdfinfo`
//! (poppler-utils must be installed; a missing tool fails the test, it never skips it).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support;

use support::{
    PdfFile, assert_all_printed, assert_one_embedded_subset_font, assert_page_frame, normalise,
    printed_by_admin, today,
};

use ehr_core::amendment::sample::{new_hsl, sample_amendment_document};
use ehr_core::amendment::{AmendmentContent, AmendmentDocument, AmendmentKind};
use ehr_core::application::sample::{application_form, submitted_application};
use ehr_core::application::{ApplicationStatus, HslInput};
use ehr_core::ports::AmendmentRenderer;
use ehr_forms::PdfRenderer;

fn render(document: &AmendmentDocument, keep_as: &str) -> PdfFile {
    let bytes = PdfRenderer::new()
        .unwrap()
        .render_amendment(document, &printed_by_admin())
        .unwrap();
    PdfFile::write(keep_as, &bytes)
}

/// How a value of the field named last in `path` is printed: codes and check boxes by their bilingual
/// names, written out here (not taken from the renderer) so a wrong name fails.
fn printed_value(path: &str, raw: &str) -> String {
    let field = path.rsplit('.').next().unwrap();
    let coded = ["district", "hcpType", "recordSystem"].contains(&field)
        || [
            "patientRegistration",
            "included",
            "ordinance",
            "codeOfPractice",
            "conditions",
        ]
        .contains(&field);
    if !coded {
        return raw.to_owned();
    }
    match raw {
        "true" => "Yes 是",
        "false" => "No 否",
        "tsuen_wan" => "Tsuen Wan 荃灣區",
        "sha_tin" => "Sha Tin 沙田區",
        "central_and_western" => "Central and Western 中西區",
        "group_practice" => "Group practice 集團式執業",
        "cms_on_ramp" => "CMS On-ramp 臨床醫療管理系統（基礎版）",
        "other_vendor" => "Another vendor's system 其他供應商的系統",
        other => panic!("{path}: give the printed name of {other:?} here"),
    }
    .to_owned()
}

/// Every value the document holds, as the form must print it.
fn values(document: &AmendmentDocument) -> Vec<String> {
    let amendment = &document.amendment;
    let mut values = vec![
        amendment.reference.clone(),
        document.hcp_name_en.clone(),
        document.hcp_name_zh.clone(),
        document.hcp_reference.clone(),
        amendment.created_at.hong_kong_date().entry(),
    ];
    values.extend(amendment.submitted_on.map(|d| d.entry()));
    for change in &document.changes {
        for value in [&change.before, &change.after].into_iter().flatten() {
            values.push(printed_value(&change.path, value));
        }
    }
    for hsl in document.new_hsls() {
        values.extend(hsl_values(hsl));
    }
    if let Some((reason, effective)) = document.withdrawal() {
        values.push(reason.to_owned());
        values.extend(effective.map(|d| d.entry()));
    }
    values
}

fn hsl_values(hsl: &HslInput) -> Vec<String> {
    let mut values = vec![
        hsl.name_en.clone(),
        hsl.name_zh.clone(),
        hsl.address_line1.clone(),
        hsl.address_line2.clone(),
        printed_value("district", &hsl.district),
        hsl.phone.clone(),
        hsl.opening_hours.clone(),
        printed_value("hcpType", &hsl.hcp_type),
        printed_value("patientRegistration", &hsl.patient_registration.to_string()),
        printed_value("recordSystem", &hsl.record_system),
    ];
    if !hsl.record_system_vendor.is_empty() {
        values.push(hsl.record_system_vendor.clone());
    }
    values
}

fn assert_every_value_printed(document: &AmendmentDocument, text: &str) {
    assert_all_printed(&values(document), text);
}

const KINDS: [(AmendmentKind, &str); 3] = [
    (AmendmentKind::HcpHsl, "amendment.pdf"),
    (AmendmentKind::AdditionalHsl, "additional-hsl.pdf"),
    (AmendmentKind::Withdrawal, "withdrawal.pdf"),
];

#[test]
fn every_value_of_each_sample_is_printed() {
    for (kind, file) in KINDS {
        let document = sample_amendment_document(kind, today());
        let text = render(&document, file).flat_text();
        assert_every_value_printed(&document, &text);
    }
    // The samples still hold what this test is about.
    let hcp_hsl = sample_amendment_document(AmendmentKind::HcpHsl, today());
    assert!(hcp_hsl.changes.len() >= 5, "{:?}", hcp_hsl.changes);
    assert!(
        hcp_hsl
            .changes
            .iter()
            .all(|c| c.before.is_some() && c.after.is_some())
    );
    let values = values(&hcp_hsl);
    for must in ["CHEUNG Wing Sze", "張詠詩", "B987654(0)"] {
        assert!(
            values.iter().any(|v| v == must),
            "{must} not a sample value"
        );
    }
    let additional = sample_amendment_document(AmendmentKind::AdditionalHsl, today());
    assert_eq!(additional.new_hsls(), [new_hsl()]);
    let withdrawal = sample_amendment_document(AmendmentKind::Withdrawal, today());
    assert_eq!(
        withdrawal
            .withdrawal()
            .unwrap()
            .1
            .map(|d| d.entry())
            .as_deref(),
        Some("31/12/2026")
    );
}

#[test]
fn each_form_is_bilingual_and_titled_as_the_registration_office_names_it() {
    let expected: [(AmendmentKind, &[&str]); 3] = [
        (
            AmendmentKind::HcpHsl,
            &[
                "HCP/HSL Amendment Form",
                "醫護提供者／服務地點資料修改表格",
                "Part 1 What this amendment does",
                "第一部分 修改事項",
                "Replace a user administrator 更換用戶管理員",
                "Part 2 Changes (before → after)",
                "User administrator 1 — Name (English)",
                "用戶管理員 1 — 姓名（英文）",
                "User administrator 1 — HKID number",
                "Before 修改前",
                "After 修改後",
                "Part 3 Declaration and signature",
            ],
        ),
        (
            AmendmentKind::AdditionalHsl,
            &[
                "Additional HSL Form",
                "額外服務地點表格",
                "Part 1 New healthcare service locations",
                "New HSL 1 新增醫療服務地點 1",
                "Opening hours 服務時間",
                "Patient registration 病人登記",
                "Part 2 Declaration and signature",
            ],
        ),
        (
            AmendmentKind::Withdrawal,
            &[
                "Withdrawal Request Form",
                "退出申請表",
                "HCPW01",
                "Reason for withdrawal 退出原因",
                "Effective date (DD/MM/YYYY) 生效日期（日／月／年）",
                "Part 2 Declaration and signature",
            ],
        ),
    ];
    for (kind, lines) in expected {
        let document = sample_amendment_document(kind, today());
        let text = render(&document, "bilingual.pdf").flat_text();
        let common = [
            "Amendment reference 修改參考編號",
            "Submitted 已遞交",
            "HCP application reference 醫護提供者申請參考編號",
            "Signature of authorised person 獲授權人士簽署",
            "Chop of the HCP 醫護提供者印鑑",
            "Printed by 列印者: admin.wong at 於 OFFICE-PC-1, 2026-12-01 10:00 (HKT)",
        ];
        for line in lines.iter().chain(&common) {
            assert!(
                text.contains(&normalise(line)),
                "{kind}: {line:?} missing from:\n{text}"
            );
        }
        // Only the withdrawal carries a form code.
        assert_eq!(text.contains("HCPW01"), kind == AmendmentKind::Withdrawal);
    }
}

#[test]
fn the_fonts_are_embedded_as_subsets() {
    for (kind, file) in KINDS {
        let pdf = render(&sample_amendment_document(kind, today()), file);
        assert_one_embedded_subset_font(&pdf);
    }
}

/// An HCP/HSL amendment of the sample application that changes its details, puts a new location in place of
/// its second one (not included, with a vendor) and adds more: hundreds of changes.
fn big_amendment(added: usize) -> AmendmentDocument {
    let mut form = application_form();
    form.hcp_information.phone = "2555 0000".into();
    form.hcp_information.district = "sha_tin".into();
    form.hsls.truncate(1);
    for n in 1..=added {
        let mut hsl = new_hsl();
        hsl.name_en = format!("Harbour Family Medical Centre (Branch {n})");
        hsl.name_zh = format!("海港家庭醫療中心（第 {n} 分店）");
        hsl.address_line1 = format!("Shop {n}, G/F, Harbour Arcade");
        hsl.phone = format!("2{:03} {:04}", n, 1000 + n);
        hsl.patient_registration = n % 2 == 0;
        form.hsls.push(hsl);
    }
    let mut registered = submitted_application();
    registered.status = ApplicationStatus::Registered;
    let mut amendment = sample_amendment_document(AmendmentKind::HcpHsl, today()).amendment;
    amendment.content = AmendmentContent::HcpHsl {
        form: Box::new(form),
    };
    AmendmentDocument::of(amendment, &registered)
}

#[test]
fn a_long_change_list_flows_over_pages_each_with_the_frame() {
    let document = big_amendment(30);
    assert!(document.changes.len() > 300, "{}", document.changes.len());
    let pdf = render(&document, "many-changes.pdf");
    let pages = pdf.page_count();
    assert!(
        pages >= 5,
        "{} changes on {pages} pages",
        document.changes.len()
    );
    let reference = &document.amendment.reference;
    let mut table_pages = 0;
    for n in 1..=pages {
        let page = pdf.page_text(n);
        assert_page_frame(
            &page,
            n,
            pages,
            reference,
            "HCP/HSL Amendment Form 醫護提供者／服務地點資料修改表格",
        );
        if page.contains("Harbour Arcade") {
            table_pages += 1;
            for header in ["No.", "Field", "Before", "After"] {
                assert!(page.contains(header), "page {n} lacks {header:?}:\n{page}");
            }
        }
    }
    assert!(
        table_pages >= 4,
        "the changes stayed on {table_pages} pages"
    );
    let text = pdf.flat_text();
    assert_every_value_printed(&document, &text);
    for effect in [
        "Amend the HCP's details 修改醫護提供者資料",
        "Add an HSL 新增醫療服務地點",
    ] {
        assert!(text.contains(&normalise(effect)), "{effect} missing");
    }
    assert!(text.contains(&normalise("Added 新增")) && text.contains(&normalise("Removed 刪除")));
    // The change numbers run through, and the signature block is whole on the last page.
    let lines = pdf.raw_text();
    let numbered = |n: usize| lines.lines().any(|l| l.starts_with(&format!("{n} HSL ")));
    assert!(numbered(document.changes.len()) && !numbered(document.changes.len() + 1));
    let last = pdf.page_text(pages);
    for block in ["Declaration and signature", "Chop of the HCP", "Printed by"] {
        assert!(last.contains(block), "{block} not on the last page");
    }
}

#[test]
fn an_unsent_withdrawal_without_a_date_leaves_the_boxes_to_fill_in() {
    let mut document = sample_amendment_document(AmendmentKind::Withdrawal, today());
    document.amendment.content = AmendmentContent::Withdrawal {
        reason: String::new(),
        effective_date: None,
    };
    document.amendment.submitted_on = None;
    document.amendment.status = ehr_core::amendment::AmendmentStatus::Draft;
    let text = render(&document, "draft-withdrawal.pdf").flat_text();
    assert!(text.contains(&normalise("Draft 草稿")), "{text}");
    // Prepared today, not submitted, no effective date: today's date once (the sample has it twice more).
    assert_eq!(text.matches(&today().entry()).count(), 1, "{text}");
    let sample = render(
        &sample_amendment_document(AmendmentKind::Withdrawal, today()),
        "sample.pdf",
    )
    .flat_text();
    assert_eq!(sample.matches(&today().entry()).count(), 2, "{sample}");
    assert!(sample.contains("31/12/2026"));
}

#[test]
fn an_amendment_that_changes_nothing_says_so() {
    let mut registered = submitted_application();
    registered.status = ApplicationStatus::Registered;
    let mut amendment = sample_amendment_document(AmendmentKind::HcpHsl, today()).amendment;
    amendment.content = AmendmentContent::HcpHsl {
        form: Box::new(registered.form.clone()),
    };
    let document = AmendmentDocument::of(amendment, &registered);
    assert!(document.changes.is_empty());
    let text = render(&document, "no-change.pdf").flat_text();
    assert!(
        text.contains(&normalise("This amendment changes nothing.")),
        "{text}"
    );
    assert!(
        text.contains(&normalise("No field changes. 沒有資料需要修改。")),
        "{text}"
    );
}

#[test]
fn the_same_amendment_gives_the_same_bytes() {
    let renderer = PdfRenderer::new().unwrap();
    let printed = printed_by_admin();
    for (kind, _) in KINDS {
        let document = sample_amendment_document(kind, today());
        let first = renderer.render_amendment_form(&document, &printed).unwrap();
        let second = renderer.render_amendment_form(&document, &printed).unwrap();
        assert!(first == second, "two renders of one {kind} differ");
        assert!(first.len() < 300 * 1024, "{kind}: {} bytes", first.len());
    }
}
