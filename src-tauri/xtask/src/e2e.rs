//! The desktop end-to-end run: the built app under Xvfb, driven by the tests in `tests/e2e` through
//! tauri-driver and WebKitWebDriver. Screenshots, the app's data and its logs are left in `target/e2e/`.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::process::{Step, run as run_step};
use crate::setup;

pub fn run(root: &Path) -> Result<(), String> {
    // The tests drive the app and read its database back with the `ehr` CLI. They are built as the Rust
    // tests build them (`cargo test` builds a package's binaries for its integration tests): a plain
    // `cargo build` of two packages resolves other features, compiles tauri, GTK and sqlx a second time and
    // takes gigabytes more of a CI machine's disk. After `cargo xtask test`'s Rust tests this is a no-op.
    run_step(
        Step::new("build the app and the CLI for E2E", "cargo")
            .args(["test", "--workspace", "--no-run"])
            .dir(root),
    )?;
    // Where cargo put them: CARGO_TARGET_DIR when set (a worktree sharing another's build cache).
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let out = root.join("target/e2e");
    if out.exists() {
        std::fs::remove_dir_all(&out)
            .map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    // The run's own copies, side by side (the tests find `ehr` beside the app): a build of another
    // worktree sharing the target dir cannot swap them half-way through the run.
    let bin = out.join("bin");
    std::fs::create_dir_all(&bin).map_err(|e| format!("cannot create {}: {e}", bin.display()))?;
    for name in ["ehr-desk", "ehr"] {
        let built = target.join("debug").join(name);
        std::fs::copy(&built, bin.join(name))
            .map_err(|e| format!("cannot copy {}: {e}", built.display()))?;
    }
    let app = bin.join("ehr-desk");
    let files = e2e_test_files(root)?;
    if files.iter().any(|file| file.ends_with(EACH_LOCALE)) {
        for (_, listed) in setup::TEST_LOCALES {
            if !setup::locale_available(listed) {
                return Err(format!(
                    "the locale {listed} is missing (glibc would fall back to C without a word): run `cargo xtask setup`"
                ));
            }
        }
    }
    let (xvfb, display) = start_xvfb()?;
    let mut failed = Vec::new();
    // Each test file gets a fresh home (so a fresh database, language choice and exports folder) and its own
    // driver: files cannot see each other's data, and a crash in one does not take the others down.
    for file in files {
        let locales = if file.ends_with(EACH_LOCALE) {
            LOCALES
        } else {
            &LOCALES[..1]
        };
        for locale in locales {
            let stem = file.trim_end_matches(".test.mjs");
            let home = match locale.name {
                "c" => out.join("homes").join(stem),
                other => out.join("homes").join(format!("{stem}-{other}")),
            };
            std::fs::create_dir_all(&home)
                .map_err(|e| format!("cannot create {}: {e}", home.display()))?;
            let outcome = run_file(root, &app, &out, &home, &display, &file, locale);
            if let Err(error) = outcome {
                eprintln!("xtask: {error}");
                failed.push(format!("{file} ({})", locale.lang));
            }
        }
    }
    drop(xvfb);
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("desktop E2E failed in {}", failed.join(", ")))
    }
}

/// An OS locale the app runs under: `LANG`, and `LANGUAGE`, which GTK and WebKit read first for messages
/// and `navigator.language`.
struct Locale {
    name: &'static str,
    lang: &'static str,
    language: &'static str,
}

/// The bare machine's `C` locale (where a native date input is month first) for every file; Hong Kong
/// Chinese as well for the files named `*.each-locale.test.mjs`, which check that what is typed and shown
/// does not depend on it. The first is the default.
const LOCALES: &[Locale] = &[
    Locale {
        name: "c",
        lang: "C.UTF-8",
        language: "en",
    },
    Locale {
        name: "zh-hk",
        lang: "zh_HK.UTF-8",
        language: "zh_HK",
    },
];

const EACH_LOCALE: &str = ".each-locale.test.mjs";

fn run_file(
    root: &Path,
    app: &Path,
    out: &Path,
    home: &Path,
    display: &str,
    file: &str,
    locale: &Locale,
) -> Result<(), String> {
    let port = free_port()?;
    let native_port = free_port()?;
    let mut driver = Command::new("tauri-driver");
    driver
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .env("DISPLAY", display)
        // The app resolves its data, log and documents folders from these.
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("LANGUAGE", locale.language)
        .env("LANG", locale.lang)
        // Nothing from the caller's own locale overrides LANG.
        .env_remove("LC_ALL")
        .env_remove("LC_TIME")
        .env_remove("LC_MESSAGES")
        // The card adapter at its most verbose (each APDU, redacted), so the E2E can check that no card data
        // reaches the log even then.
        .env("EHR_DESK_LOG", "info,ehr_card=trace")
        .stdout(Stdio::null());
    let driver = ProcessGroup::spawn("tauri-driver", driver)?;
    wait_for_port(port, Duration::from_secs(20))?;
    // tauri-driver listens before the WebKitWebDriver it starts does, and a session asked for in between has
    // its connection dropped (UND_ERR_SOCKET, seen on a loaded CI machine): wait for both.
    wait_for_port(native_port, Duration::from_secs(20))?;
    let outcome = run_step(
        Step::new(
            &format!("desktop E2E: {file} under {}", locale.lang),
            "node",
        )
        .args([
            "--test",
            "--test-concurrency=1",
            "--test-reporter=spec",
            file,
        ])
        .env("E2E_APP", app)
        .env("E2E_DRIVER_PORT", port.to_string())
        .env("E2E_OUT", out)
        .env("E2E_HOME", home)
        .env("E2E_LOCALE", locale.lang)
        .env("E2E_DATA_HOME", home.join(".local/share"))
        .dir(root.join("tests/e2e")),
    );
    drop(driver);
    outcome
}

fn e2e_test_files(root: &Path) -> Result<Vec<String>, String> {
    let dir = root.join("tests/e2e");
    let entries =
        std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".test.mjs"))
        // While working on one screen: `E2E_ONLY=patient cargo xtask e2e` runs the files whose names contain it.
        .filter(|name| std::env::var("E2E_ONLY").map_or(true, |only| name.contains(&only)))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no *.test.mjs files in {}", dir.display()));
    }
    Ok(files)
}

/// Starts Xvfb on the first free display and answers it (`:N`).
fn start_xvfb() -> Result<(ProcessGroup, String), String> {
    let mut command = Command::new("Xvfb");
    command
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x900x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped());
    let mut xvfb = ProcessGroup::spawn("Xvfb", command)?;
    let stdout = xvfb.child.stdout.take().ok_or("Xvfb has no stdout")?;
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| format!("cannot read Xvfb's display: {e}"))?;
    let number = line.trim();
    if number.is_empty() {
        return Err("Xvfb did not report a display".into());
    }
    Ok((xvfb, format!(":{number}")))
}

pub fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

fn wait_for_port(port: u16, limit: Duration) -> Result<(), String> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!("nothing listened on port {port} within {limit:?}"))
}

/// A child in its own process group; dropping it stops the whole group (the driver, the app, WebKit's
/// helpers), even when a test failed half-way.
struct ProcessGroup {
    name: &'static str,
    child: Child,
}

impl ProcessGroup {
    fn spawn(name: &'static str, mut command: Command) -> Result<Self, String> {
        let child = command
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start {name}: {e}"))?;
        Ok(ProcessGroup { name, child })
    }
}

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        eprintln!("xtask: {} did not stop on TERM; killing it", self.name);
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}
