//! The User Account Creation Request as a real PDF, read back with poppler's `pdftotext`, `pdffonts` and
//! `pdfinfo` (poppler-utils must be installed; a missing tool fails the test, it never skips it).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support;

use support::{
    PdfFile, assert_all_printed, assert_one_embedded_subset_font, assert_page_frame, normalise,
    printed_by_admin, today,
};

use ehr_core::ports::AccountRequestRenderer;
use ehr_core::staff::sample::sample_request_document;
use ehr_core::staff::{AccountRequestDocument, AccountType, ProfessionGroups, RequestLine};
use ehr_core::validation::{EnglishName, Hkid, NameKind};
use ehr_forms::PdfRenderer;

fn render(document: &AccountRequestDocument, keep_as: &str) -> PdfFile {
    let bytes = PdfRenderer::new()
        .unwrap()
        .render_account_request(document, &printed_by_admin())
        .unwrap();
    PdfFile::write(keep_as, &bytes)
}

/// Every value the document holds, as the form must print it.
fn values(document: &AccountRequestDocument) -> Vec<String> {
    let groups = ProfessionGroups::embedded();
    let request = &document.request;
    let mut values = vec![
        request.reference.clone(),
        document.hcp_name_en.clone(),
        document.hcp_name_zh.clone(),
        document.hcp_reference.clone(),
        request.created_at.hong_kong_date().entry(),
    ];
    values.extend(request.submitted_on.map(|d| d.entry()));
    for line in &document.lines {
        let m = &line.member;
        values.push(m.name_en.to_string());
        values.extend(m.name_zh.as_ref().map(ToString::to_string));
        values.push(m.hkid.to_string());
        values.push(m.phone.national());
        values.push(m.email.to_string());
        values.extend(m.hsls.iter().cloned());
        for r in &m.registrations {
            let group = groups.group(r.profession);
            values.push(group.name_en.clone());
            values.push(group.name_zh.clone());
            values.push(r.number.clone());
            values.push(r.valid_until.entry());
        }
        if !line.item.reason.is_empty() {
            values.push(line.item.reason.clone());
        }
        values.extend(line.also_at.iter().cloned());
    }
    values
}

#[test]
fn every_value_of_the_sample_request_is_printed() {
    let document = sample_request_document(today());
    let text = render(&document, "account-request.pdf").flat_text();
    let values = values(&document);
    // The sample still holds what this test is about.
    for must in [
        "M00013",
        "31/12/2027",
        "Left the practice on 30/11/2026",
        "Kowloon Bay Family Clinic",
        "中醫",
        "護士",
        "醫生",
    ] {
        assert!(
            values.iter().any(|v| v == must),
            "{must} is not a sample value any more"
        );
    }
    assert_all_printed(&values, &text);
}

#[test]
fn the_form_is_bilingual_in_its_headings_and_coded_values() {
    let text = render(&sample_request_document(today()), "bilingual.pdf").flat_text();
    for expected in [
        "User Account Creation Request Form",
        "用戶帳戶開設申請表",
        "Part 1 User administrators",
        "第一部分 用戶管理員",
        "Part 2 Healthcare professionals",
        "第二部分 醫護專業人員",
        "Part 3 Patient registration staff",
        "第三部分 病人登記職員",
        "Create 開設帳戶",
        "Disable 停用帳戶",
        "Change 更改帳戶",
        "Submitted 已遞交",
        "Register Part I 註冊名冊第 I 部分",
        "Registered 註冊",
        "Reason 原因：Left the practice on 30/11/2026",
        "Also holds an eHealth account under: Kowloon Bay Family Clinic / 亦在以下醫護提供者持有醫健通帳戶：Kowloon Bay Family Clinic",
        "Part 4 Declaration and signature",
        "第四部分 聲明及簽署",
        "Signature of user administrator 用戶管理員簽署",
        "Chop of the HCP 醫護提供者印鑑",
        "Printed by 列印者: admin.wong at 於 OFFICE-PC-1, 2026-12-01 10:00 (HKT)",
    ] {
        assert!(
            text.contains(&normalise(expected)),
            "{expected:?} missing from:\n{text}"
        );
    }
}

#[test]
fn the_parts_come_in_order_and_each_person_under_their_account_type() {
    let document = sample_request_document(today());
    let text = render(&document, "order.pdf").flat_text();
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing"))
    };
    let parts = [
        at("Part 1 User administrators"),
        at("Part 2 Healthcare professionals"),
        at("Part 3 Patient registration staff"),
        at("Part 4 Declaration"),
    ];
    assert!(parts.windows(2).all(|w| w[0] < w[1]), "{parts:?}");
    for line in &document.lines {
        let part = match line.member.account_type {
            AccountType::UserAdministrator => 0,
            AccountType::HealthcareProfessional => 1,
            AccountType::PatientRegistrationStaff => 2,
        };
        let hkid = at(line.member.hkid.as_str());
        assert!(
            parts[part] < hkid && hkid < parts[part + 1],
            "{} printed outside its part",
            line.member.hkid
        );
    }
}

#[test]
fn the_font_is_embedded_as_a_subset() {
    let pdf = render(&sample_request_document(today()), "fonts.pdf");
    assert_one_embedded_subset_font(&pdf);
}

/// The sample's people over and over, each with a name and HKID of their own.
fn many_people(count: u32) -> AccountRequestDocument {
    let mut document = sample_request_document(today());
    let templates = document.lines.clone();
    document.lines = (0..count)
        .map(|n| {
            let mut line: RequestLine = templates[n as usize % templates.len()].clone();
            // Names take letters only: two of them count the person.
            let tag: String = [b'A' + (n / 26) as u8, b'a' + (n % 26) as u8]
                .map(char::from)
                .iter()
                .collect();
            line.member.name_en =
                EnglishName::parse(&format!("FUNG Person {tag}"), NameKind::Person).unwrap();
            let hkid = ehr_core::staff::sample::sample_hkid(500_000 + n);
            line.member.hkid = Hkid::parse(&hkid).unwrap();
            line
        })
        .collect();
    document.request.items = document.lines.iter().map(|l| l.item.clone()).collect();
    document
}

#[test]
fn a_request_for_120_people_flows_over_pages_each_with_the_frame() {
    let document = many_people(120);
    let pdf = render(&document, "120-people.pdf");
    let pages = pdf.page_count();
    assert!(pages >= 4, "120 people on {pages} pages");
    let reference = &document.request.reference;
    let mut table_pages = 0;
    for n in 1..=pages {
        let page = pdf.page_text(n);
        assert_page_frame(
            &page,
            n,
            pages,
            reference,
            "User Account Creation Request Form 用戶帳戶開設申請表",
        );
        // The e-mail addresses are only in the table (the remarks name people too).
        if page.contains("@example.com") {
            table_pages += 1;
            for header in ["No.", "Action", "Name and HKID", "Phone and email", "HSLs"] {
                assert!(
                    page.contains(header),
                    "page {n} has people but no {header:?} header:\n{page}"
                );
            }
        }
    }
    assert!(table_pages >= 3, "the people stayed on {table_pages} pages");
    let text = pdf.flat_text();
    for line in &document.lines {
        assert!(
            text.contains(line.member.hkid.as_str()),
            "{} missing",
            line.member.hkid
        );
    }
    // The signature block is whole on the last page.
    let last = pdf.page_text(pages);
    for block in ["Declaration and signature", "Chop of the HCP", "Printed by"] {
        assert!(last.contains(block), "{block} not on the last page");
    }
}

#[test]
fn an_empty_part_says_so_and_a_request_without_a_date_leaves_it_blank() {
    let mut document = sample_request_document(today());
    document
        .lines
        .retain(|l| l.member.account_type == AccountType::HealthcareProfessional);
    document.request.submitted_on = None;
    document.request.status = ehr_core::staff::RequestStatus::Draft;
    let text = render(&document, "professionals-only.pdf").flat_text();
    assert_eq!(
        text.matches("No one of this account type in this request.")
            .count(),
        2,
        "{text}"
    );
    assert!(text.contains(&normalise("Draft 草稿")));
    assert!(!text.contains(&normalise("Submitted 已遞交")));
    // Prepared today and not yet submitted: today's date once, where the sample has it twice.
    let day = today().entry();
    assert_eq!(text.matches(&day).count(), 1, "{text}");
    let sample = render(&sample_request_document(today()), "sample.pdf").flat_text();
    assert_eq!(sample.matches(&day).count(), 2);
}

#[test]
fn the_same_request_gives_the_same_bytes() {
    let renderer = PdfRenderer::new().unwrap();
    let document = sample_request_document(today());
    let printed = printed_by_admin();
    let first = renderer.render_request(&document, &printed).unwrap();
    let second = renderer.render_request(&document, &printed).unwrap();
    assert!(first == second, "two renders of one request differ");
    assert!(first.len() < 300 * 1024, "{} bytes", first.len());
}

#[test]
fn a_person_at_many_hsls_has_them_listed_full_width_in_the_remarks() {
    let mut document = sample_request_document(today());
    let branches: Vec<String> = (1..=30)
        .map(|n| format!("Harbour Family Medical Centre (Branch {n})"))
        .collect();
    document.lines[1].member.hsls = branches.clone();
    let pdf = render(&document, "many-hsls.pdf");
    let text = pdf.flat_text();
    assert!(text.contains("30 HSLs, listed in the remarks"), "{text}");
    assert!(text.contains(&normalise("30 個醫療服務地點，見備註")));
    for branch in &branches {
        assert!(text.contains(branch), "{branch} missing");
    }
    // Listed in the cell, 30 names would make the row taller than a page; in the remarks they take a few lines.
    assert!(pdf.page_count() <= 3, "{} pages", pdf.page_count());
    // A person with few HSLs keeps them in the table.
    assert!(!text.contains("1 HSLs"));
}
