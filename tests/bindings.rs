//! The UI's TypeScript bindings are generated from the Rust commands and committed; this fails when they
//! are stale. `cargo xtask bindings` (or `EHR_UPDATE_BINDINGS=1 cargo test --test bindings`) regenerates them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use std::path::Path;

#[test]
fn typescript_bindings_are_up_to_date() {
    let committed_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(ehr_desk::bindings::TYPESCRIPT_PATH);
    let dir = tempfile::tempdir().unwrap();
    let fresh_path = dir.path().join("ipc.ts");
    ehr_desk::bindings::export_typescript(&fresh_path).unwrap();
    let fresh = std::fs::read_to_string(&fresh_path).unwrap();

    if std::env::var_os("EHR_UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(committed_path.parent().unwrap()).unwrap();
        std::fs::write(&committed_path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: the Rust commands or types changed. Run `cargo xtask bindings` and commit the result.",
        committed_path.display()
    );
}
