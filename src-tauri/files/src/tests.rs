#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use super::*;

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_file_is_written_whole_and_replaces_the_earlier_one_leaving_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("HCP-1.pdf");
    let destination = FileDestination::new(&path);
    destination.write_whole(b"first").unwrap();
    destination.write_whole(b"second").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"second");
    assert_eq!(names_in(dir.path()), ["HCP-1.pdf"]);
}

#[test]
fn a_missing_folder_is_named_and_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("out.pdf");
    let failure = FileDestination::new(&path).write_whole(b"x").unwrap_err();
    assert!(
        matches!(&failure, FileFailure::FolderMissing { path: p } if *p == path.display().to_string()),
        "{failure:?}"
    );
    assert_eq!(failure.issue().code, ehr_core::ErrorCode::FileFolderMissing);
    assert!(names_in(dir.path()).is_empty());
}

#[test]
fn a_folder_that_is_a_file_is_a_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("file"), "x").unwrap();
    let failure = FileDestination::new(dir.path().join("file").join("out.pdf"))
        .write_whole(b"x")
        .unwrap_err();
    assert!(
        matches!(failure, FileFailure::FolderMissing { .. }),
        "{failure:?}"
    );
}

#[test]
fn a_destination_that_is_a_folder_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("out.pdf")).unwrap();
    let failure = FileDestination::new(dir.path().join("out.pdf"))
        .write_whole(b"x")
        .unwrap_err();
    assert_eq!(failure.code(), ehr_core::ErrorCode::FileWriteFailed);
    assert!(dir.path().join("out.pdf").is_dir());
    assert_eq!(names_in(dir.path()), ["out.pdf"]);
}

#[test]
fn the_same_file_as_an_input_is_refused_by_identity() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("form.json");
    std::fs::write(&input, "{}").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    let hard = dir.path().join("hard.json");
    std::fs::hard_link(&input, &hard).unwrap();
    let dotted = dir
        .path()
        .join(".")
        .join("sub")
        .join("..")
        .join("form.json");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    for spelling in [&input, &link, &hard, &dotted] {
        let refused = FileDestination::distinct_from(spelling, &[&input]).unwrap_err();
        assert!(
            matches!(refused, FileFailure::SameAsInput { .. }),
            "{spelling:?}"
        );
    }
    // A new file, or another existing one, is not an input.
    for other in [dir.path().join("out.pdf"), dir.path().join("sub")] {
        FileDestination::distinct_from(&other, &[&input]).unwrap();
    }
    assert_eq!(std::fs::read(&input).unwrap(), b"{}");
}

#[test]
fn withdraw_removes_the_written_file_and_accepts_none() {
    let dir = tempfile::tempdir().unwrap();
    let destination = FileDestination::new(dir.path().join("out.ehrpkg"));
    destination.withdraw().unwrap();
    destination.write_whole(b"package").unwrap();
    destination.withdraw().unwrap();
    assert!(names_in(dir.path()).is_empty());
}

#[test]
fn the_temporary_file_is_hidden_and_marked_partial() {
    let dir = tempfile::tempdir().unwrap();
    // A temporary file made as write_whole makes it, kept: what a kill would leave.
    let kept = tempfile::Builder::new()
        .prefix(".out.pdf.")
        .suffix(PARTIAL_SUFFIX)
        .tempfile_in(dir.path())
        .unwrap()
        .keep()
        .unwrap()
        .1;
    let name = kept.file_name().unwrap().to_string_lossy().into_owned();
    assert!(is_partial(&name), "{name}");
    assert!(!is_partial("out.pdf"));
}
