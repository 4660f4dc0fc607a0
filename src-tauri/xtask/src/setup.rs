//! Installs what is missing, and only that: Debian packages, npm packages, tauri-driver.

use std::path::Path;
use std::process::Command;

use crate::process::{Step, on_path, run};

/// What building and running the app needs (Tauri on WebKitGTK; fonts that cover Traditional Chinese).
const APP_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "file",
    "libssl-dev",
    "libxdo-dev",
    "libwebkit2gtk-4.1-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "libdbus-1-dev",
    "fonts-dejavu-core",
    "fonts-noto-cjk",
    // Card readers: the PC/SC service, and the library the pcsc crate links against.
    "pcscd",
    "libpcsclite-dev",
];

/// What the tests add: a virtual display, the WebKit WebDriver, pdftotext/pdffonts to read PDFs back, a real
/// Secret Service (GNOME Keyring on a private D-Bus session bus) for the data key, the virtual card reader and
/// card, and a PostgreSQL server.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "poppler-utils",
    "dbus-daemon",
    "gnome-keyring",
    // The card tests' virtual reader (a pcscd driver) and virtual card (vsmartcard's Python vpicc).
    "vsmartcard-vpcd",
    "vsmartcard-vpicc",
    "python3-virtualsmartcard",
    "python3-pycryptodome",
    // The E2E runs the app under a Hong Kong Chinese locale as well as `C` (see e2e.rs).
    "locales",
    // The PostgreSQL backend's tests: initdb/pg_ctl for a throwaway cluster per run (see postgres.rs), and
    // psql. The package's own cluster and service are never used.
    "postgresql",
    // The test cluster's CA and server certificate, for the TLS tests (see postgres_tls.rs).
    "openssl",
];

/// The OS locales the E2E runs the app under besides `C.UTF-8`, as `/etc/locale.gen` and `locale -a` name
/// them.
pub const TEST_LOCALES: &[(&str, &str)] = &[("zh_HK.UTF-8 UTF-8", "zh_HK.utf8")];

pub fn app(root: &Path) -> Result<(), String> {
    let needs_keyring = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none();
    // Without a desktop session, `cargo xtask run` starts a private keyring (see keyring.rs).
    let keyring: &[&str] = if needs_keyring {
        &["dbus-daemon", "gnome-keyring"]
    } else {
        &[]
    };
    debian_packages(&[APP_PACKAGES, keyring].concat())?;
    npm_packages(&root.join("ui"))
}

pub fn everything(root: &Path) -> Result<(), String> {
    let all: Vec<&str> = APP_PACKAGES.iter().chain(TEST_PACKAGES).copied().collect();
    debian_packages(&all)?;
    npm_packages(&root.join("ui"))?;
    npm_packages(&root.join("tests/e2e"))?;
    test_locales()?;
    tauri_driver()
}

/// Whether `locale -a` lists `name` (e.g. `zh_HK.utf8`).
pub fn locale_available(name: &str) -> bool {
    Command::new("locale")
        .arg("-a")
        .output()
        .map(|out| {
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .any(|line| line.trim().eq_ignore_ascii_case(name))
        })
        .unwrap_or(false)
}

/// Generates the test locales that are missing, the Debian way: enabled in `/etc/locale.gen` (so a later
/// `locale-gen` keeps them), then `locale-gen`. Nothing is done when they all exist.
fn test_locales() -> Result<(), String> {
    let missing: Vec<&str> = TEST_LOCALES
        .iter()
        .filter(|(_, listed)| !locale_available(listed))
        .map(|(line, _)| *line)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let locale_gen = if on_path("locale-gen") {
        "locale-gen"
    } else {
        "/usr/sbin/locale-gen"
    };
    if locale_gen.starts_with('/') && !Path::new(locale_gen).exists() {
        return Err(format!(
            "the E2E needs the locales {missing:?}: generate them (Debian: the `locales` package)"
        ));
    }
    const LOCALE_GEN: &str = "/etc/locale.gen";
    let current = std::fs::read_to_string(LOCALE_GEN).unwrap_or_default();
    let enabled = enable_locales(&current, &missing);
    let root = is_root();
    if enabled != current {
        eprintln!("\n==> enable {missing:?} in {LOCALE_GEN}");
        if root {
            std::fs::write(LOCALE_GEN, &enabled)
                .map_err(|e| format!("cannot write {LOCALE_GEN}: {e}"))?;
        } else {
            sudo_write(LOCALE_GEN, &enabled)?;
        }
    }
    let step = if root {
        Step::new("generate the test locales", locale_gen)
    } else {
        Step::new("generate the test locales", "sudo").arg(locale_gen)
    };
    run(step)
}

/// Writes `text` to a root-owned file through `sudo tee`.
fn sudo_write(path: &str, text: &str) -> Result<(), String> {
    use std::io::Write;
    use std::process::Stdio;
    let mut tee = Command::new("sudo")
        .args(["tee", "--", path])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start sudo tee {path}: {e}"))?;
    tee.stdin
        .take()
        .ok_or("sudo tee has no stdin")?
        .write_all(text.as_bytes())
        .map_err(|e| format!("cannot write {path}: {e}"))?;
    let status = tee.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("sudo tee {path} failed: {status}"))
    }
}

/// `/etc/locale.gen` with each of `lines` enabled: its commented-out line uncommented, or the line added.
fn enable_locales(current: &str, lines: &[&str]) -> String {
    let mut out: Vec<String> = current.lines().map(str::to_owned).collect();
    for wanted in lines {
        let bare = |line: &str| line.trim_start_matches('#').trim().to_owned();
        if out.iter().any(|line| line.trim() == *wanted) {
            continue;
        }
        match out.iter_mut().find(|line| bare(line) == *wanted) {
            Some(line) => *line = (*wanted).to_owned(),
            None => out.push((*wanted).to_owned()),
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

fn installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["--show", "--showformat=${db:Status-Status}", package])
        .output()
        .map(|out| out.status.success() && out.stdout == b"installed")
        .unwrap_or(false)
}

fn debian_packages(packages: &[&str]) -> Result<(), String> {
    if !on_path("dpkg-query") {
        eprintln!(
            "xtask: not a Debian system; install the equivalents of {packages:?} yourself (see README)."
        );
        return Ok(());
    }
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let sudo: &[&str] = if is_root() { &[] } else { &["sudo"] };
    let apt = |title: &str, args: &[&str]| {
        let (program, rest) = match sudo.first() {
            Some(sudo) => (*sudo, [&["apt-get"], args].concat()),
            None => ("apt-get", args.to_vec()),
        };
        run(Step::new(title, program)
            .args(rest)
            .env("DEBIAN_FRONTEND", "noninteractive"))
    };
    apt(
        "apt-get update",
        &["-o", "DPkg::Lock::Timeout=600", "update", "-q"],
    )?;
    let install = [
        &[
            "-o",
            "DPkg::Lock::Timeout=600",
            "install",
            "-y",
            "-q",
            "--no-install-recommends",
        ],
        &missing[..],
    ]
    .concat();
    apt(
        &format!("install Debian packages: {}", missing.join(" ")),
        &install,
    )
}

pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|out| out.stdout.trim_ascii() == b"0")
        .unwrap_or(false)
}

/// `npm ci` when node_modules is missing or older than the lock file.
fn npm_packages(dir: &Path) -> Result<(), String> {
    if !on_path("npm") {
        return Err("npm is not installed: install Node.js 20.19 or newer (see README)".into());
    }
    let stamp = dir.join("node_modules/.package-lock.json");
    let lock = dir.join("package-lock.json");
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let fresh = matches!((modified(&stamp), modified(&lock)), (Some(installed), Some(locked)) if installed >= locked);
    if fresh {
        return Ok(());
    }
    run(Step::new(&format!("npm ci in {}", dir.display()), "npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .dir(dir))
}

fn tauri_driver() -> Result<(), String> {
    if on_path("tauri-driver") {
        return Ok(());
    }
    run(Step::new("install tauri-driver", "cargo").args([
        "install",
        "tauri-driver",
        "--version",
        "^2",
        "--locked",
    ]))
}

#[cfg(test)]
mod tests {
    use super::enable_locales;

    #[test]
    fn enables_a_locale_once() {
        let debian = "# zh_HK BIG5-HKSCS\n# zh_HK.UTF-8 UTF-8\n";
        let once = enable_locales(debian, &["zh_HK.UTF-8 UTF-8"]);
        assert_eq!(once, "# zh_HK BIG5-HKSCS\nzh_HK.UTF-8 UTF-8\n");
        assert_eq!(enable_locales(&once, &["zh_HK.UTF-8 UTF-8"]), once);
        assert_eq!(
            enable_locales("", &["zh_HK.UTF-8 UTF-8"]),
            "zh_HK.UTF-8 UTF-8\n"
        );
    }
}
