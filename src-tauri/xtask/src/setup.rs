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

/// What the tests add: a virtual display, the WebKit WebDriver, pdftotext/pdffonts to read PDFs back, and a
/// real Secret Service (GNOME Keyring on a private D-Bus session bus) for the data key, and the virtual card
/// reader and card.
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
];

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
    tauri_driver()
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

fn is_root() -> bool {
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
