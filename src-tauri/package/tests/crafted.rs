//! Packages made by hand to fool the reader — sealed, since anyone can seal a zip — each refused with its own
//! reason, before anything is inflated past its limit.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod support;

use std::io::Write;
use std::time::Instant;

use ehr_core::application::sample::application_form;
use ehr_core::application::{ApplicationId, sha256_hex};
use ehr_core::limits::{PACKAGE_FILES_MAX, PACKAGE_MAX_BYTES};
use ehr_core::ports::{PackageFailure, PackageFormat};
use ehr_core::{ErrorCode, Issue};
use ehr_package::ZipPackageFormat;
use support::{
    EXE, Member, PDF, application, application_package, attachment, manifest, sealed_zip,
};

const ID: &str = "019ab3f2-c7b1-7d2e-9a44-0123456789ab";
const DOCUMENT_ID: &str = "019ab3f2-c7b2-7000-8000-000000000001";
const GIB: u64 = 1024 * 1024 * 1024;

fn reference(id: &str) -> String {
    ApplicationId::parse(id).unwrap().reference()
}

fn form() -> serde_json::Value {
    serde_json::to_value(application_form()).unwrap()
}

fn codes(failure: &PackageFailure) -> Vec<(ErrorCode, Option<String>)> {
    match failure {
        PackageFailure::Invalid(issues) => issues
            .iter()
            .map(|i: &Issue| (i.code, i.field.clone()))
            .collect(),
        other => panic!("expected issues, got {other:?}"),
    }
}

#[test]
fn an_honest_hand_made_package_reads() {
    // The helper itself makes packages the reader accepts: what the other tests break is theirs to break.
    let app = application(
        ID,
        &reference(ID),
        &form(),
        vec![attachment(DOCUMENT_ID, "br.pdf", "application/pdf", PDF)],
    );
    let read = ZipPackageFormat
        .read(&application_package(&app, &[PDF]))
        .unwrap();
    assert_eq!(read.application.id.as_str(), ID);
    assert_eq!(read.documents[0].1, PDF);
}

#[test]
fn a_document_whose_id_and_name_are_paths_is_refused_for_its_path() {
    // The issue's package: id and name `../../..`, a Windows program labelled a PDF.
    let app = application(
        ID,
        &reference(ID),
        &form(),
        vec![attachment(
            "../../..",
            "../../../evil.pdf",
            "application/pdf",
            EXE,
        )],
    );
    let refused = ZipPackageFormat
        .read(&application_package(&app, &[EXE]))
        .unwrap_err();
    assert!(
        matches!(&refused, PackageFailure::PathInvalid { entry } if entry == "archive entry 3"),
        "{refused:?}"
    );
}

#[test]
fn an_application_id_that_is_not_a_uuid_is_refused() {
    for id in ["not-a-uuid", "../../..", ""] {
        let app = application(id, "HCP-B3F2-C7B1-9A44", &form(), vec![]);
        let refused = ZipPackageFormat
            .read(&application_package(&app, &[]))
            .unwrap_err();
        assert_eq!(
            codes(&refused),
            [(ErrorCode::IdFormat, Some("id".into()))],
            "{id:?}"
        );
    }
}

#[test]
fn a_document_name_that_is_a_path_is_refused() {
    for name in [
        "../../../evil.pdf",
        "C:\\Windows\\evil.pdf",
        "a/b.pdf",
        "..",
        " br.pdf",
        "br\u{0}.pdf",
    ] {
        let app = application(
            ID,
            &reference(ID),
            &form(),
            vec![attachment(DOCUMENT_ID, name, "application/pdf", PDF)],
        );
        let refused = ZipPackageFormat
            .read(&application_package(&app, &[PDF]))
            .unwrap_err();
        assert_eq!(
            codes(&refused),
            [(
                ErrorCode::PackageFileNameInvalid,
                Some("documents[0].fileName".into())
            )],
            "{name:?}"
        );
    }
}

#[test]
fn a_reference_that_is_not_the_id_s_is_refused() {
    let app = application(ID, "HCP-0000-0000-0001", &form(), vec![]);
    let refused = ZipPackageFormat
        .read(&application_package(&app, &[]))
        .unwrap_err();
    assert_eq!(
        codes(&refused),
        [(
            ErrorCode::PackageReferenceMismatch,
            Some("reference".into())
        )]
    );
}

#[test]
fn paths_outside_the_package_are_refused_in_the_manifest_too() {
    let json = serde_json::to_vec(&application(ID, &reference(ID), &form(), vec![])).unwrap();
    for path in ["../application.pdf", "/etc/passwd", "documents/../../x.pdf"] {
        // The manifest lists a path the archive does not hold under that name.
        let listed = [
            ("application.json", json.len() as u64, sha256_hex(&json)),
            (path, PDF.len() as u64, sha256_hex(PDF)),
        ];
        let bytes = sealed_zip(&[
            Member::stored("manifest.json", &manifest(&listed)),
            Member::stored("application.json", &json),
            Member::stored("application.pdf", PDF),
        ]);
        let refused = ZipPackageFormat.read(&bytes).unwrap_err();
        assert!(
            matches!(&refused, PackageFailure::PathInvalid { entry } if entry == "manifest.files[1]"),
            "{path}: {refused:?}"
        );
    }
    // The same path twice: the second copy would ride along unchecked.
    let listed = [
        ("application.json", json.len() as u64, sha256_hex(&json)),
        ("application.json", json.len() as u64, sha256_hex(&json)),
    ];
    let bytes = sealed_zip(&[
        Member::stored("manifest.json", &manifest(&listed)),
        Member::stored("application.json", &json),
    ]);
    assert!(matches!(
        ZipPackageFormat.read(&bytes),
        Err(PackageFailure::PathInvalid { .. })
    ));
}

#[test]
fn more_files_than_an_application_has_are_refused_before_reading_them() {
    let members: Vec<Member> = (0..=PACKAGE_FILES_MAX + 1)
        .map(|i| {
            Member::stored(
                &format!("documents/019ab3f2-c7b2-7000-8000-{i:012}.pdf"),
                PDF,
            )
        })
        .collect();
    assert!(matches!(
        ZipPackageFormat.read(&sealed_zip(&members)),
        Err(PackageFailure::TooManyFiles { .. })
    ));
}

#[test]
fn an_end_record_declaring_a_million_entries_is_refused_before_the_directory_is_parsed() {
    let json = serde_json::to_vec(&application(ID, &reference(ID), &form(), vec![])).unwrap();
    let mut bytes = sealed_zip(&[Member::stored("application.json", &json)]);
    // The end record's entry counts, 22 + 85 bytes from the end: say 65,535 (or zip64's "see elsewhere").
    let counts = bytes.len() - 85 - 22 + 8;
    bytes[counts..counts + 4].copy_from_slice(&[0xff; 4]);
    let started = Instant::now();
    assert!(matches!(
        ZipPackageFormat.read(&bytes),
        Err(PackageFailure::TooManyFiles { .. })
    ));
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn a_file_over_the_package_limit_is_refused_unread() {
    let bytes = vec![0u8; usize::try_from(PACKAGE_MAX_BYTES).unwrap() + 1];
    assert!(matches!(
        ZipPackageFormat.read(&bytes),
        Err(PackageFailure::TooLarge { file: None, .. })
    ));
}

/// A raw deflate stream of `size` zero bytes in about `size / 1000` bytes: one flushed chunk of zeros,
/// repeated (a full flush makes each copy stand alone), then an empty final block.
fn deflated_zeros(size: u64) -> Vec<u8> {
    const CHUNK: usize = 1024 * 1024;
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut deflate = flate2::Compress::new(flate2::Compression::best(), false);
    deflate
        .compress_vec(&vec![0; CHUNK], &mut chunk, flate2::FlushCompress::Full)
        .unwrap();
    let mut stream = Vec::new();
    for _ in 0..size / CHUNK as u64 {
        stream.extend_from_slice(&chunk);
    }
    stream.extend_from_slice(&[0x03, 0x00]);
    stream
}

/// A package whose PDF inflates to 1 GiB; `manifest_size` and `header_size` are what the manifest and the
/// zip headers declare for it.
fn bomb(manifest_size: u64, header_size: u64) -> Vec<u8> {
    let json = serde_json::to_vec(&application(ID, &reference(ID), &form(), vec![])).unwrap();
    let listed = [
        ("application.json", json.len() as u64, sha256_hex(&json)),
        ("application.pdf", manifest_size, sha256_hex(b"")),
    ];
    sealed_zip(&[
        Member::stored("manifest.json", &manifest(&listed)),
        Member::stored("application.json", &json),
        Member {
            name: "application.pdf".into(),
            method: 8,
            data: deflated_zeros(GIB),
            declared_size: header_size,
            crc: 0,
        },
    ])
}

const CHILD: &str = "EHR_PACKAGE_BOMB_FILE";

/// Peak resident memory of this process so far, in KiB (Linux).
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Each bomb is read in a process of its own, so its peak memory is the import's alone: the child reads
/// the file, refuses it, and prints the refusal, the time the read took and its peak memory.
#[test]
fn a_zip_declaring_a_gibibyte_is_refused_within_a_second_in_bounded_memory() {
    if let Some(path) = std::env::var_os(CHILD) {
        let bytes = std::fs::read(path).unwrap();
        let started = Instant::now();
        let outcome = ZipPackageFormat.read(&bytes);
        let elapsed = started.elapsed();
        // On lines of their own: the harness has printed the test's name without a line break.
        println!(
            "\noutcome={}\nelapsed_ms={}\npeak_kib={}",
            outcome.map_or_else(|e| format!("{e:?}"), |_| "read".into()),
            elapsed.as_millis(),
            peak_rss_kib()
        );
        return;
    }
    let dir = tempfile_dir();
    let cases = [
        // What it says is what it is: the manifest and the headers declare 1 GiB.
        (
            "declared",
            GIB,
            GIB,
            "TooLarge { file: Some(\"application.pdf\")",
        ),
        // The manifest says 1 KiB, the zip's central directory 1 GiB.
        (
            "headers",
            1024,
            GIB,
            "TooLarge { file: Some(\"application.pdf\")",
        ),
        // Both say 1 KiB, and the stream inflates to 1 GiB: stopped one byte past 1 KiB.
        (
            "lying",
            1024,
            1024,
            "Tampered { file: \"application.pdf\" }",
        ),
    ];
    for (name, manifest_size, header_size, expected) in cases {
        let bytes = bomb(manifest_size, header_size);
        assert!(bytes.len() < 2 * 1024 * 1024, "the bomb is a small file");
        let path = dir.join(format!("{name}.ehrpkg"));
        std::fs::File::create(&path)
            .unwrap()
            .write_all(&bytes)
            .unwrap();
        let output = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "a_zip_declaring_a_gibibyte_is_refused_within_a_second_in_bounded_memory",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, &path)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&output.stdout).into_owned();
        let field = |key: &str| -> String {
            report
                .lines()
                .find_map(|l| l.split_once(&format!("{key}=")).map(|(_, value)| value))
                .unwrap_or_else(|| panic!("no {key} in the child's report: {report}"))
                .to_owned()
        };
        let (outcome, elapsed_ms, peak_kib) = (
            field("outcome"),
            field("elapsed_ms").parse::<u64>().unwrap(),
            field("peak_kib").parse::<u64>().unwrap(),
        );
        println!(
            "{name}: a {} KB package inflating to 1 GiB: {outcome} in {elapsed_ms} ms, peak {} MiB",
            bytes.len() / 1024,
            peak_kib / 1024
        );
        assert!(outcome.contains(expected), "{name}: {outcome}");
        assert!(elapsed_ms < 1000, "{name}: {elapsed_ms} ms");
        assert!(peak_kib < 100 * 1024, "{name}: peak {peak_kib} KiB");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// A folder of this test's own under the system's temporary folder.
fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ehr-package-bomb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
