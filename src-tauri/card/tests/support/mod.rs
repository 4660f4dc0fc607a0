//! The real PC/SC stack for tests: pcscd with vsmartcard's vpcd readers, and the virtual test card
//! (tests/card/virtual_card.py) inserted by starting it and pulled by stopping it.
//!
//! pcscd is machine-wide, so every user of the stack is serialised: one mutex within a test binary and a file
//! lock across processes. A pcscd already running that this harness did not start is an error, never silently
//! reused. vpcd's two readers listen on a pair of free TCP ports chosen per stack (the package's fixed 35963
//! and 35964 may be taken by another PC/SC stack on the same network, and then pcscd starts with no reader).

#![allow(dead_code)] // each test binary uses its own part of the harness
#![allow(clippy::unwrap_used, clippy::expect_used)] // test support: a panic is a failure with its location

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use ehr_core::ports::{ReaderPhase, ReaderState};

pub const READER_0: &str = "Virtual PCD 00 00";
pub const READER_1: &str = "Virtual PCD 00 01";
const VSMARTCARD: &str = "/usr/lib/python3/site-packages/virtualsmartcard";
const CRYPTODOME: &str = "/usr/lib/python3/dist-packages/Cryptodome";
/// Debian's python, which sees Debian's python3-* packages (a pyenv `python3` on PATH would not).
const PYTHON: &str = "/usr/bin/python3";

static SERIAL: Mutex<()> = Mutex::new(());

/// What to put in the reader.
#[derive(Debug, Clone, Default)]
pub struct CardSpec {
    /// `--kind`: good (default), foreign or no-app.
    pub kind: Option<&'static str>,
    /// The card's fields as JSON (dates YYYYMMDD); the sample card when `None`.
    pub identity: Option<serde_json::Value>,
    pub malformed: bool,
    pub wrong_sw: bool,
    pub slow_read: Option<f64>,
    /// The second reader instead of the first.
    pub second_reader: bool,
}

impl CardSpec {
    pub fn good() -> Self {
        CardSpec::default()
    }
    pub fn kind(kind: &'static str) -> Self {
        CardSpec {
            kind: Some(kind),
            ..CardSpec::default()
        }
    }
    fn reader(&self) -> &'static str {
        if self.second_reader {
            READER_1
        } else {
            READER_0
        }
    }
}

pub struct Stack {
    dir: PathBuf,
    /// The first vpcd reader's port; the second reader listens on the next one.
    port: u16,
    pcscd: Option<Child>,
    cards: Vec<(Child, &'static str)>,
    _machine: File,
    _serial: MutexGuard<'static, ()>,
}

impl Stack {
    /// Takes the stack for this test; nothing runs yet.
    pub fn new() -> Stack {
        let serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
        let machine = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(std::env::temp_dir().join("ehr-card-pcsc-stack.lock"))
            .unwrap();
        machine.lock().unwrap();
        if let Some(pid) = running_pcscd() {
            panic!(
                "a pcscd (pid {pid}) that these tests did not start is running; the tests need pcscd to \
                 themselves (they start and kill it). Stop it first: kill {pid}"
            );
        }
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("card-stack");
        std::fs::create_dir_all(&dir).unwrap();
        // Debian names pycryptodome `Cryptodome`; vsmartcard imports `Crypto`.
        let crypto = dir.join("python").join("Crypto");
        if !crypto.exists() {
            std::fs::create_dir_all(crypto.parent().unwrap()).unwrap();
            std::os::unix::fs::symlink(CRYPTODOME, &crypto).unwrap();
        }
        Stack {
            dir,
            port: free_port_pair(),
            pcscd: None,
            cards: Vec::new(),
            _machine: machine,
            _serial: serial,
        }
    }

    fn log(&self) -> PathBuf {
        self.dir.join("pcscd.log")
    }

    fn log_text(&self) -> String {
        std::fs::read(self.log())
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    }

    /// Waits until `line` appears in pcscd's log after byte `from`.
    fn wait_for_log(&self, from: usize, line: &str, timeout: Duration) {
        let started = Instant::now();
        let deadline = started + timeout;
        loop {
            let text = self.log_text();
            if text.get(from..).is_some_and(|t| t.contains(line)) {
                eprintln!("stack: {line:?} after {:?}", started.elapsed());
                return;
            }
            assert!(
                Instant::now() < deadline,
                "pcscd never logged {line:?}; its log since then:\n{}",
                text.get(from..).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Starts `pcscd --foreground --info` and waits for "daemon ready".
    pub fn start_pcscd(&mut self) {
        let readers = self.dir.join("readers.conf.d");
        std::fs::create_dir_all(&readers).unwrap();
        std::fs::write(readers.join("vpcd"), vpcd_reader_conf(self.port)).unwrap();
        let from = self.log_text().len();
        self.start_pcscd_with_args(&["--config".into(), readers.display().to_string()]);
        let log = self.log_text().split_off(from);
        assert!(
            !log.contains("Virtual PCD init failed"),
            "pcscd could not open vpcd's ports {} and {}; its log:\n{log}",
            self.port,
            self.port + 1
        );
    }

    /// Starts pcscd with an empty reader configuration: the service runs, with no reader attached (vpcd's
    /// readers are serial ones, declared in a reader.conf folder, which pcscd reads only at start).
    pub fn start_pcscd_without_readers(&mut self) {
        let empty = self.dir.join("no-readers.conf.d");
        std::fs::create_dir_all(&empty).unwrap();
        self.start_pcscd_with_args(&["--config".into(), empty.display().to_string()]);
    }

    fn start_pcscd_with_args(&mut self, extra: &[String]) {
        assert!(self.pcscd.is_none(), "pcscd is already running");
        let from = self.log_text().len();
        let log = OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log())
            .unwrap();
        let child = Command::new("pcscd")
            .args(["--foreground", "--info"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("pcscd is not installed: cargo xtask setup (or apt-get install pcscd)");
        self.pcscd = Some(child);
        self.wait_for_log(from, "daemon ready", Duration::from_secs(5));
    }

    /// Stops pcscd (TERM, as a service manager would) and waits for it to exit. Cards lose their reader and
    /// exit by themselves; they are reaped here.
    pub fn stop_pcscd(&mut self) {
        if let Some(mut child) = self.pcscd.take() {
            terminate(&mut child);
        }
        for (mut card, _) in self.cards.drain(..) {
            terminate(&mut card);
        }
    }

    /// Inserts a card: starts the virtual card and waits until pcscd reports it inserted.
    pub fn insert(&mut self, spec: &CardSpec) {
        let from = self.log_text().len();
        let mut args: Vec<String> = vec![
            root()
                .join("tests/card/virtual_card.py")
                .display()
                .to_string(),
        ];
        if let Some(kind) = spec.kind {
            args.extend(["--kind".into(), kind.into()]);
        }
        if let Some(identity) = &spec.identity {
            let path = self.dir.join("identity.json");
            std::fs::write(&path, identity.to_string()).unwrap();
            args.extend(["--identity".into(), path.display().to_string()]);
        }
        if spec.malformed {
            args.push("--malformed".into());
        }
        if spec.wrong_sw {
            args.push("--wrong-sw".into());
        }
        if let Some(seconds) = spec.slow_read {
            args.extend(["--slow-read".into(), seconds.to_string()]);
        }
        let port = if spec.second_reader {
            self.port + 1
        } else {
            self.port
        };
        args.extend(["--port".into(), port.to_string()]);
        let log = File::create(self.dir.join("card.log")).unwrap();
        let pythonpath = format!("{VSMARTCARD}:{}", self.dir.join("python").display());
        let child = Command::new(PYTHON)
            .args(&args)
            .env("PYTHONPATH", pythonpath)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("python3 is not installed");
        self.cards.push((child, spec.reader()));
        let inserted = format!("Card inserted into {}", spec.reader());
        self.wait_for_log(from, &inserted, Duration::from_secs(10));
    }

    /// When the card last inserted reached its reader, as the card itself printed it.
    pub fn inserted_at(&self) -> std::time::SystemTime {
        let log = std::fs::read_to_string(self.dir.join("card.log")).unwrap();
        let seconds: f64 = log
            .lines()
            .find_map(|line| line.strip_prefix("virtual card: connected at "))
            .expect("the card never said when it connected")
            .trim()
            .parse()
            .unwrap();
        std::time::UNIX_EPOCH + Duration::from_secs_f64(seconds)
    }

    /// Pulls the card from a reader: stops its process and waits until pcscd reports the removal.
    pub fn pull(&mut self, reader: &str) {
        let from = self.log_text().len();
        let index = self
            .cards
            .iter()
            .position(|(_, r)| *r == reader)
            .expect("no card in that reader");
        let (mut child, _) = self.cards.remove(index);
        terminate(&mut child);
        if self.pcscd.is_some() {
            self.wait_for_log(
                from,
                &format!("Card Removed From {reader}"),
                Duration::from_secs(10),
            );
        }
    }

    pub fn pull_all(&mut self) {
        while let Some(reader) = self.cards.first().map(|(_, r)| *r) {
            self.pull(reader);
        }
    }
}

impl Drop for Stack {
    fn drop(&mut self) {
        for (mut card, _) in self.cards.drain(..) {
            terminate(&mut card);
        }
        if let Some(mut child) = self.pcscd.take() {
            terminate(&mut child);
        }
    }
}

/// The repository: the nearest folder above this package that holds the virtual card (the harness is also
/// used from packages at other depths).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|dir| dir.join("tests/card/virtual_card.py").is_file())
        .expect("tests/card/virtual_card.py is above this package")
        .to_path_buf()
}

/// Two consecutive TCP ports that are free now on every interface (vpcd listens on 0.0.0.0), below Linux's
/// ephemeral range so that no outgoing connection takes one before pcscd binds it.
fn free_port_pair() -> u16 {
    let start = 20_000 + (std::process::id() % 5_000) as u16 * 2;
    (start..32_000)
        .chain(20_000..start)
        .step_by(2)
        .find(|&port| {
            let first = std::net::TcpListener::bind(("0.0.0.0", port));
            first.is_ok() && std::net::TcpListener::bind(("0.0.0.0", port + 1)).is_ok()
        })
        .expect("no two consecutive free TCP ports between 20000 and 32000")
}

/// The reader.conf entry for vpcd: its port is the low bits of the device name (0x8C7B is 35963).
fn vpcd_reader_conf(port: u16) -> String {
    format!(
        "FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME   /dev/null:0x{port:X}\n\
         LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so\nCHANNELID    0x{port:X}\n"
    )
}

/// SIGTERM (std only offers SIGKILL), then wait for the exit: pcscd cleans /run/pcscd on TERM, and a new
/// one refuses to start while the old pid lives.
fn terminate(child: &mut Child) {
    if let Ok(Some(_)) = child.try_wait() {
        return;
    }
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let started = Instant::now();
    let deadline = started + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            eprintln!(
                "stack: pid {} exited after {:?}",
                child.id(),
                started.elapsed()
            );
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// A live (not zombie) pcscd process, if any.
fn running_pcscd() -> Option<u32> {
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "pid (comm) state ...": the name is in brackets, the state follows it.
        let Some((name, rest)) = stat.split_once(") ") else {
            continue;
        };
        if name.ends_with("(pcscd") && !rest.starts_with('Z') {
            return Some(pid);
        }
    }
    None
}

/// The first state from `states` that `wanted` accepts, within `timeout`; panics with the states seen.
pub fn wait_for(
    states: &Receiver<ReaderState>,
    timeout: Duration,
    wanted: impl Fn(&ReaderState) -> bool,
) -> ReaderState {
    let deadline = Instant::now() + timeout;
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match states.recv_timeout(left) {
            Ok(state) if wanted(&state) => return state,
            Ok(state) => seen.push(state),
            Err(_) => panic!("the wanted state never came; seen: {seen:#?}"),
        }
    }
}

pub fn phase_is(phase: ReaderPhase) -> impl Fn(&ReaderState) -> bool {
    move |state| state.phase == phase
}
