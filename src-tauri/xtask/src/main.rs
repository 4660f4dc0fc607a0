//! Project automation, so that a fresh Debian 12 machine needs nothing done by hand:
//!
//! - `cargo xtask run`      installs what the app needs, builds the UI and launches the app (SQLite default);
//! - `cargo xtask test`     installs what the checks need and runs all of them, as CI does;
//! - `cargo xtask setup`    only installs (Debian packages, npm packages, tauri-driver), idempotently;
//! - `cargo xtask bindings` regenerates the UI's TypeScript bindings from the Rust commands;
//! - `cargo xtask privacy`  looks for the suite's personal data in the logs and stderr of the last test run;
//! - `cargo xtask postgres -- CMD ARGS…` runs CMD with a throwaway PostgreSQL cluster (its admin URL in
//!   `EHR_TEST_POSTGRES_URL`), e.g. `cargo xtask postgres -- cargo test -p ehr-store`; see `postgres.rs`.
//!
//! Tests run on a private D-Bus session with GNOME Keyring unlocked in it (the real Secret Service), where the
//! app keeps the key that seals personal data; see `keyring.rs`.

mod e2e;
mod keyring;
mod postgres;
mod postgres_tls;
mod privacy;
mod process;
mod setup;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::process::{Step, run};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = repository_root();
    if args.first().map(String::as_str) == Some("postgres") {
        return with_postgres(&root, &args[1..]);
    }
    let outcome = match args.first().map(String::as_str) {
        Some("run") => launch(&root),
        Some("test") => test(&root),
        Some("setup") => setup::everything(&root),
        Some("bindings") => bindings(&root),
        Some("privacy") => privacy::check(&root),
        // The E2E without building the UI again, used inside the keyring session.
        Some("e2e-only") => e2e_in_keyring_session(&root, None),
        Some("e2e") => build_ui(&root).and_then(|()| e2e_with_a_cluster(&root)),
        _ => return usage(),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: cargo xtask <run|test|setup|bindings|e2e|privacy>\n       cargo xtask postgres -- CMD [ARGS...]"
    );
    ExitCode::from(2)
}

/// `cargo xtask postgres -- CMD ARGS…`: CMD with a throwaway cluster, which is gone when CMD ends; the exit
/// status is CMD's.
fn with_postgres(root: &Path, args: &[String]) -> ExitCode {
    let args = args.strip_prefix(&["--".to_owned()]).unwrap_or(args);
    let Some((program, rest)) = args.split_first() else {
        return usage();
    };
    let cluster = match postgres::Cluster::start(root) {
        Ok(cluster) => cluster,
        Err(error) => {
            eprintln!("xtask: {error}");
            return ExitCode::FAILURE;
        }
    };
    let status = std::process::Command::new(program)
        .args(rest)
        .envs(cluster.env())
        .status();
    // The cluster is stopped and removed before xtask exits.
    drop(cluster);
    match status {
        Ok(status) => match status.code() {
            Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
            // Killed by a signal: the shell's convention, 128 + the signal.
            None => {
                use std::os::unix::process::ExitStatusExt;
                let signal = status.signal().unwrap_or(0);
                ExitCode::from(u8::try_from(128 + signal).unwrap_or(1))
            }
        },
        Err(error) => {
            eprintln!("xtask: cannot start {program}: {error}");
            ExitCode::FAILURE
        }
    }
}

fn repository_root() -> PathBuf {
    // src-tauri/xtask -> the repository root
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn launch(root: &Path) -> Result<(), String> {
    setup::app(root)?;
    build_ui(root)?;
    let app = Step::new("launch eHR Desk", "cargo")
        .args(["run", "--package", "ehr-desk"])
        .dir(root);
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
        // A desktop session: the data key goes to the user's own keyring.
        run(app)
    } else {
        // No desktop session (a headless or remote machine): a private keyring under target/ holds the key.
        eprintln!(
            "xtask: no desktop session; keeping the data key in a private keyring under target/keyring"
        );
        run(keyring::in_keyring_session(
            app,
            &root.join("target/keyring/run-app"),
        )?)
    }
}

/// The E2E needs the app's keyring: run it inside a private session unless already in one. With a PostgreSQL
/// test cluster, its admin URL is passed on in `EHR_TEST_POSTGRES_URL`.
fn e2e_in_keyring_session(root: &Path, postgres_url: Option<&str>) -> Result<(), String> {
    if keyring::inside() && postgres_url.is_none() {
        return e2e::run(root);
    }
    let exe = std::env::current_exe().map_err(|e| format!("cannot find xtask itself: {e}"))?;
    let mut step = Step::new(
        "desktop E2E (in a private keyring session)",
        &exe.to_string_lossy(),
    )
    .arg("e2e-only")
    .dir(root);
    if let Some(url) = postgres_url {
        step = step.env(postgres::URL_VAR, url);
    }
    if keyring::inside() {
        // Already in a keyring session (e.g. `cargo xtask test` run inside one): only the variable is added.
        return run(step);
    }
    run(keyring::in_keyring_session(
        step,
        &root.join("target/keyring/e2e"),
    )?)
}

/// `cargo xtask e2e` on its own: a throwaway PostgreSQL cluster for the E2E files that need one (the office
/// database), as `cargo xtask test` gives them; stopped and removed when the run ends.
fn e2e_with_a_cluster(root: &Path) -> Result<(), String> {
    let cluster = postgres::Cluster::start(root)?;
    e2e_in_keyring_session(root, Some(&cluster.url()))
}

fn bindings(root: &Path) -> Result<(), String> {
    run(Step::new("regenerate the TypeScript bindings", "cargo")
        .args(["test", "--package", "ehr-desk", "--test", "bindings"])
        .env("EHR_UPDATE_BINDINGS", "1")
        .dir(root))
}

fn build_ui(root: &Path) -> Result<(), String> {
    run(Step::new("build the UI", "npm")
        .args(["run", "build"])
        .dir(root.join("ui")))
}

/// Every check CI runs, cheapest first, so a mistake fails fast.
fn test(root: &Path) -> Result<(), String> {
    setup::everything(root)?;
    let ui = root.join("ui");
    run(Step::new("rustfmt", "cargo")
        .args(["fmt", "--all", "--check"])
        .dir(root))?;
    run(Step::new("UI type check", "npm")
        .args(["run", "typecheck"])
        .dir(&ui))?;
    run(Step::new("UI lint", "npm").args(["run", "lint"]).dir(&ui))?;
    run(Step::new("UI unit tests", "npm").args(["test"]).dir(&ui))?;
    // The app embeds ui/dist at compile time, so the UI is built before any Rust build of the app.
    build_ui(root)?;
    run(Step::new("clippy", "cargo")
        .args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .dir(root))?;
    // One throwaway PostgreSQL cluster for the Rust tests and the E2E; each test makes its own database on it.
    // It is stopped and removed when `cluster` is dropped, at the end of this function, also on a failure.
    let cluster = postgres::Cluster::start(root)?;
    // The fuzz targets (tests/fuzz) get a longer budget here than in a plain `cargo test`: 11 targets × 30 s
    // on 2 test threads, about three minutes.
    let mut tests = Step::new("Rust tests", "cargo")
        .args(["test", "--workspace"])
        .env("EHR_FUZZ_SECONDS", "30")
        .dir(root);
    for (name, value) in cluster.env() {
        tests = tests.env(name, value);
    }
    // Only this run's stderr is judged below.
    for kept in [privacy::STDERR_DIR, privacy::STDOUT_DIR, privacy::IPC_DIR] {
        let kept = root.join(kept);
        if kept.exists() {
            std::fs::remove_dir_all(&kept)
                .map_err(|e| format!("cannot clear {}: {e}", kept.display()))?;
        }
    }
    run(keyring::in_keyring_session(
        tests,
        &root.join("target/keyring/tests"),
    )?)?;
    e2e_in_keyring_session(root, Some(&cluster.url()))?;
    privacy::check(root)
}
