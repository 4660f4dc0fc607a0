//! What the PDF tests share: running poppler's tools on a PDF the test wrote.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test support: a panic is a failure with its location

use std::process::Command;

/// `tool args...`'s standard output; a failure names the tool and how to install it.
pub fn run(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} could not run ({e}): install poppler-utils"));
    assert!(output.status.success(), "{tool} failed");
    String::from_utf8(output.stdout).unwrap()
}
