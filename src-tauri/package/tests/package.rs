//! Packages round-trip, and any change to any byte — or a cut — is refused.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use ehr_core::application::sample::application_form;
use ehr_core::application::{
    ApplicationDraft, ApplicationId, ApplicationStatus, DocumentKind, Submission,
    SubmissionChannel, describe_attachment,
};
use ehr_core::ports::{PackageContents, PackageFailure, PackageFormat};
use ehr_core::time::Timestamp;
use ehr_core::validation::CalendarDate;
use ehr_package::ZipPackageFormat;

fn contents() -> PackageContents {
    let at = Timestamp::from_millis(1_764_000_000_000);
    let certificate = b"%PDF-1.4 business registration certificate".to_vec();
    let photo = b"\x89PNG\r\n\x1a\n a photo of the licence".to_vec();
    let a = describe_attachment(
        DocumentKind::BusinessRegistrationCertificate,
        "br.pdf",
        &certificate,
        at,
    )
    .unwrap();
    let b =
        describe_attachment(DocumentKind::InstitutionLicence, "licence.png", &photo, at).unwrap();
    let id = ApplicationId::parse("019ab3f2-c7b1-7d2e-9a44-0123456789ab").unwrap();
    PackageContents {
        application: ApplicationDraft {
            reference: id.reference(),
            id,
            status: ApplicationStatus::Submitted,
            created_at: at,
            updated_at: at,
            form: application_form(),
            documents: vec![a.clone(), b.clone()],
            submission: Some(Submission {
                channel: SubmissionChannel::Mail,
                date: CalendarDate::parse("2026-11-25").unwrap(),
            }),
            version: ehr_core::application::FIRST_VERSION,
        },
        pdf: b"%PDF-1.7 the rendered application".to_vec(),
        documents: vec![(a, certificate), (b, photo)],
    }
}

#[test]
fn a_package_reads_back_as_written() {
    let written = contents();
    let bytes = ZipPackageFormat.write(&written).unwrap();
    assert!(
        ZipPackageFormat.read(&bytes).unwrap() == written,
        "the package read back differs"
    );
}

#[test]
fn the_same_application_exports_to_the_same_bytes() {
    let written = contents();
    let first = ZipPackageFormat.write(&written).unwrap();
    assert!(
        first == ZipPackageFormat.write(&written).unwrap(),
        "two exports of one application differ"
    );
}

#[test]
fn every_single_changed_byte_is_refused() {
    let bytes = ZipPackageFormat.write(&contents()).unwrap();
    for position in 0..bytes.len() {
        for flip in [0x01, 0x80] {
            let mut tampered = bytes.clone();
            tampered[position] ^= flip;
            assert!(
                ZipPackageFormat.read(&tampered).is_err(),
                "a change at byte {position} of {} (xor {flip:#04x}) was accepted",
                bytes.len()
            );
        }
    }
}

#[test]
fn a_truncated_or_extended_package_is_refused() {
    let bytes = ZipPackageFormat.write(&contents()).unwrap();
    for length in 0..bytes.len() {
        assert!(
            ZipPackageFormat.read(&bytes[..length]).is_err(),
            "cut at {length} of {} was accepted",
            bytes.len()
        );
    }
    let mut extended = bytes.clone();
    extended.extend_from_slice(b"trailing");
    assert!(ZipPackageFormat.read(&extended).is_err());
}

#[test]
fn other_files_are_not_packages() {
    for bytes in [
        &b""[..],
        b"PK\x03\x04",
        b"%PDF-1.7 not a package",
        &[0u8; 1024],
    ] {
        assert!(
            matches!(
                ZipPackageFormat.read(bytes),
                Err(PackageFailure::Corrupt(_))
            ),
            "{bytes:?}"
        );
    }
}
