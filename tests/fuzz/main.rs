//! Fuzzing on stable Rust: long property runs with structure-aware generators over every parser that takes
//! bytes from outside — the card's identity record, the submission package, the staff import's CSV and XLSX files, and the JSON forms (CLI files,
//! IPC, the application inside a package).
//!
//! `cargo test` gives each target a short budget; `cargo xtask test` sets `EHR_FUZZ_SECONDS` for a longer,
//! still bounded run. A failure's seed is kept in `tests/fuzz/regressions/<target>.txt` (commit it): every
//! later run replays it first, so a case found once stays a regression test.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is a failure with its location

mod budget;
mod bytes;
mod card;
mod json;
mod package;
mod sheets;
