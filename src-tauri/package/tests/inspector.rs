//! A document is what its content is, not what its label or its first bytes say.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support;

use ehr_core::application::MediaType;
use ehr_core::ports::DocumentInspector;
use ehr_package::ContentInspector;
use support::{EXE, JPEG, PDF, PNG};

fn readable(media_type: MediaType, content: &[u8]) -> bool {
    ContentInspector.is_readable(media_type, content)
}

#[test]
fn real_documents_read() {
    assert!(readable(MediaType::Pdf, PDF));
    assert!(readable(MediaType::Png, PNG));
    assert!(readable(MediaType::Jpeg, JPEG));
    assert!(readable(
        MediaType::Pdf,
        ehr_core::application::sample::SAMPLE_CERTIFICATE
    ));
}

#[test]
fn a_file_that_only_starts_like_a_document_does_not() {
    assert!(!readable(
        MediaType::Pdf,
        b"%PDF-1.7 and then a Windows program"
    ));
    assert!(!readable(MediaType::Pdf, &[b"%PDF-1.4\n", EXE].concat()));
    assert!(!readable(
        MediaType::Png,
        b"\x89PNG\r\n\x1a\n and nothing of a PNG"
    ));
    assert!(!readable(
        MediaType::Jpeg,
        b"\xFF\xD8\xFF\xE0 and nothing of a JPEG"
    ));
    // Cut short, as a broken download is.
    assert!(!readable(MediaType::Png, &PNG[..20]));
    assert!(!readable(MediaType::Jpeg, &JPEG[..40]));
    assert!(!readable(MediaType::Pdf, &PDF[..PDF.len() / 2]));
    // A PNG whose header checksum is wrong.
    let mut png = PNG.to_vec();
    png[20] ^= 1;
    assert!(!readable(MediaType::Png, &png));
}

#[test]
fn a_pdf_without_a_page_is_no_document() {
    let empty = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
    assert!(!readable(MediaType::Pdf, empty));
}
