//! The application form as a real PDF, read back with poppler's tools (`pdftotext`, `pdffonts`, `pdfinfo`)
//! the way a person's viewer or the Registration Office's systems would read it. The tools are required: a
//! missing one fails the tests with the package to install (poppler-utils), it never skips them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support;

use std::path::Path;

use support::{
    PdfFile, assert_all_printed, assert_one_embedded_subset_font, assert_page_numbered, normalise,
    run_bytes,
};

use ehr_core::application::{ApplicationDraft, ApplicationStatus, HslInput};
use ehr_core::ports::ApplicationRenderer;
use ehr_forms::PdfRenderer;

/// The sample application, submitted by fax, with its Business Registration certificate attached; every value
/// fixed so the PDF is the same on every run.
fn sample_draft() -> ApplicationDraft {
    ehr_core::application::sample::submitted_application()
}

/// The sample with `count` locations, to make the HSL table run over several pages.
fn many_hsls(count: usize) -> ApplicationDraft {
    let mut draft = sample_draft();
    let template = draft.form.hsls[0].clone();
    draft.form.hsls = (1..=count)
        .map(|n| HslInput {
            name_en: format!("Harbour Family Medical Centre (Branch {n})"),
            address_line1: format!("Shop {n}, G/F, Harbour Plaza Phase {n}"),
            ..template.clone()
        })
        .collect();
    draft
}

fn render(draft: &ApplicationDraft) -> Vec<u8> {
    let renderer = PdfRenderer::new().unwrap();
    renderer.render_application(draft).unwrap()
}

/// Every string a person typed into the sample (free text, printed as typed).
fn typed_values(draft: &ApplicationDraft) -> Vec<String> {
    let form = &draft.form;
    let hcp = &form.hcp_information;
    let mut values = vec![
        hcp.name_en.clone(),
        hcp.name_zh.clone(),
        hcp.br_number.clone(),
        hcp.address_line1.clone(),
        hcp.address_line2.clone(),
        hcp.contact_name_en.clone(),
        hcp.contact_name_zh.clone(),
        hcp.contact_position.clone(),
        hcp.phone.clone(),
        hcp.email.clone(),
        hcp.fax.clone(),
    ];
    let people = form
        .user_information
        .administrators
        .iter()
        .chain([&form.user_information.authorised_person]);
    for p in people {
        values.extend(
            [
                &p.name_en,
                &p.name_zh,
                &p.hkid,
                &p.position,
                &p.phone,
                &p.email,
            ]
            .map(|s| s.clone()),
        );
    }
    for hsl in &form.hsls {
        values.extend(
            [
                &hsl.name_en,
                &hsl.name_zh,
                &hsl.address_line1,
                &hsl.address_line2,
                &hsl.phone,
                &hsl.opening_hours,
                &hsl.record_system_vendor,
            ]
            .map(|s| s.clone()),
        );
    }
    for document in &draft.documents {
        values.push(document.file_name.clone());
        values.push(document.sha256[..16].to_owned());
    }
    values.push(draft.reference.clone());
    values
        .into_iter()
        .filter(|v| !v.trim().is_empty())
        .collect()
}

/// The golden text of the sample as `pdftotext -layout` reads it. Run with `EHR_UPDATE_GOLDEN=1` to rewrite
/// `tests/golden/sample-application.txt` after an intended change of the form, then review its diff.
#[test]
fn the_sample_matches_its_golden_text() {
    let pdf = PdfFile::write("sample-application.pdf", &render(&sample_draft()));
    let text = pdf.layout_text();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/sample-application.txt");
    if std::env::var_os("EHR_UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, &text).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (create it with EHR_UPDATE_GOLDEN=1)",
            golden.display()
        )
    });
    if text != expected {
        let first = text
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "the PDF's text differs from {} from line {} on:\n  got:      {:?}\n  expected: {:?}\n\
             (rerun with EHR_UPDATE_GOLDEN=1 if the change is intended)",
            golden.display(),
            first + 1,
            text.lines().nth(first),
            expected.lines().nth(first)
        );
    }
}

#[test]
fn every_typed_value_of_the_sample_is_printed() {
    let draft = sample_draft();
    let pdf = PdfFile::write("application-typed-values.pdf", &render(&draft));
    let text = pdf.flat_text();
    let values = typed_values(&draft);
    for must in [
        "李𨋢欣",
        "Harbour Family Medical Centre (Sha Tin)",
        "ClinicPro 5",
        "CA182361(1)",
    ] {
        assert!(
            values.iter().any(|v| v == must),
            "{must} is not a sample value any more"
        );
    }
    assert_all_printed(&values, &text);
}

#[test]
fn a_character_the_face_lacks_prints_as_a_visible_square_never_a_gap() {
    // Typed fields refuse such characters at entry; a file name comes from the file system as it is.
    let mut draft = sample_draft();
    draft.documents[0].file_name = "BR 😀 證書 김.pdf".into();
    let pdf = PdfFile::write("application-missing-glyphs.pdf", &render(&draft));
    let text = pdf.flat_text();
    // pdftotext drops the spaces around ideographs; the squares stay.
    assert!(text.contains("BR□證書□.pdf"), "{text}");
}

#[test]
fn coded_values_print_in_english_and_chinese() {
    let pdf = PdfFile::write("application-coded-values.pdf", &render(&sample_draft()));
    let text = pdf.flat_text();
    for expected in [
        "Group practice 集團式執業",
        "Central and Western 中西區",
        "Sha Tin 沙田區",
        "CMS On-ramp 臨床醫療管理系統（基礎版）",
        "Another vendor's system 其他供應商的系統",
        "Submitted 已遞交",
        "By fax 傳真",
        "2025-11-25",
    ] {
        assert!(
            text.contains(&normalise(expected)),
            "{expected} missing from\n{text}"
        );
    }
}

#[test]
fn the_cover_names_the_office_and_its_channels() {
    let pdf = PdfFile::write("application-cover.pdf", &render(&sample_draft()));
    let text = pdf.flat_text();
    for expected in [
        "Application for Registration of Healthcare Provider in eHealth",
        "醫健通醫護提供者登記申請表",
        "eHR Registration Office, Unit 1102, 11/F, Harbourside HQ, 8 Lam Chak Street, Kowloon Bay, Hong Kong",
        "(852) 3467 6099",
        "By fax",
        "By mail",
        "In person",
        "HCP-B3F2-C7B1-9A44",
    ] {
        assert!(text.contains(expected), "{expected} missing");
    }
    // All three declarations of the sample are given: three ticks, plus one for the attached certificate.
    assert_eq!(text.matches('✓').count(), 4, "{text}");
}

#[test]
fn the_sample_is_small_and_numbers_its_pages() {
    let bytes = render(&sample_draft());
    assert!(bytes.len() < 300 * 1024, "{} bytes", bytes.len());
    let pdf = PdfFile::write("application-page-numbers.pdf", &bytes);
    let pages = pdf.page_count();
    for n in 1..=pages {
        assert_page_numbered(&pdf.page_text(n), n, pages);
    }
    let text = pdf.raw_text();
    assert!(!text.contains(&format!("Page {} of", pages + 1)));
}

#[test]
fn a_long_hsl_table_flows_over_pages_with_its_header_repeated() {
    let sample_pages =
        PdfFile::write("application-sample-pages.pdf", &render(&sample_draft())).page_count();
    let bytes = render(&many_hsls(20));
    let pdf = PdfFile::write("twenty-hsls.pdf", &bytes);
    let pages = pdf.page_count();
    assert!(
        pages > sample_pages,
        "20 HSLs on {pages} pages, the 2 of the sample on {sample_pages}"
    );
    assert!(bytes.len() < 300 * 1024, "{} bytes", bytes.len());

    let mut table_pages = 0;
    for n in 1..=pages {
        let page = pdf.page_text(n);
        assert_page_numbered(&page, n, pages);
        if page.contains("Branch ") {
            table_pages += 1;
            for header in [
                "No.",
                "Name and type",
                "Address and district",
                "Opening hours",
                "Included",
                "納入本申請",
            ] {
                assert!(
                    page.contains(header),
                    "page {n} has HSL rows but no {header:?} header:\n{page}"
                );
            }
        }
    }
    assert!(
        table_pages >= 2,
        "the table stayed on {table_pages} page(s)"
    );
    let text = pdf.flat_text();
    for n in 1..=20 {
        assert!(
            text.contains(&format!("Harbour Family Medical Centre (Branch {n})")),
            "HSL {n} missing"
        );
    }
}

#[test]
fn the_font_is_embedded_as_a_subset_with_unicode_mapping() {
    let pdf = PdfFile::write("application-fonts.pdf", &render(&sample_draft()));
    assert_one_embedded_subset_font(&pdf);
}

#[test]
fn the_same_application_gives_the_same_bytes() {
    let renderer = PdfRenderer::new().unwrap();
    let draft = sample_draft();
    let first = renderer.render(&draft).unwrap();
    let second = renderer.render(&draft).unwrap();
    assert!(first == second, "two renders of one application differ");
    assert!(first.starts_with(b"%PDF-"));
}

#[test]
fn an_empty_draft_still_renders_a_form_to_fill_in_by_hand() {
    let mut draft = sample_draft();
    draft.form = Default::default();
    draft.documents.clear();
    draft.submission = None;
    draft.status = ApplicationStatus::Draft;
    let pdf = PdfFile::write("application-empty-draft.pdf", &render(&draft));
    let text = pdf.flat_text();
    assert!(text.contains("User administrator 1"), "{text}");
    assert!(text.contains("Not attached"), "{text}");
    assert_eq!(text.matches('✓').count(), 0);
}

/// The QR code on the first page, as a scanner sees the printed page, reads back as the reference.
#[test]
fn the_qr_code_scans_as_the_reference() {
    let draft = sample_draft();
    let pdf = PdfFile::write("application-qr.pdf", &render(&draft));
    let page = run_bytes(
        "pdftoppm",
        &["-gray", "-r", "150", "-f", "1", "-l", "1", pdf.arg()],
    );
    let (width, height, pixels) = parse_pgm(&page);
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[y * width + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the cover");
    let (_, content) = grids[0].decode().unwrap();
    assert_eq!(content, draft.reference);
}

/// A binary greyscale PNM ("P5", 8 bits), as `pdftoppm -gray` writes it.
fn parse_pgm(bytes: &[u8]) -> (usize, usize, &[u8]) {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(std::str::from_utf8(&bytes[start..at]).unwrap());
    }
    assert_eq!(fields[0], "P5");
    assert_eq!(fields[3], "255");
    let (width, height): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = &bytes[at + 1..];
    assert_eq!(pixels.len(), width * height);
    (width, height, pixels)
}
