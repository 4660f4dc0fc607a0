//! Running the steps: each is announced, and a failure names the step.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Step {
    title: String,
    program: String,
    args: Vec<OsString>,
    envs: Vec<(String, OsString)>,
    dir: Option<PathBuf>,
}

impl Step {
    pub fn new(title: &str, program: &str) -> Self {
        Step {
            title: title.to_owned(),
            program: program.to_owned(),
            args: Vec::new(),
            envs: Vec::new(),
            dir: None,
        }
    }

    pub fn args<I: IntoIterator<Item = S>, S: Into<OsString>>(mut self, args: I) -> Self {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn arg(mut self, arg: impl Into<OsString>) -> Self {
        self.args.push(arg.into());
        self
    }

    pub fn env(mut self, name: &str, value: impl Into<OsString>) -> Self {
        self.envs.push((name.to_owned(), value.into()));
        self
    }

    pub fn dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Runs this step's program through `wrapper` (e.g. a session runner): `wrapper PREFIX... program args...`.
    pub fn wrap<I: IntoIterator<Item = S>, S: Into<OsString>>(
        mut self,
        wrapper: &str,
        prefix: I,
    ) -> Self {
        let mut args: Vec<OsString> = prefix.into_iter().map(Into::into).collect();
        args.push(std::mem::take(&mut self.program).into());
        args.append(&mut self.args);
        self.program = wrapper.to_owned();
        self.args = args;
        self
    }

    pub fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        command
            .args(&self.args)
            .envs(self.envs.iter().map(|(k, v)| (k, v)));
        if let Some(dir) = &self.dir {
            command.current_dir(dir);
        }
        command
    }
}

pub fn run(step: Step) -> Result<(), String> {
    eprintln!("\n==> {}", step.title);
    let started = std::time::Instant::now();
    let status = step
        .command()
        .status()
        .map_err(|e| format!("{}: cannot start {}: {e}", step.title, step.program))?;
    eprintln!(
        "<== {} ({:.1} s)",
        step.title,
        started.elapsed().as_secs_f64()
    );
    if status.success() {
        Ok(())
    } else {
        Err(format!("{} failed ({status})", step.title))
    }
}

/// Whether a program is on PATH.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}
