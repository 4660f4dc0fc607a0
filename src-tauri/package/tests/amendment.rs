//! An amendment's package round-trips; a changed byte, a resealed change, a forged amendment, another
//! package's file or format is refused with the package codes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support;

use ehr_core::ErrorCode;
use ehr_core::amendment::AmendmentKind;
use ehr_core::amendment::sample::sample_amendment_document;
use ehr_core::application::sha256_hex;
use ehr_core::ports::{AmendmentPackage, AmendmentPackageFormat, PackageFailure, PackageFormat};
use ehr_core::validation::CalendarDate;
use ehr_package::ZipPackageFormat;
use support::{Member, PDF, sealed_zip};

fn package(kind: AmendmentKind, pdf: bool) -> AmendmentPackage {
    let today = CalendarDate::parse_iso("2026-12-01").unwrap();
    AmendmentPackage {
        amendment: sample_amendment_document(kind, today).amendment,
        pdf: pdf.then(|| PDF.to_vec()),
    }
}

/// A package of `files` under an honest manifest of `format`, sealed: whatever is wrong is in the files.
fn hand_made(format: &str, files: &[(&str, &[u8])]) -> Vec<u8> {
    let listed: Vec<_> = files
        .iter()
        .map(|(path, content)| {
            serde_json::json!({ "path": path, "size": content.len(), "sha256": sha256_hex(content) })
        })
        .collect();
    let manifest = serde_json::to_vec(&serde_json::json!({
        "format": format,
        "version": 1,
        "files": listed,
    }))
    .unwrap();
    let mut members = vec![Member::stored("manifest.json", &manifest)];
    members.extend(files.iter().map(|(p, c)| Member::stored(p, c)));
    sealed_zip(&members)
}

const FORMAT: &str = "ehr-desk/amendment-package";

fn amendment_json(kind: AmendmentKind) -> Vec<u8> {
    serde_json::to_vec(&package(kind, false).amendment).unwrap()
}

#[test]
fn each_form_reads_back_as_written_with_or_without_its_pdf() {
    for kind in AmendmentKind::ALL {
        for pdf in [true, false] {
            let written = package(*kind, pdf);
            let bytes = ZipPackageFormat.write_amendment(&written).unwrap();
            assert_eq!(ZipPackageFormat.read_amendment(&bytes).unwrap(), written);
            assert_eq!(
                ZipPackageFormat.write_amendment(&written).unwrap(),
                bytes,
                "one amendment exports to the same bytes"
            );
        }
    }
}

#[test]
fn every_single_changed_byte_and_every_cut_is_refused() {
    let bytes = ZipPackageFormat
        .write_amendment(&package(AmendmentKind::Withdrawal, true))
        .unwrap();
    for position in 0..bytes.len() {
        let mut tampered = bytes.clone();
        tampered[position] ^= 0x01;
        assert!(
            ZipPackageFormat.read_amendment(&tampered).is_err(),
            "a change at byte {position} of {} was accepted",
            bytes.len()
        );
    }
    for length in 0..bytes.len() {
        assert!(ZipPackageFormat.read_amendment(&bytes[..length]).is_err());
    }
}

#[test]
fn a_resealed_change_is_named_by_the_file_that_differs_from_the_manifest() {
    let honest = amendment_json(AmendmentKind::HcpHsl);
    let listed = vec![serde_json::json!({
        "path": "amendment.json", "size": honest.len(), "sha256": sha256_hex(&honest)
    })];
    let manifest = serde_json::to_vec(&serde_json::json!({
        "format": FORMAT, "version": 1, "files": listed,
    }))
    .unwrap();
    // The new administrator's HKID changed after export, and the zip sealed again: anyone can seal.
    let changed = String::from_utf8(honest.clone())
        .unwrap()
        .replace("B987654(0)", "C123456(9)")
        .into_bytes();
    assert_ne!(changed, honest);
    let bytes = sealed_zip(&[
        Member::stored("manifest.json", &manifest),
        Member::stored("amendment.json", &changed),
    ]);
    assert!(matches!(
        ZipPackageFormat.read_amendment(&bytes),
        Err(PackageFailure::Tampered { file }) if file == "amendment.json"
    ));
}

#[test]
fn a_pdf_dropped_from_the_package_but_listed_is_refused() {
    let json = amendment_json(AmendmentKind::AdditionalHsl);
    let listed = vec![
        serde_json::json!({ "path": "amendment.json", "size": json.len(), "sha256": sha256_hex(&json) }),
        serde_json::json!({ "path": "amendment.pdf", "size": PDF.len(), "sha256": sha256_hex(PDF) }),
    ];
    let manifest = serde_json::to_vec(&serde_json::json!({
        "format": FORMAT, "version": 1, "files": listed,
    }))
    .unwrap();
    let bytes = sealed_zip(&[
        Member::stored("manifest.json", &manifest),
        Member::stored("amendment.json", &json),
    ]);
    assert!(matches!(
        ZipPackageFormat.read_amendment(&bytes),
        Err(PackageFailure::Tampered { file }) if file == "amendment.pdf"
    ));
}

#[test]
fn a_forged_amendment_is_refused_with_the_core_s_codes() {
    let mut forged: serde_json::Value =
        serde_json::from_slice(&amendment_json(AmendmentKind::HcpHsl)).unwrap();
    forged["reference"] = "AMD-0000-0000-0000".into();
    let bytes = hand_made(
        FORMAT,
        &[("amendment.json", &serde_json::to_vec(&forged).unwrap())],
    );
    let Err(PackageFailure::Invalid(issues)) = ZipPackageFormat.read_amendment(&bytes) else {
        panic!("a forged reference was read")
    };
    assert_eq!(issues[0].code, ErrorCode::PackageReferenceMismatch);

    let mut unknown: serde_json::Value =
        serde_json::from_slice(&amendment_json(AmendmentKind::Withdrawal)).unwrap();
    unknown["note"] = "not a field".into();
    let bytes = hand_made(
        FORMAT,
        &[("amendment.json", &serde_json::to_vec(&unknown).unwrap())],
    );
    let Err(PackageFailure::Invalid(issues)) = ZipPackageFormat.read_amendment(&bytes) else {
        panic!("an unknown key was read")
    };
    assert_eq!(issues[0].code, ErrorCode::InputUnexpectedKey);
}

#[test]
fn packages_of_the_other_kind_or_with_other_files_are_refused() {
    let json = amendment_json(AmendmentKind::Withdrawal);
    // An amendment under the application package's format name, and the reverse.
    let bytes = hand_made("ehr-desk/application-package", &[("amendment.json", &json)]);
    assert!(matches!(
        ZipPackageFormat.read_amendment(&bytes),
        Err(PackageFailure::Corrupt(_))
    ));
    let bytes = ZipPackageFormat
        .write_amendment(&package(AmendmentKind::Withdrawal, false))
        .unwrap();
    assert!(ZipPackageFormat.read(&bytes).is_err());
    // A file an amendment's package does not have, even listed.
    let bytes = hand_made(
        FORMAT,
        &[("amendment.json", &json), ("application.json", b"{}")],
    );
    assert!(matches!(
        ZipPackageFormat.read_amendment(&bytes),
        Err(PackageFailure::PathInvalid { .. })
    ));
}
