//! The adapter for an authorised reading component: the real HKID chip can only be read by software the
//! Immigration Department authorises, which eHealth ships with its readers. It is run as a program that
//! prints the card's fields as one JSON object ([`RawIdentity`]) on stdout and exits 0.
//!
//! Its output is held to the same rules as a card profile's: strict JSON (unknown keys refused), then
//! [`RawIdentity::validate`]. Its stdout is never logged; failure details name sizes, statuses and JSON
//! positions only.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ehr_core::patient::{Identity, RawIdentity};
use ehr_core::ports::{CardFailure, IdentityReader, ReaderPhase, ReaderState};

/// More than any identity record needs; a program printing more is misbehaving, not slow.
pub const MAX_OUTPUT: usize = 64 * 1024;
/// Once stdout has closed, how long past the deadline to wait for the program's exit status.
const DRAIN: Duration = Duration::from_millis(500);

#[derive(Debug, Clone)]
pub struct ExternalReader {
    pub program: PathBuf,
    pub args: Vec<String>,
    pub timeout: Duration,
}

fn failed(detail: impl Into<String>) -> CardFailure {
    CardFailure::ExternalReader {
        detail: detail.into(),
    }
}

impl ExternalReader {
    pub fn new(program: impl Into<PathBuf>, timeout: Duration) -> Self {
        ExternalReader {
            program: program.into(),
            args: Vec::new(),
            timeout,
        }
    }

    /// Runs the program and parses its output, without validating the fields.
    pub fn read_raw(&self) -> Result<RawIdentity, CardFailure> {
        let mut child = Command::new(&self.program)
            .args(&self.args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            // Its diagnostics may hold card data; they are not ours to keep.
            .stderr(Stdio::null())
            .spawn()
            .map_err(|error| failed(format!("cannot start {}: {error}", self.program.display())))?;
        let output = self.collect(&mut child)?;
        serde_json::from_slice::<RawIdentity>(&output).map_err(|error| {
            // serde_json's message can quote the value it choked on; only its kind and place are kept.
            failed(format!(
                "the output is not identity JSON ({:?} error at line {}, column {})",
                error.classify(),
                error.line(),
                error.column()
            ))
        })
    }

    /// The program's stdout, once it exited 0 within the timeout with at most [`MAX_OUTPUT`] bytes.
    fn collect(&self, child: &mut Child) -> Result<Vec<u8>, CardFailure> {
        let deadline = Instant::now() + self.timeout;
        let (sender, output) = mpsc::channel();
        if let Some(stdout) = child.stdout.take() {
            // A thread, so a program that fills the pipe and waits cannot stall the deadline check.
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                let read = stdout
                    .take(u64::try_from(MAX_OUTPUT + 1).unwrap_or(u64::MAX))
                    .read_to_end(&mut bytes);
                let _ = sender.send(read.map(|_| bytes));
            });
        }
        let outcome = loop {
            match output.recv_timeout(Duration::from_millis(20)) {
                Ok(Ok(bytes)) if bytes.len() > MAX_OUTPUT => {
                    break Err(failed(format!("the output is over {MAX_OUTPUT} bytes")));
                }
                Ok(Ok(bytes)) => break Ok(bytes),
                Ok(Err(error)) => break Err(failed(format!("cannot read its output: {error}"))),
                Err(mpsc::RecvTimeoutError::Timeout) if Instant::now() >= deadline => {
                    break Err(CardFailure::Timeout);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break Ok(Vec::new()),
            }
        };
        let bytes = match outcome {
            Ok(bytes) => bytes,
            Err(failure) => {
                stop(child);
                return Err(failure);
            }
        };
        // Stdout closed: the program is exiting. Its status, within what is left of the timeout.
        loop {
            match child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(bytes),
                Ok(Some(status)) => return Err(failed(format!("it exited with {status}"))),
                Ok(None) if Instant::now() >= deadline + DRAIN => {
                    stop(child);
                    return Err(CardFailure::Timeout);
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
                Err(error) => return Err(failed(format!("cannot wait for it: {error}"))),
            }
        }
    }
}

/// Kills the program and reaps it, so no zombie is left behind.
fn stop(child: &mut Child) {
    if let Err(error) = child.kill() {
        tracing::debug!(%error, "the external reader had already exited");
    }
    let _ = child.wait();
}

impl IdentityReader for ExternalReader {
    /// The component owns the reader; all that is known here is that it can be asked.
    fn state(&self) -> ReaderState {
        ReaderState::new(ReaderPhase::Ready)
    }

    /// The one state there is to know; the channel closes at once.
    fn subscribe(&self) -> mpsc::Receiver<ReaderState> {
        let (sender, receiver) = mpsc::channel();
        let _ = sender.send(self.state());
        receiver
    }

    fn select_reader(&self, name: &str) -> Result<(), CardFailure> {
        Err(CardFailure::UnknownReader(name.to_owned()))
    }

    fn read_identity(&self) -> Result<Identity, CardFailure> {
        let raw = self.read_raw().inspect_err(|failure| {
            tracing::info!(%failure, "the external reading component failed");
        })?;
        raw.validate().map_err(CardFailure::InvalidFields)
    }
}

/// Puts `script` (a shell script's text) at `path` as an executable, for tests that stand a program in for
/// the reading component. Another process (`install`) writes it: had this one, a thread forking meanwhile
/// (tests run in parallel) could inherit the write descriptor, and starting the program would fail with
/// "Text file busy" (ETXTBSY), as it once did in CI.
#[cfg(feature = "test-support")]
pub fn install_program(path: &std::path::Path, script: &str) -> std::io::Result<()> {
    let source = path.with_extension("source");
    std::fs::write(&source, script)?;
    let status = Command::new("install")
        .args(["-m", "0755"])
        .arg(&source)
        .arg(path)
        .status()?;
    std::fs::remove_file(&source)?;
    if status.success() {
        Ok(())
    } else {
        Err(std::io::Error::other(format!(
            "install exited with {status}"
        )))
    }
}
