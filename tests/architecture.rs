//! The dependency arrows of docs/architecture.md, checked against `cargo tree`: only the app depends on
//! tauri, and the core stands on none of its neighbours' technologies.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

use std::process::Command;

fn tree(package: &str, edges: &str) -> String {
    let output = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "--quiet",
            "--prefix",
            "none",
            "--format",
            "{p}",
            "--edges",
            edges,
            "--package",
            package,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo tree -p {package} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn depends_on(package: &str, edges: &str, dependency: &str) -> bool {
    tree(package, edges)
        .lines()
        .any(|line| line.split_whitespace().next() == Some(dependency))
}

const WORKSPACE_CRATES: [&str; 9] = [
    "ehr-core",
    "ehr-store",
    "ehr-forms",
    "ehr-package",
    "ehr-secrets",
    "ehr-files",
    "ehr-card",
    "ehr-cli",
    "xtask",
];

/// The adapters: each implements ports of the core, and none depends on another.
const ADAPTERS: [&str; 6] = [
    "ehr-store",
    "ehr-forms",
    "ehr-package",
    "ehr-files",
    "ehr-secrets",
    "ehr-card",
];

#[test]
fn only_the_app_depends_on_tauri() {
    assert!(
        depends_on("ehr-desk", "normal", "tauri"),
        "the check itself must see tauri under the app"
    );
    for package in WORKSPACE_CRATES {
        for edges in ["normal", "build", "dev"] {
            assert!(
                !depends_on(package, edges, "tauri"),
                "{package} depends on tauri ({edges} edges)"
            );
        }
    }
}

#[test]
fn the_core_uses_no_adapter_technology() {
    let technologies = [
        "tauri",
        "sqlx",
        "pcsc",
        "printpdf",
        "lopdf",
        "keyring",
        "tempfile",
        "zip",
        "png",
        "zune-jpeg",
    ];
    for adapter in technologies {
        assert!(
            !depends_on("ehr-core", "normal", adapter),
            "ehr-core depends on {adapter}"
        );
    }
    for neighbour in ADAPTERS.iter().chain(&["ehr-cli", "ehr-desk"]) {
        assert!(
            !depends_on("ehr-core", "normal", neighbour),
            "ehr-core depends on {neighbour}"
        );
    }
}

#[test]
fn adapters_do_not_depend_on_each_other() {
    for adapter in ADAPTERS {
        for other in ADAPTERS.iter().filter(|other| **other != adapter) {
            assert!(
                !depends_on(adapter, "normal", other),
                "{adapter} depends on {other}"
            );
        }
    }
}

#[test]
fn the_store_does_not_reach_up() {
    for package in ["ehr-cli", "ehr-desk", "tauri"] {
        assert!(
            !depends_on("ehr-store", "normal", package),
            "ehr-store depends on {package}"
        );
    }
}
