//! What the CLI's test files share: running `ehr` as a user would, and opening the database it wrote.

#![allow(dead_code)] // each test binary uses its own part
#![allow(clippy::unwrap_used, clippy::expect_used)] // test support: a panic is a failure with its location

use std::path::Path;
use std::process::{Command, Output};

/// Runs `ehr` with `args`, reading cards through PC/SC whatever the developer's environment says. Its stderr
/// is kept for the suite's last check, that no personal data reached any error output (xtask's privacy.rs).
pub fn ehr(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_ehr"))
        .args(args)
        .env_remove("EHR_DESK_CARD_PROGRAM")
        .output()
        .unwrap();
    keep_stderr(&output);
    output
}

/// Writes this run's stderr under `target/tmp/ehr-stderr/`, one file per run.
pub fn keep_stderr(output: &Output) {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ehr-stderr");
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!(
        "{}-{}-{run}.txt",
        env!("CARGO_CRATE_NAME"),
        std::process::id()
    );
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), &output.stderr).unwrap();
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The JSON `ehr --json` printed, or a failure that shows what it printed instead.
pub fn json_of(output: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(output))
        .unwrap_or_else(|e| panic!("{e}: {} / {}", stdout(output), stderr(output)))
}

/// The database at `db` with the CLI's own key: the one in this user's keyring (a private one, under
/// `cargo xtask test`).
pub async fn open_store(db: &Path) -> ehr_store::Store {
    let cipher =
        std::sync::Arc::new(ehr_secrets::data_key_from_keyring(ehr_core::APP_IDENTIFIER).unwrap());
    ehr_store::Store::open_sqlite(db, cipher).await.unwrap()
}

/// Runs `work` to completion on a runtime of its own.
pub fn block_on<T>(work: impl Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(work)
}
